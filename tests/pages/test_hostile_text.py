"""Text from files, URLs and users is shown as text on every page, for every role: a
report whose file name is Markdown and HTML (a link, an image from elsewhere, bold) and a
``unit=`` query parameter of the same, walked through every page each role may open
(AppTest); no element that renders Markdown (headings, markdown, captions, alerts, widget
labels) carries them unescaped, so no link or image from elsewhere is drawn."""

from __future__ import annotations

import html
import re

import pytest
from app_pages import demo_actor, open_page
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_builders import PLAN, good_rows, long_report, xlsx
from markdown_it import MarkdownIt

from domain.access import Role
from store.database import Store
from store.tables import read_table
from tracker.usecases.demo import DEMO_BUILDER
from tracker.usecases.ingest import ingest_files
from tracker.views.obligation import cell_key
from ui.gate import may_open
from ui.menu import MENU
from ui.plain import md

HOSTILE = ("[x](http://evil)", "![i](http://evil/i.png)", "<b>x</b>")
FILE_NAME = " ".join(HOSTILE) + ".xlsx"
UNIT_PARAM = " ".join(HOSTILE)
PAGES = [path for entries in MENU.values() for path, _title, _icon in entries]
# what Streamlit draws as Markdown: element kind -> the fields holding it
MARKDOWN = {
    "markdown": ("body",),
    "heading": ("body",),
    "alert": ("body",),
    "button": ("label", "help"),
    "download_button": ("label", "help"),
    "expandable": ("label",),
    "metric": ("label", "body"),
    "checkbox": ("label", "help"),
    "radio": ("label", "options"),
    "selectbox": ("label",),
    "multiselect": ("label",),
    "text_input": ("label",),
    "date_input": ("label",),
    "tab_container": ("label",),
    "toast": ("body",),
}


@pytest.fixture(scope="module")
def hostile_db(demo_db_template, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("hostile") / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    with Store(path) as store:
        [done] = ingest_files(
            store,
            DEMO_BUILDER,
            PLAN,
            [(FILE_NAME, xlsx(long_report(good_rows(), unit="Sở Ngoại vụ")))],
        )
        assert done.accepted
        report = read_table(store, "report").to_pylist()
        [mine] = [r for r in report if r["file_name"] == FILE_NAME]
        rows = read_table(store, "report_row").to_pylist()
        row = next(r for r in rows if r["report_id"] == mine["report_id"])
    return path, cell_key(row["unit_id"], row["task_id"])


def _markdown_texts(at) -> list[tuple[str, str]]:
    """(kind, text) of every Markdown-rendering field drawn."""
    found: list[tuple[str, str]] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            kind = getattr(proto, "DESCRIPTOR", None) and proto.DESCRIPTOR.name
            for name, fields in MARKDOWN.items():
                if kind and kind.lower().replace("_", "") == name.replace("_", ""):
                    for field in fields:
                        value = getattr(proto, field, "")
                        values = list(value) if not isinstance(value, str) else [value]
                        found.extend((name, str(v)) for v in values)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def _visible(at) -> list[tuple[str, str]]:
    return [(k, t) for k, t in _markdown_texts(at) if any(h in t for h in HOSTILE)]


@pytest.mark.parametrize("role", [Role.QUAN_TRI, Role.DON_VI], ids=lambda r: r.value)
def test_no_page_renders_hostile_names_as_markdown(hostile_db, monkeypatch, role):
    """The quản trị opens every page but the unit account's, which the unit account opens;
    the leader's and the staff member's pages are the same pages with fewer buttons."""
    db, cell = hostile_db
    actor = demo_actor(db, role)
    assert actor is not None
    offenders = {}
    for page in PAGES:
        if not may_open(actor, page):
            continue
        at = open_page(
            db, monkeypatch, page, role=role, unit=UNIT_PARAM, asof="2019-07-26", cell=cell
        )
        assert not at.exception, (page, at.exception)
        if _visible(at):
            offenders[page] = _visible(at)
    assert offenders == {}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"])))
def test_escaped_text_renders_as_exactly_that_text_and_never_a_link_or_image(text):
    rendered = MarkdownIt("commonmark").renderInline(md(text))
    assert "<a " not in rendered and "<img" not in rendered
    assert html.unescape(rendered) == text  # one line of text, as typed


@pytest.mark.parametrize("bare", ["http://evil.vn/x", "www.evil.vn", "ai@evil.vn"])
def test_bare_addresses_lose_what_makes_them_autolinks(bare):
    escaped = md(bare)  # GitHub's autolinks need "http://", "www." or "@" as typed
    assert "http://" not in escaped and "www." not in escaped
    assert not re.search(r"(?<!\\)@", escaped)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_hostile_names_themselves_would_render_as_markup_unescaped(hostile):
    rendered = MarkdownIt("commonmark").renderInline(hostile)
    assert "<a " in rendered or "<img" in rendered or "<b>" in rendered
    assert "<" not in MarkdownIt("commonmark").renderInline(md(hostile)).replace("&lt;", "")
