"""Units matched through the one key plan documents use too (domain.names)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from actors import STAFF
from ingest_builders import xlsx

from domain.names import unit_key
from loaders.plans import units as plan_units
from loaders.reports.catalog import Catalog, Obligation, Task, Unit
from loaders.reports.pipeline import prepare
from tracker.usecases.ingest import ingest_files, load_catalog

PLANS = ("84-KH/BTGTU", "TUHD-32/2019")
HEADER = ["STT", "Mã nhiệm vụ", "Nội dung nhiệm vụ", "Tình trạng", "Ngày hoàn thành"]


@pytest.fixture(params=PLANS)
def catalog(request, demo_store):
    return load_catalog(demo_store, request.param)


def test_plan_documents_and_reports_share_one_unit_key():
    assert plan_units.unit_key is unit_key
    registry = [plan_units.RegistryUnit(1, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")]
    [found] = plan_units.match_units(["Ủy ban Mặt trận Tổ quốc tỉnh"], registry)
    assert found.unit_ids == [1]


@pytest.mark.parametrize(
    ("written", "registered"),
    [
        ("Ủy ban Mặt trận Tổ quốc tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("UBMTTQ tỉnh Lạng Sơn", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("SỞ VHTT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh"),
        ("HLHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"),
        ("Ban Tuyên giáo Huyện ủy Lộc Bình", "Huyện ủy Lộc Bình"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ],
)
def test_abbreviations_and_optional_words_meet_on_the_key(written, registered):
    assert unit_key(written, "Lạng Sơn") == unit_key(registered, "Lạng Sơn")


def test_every_registry_spelling_in_any_case_and_form_designates_its_unit(catalog):
    for unit in catalog.units:
        for spelling in (unit.name, unit.short_name, *unit.aliases):
            if not spelling:
                continue
            for form in (
                spelling.upper(),
                unicodedata.normalize("NFD", spelling),
                f"  {spelling}  ",
            ):
                ids = catalog.unit_ids(form)
                assert unit.unit_id in ids, (form, unit.name)


def test_the_district_propaganda_board_stands_for_the_district_committee(catalog):
    districts = [u for u in catalog.units if u.name.startswith("Huyện ủy ")]
    assert districts
    for unit in districts:
        ids, exact = catalog.unit_match("Ban Tuyên giáo " + unit.name)
        assert ids == {unit.unit_id}


def _report(unit_line: str | None) -> bytes:
    rows = [["BÁO CÁO"]]
    if unit_line:
        rows.append([f"Đơn vị báo cáo: {unit_line}"])
    rows += [
        ["Lạng Sơn, ngày 20 tháng 12 năm 2019"],
        [],
        HEADER,
        [1, "NV02", "", "Đang thực hiện", None],
    ]
    return xlsx(rows)


def test_a_unit_written_otherwise_is_accepted_with_a_warning_naming_the_unit(demo_store):
    [result] = ingest_files(
        demo_store, STAFF, "84-KH/BTGTU", [("r.xlsx", _report("Ủy ban Mặt trận Tổ quốc tỉnh"))]
    )
    assert result.accepted, [str(p) for p in result.errors]
    assert result.unit == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    told = [w for w in result.warnings if "được hiểu là Ủy ban Mặt trận" in w.message]
    assert len(told) == 1 and told[0].row == 2


def test_the_file_name_names_the_unit_as_a_last_resort(demo_store):
    [result] = ingest_files(
        demo_store, STAFF, "84-KH/BTGTU", [("BC_So_TTTT_thang12.xlsx", _report(None))]
    )
    assert result.accepted, [str(p) for p in result.errors]
    assert result.unit == "Sở Thông tin và Truyền thông"
    assert any("theo tên tệp" in w.message for w in result.warnings)


def test_a_file_name_naming_no_unit_leaves_the_rows_without_one(demo_store):
    [result] = ingest_files(
        demo_store, STAFF, "84-KH/BTGTU", [("bao_cao_thang12.xlsx", _report(None))]
    )
    assert not result.accepted
    assert any("Không xác định được đơn vị" in p.message for p in result.errors)


def test_a_key_two_units_share_is_an_error_naming_both():
    units = [Unit(1, "Hội Liên hiệp Phụ nữ tỉnh"), Unit(2, "Hội Liên hiệp Phụ nữ Việt Nam tỉnh")]
    tasks = [Task(10, "NV01", "Công tác tuyên truyền")]
    catalog = Catalog(
        1,
        "P",
        "Kế hoạch",
        date(2019, 6, 1),
        units,
        tasks,
        [Obligation(10, 1), Obligation(10, 2)],
        "Lạng Sơn",
    )
    [done] = prepare([("r.xlsx", _report("HLHPN tỉnh"))], catalog, today=date(2019, 12, 21))
    assert not done.accepted
    [error] = [p for p in done.errors if "nhiều đơn vị" in p.message]
    assert "Hội Liên hiệp Phụ nữ tỉnh" in error.message
    assert "Hội Liên hiệp Phụ nữ Việt Nam tỉnh" in error.message


def test_an_unknown_unit_beside_its_label_is_located_at_the_name_not_the_label(demo_store):
    report = xlsx(
        [
            ["BÁO CÁO"],
            [],
            ["Đơn vị báo cáo:", None, "Sở Du lịch vũ trụ"],
            ["Lạng Sơn, ngày 20 tháng 12 năm 2019"],
            [],
            HEADER,
            [1, "NV02", "", "Đang thực hiện", None],
        ]
    )
    [result] = ingest_files(demo_store, STAFF, "84-KH/BTGTU", [("r.xlsx", report)])
    assert not result.accepted
    [error] = [p for p in result.errors if "không có trong danh mục" in p.message]
    assert (error.row, error.column, error.value) == (3, "C", "Sở Du lịch vũ trụ")
