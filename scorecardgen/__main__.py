"""Allow ``python -m scorecardgen``."""

from scorecardgen.cli import main

if __name__ == "__main__":
    main()
