"""The app's menu, defined once: the entry script registers these pages with
``st.navigation`` and every page draws the same links in its sidebar.

The menu is drawn by :func:`ui.frame.page_frame` rather than by ``st.navigation`` because a
page Streamlit runs on its own (the first visit to a deep link on a fresh server, see
NOTES.md on the ``pages/`` folder) would otherwise show Streamlit's file-name menu instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from domain.access import Action

ROOT = Path(__file__).resolve().parent.parent

# section -> (file, title, icon). A page whose file is absent is left out.
MENU: dict[str, list[tuple[str, str, str]]] = {
    "Theo dõi": [
        ("pages/overview.py", "Tổng quan", ":material/dashboard:"),
        ("pages/timeline.py", "Tiến độ theo thời hạn", ":material/event:"),
        ("pages/heatmap.py", "Mức độ hoàn thành theo đơn vị", ":material/grid_on:"),
        ("pages/ranking.py", "Xếp hạng đơn vị", ":material/leaderboard:"),
        ("pages/reminders.py", "Đôn đốc", ":material/notifications:"),
        ("pages/compare.py", "So sánh kế hoạch", ":material/compare_arrows:"),
    ],
    "Nghiệp vụ": [
        ("pages/upload.py", "Tải báo cáo lên", ":material/upload_file:"),
        ("pages/review.py", "Duyệt báo cáo", ":material/fact_check:"),
        ("pages/export.py", "Xuất báo cáo", ":material/download:"),
        ("pages/plans.py", "Kế hoạch", ":material/assignment:"),
        ("pages/units.py", "Đơn vị", ":material/apartment:"),
    ],
    "Quản trị": [
        ("pages/users.py", "Người dùng", ":material/manage_accounts:"),
        ("pages/audit.py", "Nhật ký", ":material/history:"),
        ("pages/backup.py", "Sao lưu", ":material/backup:"),
    ],
    "Đơn vị báo cáo": [
        ("pages/unit_report.py", "Báo cáo của đơn vị", ":material/assignment_ind:"),
    ],
}
DEFAULT = "pages/overview.py"
# The default page is served at "/", where its url_path is "" for Streamlit; it is registered
# a second time, hidden, under its file's name so that "/overview" opens it too instead of
# Streamlit's "Page not found" dialog. The root entry needs a url_path of its own (a page's
# identity is the hash of its url_path, and two entries may not share one).
DEFAULT_ROOT_PATH = "home"
UNIT_PAGE = "pages/unit_report.py"
# What opening a page needs (the menu offers a page only to a role that has it; the page
# checks again with its own `needs`); every other page is a Theo dõi page (BROWSE).
PAGE_ACTION: dict[str, Action] = {
    "pages/upload.py": Action.UPLOAD,
    "pages/review.py": Action.REVIEW,
    "pages/export.py": Action.EXPORT,
    "pages/plans.py": Action.PLANS,
    "pages/units.py": Action.UNITS,
    "pages/users.py": Action.USERS,
    "pages/audit.py": Action.AUDIT,
    "pages/backup.py": Action.BACKUP,
    UNIT_PAGE: Action.OWN_UNIT,
}
APP_TITLE = "Theo dõi thực hiện kế hoạch"
APP_ICON = ROOT / "ui" / "assets" / "icon.png"


def url_path(path: str) -> str:
    """The URL path Streamlit gives a page file: its name without folder and suffix."""
    return Path(path).stem


def page_action(path: str) -> Action:
    """What opening the page `path` (such as ``pages/heatmap.py``) needs."""
    return PAGE_ACTION.get(path, Action.BROWSE)


def menu(
    may_open: Callable[[str], bool] = lambda path: True,
) -> dict[str, list[tuple[str, str, str]]]:
    """The menu with only the pages whose files exist and that `may_open` lets the user
    open; sections left empty are dropped."""
    found = {
        section: [e for e in entries if (ROOT / e[0]).exists() and may_open(e[0])]
        for section, entries in MENU.items()
    }
    return {section: entries for section, entries in found.items() if entries}
