"""AppTest of the upload page: upload, preview (problems highlighted), confirm, withdraw."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_builders import PLAN, count, good_rows, long_report, make_store, xlsx
from streamlit.testing.v1 import AppTest

from tracker.domain.access import Actor, Role
from tracker.store import audit
from tracker.store.database import Store
from ui import session

ROOT = Path(__file__).resolve().parent.parent
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "t.duckdb"
    make_store(path).close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def page(db) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=60)
    at.session_state[session.KEY] = Actor("chi.lan", Role.CAN_BO)  # what signing in keeps
    at.query_params["plan"] = PLAN  # the sidebar's plan, which the upload box follows
    return at.run()


def test_upload_preview_confirm_and_withdraw(db):
    at = page(db)
    assert not at.exception
    assert at.selectbox(key="upload.plan").value == PLAN
    good = xlsx(long_report(good_rows()))
    bad = xlsx(long_report([[1, "NV99", "", "HT", None, "", ""]]))
    at.file_uploader(key="upload.files").set_value(
        [("tot.xlsx", good, XLSX), ("loi.xlsx", bad, XLSX)]
    ).run()
    assert not at.exception
    expanders = [e.label for e in at.expander]
    assert any("tot.xlsx" in label and "Đã nạp 3 dòng" in label for label in expanders)
    assert any("loi.xlsx" in label and "Bị từ chối" in label for label in expanders)
    frames = [d.value for d in at.dataframe]
    assert any("NV99" in set(f.get("Giá trị", [])) for f in frames)
    assert any(set(f.get("Nhiệm vụ", [])) == {"NV01", "NV02", "NV03"} for f in frames)
    with Store(db) as store:  # nothing written before confirming
        assert count(store, "report") == 0

    at.button(key="upload.confirm").click().run()
    assert not at.exception
    assert any("tot.xlsx" in s.value for s in at.success)
    history = next(d.value for d in at.dataframe if "Người tải" in d.value)
    assert list(history["Tệp"]) == ["tot.xlsx"] and list(history["Người tải"]) == ["chi.lan"]

    at.button(key="upload.withdraw").click().run()
    assert not at.exception
    history = next(d.value for d in at.dataframe if "Người tải" in d.value)
    assert history["Đã rút"][0] != ""
    with Store(db) as store:  # one audit row per write, by the signed-in user
        frame = audit.trail(store).sort_values("audit_id")
        trail = list(
            frame[["login", "role", "origin", "action"]].itertuples(index=False, name=None)
        )
    assert trail == [
        ("chi.lan", "can_bo", "app", "upload"),
        ("chi.lan", "can_bo", "app", "withdraw"),
    ]


def test_the_template_can_be_downloaded_for_a_unit(db):
    at = page(db)
    at.selectbox(key="upload.unit").set_value("Sở Ngoại vụ").run()
    assert not at.exception
    assert "Sở Ngoại vụ" in at.get("download_button")[0].proto.label


def test_the_plan_box_starts_on_the_sidebars_plan_and_never_guesses(demo_db, monkeypatch):
    from app_pages import open_page

    at = open_page(demo_db, monkeypatch, "pages/upload.py", plan="84-KH/BTGTU")
    assert not at.exception
    assert at.selectbox(key="upload.plan").value == "84-KH/BTGTU"
    at = open_page(demo_db, monkeypatch, "pages/upload.py", plan="TUHD-32/2019")
    assert at.selectbox(key="upload.plan").value == "TUHD-32/2019"
    at = open_page(demo_db, monkeypatch, "pages/upload.py")  # every plan in the sidebar
    assert not at.exception
    assert at.selectbox(key="upload.plan").value is None  # not the first plan of the list
    assert any("Chọn kế hoạch" in i.value for i in at.info)
    assert not at.get("file_uploader")
