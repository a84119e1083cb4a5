"""The store: migrations, saving a plan whole, deriving obligations, transactions."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import Rejected
from domain.model import PlanSpec, TaskSpec, UnitSpec
from store.database import ConstraintViolation, Store, migrations
from store.plans import find_units, plan_tasks, save_plan, save_units

UNITS = [
    UnitSpec(
        "Sở Thông tin và Truyền thông",
        "Sở TT&TT",
        "so_ban_nganh",
        aliases=("Sở Thông tin & Truyền thông",),
    ),
    UnitSpec("Huyện ủy Tràng Định", "HU Tràng Định", "cap_uy", level="huyen"),
]


def _plan(tasks, **extra) -> PlanSpec:
    fields = dict(
        code="1-KH/TEST",
        title="Kế hoạch thử",
        issued_on=date(2019, 6, 21),
        issuer="Ban Tuyên giáo",
        province="Tỉnh Thử",
        tracked_until=date(2020, 12, 31),
        tasks=tuple(tasks),
    )
    fields.update(extra)
    return PlanSpec(**fields)


def test_a_new_file_is_migrated_to_every_version(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        assert store.version == max(v for v, _, _ in migrations())
    with Store(tmp_path / "a.duckdb") as again:  # reopening applies nothing twice
        assert again.version == store.version


def test_a_saved_plan_reads_back_with_parsed_deadlines(store):
    save_units(store, "Tỉnh Thử", UNITS)
    saved = save_plan(
        store,
        _plan(
            [
                TaskSpec(
                    "NV01",
                    "II",
                    "Quán triệt",
                    "Thực hiện xong trước ngày 30/6/2019.",
                    units={"Sở TT&TT": "chu_tri", "HU Tràng Định": "phoi_hop"},
                ),
                TaskSpec(
                    "NV02", "III.1", "Tuyên truyền", "khi có yêu cầu", units={"Sở TT&TT": "chu_tri"}
                ),
            ]
        ),
    )
    assert saved.assignments == 3
    assert saved.unparsed_deadlines == ("NV02",)
    tasks = plan_tasks(store, "1-KH/TEST").set_index("code")
    assert tasks.loc["NV01", "due_on"].date() == date(2019, 6, 30)
    assert tasks.loc["NV01", "deadline_text"] == "Thực hiện xong trước ngày 30/6/2019."
    assert bool(tasks.loc["NV02", "deadline_unparsed"]) is True


def test_unit_names_match_whatever_their_case_spacing_or_unicode_form(store):
    save_units(store, "Tỉnh Thử", UNITS)
    import unicodedata

    for written in (
        "SỞ  THÔNG TIN & TRUYỀN THÔNG",
        "sở tt&tt",
        unicodedata.normalize("NFD", "Sở Thông tin và Truyền thông"),
    ):
        assert len(find_units(store, "Tỉnh Thử", written)) == 1
    assert find_units(store, "Tỉnh Thử", "Sở Ngoại vụ") == []
    assert find_units(store, "Tỉnh Khác", "Sở TT&TT") == []


def test_one_off_tasks_give_one_obligation_per_unit_and_recurring_ones_one_per_period(store):
    save_units(store, "Tỉnh Thử", UNITS)
    save_plan(
        store,
        _plan(
            [
                TaskSpec(
                    "NV01",
                    "II",
                    "Quán triệt",
                    "trước ngày 30/6/2019",
                    units={"Sở TT&TT": "chu_tri", "HU Tràng Định": "phoi_hop"},
                ),
                TaskSpec(
                    "NV02", "III", "Tuyên truyền", "thường xuyên", units={"Sở TT&TT": "chu_tri"}
                ),
                TaskSpec("NV03", "III", "Tập huấn", "hằng năm", units={"HU Tràng Định": "chu_tri"}),
            ],
            report_cycle="quarterly",
        ),
    )
    obligations = store.frame("demo_obligations")
    by_task = obligations.groupby("task_code")["period"].apply(list).to_dict()
    assert by_task["NV01"] == ["", ""]
    # quarterly from the quarter holding 21/6/2019 to 31/12/2020: Q2-2019 .. Q4-2020
    assert by_task["NV02"] == [
        "2019-Q2",
        "2019-Q3",
        "2019-Q4",
        "2020-Q1",
        "2020-Q2",
        "2020-Q3",
        "2020-Q4",
    ]
    assert by_task["NV03"] == ["2019", "2020"]
    q3 = obligations[(obligations.task_code == "NV02") & (obligations.period == "2019-Q3")]
    assert q3["due_on"].iloc[0].date() == date(2019, 9, 30)


def test_an_unknown_unit_rejects_the_whole_plan_and_writes_nothing(store):
    save_units(store, "Tỉnh Thử", UNITS)
    with pytest.raises(Rejected) as caught:
        save_plan(
            store,
            _plan(
                [
                    TaskSpec(
                        "NV01", "II", "Quán triệt", "30/6/2019", units={"Sở Ngoại vụ": "chu_tri"}
                    ),
                ]
            ),
        )
    assert "Sở Ngoại vụ" in caught.value.problems[0].message
    assert all(p.is_error for p in caught.value.problems)
    assert store.frame("plans_list").empty
    assert store.frame("demo_obligations").empty


def test_saving_a_plan_again_keeps_task_ids_so_reports_stay_attached(store):
    save_units(store, "Tỉnh Thử", UNITS)
    spec = _plan([TaskSpec("NV01", "II", "Quán triệt", "30/6/2019", units={"Sở TT&TT": "chu_tri"})])
    save_plan(store, spec)
    first = plan_tasks(store, "1-KH/TEST")["task_id"].tolist()
    save_plan(store, spec)
    assert plan_tasks(store, "1-KH/TEST")["task_id"].tolist() == first


def test_a_failed_write_rolls_back_everything_it_did(store):
    save_units(store, "Tỉnh Thử", UNITS)
    with pytest.raises(ConstraintViolation):
        with store.write() as tx:
            tx.run(
                "unit_insert",
                province="P",
                name="Đơn vị A",
                short_name="A",
                group_code="so_ban_nganh",
                level="tinh",
            )
            tx.run(
                "unit_insert",
                province="P",
                name="Đơn vị A",
                short_name="A",
                group_code="so_ban_nganh",
                level="tinh",
            )
    assert store.frame("units_list", province="P").empty


def test_text_is_stored_as_nfc(store):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Hội Nông dân tỉnh")
    save_units(store, "Tỉnh Thử", [UnitSpec(nfd, "Hội ND", "mttq_doan_the")])
    name = store.frame("units_list", province="Tỉnh Thử")["name"].iloc[0]
    assert name == unicodedata.normalize("NFC", name) == "Hội Nông dân tỉnh"


def test_nested_writes_join_the_outer_transaction_and_roll_back_together(store):
    class Abort(Exception):
        pass

    with pytest.raises(Abort):
        with store.write():
            save_units(store, "Tỉnh Thử", UNITS)  # opens its own write(): joins this one
            assert len(find_units(store, "Tỉnh Thử", "Sở TT&TT")) == 1  # reads its own writes
            raise Abort
    assert find_units(store, "Tỉnh Thử", "Sở TT&TT") == []


def test_a_rejected_plan_inside_a_larger_write_leaves_no_trace(store):
    with pytest.raises(Rejected):
        with store.write():
            save_units(store, "Tỉnh Thử", UNITS)
            save_plan(
                store,
                _plan([TaskSpec("NV01", "1", "A", "30/6/2019", units={"Không có": "chu_tri"})]),
            )
    assert store.frame("units_list", province="Tỉnh Thử").empty
    assert store.frame("plans_list").empty
