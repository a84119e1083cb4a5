"""Every module, file and command that a text of the repository names exists.

The texts are the repository's ``.py``, ``.sql`` and ``.md`` files (and the Makefile, the
shipped configuration). Three kinds of name are resolved:

- a path into the repository (``tracker/views/heatmap.py``, ``docs/security.md``,
  ``store/sql/…``): the file or folder exists, from the repository root or from the folder
  of the text that names it;
- a dotted module name of ours (``tracker.views.heatmap``, ``loaders.reports.catalog.Catalog``):
  the module exists, and a name after it is defined in it;
- a command (``python -m tracker ingest``, ``tracker user add``): the command line has it.

A name that is meant as an example of something that does not exist yet is not written.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import subprocess
import tokenize
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tracker", "loaders", "ui", "store", "domain", "pages", "bench", "tests")
TEXT_SUFFIXES = {".py", ".sql", ".md", ".toml", ".conf", ".service", ".timer", ".cfg"}
EXTRA_TEXTS = {"Makefile"}
# Paths that name what the product makes at run time (ignored by git), not what it ships.
MADE_AT_RUN_TIME = (
    "data/tracker",
    "data/blobs",
    "data/demo/reports",
    ".venv",
    "test-artifacts",
    "tests/oidc/node_modules",
)
PATH = re.compile(
    r"(?<![\w./@-])((?:\.\./)?(?:[\w-]+/)+[\w.@*-]*\w|[\w-]+\.(?:py|sql|md|toml|conf|service|timer))"
    r"(?![\w/@(-])"
)
DOTTED = re.compile(
    r"(?<![\w./-])((?:tracker|loaders|ui|store|domain)(?:\.[A-Za-z_]\w*)+)(?![\w@(-])"
)
# "tracker.duckdb", "tracker.conf": file names, not modules.
FILE_SUFFIXES = {"py", "sql", "md", "duckdb", "conf", "json", "xlsx", "docx", "csv", "zip", "toml"}
COMMAND = re.compile(r"(?:python -m tracker|`tracker)((?: +(?:--by [\w.-]+ +)?[a-z][a-z-]*)+)")


@cache
def tracked_texts() -> tuple[Path, ...]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return tuple(
        ROOT / name
        for name in sorted(set(listed))
        if (Path(name).suffix in TEXT_SUFFIXES or Path(name).name in EXTRA_TEXTS)
        and (ROOT / name).is_file()
        and not name.startswith(("tests/oidc/node_modules", "tests/data/"))
    )


@cache
def repo_names() -> frozenset[str]:
    return frozenset(path.name for path in tracked_texts()) | frozenset(
        path.name for path in ROOT.rglob("*") if ".venv" not in path.parts
    )


def _is_repo_path(text: str) -> bool:
    first = text.split("/", 1)[0]
    return "/" in text and (ROOT / first).exists() and not text.startswith(MADE_AT_RUN_TIME)


def path_exists(name: str, where: Path) -> bool:
    name = name.rstrip(".")
    if name.endswith(".*"):
        return any(ROOT.glob(name[:-1] + "*"))
    if re.search(r"(^|/)[A-Z]+([._/]|$)", name):
        return True  # "sql/NAME.sql": a placeholder stands for a family
    candidates = [ROOT / name, where.parent / name]
    return any(c.exists() for c in candidates) or any(
        # A glob-like name ("migrations/NNN_*.sql", "sql/<name>.sql") stands for a family.
        ch in name
        for ch in "*<>"
    )


def missing_paths(text: str, where: Path) -> list[str]:
    found = []
    for match in PATH.finditer(text):
        name = match.group(1)
        if name.startswith("../") or "://" in text[max(0, match.start() - 8) : match.end()]:
            continue
        if "/" in name:
            if text[match.end() : match.end() + 2] == ".*":  # "deploy/x.*": every x.something
                name += ".*"
            if _is_repo_path(name) and not path_exists(name, where):
                found.append(name)
        elif name not in repo_names() and Path(name).suffix in {".py", ".sql"}:
            found.append(name)
    return found


def module_file(parts: list[str]) -> tuple[Path, list[str]] | None:
    """The longest prefix of ``parts`` that is one of our modules, and the names after it."""
    for cut in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:cut])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate, parts[cut:]
        if base.is_dir() and cut == len(parts):
            return base, []
    return None


def defines(module: Path, name: str) -> bool:
    if module.is_dir():
        return (module / f"{name}.py").exists() or (module / name).is_dir()
    source = module.read_text(encoding="utf-8")
    pattern = rf"^\s*(?:async def|def|class)\s+{name}\b|^\s*{name}\s*[:=]|import[^\n]*\b{name}\b"
    if re.search(pattern, source, re.MULTILINE):
        return True
    sibling = module.parent / f"{name}.py" if module.name == "__init__.py" else None
    return bool(sibling and sibling.exists())


def missing_modules(text: str) -> list[str]:
    found = []
    for match in DOTTED.finditer(text):
        dotted = match.group(1).rstrip(".")
        parts = dotted.split(".")
        if len(parts) < 2 or parts[-1] in FILE_SUFFIXES:
            continue
        resolved = module_file(parts)
        if resolved is None:
            found.append(dotted)
            continue
        module, rest = resolved
        if rest and not defines(module, rest[0]):
            found.append(dotted)
    return found


@cache
def command_tree() -> dict[str, set[str]]:
    from tracker.cli.main import build_parser

    tree: dict[str, set[str]] = {}
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                tree[name] = set()
                for inner in sub._actions:
                    if isinstance(inner, argparse._SubParsersAction):
                        tree[name] |= set(inner.choices)
    return tree


def missing_commands(text: str) -> list[str]:
    found = []
    for match in COMMAND.finditer(text):
        words = re.sub(r"--by [\w.-]+", "", match.group(1)).split()
        if not words:
            continue
        command = words[0]
        if command not in command_tree():
            found.append(command)
        elif command_tree()[command] and len(words) > 1 and words[1] not in command_tree()[command]:
            if re.fullmatch(r"[a-z]+", words[1]):
                found.append(" ".join(words[:2]))
    return found


def words_of(path: Path) -> str:
    """What a reader reads of a file: all of a text, only the docstrings and comments of code."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix != ".py":
        return text
    pieces = [
        token.string
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            pieces.append(ast.get_docstring(node) or "")
    return "\n".join(pieces)


def _texts() -> list[Path]:
    return [p for p in tracked_texts() if p.name != Path(__file__).name]


@pytest.mark.parametrize("path", _texts(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_name_a_text_gives_exists(path: Path) -> None:
    text = words_of(path)
    missing = {
        "paths": missing_paths(text, path),
        "modules": missing_modules(text),
        "commands": missing_commands(text),
    }
    assert not any(missing.values()), (
        f"{path.relative_to(ROOT)} names what does not exist: {missing}"
    )


def test_the_checker_finds_what_is_missing() -> None:
    here = ROOT / "README.md"
    assert missing_paths("see `tracker/no_such_module.py`", here) == ["tracker/no_such_module.py"]
    assert missing_paths("see `tracker/views/heatmap.py`", here) == []
    assert missing_modules("the :mod:`loaders.no_such` module") == ["loaders.no_such"]
    assert missing_modules("a `tracker.views.heatmap.no_such_function`") == [
        "tracker.views.heatmap.no_such_function"
    ]
    assert missing_modules("`tracker.views.heatmap`") == []
    assert missing_commands("run `python -m tracker no-such-command`") == ["no-such-command"]
    assert missing_commands("run `python -m tracker user add NAME`") == []
    assert missing_commands("run `python -m tracker user fly NAME`") == ["user fly"]
