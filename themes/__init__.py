"""The built-in themes shipped with scorecardgen (a package so importlib.resources finds it)."""
