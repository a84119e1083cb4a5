"""What overwriting a registered plan would change, named before it is done."""

from __future__ import annotations

from dataclasses import replace

from domain.plan_changes import TaskState, compare
from tracker.usecases import plans, units
from tracker.usecases.plan_changes import changes

PLAN = "84-KH/BTGTU"


def _current(store):
    fields = plans.plan_fields(store, PLAN)
    registry = units.load_registry(store, fields.province)
    return fields, plans.plan_rows(store, PLAN, registry), registry


def test_saving_the_stored_plan_unchanged_changes_nothing(demo_store):
    fields, rows, registry = _current(demo_store)
    found = changes(demo_store, fields, rows, registry)
    assert found is not None and found.empty
    assert found.lines() == ["Không có thay đổi nào so với kế hoạch đã lưu."]


def test_a_new_plan_number_overwrites_nothing(demo_store):
    fields, rows, registry = _current(demo_store)
    assert changes(demo_store, replace(fields, code="99-KH/MOI"), rows, registry) is None


def test_tasks_and_units_added_changed_and_removed_are_each_named(demo_store):
    fields, rows, registry = _current(demo_store)
    rows[0]["deadline_text"] = "trước ngày 15/7/2019"
    rows[1]["phoi_hop"] = rows[1]["phoi_hop"].replace("; Sở Ngoại vụ", "")
    del rows[3]  # NV04
    rows.append(
        {
            "code": "NV07",
            "section": "III.6",
            "title": "Tổng kết",
            "deadline_text": "trước ngày 31/12/2019",
            "chu_tri": "Sở Ngoại vụ",
        }
    )
    found = changes(demo_store, replace(fields, title="Tên mới"), rows, registry)
    assert found.fields == ["tên kế hoạch"]
    assert found.tasks_added == ["NV07 — Tổng kết"]
    assert found.tasks_removed == ["NV04 — Công tác nghiên cứu tham mưu, dự báo"]
    [nv01, nv02] = found.tasks_changed
    assert nv01.startswith("NV01") and "«trước ngày 15/7/2019»" in nv01
    assert nv02 == "NV02 (bỏ Sở Ngoại vụ)"
    # Sở Ngoại vụ stays (NV07 as lead, the group tasks) but its tasks changed
    assert "Sở Ngoại vụ" in found.units_changed
    assert found.units_added == [] and found.units_removed == []
    text = "\n".join(found.lines())
    assert "Nhiệm vụ bị xoá (1): NV04" in text and "Nhiệm vụ thêm mới (1): NV07" in text


def test_a_unit_leaving_every_task_is_removed_and_a_new_one_added():
    old = [TaskState("NV01", "A", units={1: "chu_tri", 2: "phoi_hop"})]
    new = [TaskState("NV01", "A", units={1: "phoi_hop", 3: "phoi_hop"})]
    found = compare("P", old, new, {1: "Sở A", 2: "Sở B", 3: "Sở C"})
    assert (found.units_added, found.units_changed, found.units_removed) == (
        ["Sở C"],
        ["Sở A"],
        ["Sở B"],
    )
    assert found.tasks_changed == ["NV01 (thêm Sở C; bỏ Sở B; đổi vai trò Sở A thành phối hợp)"]
