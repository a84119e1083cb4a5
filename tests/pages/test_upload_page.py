"""AppTest of the upload page: upload, preview (problems highlighted), confirm, withdraw."""

from __future__ import annotations

from pathlib import Path

import pytest
from actors import ADMIN
from app_pages import page_text
from ingest_builders import PLAN, count, good_rows, long_report, make_store, xlsx
from streamlit.testing.v1 import AppTest

from domain.access import Actor, Role
from store import audit
from store.database import Store
from tracker.usecases import accounts
from ui import session

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "t.duckdb"
    with make_store(path) as store:  # one cán bộ account: the page asks for sign-in
        accounts.add_user(store, ADMIN, "chi.lan", Role.CAN_BO, "mat-khau-chi-lan")
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def page(db) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=60)
    at.session_state[session.KEY] = Actor("chi.lan", Role.CAN_BO)  # what signing in keeps
    at.query_params["plan"] = PLAN  # the sidebar's plan, which the upload box follows
    return at.run()


def _uploader(at: AppTest):
    [uploader] = at.get("file_uploader")
    return uploader


def _files(at: AppTest) -> list[str]:
    """The preview's file boxes as "icon name — unit — summary" (the icon a material name)."""
    return [
        f"{e.icon.split('/')[-1].strip(':')} {e.label}" for e in at.expander if " — " in e.label
    ]


def _history(at: AppTest):
    return next(d.value for d in at.dataframe if "Người tải" in d.value)


def test_upload_preview_confirm_and_withdraw(db):
    at = page(db)
    assert not at.exception
    assert at.selectbox(key="upload.plan").value == PLAN
    good = xlsx(long_report(good_rows()))
    bad = xlsx(long_report([[1, "NV99", "", "HT", None, "", ""]]))
    _uploader(at).set_value([("tot.xlsx", good, XLSX), ("loi.xlsx", bad, XLSX)]).run()
    assert not at.exception
    [refused] = _files(at)  # the refused file is shown first
    assert "loi.xlsx" in refused and "Bị từ chối" in refused
    frames = [d.value for d in at.dataframe] + [t.value for t in at.table]  # problems wrap
    assert any("NV99" in set(f.get("Giá trị", [])) for f in frames)
    at.radio(key="upload.filter").set_value("all").run()
    expanders = _files(at)
    # the preview speaks of what will be written, not of what was
    assert any("tot.xlsx" in label and "Sẽ nạp 3 dòng" in label for label in expanders)
    assert not any("Đã nạp" in label for label in expanders)
    frames = [d.value for d in at.dataframe]
    assert any(set(f.get("Mã", [])) == {"NV01", "NV02", "NV03"} for f in frames)
    with Store(db) as store:  # nothing written before confirming
        assert count(store, "report") == 0

    at.button(key="upload.confirm").click().run()
    assert not at.exception
    # only what happened: one success line, no stale preview of the same files above it
    assert [s.value for s in at.success] == ["Đã ghi 1 tệp (3 dòng) vào cơ sở dữ liệu."]
    # per-file details folded under the summary; the refused file stays listed
    assert any(e.label == "Chi tiết từng tệp (1)" for e in at.expander)
    assert "tot.xlsx (Sở Ngoại vụ): Đã nạp 3 dòng" in page_text(at).replace("\\", "")
    assert any("loi.xlsx" in m.value.replace("\\", "") for m in at.markdown)
    at.button(key="confirm.refused.dismiss").click().run()
    assert not any("loi.xlsx" in m.value.replace("\\", "") for m in at.markdown)
    assert not _files(at) and not _uploader(at).value  # the drop is cleared
    assert not any("Đã nạp trước đây" in m.value for m in at.markdown)
    history = _history(at)
    assert list(history["Tệp"]) == ["tot.xlsx"] and list(history["Người tải"]) == ["chi.lan"]

    # withdrawing asks first, naming the report, and acts only on confirmation
    assert at.button(key="upload.withdraw").disabled  # nothing preselected
    report_id = int(history["Mã"][0])
    at.selectbox(key="upload.withdraw_pick").set_value(report_id).run()
    at.button(key="upload.withdraw").click().run()
    assert not at.exception
    [question] = [w.value for w in at.warning if w.value.startswith("Rút báo cáo")]
    assert f"#{report_id}" in question and "tot.xlsx" in question and "Sở Ngoại vụ" in question
    assert any("3 dòng" in m.value for m in at.markdown)
    assert _history(at)["Đã rút"][0] == ""  # not yet
    at.button(key="upload.withdraw.no").click().run()
    assert not any(w.value.startswith("Rút báo cáo") for w in at.warning)
    assert _history(at)["Đã rút"][0] == ""
    at.button(key="upload.withdraw").click().run()
    at.button(key="upload.withdraw.yes").click().run()
    assert not at.exception
    assert _history(at)["Đã rút"][0] != ""
    assert any(s.value.startswith(f"Đã rút báo cáo #{report_id}") for s in at.success)
    with Store(db) as store:  # one audit row per write, by the signed-in user
        frame = audit.trail(store, logins=["chi.lan"]).sort_values("audit_id")
        trail = list(
            frame[["login", "role", "origin", "action"]].itertuples(index=False, name=None)
        )
    assert trail == [
        ("chi.lan", "can_bo", "app", "upload"),
        ("chi.lan", "can_bo", "app", "withdraw"),
    ]


def test_a_batch_is_summarised_refused_first_filterable_and_cleared_with_one_button(db):
    at = page(db)
    good = xlsx(long_report(good_rows()))
    bad = xlsx(long_report([[1, "NV99", "", "HT", None, "", ""]]))
    worse = xlsx(long_report([[1, "NV98", "", "HT", None, "", ""]]))
    _uploader(at).set_value([("a_tot.xlsx", good, XLSX)]).run()
    at.button(key="upload.confirm").click().run()
    drop = [("a_tot.xlsx", good, XLSX), ("c_loi.xlsx", bad, XLSX), ("b_loi.xlsx", worse, XLSX)]
    _uploader(at).set_value(drop).run()
    assert not at.exception
    assert any(
        "3 tệp" in m.value
        and "0 tệp hợp lệ" in m.value
        and "1 tệp đã nạp trước đây" in m.value
        and "2 tệp bị từ chối" in m.value
        for m in at.markdown
    )
    summary = next(d.value for d in at.dataframe if "Kết quả" in d.value)
    assert list(summary["Tệp"]) == ["b_loi.xlsx", "c_loi.xlsx", "a_tot.xlsx"]  # refused first
    assert list(summary["Kết quả"]) == ["Bị từ chối", "Bị từ chối", "Đã nạp trước đây"]
    assert summary["Đơn vị"][2] == "Sở Ngoại vụ"
    chooser = at.radio(key="upload.filter")
    assert chooser.value == "refused"
    assert [label.split(" — ")[0] for label in _files(at)] == [
        "block b_loi.xlsx",
        "block c_loi.xlsx",
    ]
    chooser.set_value("duplicate").run()
    assert [label.split(" — ")[0] for label in _files(at)] == ["replay a_tot.xlsx"]
    assert "Đã nạp trước đây: sẽ không ghi lại." in _files(at)[0]
    at.radio(key="upload.filter").set_value("all").run()
    assert len(_files(at)) == 3
    at.button(key="upload.clear").click().run()
    assert not at.exception
    assert not _uploader(at).value and not _files(at)


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


def _filled_rows(element, fill: str) -> set[int]:
    """Rows of a drawn table whose cells the Styler's CSS fills with `fill`."""
    import re

    blocks = re.findall(r"([^{}]*)\{([^}]*)\}", element.proto.arrow_data.styler.styles)
    return {
        int(r) for where, css in blocks if fill in css for r in re.findall(r"_row(\d+)_", where)
    }


def test_the_row_a_warning_points_at_is_filled_yellow_in_the_preview(db):
    from ui.problems import FILLS

    at = page(db)
    rows = good_rows()
    rows[2][3] = "Đã hoàn thành"  # NV03 done, with no date: written, with a warning
    _uploader(at).set_value([("a.xlsx", xlsx(long_report(rows)), XLSX)]).run()
    assert not at.exception
    [warned] = [r for r in at.table if "Cần làm" in r.value]
    assert list(warned.value["Mức"]) == ["Cảnh báo"]
    [table] = [d for d in at.dataframe if "Mã" in d.value]
    assert list(table.value["Mã"]) == ["NV01", "NV02", "NV03"]
    yellow = FILLS["warning"].split(": ")[1]
    assert _filled_rows(table, yellow) == {2}
