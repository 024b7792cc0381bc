"""Check that two builds of a site are byte-identical, file by file.

    python benchmarks/compare_output.py BEFORE_DIR AFTER_DIR
    python benchmarks/compare_output.py --project PROJECT BEFORE_DIR
    python benchmarks/compare_output.py --project PROJECT

With two folders, compares them. With --project and one folder, builds PROJECT now
(`python -m scorecardgen -C PROJECT build --no-cache`) and compares that build with the folder,
e.g. a baseline built before a refactoring. With --project alone, builds PROJECT twice and
compares the two builds (is the build deterministic?).

Prints `identical: N files`, or each differing path with what differs (`only in before`,
`only in after`, `differs`) and exits 1. Works on the example content and on the benchmark
organisation alike (`python benchmarks/generate.py DIR --vendors 100` makes one).
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path


def files_below(root: Path) -> set[str]:
    """Every file below ``root``, as POSIX paths relative to it."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def compare(before: Path, after: Path) -> tuple[int, list[tuple[str, str]]]:
    """(files compared, [(path, what differs)]) for two output folders, paths sorted."""
    old, new = files_below(before), files_below(after)
    problems = [(path, "only in before") for path in old - new]
    problems += [(path, "only in after") for path in new - old]
    # shallow=False: compare the bytes, never just size and modification time.
    problems += [
        (path, "differs")
        for path in old & new
        if not filecmp.cmp(before / path, after / path, shallow=False)
    ]
    return len(old | new), sorted(problems)


def build(project: Path, out: Path) -> None:
    """Build ``project`` into ``out`` with no cache, in a fresh process; exit on failure."""
    command = [sys.executable, "-m", "scorecardgen", "-C", str(project), "build"]
    command += ["--no-cache", "-o", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"build of {project} failed ({done.returncode}):\n{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    """Run the comparison the arguments ask for; 0 when identical, 1 when anything differs."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="*", type=Path, metavar="DIR", help="built folders")
    parser.add_argument("--project", type=Path, help="a project to build (with --no-cache)")
    args = parser.parse_args(argv)
    wanted = 1 if args.project else 2
    if len(args.folders) > wanted or (not args.project and len(args.folders) != 2):
        parser.error("give BEFORE_DIR AFTER_DIR, or --project PROJECT [BEFORE_DIR]")
    for folder in args.folders:
        if not folder.is_dir():
            parser.error(f"{folder} is not a folder")

    with tempfile.TemporaryDirectory(prefix="scorecardgen-compare-") as work:
        folders = list(args.folders)
        while len(folders) < 2:
            out = Path(work) / f"build{len(folders)}"
            build(args.project, out)
            folders.append(out)
        count, problems = compare(folders[0], folders[1])

    for path, what in problems:
        print(f"{what}: {path}")
    if problems:
        print(f"{len(problems)} of {count} files differ")
        return 1
    print(f"identical: {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
