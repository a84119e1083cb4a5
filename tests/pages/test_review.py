"""The review of unit uploads: with the setting on, a unit's upload waits and does not
count until a cán bộ approves it; a returned one never counts; each decision is audited;
only staff may decide."""

from __future__ import annotations

from datetime import date

import pytest

from domain.access import Actor, Forbidden, Role
from store import audit
from store.database import Store
from tests.app_pages import open_page, page_text
from tests.ingest_builders import PLAN, TITLES, good_rows, long_report, make_store, xlsx
from tracker.usecases import review, unit_reports
from tracker.usecases.ingest import ingest_files
from tracker.views import review as review_view
from tracker.views import unit_report

AS_OF = date(2019, 12, 31)
STAFF = Actor("cb", Role.CAN_BO)
ADMIN = Actor("qt", Role.QUAN_TRI)


def unit_id(store: Store, name: str) -> int:
    units = store.frame("units_list", province=None)
    return int(units.loc[units["name"] == name, "unit_id"].iloc[0])


@pytest.fixture
def small(tmp_path):
    with make_store(tmp_path / "t.duckdb") as store:
        yield store


def upload_as_unit(store: Store, rows=None, name="snv.xlsx", on="ngày 25 tháng 7 năm 2019"):
    mine = unit_id(store, "Sở Ngoại vụ")
    actor = Actor("snv", Role.DON_VI, frozenset({mine}))
    data = xlsx(long_report(rows or good_rows(), unit="Sở Ngoại vụ", on=f"Lạng Sơn, {on}"))
    preparation = unit_reports.prepare_own(store, actor, PLAN, mine, [(name, data)])
    [result] = unit_reports.commit_own(store, actor, mine, preparation)
    assert result.accepted
    return actor, result.report_id


def nv01(store: Store, actor: Actor) -> str:
    frame = unit_reports.own_status(store, actor, AS_OF, PLAN)
    return frame.set_index("task_code").loc["NV01", "status"]


def audit_actions(store: Store) -> list[tuple]:
    frame = audit.trail(store).sort_values("audit_id")
    return list(
        frame[["login", "action", "object_kind", "object_key"]].itertuples(index=False, name=None)
    )


def test_without_the_setting_a_unit_upload_counts_at_once(small):
    assert not review.required(small)
    actor, report_id = upload_as_unit(small)
    assert nv01(small, actor) == "done_on_time"
    assert review_view.to_review(small) == 0


def test_a_waiting_upload_counts_only_once_approved(small):
    review.set_required(small, ADMIN, True)
    actor, report_id = upload_as_unit(small)
    assert nv01(small, actor) == "overdue"  # not counted: NV01 was due 30/6
    assert review_view.to_review(small) == 1 and review_view.to_review(small, PLAN) == 1
    [waiting] = review_view.waiting(small, STAFF).itertuples()
    assert (waiting.report_id, waiting.unit_name, waiting.review_label) == (
        report_id,
        "Sở Ngoại vụ",
        "Chờ duyệt",
    )
    assert list(unit_report.history(small, actor)["review_label"]) == ["Chờ duyệt"]
    assert review.approve(small, STAFF, report_id).ok
    assert nv01(small, actor) == "done_on_time"
    assert review_view.to_review(small) == 0
    assert audit_actions(small) == [
        ("qt", "settings", "setting", "review_unit_uploads"),
        ("snv", "upload", "report", PLAN),
        ("snv", "await_review", "report", PLAN),
        ("cb", "approve", "report", str(report_id)),
    ]
    again = review.approve(small, STAFF, report_id)
    assert not again.ok and "không ở trạng thái chờ duyệt" in again.errors[0].message
    assert len(audit_actions(small)) == 4  # a refused decision leaves no row


def test_a_returned_upload_never_counts_and_the_unit_reads_why(small):
    review.set_required(small, STAFF, True)
    actor, report_id = upload_as_unit(small)
    empty = review.return_report(small, STAFF, report_id, "  ")
    assert not empty.ok and empty.errors[0].column == "review_reason"
    assert review.return_report(small, STAFF, report_id, "Thiếu số liệu nhiệm vụ NV02").ok
    assert nv01(small, actor) == "overdue"
    history = unit_report.history(small, actor)
    assert list(history["review_label"]) == ["Bị trả lại"]
    assert list(history["review_reason"]) == ["Thiếu số liệu nhiệm vụ NV02"]
    assert list(review_view.returned(small, STAFF)["report_id"]) == [report_id]
    assert audit_actions(small)[-1] == ("cb", "return", "report", str(report_id))
    assert not review.approve(small, STAFF, report_id).ok


def test_a_waiting_upload_does_not_replace_the_report_that_counts(small):
    staff_rows = [[1, "NV01", TITLES["NV01"], "Đã hoàn thành", date(2019, 6, 25), "Xong", ""]]
    data = xlsx(long_report(staff_rows, unit="Sở Ngoại vụ"))
    [staff] = ingest_files(small, STAFF, PLAN, [("staff.xlsx", data)])
    assert staff.accepted
    review.set_required(small, STAFF, True)
    later = [[1, "NV01", TITLES["NV01"], "Đang thực hiện", None, "Làm lại", ""]]
    actor, report_id = upload_as_unit(small, later, on="ngày 30 tháng 7 năm 2019")
    assert nv01(small, actor) == "done_on_time"  # the staff's report still counts
    assert review.approve(small, STAFF, report_id).ok
    assert nv01(small, actor) == "overdue"  # now the newer report does


@pytest.mark.parametrize("role", [Role.LANH_DAO, Role.DON_VI])
def test_only_staff_may_review(small, role):
    review.set_required(small, STAFF, True)
    _, report_id = upload_as_unit(small)
    who = Actor("x", role, frozenset({unit_id(small, "Sở Ngoại vụ")}))
    with pytest.raises(Forbidden):
        review.approve(small, who, report_id)
    with pytest.raises(Forbidden):
        review.return_report(small, who, report_id, "lý do")
    with pytest.raises(Forbidden):
        review.waiting(small, who)
    with pytest.raises(Forbidden):
        review.set_required(small, who, False)


def test_the_review_page_approves_and_the_overview_counts(small, monkeypatch):
    review.set_required(small, STAFF, True)
    actor, report_id = upload_as_unit(small)
    db = small.path
    small.close()
    overview = open_page(db, monkeypatch, actor=STAFF)
    assert not overview.exception
    assert "1 báo cáo của đơn vị đang chờ duyệt" in overview.info[0].value
    at = open_page(db, monkeypatch, "pages/review.py", actor=STAFF)
    assert not at.exception
    assert "snv.xlsx" in page_text(at)
    # eyes open: the rows that will count, the reading's warnings, the original file
    rows = next(d.value for d in at.dataframe if "Được tính là" in d.value)
    assert "NV01" in set(rows["Mã"]) and "Đã hoàn thành" in set(rows["Được tính là"])
    assert any(b.label.startswith("Tải tệp gốc: snv.xlsx") for b in at.download_button)
    at.button(key=f"review.approve.{report_id}").click().run()
    assert not at.exception
    assert "Đã duyệt" in at.success[0].value
    assert "Chờ duyệt (0)" in page_text(at)
    leader = open_page(db, monkeypatch, "pages/review.py", actor=Actor("ld", Role.LANH_DAO))
    assert "không có quyền" in leader.error[0].value and "snv.xlsx" not in page_text(leader)
    with Store(db) as store:
        assert nv01(store, actor) == "done_on_time"
