"""The plan document parser on the two real seed plans (shipped in data/samples/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from loaders.plans.document import parse_plan_text, read_plan_document
from loaders.plans.units import RegistryUnit, match_units
from tracker.usecases.seed_data import demo_files, load

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
LANG_SON = SAMPLES / "ke-hoach-84-KH-BTGTU-lang-son.txt"
HAI_DUONG = SAMPLES / "ke-hoach-ban-thuong-vu-tinh-uy-hai-duong.md"
GROUPS = {
    "so_ban_nganh": "Sở, ban, ngành",
    "cap_uy": "Huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc",
    "bao_chi": "Cơ quan báo chí",
    "mttq_doan_the": "MTTQ và các đoàn thể",
    "co_quan_dang": "Cơ quan Đảng cấp tỉnh",
}


@pytest.fixture(scope="module")
def lang_son():
    return read_plan_document(LANG_SON.read_bytes(), LANG_SON.name)


@pytest.fixture(scope="module")
def hai_duong():
    return read_plan_document(HAI_DUONG.read_bytes(), HAI_DUONG.name)


def _registry(province: str) -> list[RegistryUnit]:
    for path in demo_files():
        found, units, _plan = load(path)
        if found == province:
            return [
                RegistryUnit(i, u.name, (u.short_name, *u.aliases), u.group)
                for i, u in enumerate(units, start=1)
            ]
    raise AssertionError(province)


def test_lang_son_header_is_read_in_full(lang_son):
    plan = lang_son.plan
    assert plan.code == "84-KH/BTGTU"
    assert plan.issued_on == date(2019, 6, 21)
    assert plan.place == "Lạng Sơn"
    assert plan.issuer == "Ban Tuyên giáo Tỉnh ủy"
    assert plan.title.startswith("Tuyên truyền thực hiện Chỉ thị số 32-CT/TW")
    assert plan.directive.code == "32-CT/TW"
    assert plan.directive.kind == "Chỉ thị"
    assert plan.directive.issued_on == date(2019, 2, 18)
    assert plan.directive.issuer == "Bộ Chính trị"
    assert plan.directive.title.startswith("về tăng cường và nâng cao hiệu quả")


def test_lang_son_quan_triet_is_due_30_june_and_section_iii_gives_five_ongoing_groups(
    lang_son,
):
    assert lang_son.is_plan
    first, *ongoing = lang_son.tasks
    assert (first.section, first.title) == ("II", "Tổ chức quán triệt")
    assert first.deadline_text == "Thực hiện xong trước ngày 30/6/2019"
    assert first.due == date(2019, 6, 30)
    assert [t.section for t in ongoing] == ["III.1", "III.2", "III.3", "III.4", "III.5"]
    assert [t.title for t in ongoing] == [
        "Công tác tuyên truyền",
        "Công tác phối hợp",
        "Công tác nghiên cứu tham mưu, dự báo",
        "Công tác đấu tranh, phản bác",
        "Công tác đào tạo, bồi dưỡng",
    ]
    assert {t.recurrence for t in ongoing} == {"continuous"}
    assert {t.section_title for t in ongoing} == {"Nhiệm vụ, giải pháp thực hiện"}


def test_lang_son_every_task_is_carried_by_the_six_unit_groups_of_section_iv(lang_son):
    names = [u.name for u in lang_son.units]
    assert names == [
        "Ban tuyên giáo, tuyên huấn các huyện uỷ, thành uỷ, đảng uỷ trực thuộc",
        "Sở Thông tin và Truyền thông",
        "Sở Ngoại vụ",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh",
        "Các cơ quan báo chí trên địa bàn tỉnh",
    ]
    for task in lang_son.tasks:
        assert [u.name for u in task.units] == names
    roles = {u.name: u.role for u in lang_son.units}
    assert roles["Sở Thông tin và Truyền thông"] == "chu_tri"  # "Chủ trì theo dõi, đôn đốc"


def test_lang_son_reporting_goes_back_to_the_issuer(lang_son):
    assert lang_son.reporting.report_to == "Ban Tuyên giáo Tỉnh ủy"
    assert "báo cáo kết quả" in lang_son.reporting.text


def test_lang_son_unit_groups_meet_the_registry(lang_son):
    matches = match_units([u.name for u in lang_son.units], _registry("Lạng Sơn"), GROUPS)
    assert [m.how for m in matches] == ["group", "name", "name", "name", "group", "group"]
    assert len(matches[0].unit_ids) == 16  # every huyện ủy, thành ủy, đảng ủy trực thuộc


def test_hai_duong_has_no_number_and_no_date_and_says_so(hai_duong):
    plan = hai_duong.plan
    assert plan.code == ""
    assert plan.issued_on is None
    assert plan.issuer == "Ban Thường vụ Tỉnh ủy"
    assert plan.directive.code == "32-CT/TW"
    assert plan.directive.issued_on == date(2019, 2, 18)
    messages = " ".join(p.message for p in hai_duong.problems)
    assert "không ghi số hiệu" in messages
    assert "không ghi ngày ban hành" in messages


def test_hai_duong_conference_levels_and_ongoing_groups_despite_its_numbering(hai_duong):
    tasks = {t.section: t for t in hai_duong.tasks}
    assert list(tasks) == [
        "II.1.1",
        "II.1.2",
        "II.1.3",
        "II.2.1",
        "II.3.2",
        "II.3.3",
        "II.3.4",
        "II.3.5",
    ]
    conference = tasks["II.1.1"]
    assert conference.deadline_text == "1/2 ngày, ngày 11/6/2019"
    assert conference.due == date(2019, 6, 11)
    assert tasks["II.1.2"].due == date(2019, 6, 30)
    assert tasks["II.1.2"].title.startswith("Các đảng ủy trực thuộc Tỉnh ủy")
    assert tasks["II.1.3"].due == date(2019, 7, 31)
    for code in ("II.2.1", "II.3.2", "II.3.3", "II.3.4"):
        assert tasks[code].recurrence == "continuous", code
        assert tasks[code].section_title == "Một số nhiệm vụ thực hiện thường xuyên"
    assert tasks["II.3.5"].recurrence == "yearly"
    assert tasks["II.3.5"].deadline_text == "hằng năm"
    numbering = [p for p in hai_duong.problems if "Đánh số không liên tục" in p.message]
    assert len(numbering) == 1 and "3.2" in numbering[0].message


def test_hai_duong_units_come_from_section_iii_with_their_roles(hai_duong):
    roles = {u.name: u.role for u in hai_duong.units}
    assert roles == {
        "Các ban cán sự đảng, đảng đoàn": None,
        "các huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy": None,
        "Ban Cán sự đảng Ủy ban nhân dân tỉnh": "phoi_hop",
        "Ban Tuyên giáo Tỉnh ủy": "chu_tri",
        "Văn phòng Tỉnh ủy": "phoi_hop",
        "các ban xây dựng Đảng của Tỉnh ủy": "phoi_hop",
        "Các đảng ủy trực thuộc Tỉnh ủy": None,  # named by section 1.2 itself
    }
    level = next(t for t in hai_duong.tasks if t.section == "II.1.2")
    assert [(u.name, u.role) for u in level.units] == [
        ("Các đảng ủy trực thuộc Tỉnh ủy", "chu_tri")
    ]
    everyone = next(t for t in hai_duong.tasks if t.section == "II.3.5")
    assert len(everyone.units) == 6
    assert hai_duong.reporting.report_to == "Ban Thường vụ Tỉnh ủy"


def test_hai_duong_names_not_in_the_registry_are_listed_with_suggestions(hai_duong):
    matches = match_units([u.name for u in hai_duong.units], _registry("Hải Dương"), GROUPS)
    unknown = [m for m in matches if not m.unit_ids]
    assert [m.name for m in unknown] == ["Các ban cán sự đảng, đảng đoàn"]
    assert unknown[0].suggestions == ["Ban Cán sự đảng Ủy ban nhân dân tỉnh"]


def test_the_json_shape_of_the_command_line(lang_son):
    shape = lang_son.to_json()
    assert set(shape["plan"]) >= {"code", "title", "date", "issuer", "directive"}
    assert shape["plan"]["date"] == "2019-06-21"
    task = shape["tasks"][0]
    assert set(task) >= {"section", "title", "deadline_text", "start", "due", "recurrence", "units"}
    assert task["due"] == "2019-06-30"
    assert len(shape["units"]) == 6


def test_pasted_text_and_nfd_text_read_the_same(lang_son):
    import unicodedata

    text = LANG_SON.read_text(encoding="utf-8")
    again = parse_plan_text(unicodedata.normalize("NFD", text).replace("\n", "\r\n"))
    assert [t.title for t in again.tasks] == [t.title for t in lang_son.tasks]
    assert again.plan.code == "84-KH/BTGTU"
