"""``python -m tracker``: the command line. Each command is a module of :mod:`tracker.cli`
with ``register(subparsers)``; commands stay thin and call the library.

Any :class:`~domain.errors.TrackerError` (a refused role, a name that does not
exist, a database busy for the whole wait, …) ends the command with its Vietnamese message
on stderr and its exit code (``StoreBusy.exit_code`` for a busy database), not a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from domain.errors import TrackerError
from tracker import cli as commands
from tracker.cli import BY_HELP

NOT_COMMANDS = {"main"}


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
    except TrackerError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
