"""One error tree: every exception the product raises on purpose derives from TrackerError,
carries a Vietnamese sentence, and the command line turns it into its exit code."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from domain.errors import TrackerError

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tracker", "loaders", "store", "domain")
# Raised and caught inside one module, never seen by a caller.
PRIVATE = {"_Known", "_Refused"}
# A programmer's or the database's error: the store turns it into a Problem before any user
# could see it, so it carries no sentence for a user.
INTERNAL = {"ConstraintViolation"}


def _exception_classes():
    for path in sorted(p for top in PACKAGES for p in (ROOT / top).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name not in PRIVATE | INTERNAL:
                cls = getattr(importlib.import_module(module), node.name)
                if isinstance(cls, type) and issubclass(cls, BaseException):
                    yield cls


def test_every_public_exception_is_a_tracker_error():
    found = list(_exception_classes())
    assert len(found) >= 6  # the walk sees the tree: NotFound, Rejected, Forbidden, StoreBusy, …
    assert [c.__name__ for c in found if not issubclass(c, TrackerError)] == []
