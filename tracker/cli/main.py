"""``python -m tracker``: the command line. Each command is a module of :mod:`tracker.cli`
with ``register(subparsers)``; commands stay thin and call the library.

A database that stays busy for the whole wait (the app or another command holding the
DuckDB file, a PostgreSQL server that does not answer) ends the command with the store's
Vietnamese message on stderr and exit code :data:`BUSY`, not a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from tracker import cli as commands
from tracker.cli import BY_HELP
from tracker.domain.access import Forbidden
from tracker.store.database import StoreBusy

NOT_COMMANDS = {"main"}
BUSY = 75
"""Exit code when the database could not be had in time (EX_TEMPFAIL: try again later)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tracker",
        description="Theo dõi thực hiện kế hoạch: dòng lệnh (plan-implementation tracker).",
    )
    parser.add_argument("--by", default="", help=BY_HELP)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name in NOT_COMMANDS:
            continue
        module = importlib.import_module(f"tracker.cli.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except Forbidden as refused:
        print(str(refused), file=sys.stderr)
        return 1
    except StoreBusy as busy:
        print(f"Lỗi: {busy}", file=sys.stderr)
        return BUSY


if __name__ == "__main__":
    sys.exit(main())
