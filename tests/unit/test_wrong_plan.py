"""A report is checked against the plan it names: the worst defect users met was 44 Lạng
Sơn reports dropped on the Hải Dương plan, two of them accepted."""

from __future__ import annotations

from actors import STAFF
from ingest_builders import HAI_DUONG, LANG_SON, lang_son_report

from tracker.usecases.ingest import ingest_files, list_reports, prepare_by_plan


def test_a_report_of_another_plan_is_refused_naming_its_plan(demo_store):
    before = len(list_reports(demo_store, HAI_DUONG))
    [result] = ingest_files(demo_store, STAFF, HAI_DUONG, [("ls.xlsx", lang_son_report())])
    assert not result.accepted
    [error] = result.errors
    assert LANG_SON in error.message and HAI_DUONG in error.message
    assert error.sheet == "Báo cáo" and error.row is not None and error.column is not None
    assert error.value == LANG_SON
    assert len(list_reports(demo_store, HAI_DUONG)) == before  # nothing written


def test_the_same_file_on_its_own_plan_is_accepted(demo_store):
    [result] = ingest_files(demo_store, STAFF, LANG_SON, [("ls.xlsx", lang_son_report())])
    assert result.accepted, [str(p) for p in result.errors]


def test_with_the_plan_left_open_each_file_is_filed_under_the_plan_it_names(demo_store):
    files = [
        ("ls.xlsx", lang_son_report()),
        ("none.xlsx", lang_son_report(code_in_title="")),
        ("ls2.xlsx", lang_son_report(unit="Sở Thông tin và Truyền thông")),
    ]
    preparations, refused = prepare_by_plan(demo_store, files)
    assert [p.catalog.plan_code for p in preparations] == [LANG_SON]
    assert [r.file for r in refused] == ["none.xlsx"]
    results = ingest_files(demo_store, STAFF, None, files)
    assert [r.file for r in results] == ["ls.xlsx", "none.xlsx", "ls2.xlsx"]
    assert [r.accepted for r in results] == [True, False, True]
    assert "kế hoạch" in results[1].errors[0].message
    names = set(list_reports(demo_store, LANG_SON)["file_name"])
    assert {"ls.xlsx", "ls2.xlsx"} <= names and "none.xlsx" not in names
