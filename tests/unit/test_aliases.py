"""Remembered names apply to every later file; the command line adds, lists and removes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from actors import STAFF
from ingest_builders import xlsx

from tracker.usecases.aliases import (
    AliasRefused,
    forget,
    listed,
    remember_task,
    remember_unit,
    task_choices,
    unit_choices,
)
from tracker.usecases.ingest import ingest_files, load_catalog, prepare_files

ROOT = Path(__file__).resolve().parents[2]
PLAN = "84-KH/BTGTU"
HEADER = ["STT", "Mã nhiệm vụ", "Nội dung nhiệm vụ", "Tình trạng", "Ngày hoàn thành"]


def _report(unit: str, title: str) -> bytes:
    return xlsx(
        [
            ["BÁO CÁO"],
            [f"Đơn vị báo cáo: {unit}"],
            ["Lạng Sơn, ngày 20 tháng 12 năm 2019"],
            [],
            HEADER,
            [1, "", title, "Đã hoàn thành", date(2019, 12, 1)],
        ]
    )


def test_a_remembered_task_name_matches_exactly_in_later_files(demo_store):
    data = _report("Sở Ngoại vụ", "Quán triệt CT32")
    [before] = prepare_files(demo_store, PLAN, [("a.xlsx", data)]).results()
    assert [w for w in before.warnings if "được hiểu là NV01" in w.message]
    done = remember_task(demo_store, STAFF, PLAN, "NV01", "Quán triệt CT32")
    assert done.target.startswith("NV01 — ")
    [after] = ingest_files(demo_store, STAFF, PLAN, [("a.xlsx", data)])
    assert after.accepted and not [w for w in after.warnings if "được hiểu" in w.message]
    rows = listed(demo_store, plan_code=PLAN, kind="task")
    assert rows[["alias", "target", "added_by"]].values.tolist() == [
        ["Quán triệt CT32", "NV01", STAFF.login]
    ]
    assert forget(demo_store, STAFF, int(rows["alias_id"].iloc[0]))
    assert listed(demo_store, plan_code=PLAN).empty
    catalog = load_catalog(demo_store, PLAN)
    assert catalog.task_ids("Quán triệt CT32") == set()


def test_a_remembered_unit_name_matches_exactly(demo_store):
    remember_unit(demo_store, STAFF, "MTTQ", "UB Mặt trận tỉnh", plan_code=PLAN)
    [result] = ingest_files(
        demo_store, STAFF, PLAN, [("a.xlsx", _report("UB Mặt trận tỉnh", "NV01"))]
    )
    assert result.unit == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    assert not [w for w in result.warnings if "được hiểu" in w.message]


def test_a_name_of_another_task_or_unit_is_refused(demo_store):
    with pytest.raises(AliasRefused, match="NV02"):
        remember_task(demo_store, STAFF, PLAN, "NV01", "Công tác tuyên truyền")
    with pytest.raises(AliasRefused, match="Sở Ngoại vụ"):
        remember_unit(demo_store, STAFF, "MTTQ", "SNV", plan_code=PLAN)
    with pytest.raises(AliasRefused, match="NV99"):
        remember_task(demo_store, STAFF, PLAN, "NV99", "gì đó")


def test_the_closest_candidates_are_offered_best_first(demo_store):
    catalog = load_catalog(demo_store, PLAN)
    assert task_choices(catalog, "tuyên truyền và phối hợp")[0][0] in ("NV02", "NV03")
    assert unit_choices(catalog, "Sở Thông tin Truyền thông tỉnh")[0] == (
        "Sở Thông tin và Truyền thông"
    )
