"""Architecture contract: the domain never imports Streamlit; SQL stays in the store; pages
and ui/ read through view functions, never a query by name, and pages draw from views and use
cases only. (The packages' own layers are import-linter's contracts in pyproject.toml; pages/
are scripts, not a package, so their imports are checked here.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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
        for p in _python_files("tracker", "loaders", "store", "domain")
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


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, dotted in full (``from tracker import views`` gives
    ``tracker.views``), wherever the import statement sits."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


# What a page may use of our code: the Streamlit frame and everything a page draws from. The
# store (SQL), the parsers and DuckDB are reached through views and use cases only.
PAGE_MAY_IMPORT = (
    "ui",
    "tracker.views",
    "tracker.charts",
    "tracker.exports",
    "tracker.usecases",
    "domain",
)
OURS_AND_DUCKDB = {"tracker", "loaders", "store", "domain", "ui", "duckdb"}

# Pages that still call the parsers themselves (none: they go through tracker.usecases).
PAGES_STILL_IMPORTING_LOADERS: dict[str, str] = {}


def _page_params() -> list:
    params = []
    for path in sorted([ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py")]):
        name = str(path.relative_to(ROOT))
        reason = PAGES_STILL_IMPORTING_LOADERS.get(name)
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        params.append(pytest.param(path, id=name, marks=marks))
    return params


def _allowed_for_a_page(module: str) -> bool:
    if module.split(".")[0] not in OURS_AND_DUCKDB:
        return True  # the standard library, streamlit, pandas, ...
    return any(module == top or module.startswith(top + ".") for top in PAGE_MAY_IMPORT)


@pytest.mark.parametrize("page", _page_params())
def test_a_page_imports_only_ui_views_charts_exports_usecases_and_domain(page):
    offenders = sorted(m for m in _imported_modules(page) if not _allowed_for_a_page(m))
    assert offenders == []


def test_the_page_rule_refuses_the_store_the_parsers_and_duckdb():
    assert _allowed_for_a_page("tracker.views.summary")
    assert _allowed_for_a_page("ui.data.call") and _allowed_for_a_page("streamlit")
    for module in (
        "store.database",
        "loaders.plans.document",
        "duckdb",
        "tracker",
        "tracker.cli.main",
        "uikit",
    ):
        assert _allowed_for_a_page(module) == (module == "uikit"), module


def test_the_store_layer_imports_neither_loaders_nor_the_ui():
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files("store")
        if _imports(p) & {"loaders", "ui", "streamlit"}
    ]
    assert offenders == []


def test_the_layer_contracts_hold_and_no_package_has_an_import_cycle():
    """pyproject's [tool.importlinter]: layers one way, loaders' own layers, no cycles."""
    import subprocess
    import sys

    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


QUERY_NAMES = {p.name.split(".")[0] for p in (ROOT / "store" / "sql").rglob("*.sql")}
STORE_READS = {"frame", "rows", "scalar", "run", "run_many"}


def _named_queries(path: Path) -> list[str]:
    """Where `path` names a store query: a call ``x.frame("name", ...)`` (or rows, scalar,
    run) with a literal first argument, or any string literal that is a query's name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in STORE_READS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(f"{node.lineno}: .{node.func.attr}({node.args[0].value!r})")
        elif isinstance(node, ast.Constant) and node.value in QUERY_NAMES:
            found.append(f"{node.lineno}: {node.value!r}")
    return found


def test_pages_and_ui_never_name_a_store_query():
    """Pages and ui/ ask view functions (tracker.views) for what they draw."""
    assert "status_counts" in QUERY_NAMES  # the check looks at the real query names
    offenders = {
        str(p.relative_to(ROOT)): found
        for p in _python_files("pages", "ui")
        if (found := _named_queries(p))
    }
    assert offenders == {}


def test_the_query_check_catches_a_named_query(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('rows = data.frame("heatmap_cells", plan=None)\nname = "plans_list"\n')
    found = _named_queries(page)
    assert "1: .frame('heatmap_cells')" in found and "2: 'plans_list'" in found
    page.write_text('rows = data.call(heatmap.load_units, plan=None)\nname = "plans"\n')
    assert _named_queries(page) == []
