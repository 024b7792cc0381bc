"""Run scorecardgen with a fixed cache salt, for timing code changes on a warm cache.

The cache's keys are salted with scorecardgen's own sources (``cache.salt``), so any edit
to the code empties it and the next build of a 1,000-vendor organisation is cold (~5
minutes). For an experiment that does not change what is cached, this wrapper keeps one
salt across edits:

    PYTHONPATH=. python benchmarks/fixed_salt.py -C /tmp/bench1000/project build -o out

Never for a real site: a cache made this way can serve output of other code.
"""

import sys

import scorecardgen.cache as cache

cache.salt = lambda: "fixed-salt-for-experiments"  # also in the chart workers: they import this

if __name__ == "__main__":
    from scorecardgen.cli import main

    sys.exit(main())
