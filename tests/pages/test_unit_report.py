"""A unit account: its own obligations, template, upload and history, and no other unit's
data anywhere (use cases called directly, the page and every view page in AppTest, URL
parameters tampered with)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from domain.access import Actor, Forbidden, Role
from store import audit
from store.database import Store
from store.tables import read_table
from tests.app_pages import open_page, page_text
from tests.ingest_builders import HEADER, PLAN, count, good_rows, long_report, make_store, xlsx
from tracker.usecases import unit_reports
from tracker.views import unit_report
from ui.menu import MENU


@pytest.fixture
def small(tmp_path):
    with make_store(tmp_path / "t.duckdb") as store:
        yield store


def unit_id(store: Store, name: str) -> int:
    units = store.frame("units_list", province=None)
    return int(units.loc[units["name"] == name, "unit_id"].iloc[0])


def unit_actor(store: Store, *names: str) -> Actor:
    return Actor("snv", Role.DON_VI, frozenset(unit_id(store, n) for n in names))


AS_OF = date(2019, 12, 31)


def test_a_unit_account_sees_only_its_own_obligations(small):
    actor = unit_actor(small, "Sở Ngoại vụ")
    frame = unit_report.obligations(small, actor, AS_OF, PLAN)
    assert len(frame) > 0
    assert set(unit_reports.own_status(small, actor, AS_OF, PLAN)["unit"]) == {"Sở Ngoại vụ"}
    assert "unit_name" not in frame.columns  # one unit: no unit column
    two = unit_actor(small, "Sở Ngoại vụ", "Sở Tư pháp")
    assert set(unit_report.obligations(small, two, AS_OF, PLAN)["unit_name"]) == {
        "Sở Ngoại vụ",
        "Sở Tư pháp",
    }


@pytest.mark.parametrize("role", [Role.CAN_BO, Role.LANH_DAO, Role.QUAN_TRI])
def test_other_roles_do_not_use_the_unit_page_use_cases(small, role):
    with pytest.raises(Forbidden):
        unit_reports.own_status(small, Actor("x", role), AS_OF, PLAN)


def test_a_unit_account_cannot_ask_for_another_units_template_or_upload(small):
    actor = unit_actor(small, "Sở Ngoại vụ")
    other = unit_id(small, "Sở Tư pháp")
    with pytest.raises(Forbidden):
        unit_reports.own_template(small, actor, PLAN, other)
    with pytest.raises(Forbidden):
        unit_reports.prepare_own(small, actor, PLAN, other, [("a.xlsx", xlsx([["x"]]))])


def test_the_own_template_is_pre_filled_for_the_unit(small):
    actor = unit_actor(small, "Sở Ngoại vụ")
    mine = unit_id(small, "Sở Ngoại vụ")
    book = openpyxl.load_workbook(io.BytesIO(unit_reports.own_template(small, actor, PLAN, mine)))
    text = " ".join(str(c.value) for s in book for row in s.iter_rows() for c in row if c.value)
    assert "Sở Ngoại vụ" in text and "Sở Tư pháp" not in text
    assert unit_reports.template_name(small, actor, PLAN, mine).endswith("so-ngoai-vu.xlsx")


def test_an_own_report_is_written_audited_and_in_the_history(small):
    actor = unit_actor(small, "Sở Ngoại vụ")
    mine = unit_id(small, "Sở Ngoại vụ")
    files = [("snv.xlsx", xlsx(long_report(good_rows(), unit="Sở Ngoại vụ")))]
    preparation = unit_reports.prepare_own(small, actor, PLAN, mine, files)
    [result] = unit_reports.commit_own(small, actor, mine, preparation)
    assert result.accepted and result.rows == 3
    history = unit_report.history(small, actor)
    assert list(history["file_name"]) == ["snv.xlsx"]
    assert list(history["uploaded_by"]) == ["snv"]
    trail = audit.trail(small)[["login", "role", "action", "object_key"]]
    assert list(trail.itertuples(index=False, name=None)) == [("snv", "don_vi", "upload", PLAN)]
    # the staff's view of the same plan sees the same upload
    status = unit_reports.own_status(small, actor, AS_OF, PLAN)
    assert status.set_index("task_code").loc["NV01", "status"] == "done_on_time"


def test_a_file_with_rows_of_another_unit_is_refused_with_each_row_located(small):
    actor = unit_actor(small, "Sở Ngoại vụ")
    mine = unit_id(small, "Sở Ngoại vụ")
    header = ["STT", "Đơn vị", *HEADER[1:]]
    body = [[1, "Sở Ngoại vụ", *good_rows()[0][1:]], [2, "Sở Tư pháp", *good_rows()[1][1:]]]
    rows = [["BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 84-KH/BTGTU"], [], header, *body]
    preparation = unit_reports.prepare_own(small, actor, PLAN, mine, [("tong.xlsx", xlsx(rows))])
    [result] = preparation.results()
    assert not result.accepted
    [problem] = result.errors
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "tong.xlsx",
        "Báo cáo",
        5,
        "B",
    )
    assert "Sở Tư pháp" in problem.message and "Sở Ngoại vụ" in problem.message
    unit_reports.commit_own(small, actor, mine, preparation)
    assert count(small, "report") == 0 and count(small, "audit") == 0


def test_a_title_naming_another_unit_is_refused_located(small):
    actor = unit_actor(small, "Sở Ngoại vụ")
    mine = unit_id(small, "Sở Ngoại vụ")
    files = [("x.xlsx", xlsx(long_report(good_rows(), unit="Sở Tư pháp")))]
    [result] = unit_reports.prepare_own(small, actor, PLAN, mine, files).results()
    assert not result.accepted
    assert any(p.row == 2 and p.column == "A" and "Sở Tư pháp" in p.message for p in result.errors)


def test_another_units_file_already_loaded_cannot_be_loaded_again_by_a_unit(small):
    from tracker.usecases.ingest import ingest_files

    data = xlsx(long_report(good_rows(), unit="Sở Tư pháp"))
    [staff] = ingest_files(small, Actor("cb", Role.CAN_BO), PLAN, [("stp.xlsx", data)])
    assert staff.accepted
    actor = unit_actor(small, "Sở Ngoại vụ")
    files = [("stp.xlsx", data)]
    [result] = unit_reports.prepare_own(
        small, actor, PLAN, unit_id(small, "Sở Ngoại vụ"), files
    ).results()
    assert not result.accepted and "đơn vị khác" in result.errors[0].message


# -- pages ---------------------------------------------------------------------------------


def demo_unit(db) -> tuple[Actor, str, list[str]]:
    """A demo unit that has obligations, an account bound to it, and every other unit's
    name that a view page shows (those of units with obligations)."""
    with Store(db) as store:
        bound = set(read_table(store, "obligation")["unit_id"].to_pylist())
        units = store.frame("units_list", province=None).sort_values("name")
        rows = [
            (int(u), n) for u, n in zip(units["unit_id"], units["name"], strict=True) if u in bound
        ]
    mine_id, mine = rows[0]
    others = [name for uid, name in rows if uid != mine_id and mine not in name]
    return Actor("dv", Role.DON_VI, frozenset({mine_id})), mine, others


def test_the_unit_page_shows_the_units_obligations_and_no_other_unit(demo_db, monkeypatch):
    actor, mine, others = demo_unit(demo_db)
    at = open_page(demo_db, monkeypatch, "pages/unit_report.py", actor=actor)
    assert not at.exception
    at.date_input(key="own.asof").set_value(date(2019, 7, 26)).run()
    text = page_text(at)
    assert f"của {mine}" in text
    assert "Mẫu đã điền sẵn báo cáo gần nhất" in text
    table = at.dataframe[0].value
    assert len(table) > 0 and "Tình trạng" in table.columns
    assert not [name for name in others if name in text]


def test_the_unit_page_tells_staff_it_is_for_unit_accounts(demo_db, monkeypatch):
    at = open_page(demo_db, monkeypatch, "pages/unit_report.py", actor=Actor("cb", Role.CAN_BO))
    assert not at.exception
    assert "dành cho tài khoản đơn vị" in at.info[0].value


VIEW_PAGES = [path for section in ("Theo dõi", "Nghiệp vụ") for path, _, _ in MENU[section]]
NAMING_PAGES = {"pages/heatmap.py", "pages/ranking.py", "pages/reminders.py", "pages/export.py"}
"""The view pages that name units at these URL parameters (as staff opens them)."""


@pytest.mark.parametrize("page", VIEW_PAGES)
def test_a_unit_account_tampering_with_the_url_sees_no_other_unit(page, demo_db, monkeypatch):
    actor, mine, others = demo_unit(demo_db)
    with Store(demo_db) as store:
        codes = dict(zip(*store.frame("plans_list")[["plan_id", "code"]].T.values, strict=True))
        other = next(
            o
            for o in read_table(store, "obligation").to_pylist()
            if o["unit_id"] not in actor.unit_ids
        )
        plan, task_id, other_id = codes[other["plan_id"]], other["task_id"], other["unit_id"]
    query = {
        "plan": plan,
        "groups": "so_ban_nganh,cap_uy",
        "unit": others[0],
        "cell": f"{other_id}-{task_id}",
        "asof": "2019-07-26",
    }
    at = open_page(demo_db, monkeypatch, page, actor=actor, **query)
    assert not at.exception
    text = page_text(at)
    assert "Báo cáo của đơn vị" in text  # told where its own data is
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")  # no figure
    assert not [name for name in others if name in text]
    # the same link as staff does show other units: the check above could fail
    staff = open_page(demo_db, monkeypatch, page, actor=Actor("cb", Role.QUAN_TRI), **query)
    assert not staff.exception
    if page in NAMING_PAGES:
        assert [name for name in others if name in page_text(staff)]


def test_the_unit_page_uploads_the_units_report_and_lists_it(small, monkeypatch):
    actor = unit_actor(small, "Sở Ngoại vụ")
    db = small.path
    small.close()
    at = open_page(db, monkeypatch, "pages/unit_report.py", actor=actor)
    assert not at.exception
    data = xlsx(long_report(good_rows(), unit="Sở Ngoại vụ"))
    at.file_uploader(key="own.files").set_value([("snv.xlsx", data, "application/octet-stream")])
    at.run()
    assert not at.exception
    # the unit sees its rows before it submits
    preview = next(d.value for d in at.dataframe if "Được tính là" in d.value)
    assert set(preview["Mã"]) == {"NV01", "NV02", "NV03"}
    at.button(key="own.confirm").click().run()
    assert not at.exception
    [said] = [s.value for s in at.success]  # one clear sentence: received, what next
    assert said.startswith("Đã nhận «snv.xlsx» (3 dòng, báo cáo #")
    assert "đã được tính vào tiến độ" in said and "Đã nạp" not in said
    history = at.dataframe[-1].value
    assert list(history["Tệp báo cáo"]) == ["snv.xlsx"]
    with Store(db) as store:
        assert count(store, "report") == 1


def test_a_file_staff_withdrew_is_not_brought_back_by_the_unit(small):
    from tracker.usecases.ingest import withdraw_report

    actor = unit_actor(small, "Sở Ngoại vụ")
    mine = unit_id(small, "Sở Ngoại vụ")
    files = [("snv.xlsx", xlsx(long_report(good_rows(), unit="Sở Ngoại vụ")))]
    [sent] = unit_reports.commit_own(
        small, actor, mine, unit_reports.prepare_own(small, actor, PLAN, mine, files)
    )
    assert withdraw_report(small, Actor("cb", Role.CAN_BO), sent.report_id)
    preparation = unit_reports.prepare_own(small, actor, PLAN, mine, files)
    [again] = preparation.results()
    assert not again.accepted and "đã được cán bộ rút" in again.errors[0].message
    unit_reports.commit_own(small, actor, mine, preparation)  # writes nothing, raises nothing
    assert list(unit_report.history(small, actor)["withdrawn"]) == [True]
