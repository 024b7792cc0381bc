"""The site plan: which pages exist, at which url, with which template and ready-made values."""
