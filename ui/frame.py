"""The frame every page draws first: page title and the shared sidebar filters.

Every page calls :func:`page_frame` itself (the entry script only routes), so a page that
Streamlit runs on its own — a deep link on a fresh server, AppTest's ``switch_page`` —
still has its filters. Filter values live in ``st.session_state`` under ``filter.*`` (which
survives page switches, unlike widget state) and are mirrored in the URL query string, so
a copied link reproduces the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from domain import status
from domain.access import Action, Actor, Forbidden, allows
from domain.scope import Scope, from_query
from ui import data, gate, session, viewport
from ui.confirm import show_flash
from ui.format import DATE_FORMAT, vn_date
from ui.menu import APP_ICON, APP_TITLE, ROOT, UNIT_PAGE, menu
from ui.session import user
from ui.styles import APP_CSS

ALL = "Tất cả kế hoạch"


@dataclass(frozen=True)
class Filters:
    """What :func:`page_frame` gives a page: the scope its views and exports take (pass
    ``scope=filters.scope`` to :func:`ui.data.call`), and the phone flag."""

    scope: Scope
    compact: bool = False  # charts in their phone form (a narrow window, :mod:`ui.viewport`)

    @property
    def as_of(self) -> date:
        """The scope's as-of date (for captions and the charts' today line)."""
        return self.scope.as_of

    @property
    def plan(self) -> str | None:
        """The scope's plan code; None for every plan."""
        return self.scope.plan


def _seed(plans: list[str], groups: list[str]) -> None:
    """Fill ``filter.*`` once per session: from the URL, else sensible defaults."""
    if "filter.as_of" in st.session_state:
        return
    url = from_query(st.query_params.to_dict())
    plan = url.get("plan")
    st.session_state["filter.plan"] = plan if plan in plans else ALL
    st.session_state["filter.groups"] = [g for g in url.get("groups", []) if g in groups]
    st.session_state["filter.statuses"] = url.get("statuses", [])
    st.session_state["filter.as_of"] = url.get("as_of") or data.default_as_of(None)


def _widget(name: str) -> str:
    """Re-seed widget `name` from its persistent value; returns the widget key."""
    st.session_state[name] = st.session_state[f"filter.{name}"]
    return name


def _keep(name: str) -> None:
    st.session_state[f"filter.{name}"] = st.session_state[name]


def sidebar_filters(show_status: bool = True, page: str = "") -> Filters:
    plans = data.plans()
    codes = [
        c for c, archived in zip(plans["code"], plans["archived"], strict=True) if not archived
    ]
    groups = data.unit_groups()
    group_labels = dict(zip(groups["group_code"], groups["label"], strict=True))
    _seed(codes, list(group_labels))
    titles = dict(zip(plans["code"], plans["title"], strict=True))
    sb = st.sidebar
    sb.markdown("### Bộ lọc")
    sb.selectbox(
        "Kế hoạch",
        [ALL, *codes],
        key=_widget("plan"),
        on_change=_keep,
        args=("plan",),
        format_func=lambda c: c if c == ALL else f"{c} — {titles[c][:48]}",
    )
    sb.date_input(
        "Tính đến ngày",
        key=_widget("as_of"),
        format=DATE_FORMAT,
        on_change=_keep,
        args=("as_of",),
        help="Tình trạng được tính theo các báo cáo có ngày đến hết ngày này.",
    )
    sb.multiselect(
        "Nhóm đơn vị",
        list(group_labels),
        key=_widget("groups"),
        format_func=lambda code: group_labels.get(code, code),
        on_change=_keep,
        args=("groups",),
        placeholder="Tất cả nhóm",
        select_all=False,  # its "Select all" item is English (Streamlit has no label for it)
    )
    if show_status:
        sb.multiselect(
            "Tình trạng",
            list(status.CODES),
            key=_widget("statuses"),
            format_func=status.label,
            on_change=_keep,
            args=("statuses",),
            placeholder="Tất cả tình trạng",
            select_all=False,
        )
    plan = st.session_state["filter.plan"]
    chosen = Scope.of(
        st.session_state["filter.as_of"] or data.default_as_of(None),
        None if plan == ALL else plan,
        st.session_state["filter.groups"],
        st.session_state["filter.statuses"],
    )
    sb.caption(f"Đang xem số liệu tính đến **{vn_date(chosen.as_of)}**.")
    _mirror(chosen)  # every filter, the status too, so it stays for the next page
    shown = chosen if show_status else chosen.every_status()
    return Filters(shown, compact=viewport.narrow(page))


URL_KEYS = ("plan", "groups", "status", "asof", "compact")
"""``compact`` is never written (the phone layout follows the window); an old link's is dropped."""


def _mirror(scope: Scope) -> None:
    """Write the scope into the URL; other keys (a page's own, e.g. ``unit``) are kept."""
    wanted = scope.query()
    for key in URL_KEYS:
        if key not in wanted and key in st.query_params:
            del st.query_params[key]
        elif key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]


def chart_config(compact: bool) -> dict:
    """The plotly options of a chart: on a phone no toolbar, which would cover the legend
    and the first row (zoom and pan by finger are not worth it there)."""
    return {"displayModeBar": False} if compact else {"displaylogo": False}


def from_url(name: str, key: str, allowed, parse=str) -> None:
    """Seed widget `key` from URL parameter `name` when the session has no value for it yet
    (a copied link reopens the view); a value not in `allowed` is ignored."""
    if key in st.session_state or name not in st.query_params:
        return
    try:
        value = parse(st.query_params[name])
    except ValueError:
        return
    if value in allowed:
        st.session_state[key] = value


def to_url(name: str, value, default, text=str) -> None:
    """Mirror a page's own choice into the URL, leaving it out while it is `default`."""
    if value == default or value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != text(value):
        st.query_params[name] = text(value)


def draw_menu(actor: Actor) -> None:
    """Who is signed in, the sign-out button, and the page links `actor` may open, by
    section, at the top of the sidebar.

    A page run with no page registry at all (AppTest's ``switch_page`` runs the file alone)
    cannot link anywhere; it is drawn without the menu rather than failing.
    """
    _who(actor)
    menu_box = st.sidebar.container()
    try:
        for section, entries in menu(lambda path: gate.may_open(actor, path)).items():
            menu_box.caption(section.upper())
            for path, title, icon in entries:
                menu_box.page_link(str(ROOT / path), label=title, icon=icon)
    except StreamlitPageNotFoundError:
        menu_box.empty()
        return
    st.sidebar.divider()


def _who(actor: Actor) -> None:
    """The signed-in user and the sign-out button (nothing while the app is open)."""
    if actor is session.OPEN:
        return
    box = st.sidebar.container()
    box.caption(f"Đang đăng nhập: **{actor.label}**")
    if box.button("Đăng xuất", key="frame.sign_out", icon=":material/logout:"):
        gate.sign_out(actor)


def refuse_unless(title: str, needs: tuple[Action, ...]) -> None:
    """Stop the page, before it reads anything, when the signed-in actor may not do every
    action of `needs`; a unit account is pointed to its own page instead. (The use cases
    check again where they write or read per unit; this keeps a page from drawing at all.)
    With nobody signed in, the open actor of a database without accounts is checked
    (:func:`ui.session.user`)."""
    actor = user()
    if all(allows(actor, need) for need in needs):
        return
    st.title(title)
    if allows(actor, Action.OWN_UNIT):
        st.warning(
            "Tài khoản đơn vị chỉ xem được số liệu của chính đơn vị mình, ở trang «Báo cáo "
            "của đơn vị»."
        )
        try:
            st.page_link(str(ROOT / UNIT_PAGE), label="Mở trang Báo cáo của đơn vị")
        except StreamlitPageNotFoundError:
            pass
    else:
        missing = next(need for need in needs if not allows(actor, need))
        st.error(str(Forbidden(actor, missing)))
    st.stop()


def page_frame(
    title: str,
    caption: str | None = None,
    show_status: bool = True,
    needs: tuple[Action, ...] = (Action.BROWSE,),
) -> Filters:
    """Draw the page title, the menu and the shared sidebar; return the filters chosen.
    The page stops there, with a message, for an actor who may not do all of `needs`, and
    before anything with the sign-in page while nobody is signed in (:mod:`ui.gate`)."""
    st.set_page_config(page_title=f"{title} — {APP_TITLE}", page_icon=str(APP_ICON), layout="wide")
    st.html(APP_CSS)
    draw_menu(gate.require_sign_in())
    refuse_unless(title, needs)
    filters = sidebar_filters(show_status=show_status, page=title)
    st.title(title)
    if caption:
        st.caption(caption)
    show_flash()  # the outcome of the write just made, where the eyes are
    return filters


def plain_frame(title: str, caption: str | None = None, needs: tuple[Action, ...] = ()) -> None:
    """A page's title and menu without the shared filters (pages that are not a view of
    every unit's figures: a unit account's page, the administrator's)."""
    st.set_page_config(page_title=f"{title} — {APP_TITLE}", page_icon=str(APP_ICON), layout="wide")
    st.html(APP_CSS)
    draw_menu(gate.require_sign_in())
    refuse_unless(title, needs)
    viewport.narrow(title)  # the sidebar closes after a choice on a phone here too
    st.title(title)
    if caption:
        st.caption(caption)
    show_flash()
