"""The list of remembered names (ui/aliases.py) on the «Đơn vị» page: columns by id, headed
by domain/labels.py, and its remove button."""

from __future__ import annotations

from pathlib import Path

from actors import STAFF
from app_pages import sign_in
from streamlit.testing.v1 import AppTest

from domain import labels
from store.database import Store
from tracker.usecases import aliases, units
from ui.aliases import LIST_COLUMNS

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "units.py")


def test_the_remembered_names_are_listed_under_their_headers_and_removable(demo_db, monkeypatch):
    with Store(demo_db) as store:
        unit = units.units_frame(store, "Lạng Sơn")["name"].iloc[0]
        aliases.remember_unit(store, STAFF, unit, "Đơn vị thử nghiệm")
    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    at = sign_in(AppTest.from_file(PAGE, default_timeout=30), demo_db).run()
    at.selectbox(key="units.province").set_value("Lạng Sơn").run()
    assert not at.exception
    listed = next(
        frame.value for frame in at.dataframe if "Tên gọi" in getattr(frame.value, "columns", ())
    )
    assert list(listed.columns) == [labels.header(c) for c in LIST_COLUMNS]
    row = listed.iloc[0]
    assert row["Tên gọi"] == "Đơn vị thử nghiệm" and row["Tên trong danh mục"] == unit
    assert row["Người ghi"] == STAFF.login
    at.button(key="aliases.remove.None.Lạng Sơn.unit").click().run()
    with Store(demo_db) as store:
        assert aliases.listed(store, province="Lạng Sơn", kind="unit").empty
