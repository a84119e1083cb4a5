"""Chart images for the export bundle: the export's figures as plotly charts, rendered to PNG
on the server by kaleido with the machine's Chromium (Debian's ``chromium`` package).

Measured on the demo (2 cores): the first image of a batch costs about 2.5-3 s (Chromium
starts), each further one about 0.3 s; so one browser serves a whole batch.

Why ``kaleido.Kaleido`` as an async context and not ``kaleido.start_sync_server``: the sync
server is one process-wide singleton (two app sessions exporting at once would stop it
under each other), and when Chromium is missing or fails to start its thread dies while
``to_image`` waits on its queue for ever (measured: still waiting after 120 s). A context
of our own raises instead, and a deadline bounds the whole batch. No Chromium found means
no images: the export goes on without them and says why (:class:`Rendered`.problem).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from domain import status
from store.database import Store
from tracker.charts.breakdown import status_bars
from tracker.exports.report import ExportData

WIDTH = 1100
SCALE = 2  # sharp enough to print in a Word report
BATCH_SECONDS = 120
_ONE_BATCH = threading.Lock()  # one Chromium at a time: the machine has 2 cores


@dataclass
class Rendered:
    pngs: dict[str, bytes] = field(default_factory=dict)  # file name -> PNG bytes
    problem: str = ""  # why there are no images, in Vietnamese; empty when all rendered


def png_config(filename: str) -> dict:
    """``st.plotly_chart(config=...)`` that keeps the modebar's camera button and makes it
    download a sharp PNG named `filename` (client-side: works without Chromium)."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def _rollup(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sum the status counts of a by_unit / by_task table over `by` (group or plan), with
    the total recomputed; the same counts as the table, so the chart equals the export."""
    counts = ["total", *status.CODES]
    return frame.groupby(by, sort=False)[counts].sum().reset_index()


def figures(data: ExportData, store: Store | None = None) -> dict[str, go.Figure]:
    """``{file name: figure}`` of the export's charts, titled for use outside the app.

    Status bars by plan, by unit group and by unit come from the export's own tables. With
    a `store`, the deadline timeline and the unit × task heatmap are added (every page of
    them), drawn by the app's own chart modules for the same filters.
    """
    found: dict[str, go.Figure] = {}
    if data.by_unit.empty:
        return found
    as_of = data.header.lines()[1]
    charts = [
        (
            "tinh-trang-theo-ke-hoach.png",
            _rollup(data.by_task, "plan"),
            "plan",
            "Tình trạng thực hiện theo kế hoạch",
        ),
        (
            "tinh-trang-theo-nhom-don-vi.png",
            _rollup(data.by_unit, "group_label"),
            "group_label",
            "Tình trạng thực hiện theo nhóm đơn vị",
        ),
        (
            "tinh-trang-theo-don-vi.png",
            data.by_unit,
            "unit_name",
            "Tình trạng thực hiện theo đơn vị",
        ),
    ]
    for name, table, category, title in charts:
        fig = status_bars(table, category)
        fig.update_layout(
            title=dict(text=f"{title}<br><sup>{as_of}</sup>", x=0.01),
            margin=dict(t=110),
            height=fig.layout.height + 60,
        )
        found[name] = fig
    if store is not None:
        found.update(_page_figures(data, store))
    return found


def _page_figures(data: ExportData, store: Store) -> dict[str, go.Figure]:
    """The timeline and heatmap pages' charts, when those modules are there: they are
    written alongside this one, and an export must not fail because a chart it merely
    illustrates with cannot be drawn (the tables stay the export's substance)."""
    h = data.header
    found: dict[str, go.Figure] = {}
    try:
        from tracker.charts.heatmap import status_heatmap
        from tracker.charts.timeline import deadline_timeline
        from tracker.views import heatmap, timeline
    except ImportError:
        return found
    try:
        rows = timeline.load(store, h.scope)
        pages = timeline.page_count(rows["task_id"].nunique()) if len(rows) else 0
        for n in range(pages):
            chunk = timeline.page(rows, n)
            fig = deadline_timeline(
                chunk, timeline.lines(chunk, h.scope.plan is None), h.scope.as_of
            )
            found[_numbered("tien-do-theo-thoi-han", n, pages)] = fig
    except Exception:  # noqa: BLE001 - see the docstring
        pass
    try:
        grid = heatmap.load_units(store, h.scope)
        pages = heatmap.page_count(grid.unit_count) if grid.unit_count else 0
        for n in range(pages):
            if n:
                grid = heatmap.load_units(store, h.scope, page=n)
            found[_numbered("muc-do-hoan-thanh-don-vi", n, pages)] = status_heatmap(
                grid, "Nhiệm vụ", "Đơn vị"
            )
    except Exception:  # noqa: BLE001 - see the docstring
        pass
    return found


def _numbered(stem: str, n: int, pages: int) -> str:
    return f"{stem}.png" if pages == 1 else f"{stem}-{n + 1}.png"


def find_chromium() -> str | None:
    """The Chromium kaleido would use (``$BROWSER_PATH``, then the usual names on PATH),
    or None when there is none that can run."""
    try:
        from choreographer.browsers.chromium import Chromium
    except ImportError:
        return None
    path = Chromium.find_browser(skip_local=False)
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


async def _render(figs: dict[str, go.Figure]) -> dict[str, bytes]:
    import kaleido

    pngs = {}
    async with kaleido.Kaleido(n=1, timeout=60, mathjax=False) as k:
        for name, fig in figs.items():
            opts = {
                "format": "png",
                "width": fig.layout.width or WIDTH,
                "height": fig.layout.height or 600,
                "scale": SCALE,
            }
            pngs[name] = await k.calc_fig(fig, opts=opts)
    return pngs


def _run(coroutine):
    """Run `coroutine` to the end, on a worker thread when this thread has a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def render_pngs(figs: dict[str, go.Figure], deadline: float = BATCH_SECONDS) -> Rendered:
    """Render every figure to PNG with one Chromium; never raises for a missing or broken
    browser (the problem is returned instead, so an export can go on without images)."""
    if not figs:
        return Rendered()
    if find_chromium() is None:
        return Rendered(
            problem="Không có ảnh biểu đồ: máy chủ chưa cài Chromium "
            "(Debian: apt-get install chromium)."
        )
    with _ONE_BATCH:
        try:
            pngs = _run(asyncio.wait_for(_render(figs), timeout=deadline))
        except Exception as exc:  # noqa: BLE001 - any failure means "no images", said so
            return Rendered(problem=f"Không vẽ được ảnh biểu đồ ({type(exc).__name__}: {exc}).")
    return Rendered(pngs=pngs)
