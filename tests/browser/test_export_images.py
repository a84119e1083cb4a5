"""Chart images: PNGs rendered offline by kaleido with the machine's Chromium, and an export
that goes on without them (and says why) when there is no Chromium."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date

import pytest

from domain.scope import Scope
from tracker.exports import bundle, images, report

AS_OF = date(2019, 7, 26)
PNG = b"\x89PNG\r\n\x1a\n"
needs_chromium = pytest.mark.skipif(
    images.find_chromium() is None, reason="no Chromium on this machine (apt-get install chromium)"
)


@pytest.fixture
def export(demo_store):
    return report.collect(demo_store, Scope(AS_OF))


def test_the_export_charts_are_built_from_the_export_tables(export):
    figs = images.figures(export)
    assert list(figs) == [
        "tinh-trang-theo-ke-hoach.png",
        "tinh-trang-theo-nhom-don-vi.png",
        "tinh-trang-theo-don-vi.png",
    ]
    by_plan = figs["tinh-trang-theo-ke-hoach.png"]
    on_time = next(t for t in by_plan.data if t.name == "Hoàn thành đúng hạn")
    counts = dict(zip(on_time.y, on_time.customdata, strict=True))
    expected = export.by_task.groupby("plan")["done_on_time"].sum().to_dict()
    assert counts == expected
    assert "26/07/2019" in by_plan.layout.title.text
    for fig in figs.values():  # the title above the plot, the legend below it: apart
        assert fig.layout.legend.y < 0 and fig.layout.legend.yanchor == "top"
        assert fig.layout.title.y is None or fig.layout.title.y > 0.9
        assert fig.layout.margin.t >= 100


def test_with_the_store_the_timeline_and_heatmap_are_added_when_present(export, demo_store):
    names = list(images.figures(export, demo_store))
    assert any(n.startswith("tien-do-theo-thoi-han") for n in names)
    assert any(n.startswith("muc-do-hoan-thanh-don-vi") for n in names)


@needs_chromium
def test_every_chart_renders_to_png_offline_with_one_browser(export, demo_store):
    figs = images.figures(export, demo_store)
    started = time.perf_counter()
    rendered = images.render_pngs(figs)
    elapsed = time.perf_counter() - started
    assert rendered.problem == ""
    assert set(rendered.pngs) == set(figs)
    for png in rendered.pngs.values():
        assert png.startswith(PNG) and len(png) > 10_000
    assert elapsed < images.BATCH_SECONDS


def test_without_chromium_the_bundle_comes_without_images_and_says_so(export, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert images.find_chromium() is None
    started = time.perf_counter()
    content, rendered = bundle.bundle(export)
    assert time.perf_counter() - started < 10  # no waiting on a browser that is not there
    assert rendered.pngs == {} and "Chromium" in rendered.problem
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert "bieu-do/KHONG-CO-ANH.txt" in names
        assert not any(n.endswith(".png") for n in names)
        assert "Chromium" in archive.read("bieu-do/KHONG-CO-ANH.txt").decode("utf-8")
        assert any(n.endswith(".xlsx") for n in names) and any(n.endswith(".docx") for n in names)


@needs_chromium
def test_the_bundle_holds_the_files_and_the_chart_pngs(export, demo_store):
    content, rendered = bundle.bundle(export, True, demo_store)
    assert rendered.problem == ""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert "bao-cao-tat-ca-ke-hoach-2019-07-26.xlsx" in names
        assert "bao-cao-tat-ca-ke-hoach-2019-07-26.docx" in names
        assert sum(n.startswith("csv/") for n in names) == 4
        pngs = [n for n in names if n.startswith("bieu-do/") and n.endswith(".png")]
        assert len(pngs) >= 3
        assert all(archive.read(n).startswith(PNG) for n in pngs)
