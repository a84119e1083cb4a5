"""What the server does before its first visitor: the first run's imports and the store.

A Streamlit server runs nothing of the app until a browser's websocket asks for a run, and
a browser asks only once it has loaded and evaluated Streamlit's front end (1-2 s after
the server answers). The first run imported pandas, plotly, DuckDB and our modules and
opened the Store (migrations checked) while the visitor waited.

``serve.py``'s lifespan starts :func:`warm_up` in a daemon thread once Streamlit's runtime
is up: it lets Streamlit make the check it makes before its first element
(:func:`_streamlit`), imports the modules that the entry script and the default page
import (read from their source, so the list follows the code), opens the Store through the
same cache the pages use (:func:`ui.data.get_store`), asks the gate's first question,
computes the default page's reads for the view a first visit opens on (every plan, the
default as-of date, every group: :func:`first_page`) into the cache every session reads
through (:func:`ui.data.warm`), and makes a first plotly figure of each trace type the
charts draw. On a million obligations those reads are the first run's largest part
(0.3-1.3 s); run here without the cache they only competed with the first run's (a query
is no faster the second time), through it the first run finds them made. A first run that
starts meanwhile waits on Python's import lock for a module being imported, and on the
cache's lock for a value being computed, never doing either twice. A failure is logged and
left to the first run to meet again, with its message. The Store is left alone while the
database file does not exist yet: the first run builds the demo with its spinner.
"""

from __future__ import annotations

import ast
import gc
import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "dashboard.py"
TRACE_TYPES = ("bar", "heatmap", "scatter")
"""The plotly trace types :mod:`tracker.charts` draws."""
ALSO = ("PIL.Image",)
"""Imported by Streamlit at the first ``st.set_page_config`` with our page icon (a file:
PIL reads it), 0.15-0.25 s that no script names."""
_LOG = logging.getLogger(__name__)


def first_imports() -> list[str]:
    """The modules imported at the top level of the entry script and of the default page,
    in their order (a page file is a script: read, not imported)."""
    from ui.menu import DEFAULT

    found: list[str] = []
    for script in (ENTRY, ROOT / DEFAULT):
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
                names += [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            found += [name for name in names if name not in found]
    return found


def _import(name: str) -> None:
    try:
        importlib.import_module(name)
    except ImportError:
        pass  # a name imported from a module, not a module of its own


def _plotly() -> None:
    """Plotly loads each trace type's classes and validators at its first figure (0.2 s)."""
    import plotly.graph_objects as go
    import plotly.io

    plotly.io.to_json(go.Figure([{"type": kind} for kind in TRACE_TYPES]))


def warm_up() -> None:
    """Let Streamlit make its once-per-process check, then, side by side, open the Store,
    ask whether sign-in is required and compute :func:`first_page`'s reads (in a thread of
    their own: the queries run in DuckDB's C++ without the interpreter lock, so they
    overlap the imports instead of waiting for them) while this thread imports
    :func:`first_imports` and makes a first figure; returns when both are done, after
    :func:`settle`."""
    try:
        _streamlit()  # first: its cost grows with every module loaded
        from domain.settings import database_path, database_target

        file = database_path()
        reads = None
        if database_target() != str(file) or file.exists():  # not a demo still to be built
            reads = threading.Thread(target=_reads, name="tracker-warm-reads", daemon=True)
            reads.start()
        for name in (*first_imports(), *ALSO):
            _import(name)
        _plotly()
        if reads is not None:
            reads.join()
        settle()
    except Exception:  # noqa: BLE001 - logged; the first run meets it again and shows it
        _LOG.exception("warming up before the first visitor failed")


def settle() -> None:
    """Move every object alive now (modules, classes, plotly's validators, the cache's
    first values) out of the garbage collector's sight with :func:`gc.freeze`. Otherwise
    each full collection walks them all again: 85-100 ms with the interpreter lock held,
    every few page runs, in whichever visitor's run it lands. Garbage already unreachable
    at this moment is kept for the life of the process (a one-off, small amount)."""
    gc.freeze()


class _NotOurs(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warning for the warm-up's own threads,
    which read through the cache outside any session on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.threadName or "").startswith("tracker-warm")


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NotOurs())


def _reads() -> None:
    try:
        _store()
        first_page()
    except Exception:  # noqa: BLE001 - logged; the first run meets it again and shows it
        _LOG.exception("warming up the first page's reads failed")


def _store() -> None:
    from tracker.usecases import accounts
    from ui import data

    accounts.sign_in_required(data.get_store())


def first_page() -> None:
    """The default page's reads (:data:`ui.menu.DEFAULT`, the overview) for the view a
    first visit opens on, through the cache the page reads through: what
    :func:`ui.frame.page_frame` and the page ask for with no filter chosen (every plan, the
    newest report's date, every group and status)."""
    from domain.scope import Scope
    from tracker.views import choices, review, summary
    from ui import data

    data.warm(choices.plans)
    data.warm(choices.unit_groups)
    as_of = data.warm(summary.default_as_of, plan=None)
    data.warm(review.to_review, plan=None)
    data.warm(summary.overview, scope=Scope.of(as_of, None, [], []).every_status())


def _streamlit() -> None:
    """Streamlit's first element drawn in a process checks for an interactive interpreter
    with ``inspect.stack()``, which reads the source of every frame and maps every loaded
    module to its file (0.2-1 s in a run, once our modules are loaded); from here, with a
    short stack and before our imports, it costs little, and no run pays it."""
    from streamlit import delta_generator

    check = getattr(delta_generator, "_maybe_print_use_warning", None)  # private: may go
    if check is not None:
        check()


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """``st.App``'s lifespan: start :func:`warm_up` beside the server, wait for nothing."""
    threading.Thread(target=warm_up, name="tracker-warm-up", daemon=True).start()
    yield
