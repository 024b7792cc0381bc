"""scorecardgen: a static site generator for published vendor scorecards."""

__version__ = "0.1.0"
