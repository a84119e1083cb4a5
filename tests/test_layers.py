"""Architecture contract: the domain never imports Streamlit; SQL stays in the store."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python_files(*folders: str):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_domain_and_loaders_never_import_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files("tracker", "loaders")
        if "streamlit" in _imports(p)
    ]
    assert offenders == []


SQL = re.compile(
    r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|"
    r"CREATE\s+(TABLE|MACRO|VIEW))\b",
    re.IGNORECASE,
)


def test_pages_and_ui_hold_no_sql():
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files("pages", "ui")
        if SQL.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_pages_never_import_duckdb():
    offenders = [
        str(p.relative_to(ROOT)) for p in _python_files("pages", "ui") if "duckdb" in _imports(p)
    ]
    assert offenders == []


def test_the_store_layer_imports_neither_loaders_nor_the_ui():
    offenders = [str(p.relative_to(ROOT)) for p in _python_files("tracker/store")
                 if _imports(p) & {"loaders", "ui", "streamlit"}]
    assert offenders == []


def test_the_layer_contracts_hold_and_no_package_has_an_import_cycle():
    """pyproject's [tool.importlinter]: layers one way, loaders' own layers, no cycles."""
    import subprocess
    import sys

    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout
