"""Đôn đốc: AppTest of the page on the demo database: per unit the overdue and due-soon
obligations (never those not due yet outside the window), a days column that says
something on every row, the letters, and sending after a preview and a confirmation."""

from __future__ import annotations

from datetime import date

from actors import STAFF
from app_pages import open_page
from smtp_inbox import inbox

from domain.access import Role
from domain.model import PlanSpec
from domain.scope import Scope
from store.database import Store
from store.plans import save_plan
from tracker.usecases import contacts, reminders
from tracker.views import summary

AS_OF = date(2019, 7, 26)


def _open(db, monkeypatch, role=Role.CAN_BO, **query):
    return open_page(db, monkeypatch, "pages/reminders.py", role=role, asof="2019-07-26", **query)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_units_carry_their_overdue_and_due_soon_obligations_and_nothing_not_yet_due(
    demo_db, demo_db_template, monkeypatch
):
    with Store(demo_db_template, read_only=True) as store:
        k = summary.kpis(store, Scope(AS_OF))
    at = _open(demo_db, monkeypatch)
    assert not at.exception
    assert at.title[0].value == "Đôn đốc"
    metrics = _metrics(at)
    assert metrics["Quá hạn"] == str(k.overdue) == "92"
    assert metrics["Đến hạn trong 7 ngày"] == str(k.due_soon) == "16"
    per_unit = at.dataframe[0].value
    assert metrics["Đơn vị cần đôn đốc"] == str(len(per_unit))
    assert per_unit["Sắp đến hạn"].sum() + per_unit["Chưa hoàn thành, quá hạn"].sum() == 108
    one = at.dataframe[1].value  # the first unit's letter rows
    assert set(one["Tình trạng"]) <= {"Chưa hoàn thành, quá hạn", "Sắp đến hạn"}
    assert one["Quá hạn / còn"].str.match(r"^(Quá hạn \d+ ngày|Sắp đến hạn, còn \d+ ngày)$").all()
    assert len(one) == per_unit.iloc[0][["Chưa hoàn thành, quá hạn", "Sắp đến hạn"]].sum()
    labels = [b.label for b in at.get("download_button") if b.label.startswith("Tải")]
    assert labels == [f"Tải {len(per_unit)} công văn (.zip)", "Tải công văn của đơn vị (.docx)"]


def test_a_narrower_window_leaves_out_what_falls_due_later(demo_db, monkeypatch):
    with Store(demo_db) as store:
        reminders.set_reminder_days(store, STAFF, 3)
    at = _open(demo_db, monkeypatch)
    assert _metrics(at)["Đến hạn trong 3 ngày"] == "0"  # 31/07 is 5 days after 26/07


def test_staff_send_after_confirming_and_the_page_remembers(demo_db, monkeypatch):
    with Store(demo_db) as store:
        first = reminders.letters(store, "84-KH/BTGTU", AS_OF)[0]
        row = contacts.ContactRow(first.unit, "vanthu@so.vn", unit_id=first.unit_id)
        assert contacts.save_contacts(store, STAFF, [row]).ok
    with inbox() as box:
        monkeypatch.setenv("TRACKER_SMTP_URL", box.url)
        at = _open(demo_db, monkeypatch, plan="84-KH/BTGTU")
        at.button(key="reminders.send").click().run()
        assert not box.messages  # asked first
        assert "Gửi e-mail công văn đôn đốc cho 1 đơn vị" in at.warning[-1].value
        at.button(key="reminders.send.yes").click().run()
        assert not at.exception
        assert len(box.to("vanthu@so.vn")) == 1
    assert any("Đã gửi 1 công văn" in s.value for s in at.success)
    history = at.dataframe[-1].value
    assert (history["Kết quả gửi"] == "Đã gửi e-mail").sum() == 1
    assert (history["Kết quả gửi"] == "Cần gửi giấy").sum() == len(history) - 1


def test_a_leader_sees_the_list_but_no_send_button(demo_db, monkeypatch):
    at = _open(demo_db, monkeypatch, role=Role.LANH_DAO)
    assert not at.exception
    assert _metrics(at)["Quá hạn"] == "92"
    assert not [b for b in at.button if b.key == "reminders.send"]


def test_nothing_to_remind_about_says_so(tmp_path, monkeypatch):
    db = tmp_path / "no-tasks.duckdb"
    with Store(db) as store:
        save_plan(
            store,
            PlanSpec(
                code="01-KH/X",
                title="Kế hoạch chưa có nhiệm vụ",
                issued_on=date(2019, 7, 1),
                issuer="",
                province="",
                tracked_until=date(2019, 12, 31),
            ),
        )
    at = _open(db, monkeypatch)
    assert not at.exception
    assert "chưa cần đôn đốc" in at.success[0].value


def test_the_units_detail_says_how_often_it_was_reminded(demo_db, monkeypatch):
    with Store(demo_db) as store:
        first = reminders.letters(store, "84-KH/BTGTU", AS_OF)[0]
        reminders.send(store, STAFF, [first], lambda _x: ("x.docx", b""), None, day=AS_OF)
    at = open_page(
        demo_db,
        monkeypatch,
        "pages/ranking.py",
        plan="84-KH/BTGTU",
        unit=first.unit,
        asof="2019-07-26",
    )
    assert not at.exception
    today = date.today().strftime("%d/%m/%Y")  # the letter was made now: paper, no e-mail
    assert f"Đôn đốc: đã nhắc 1 lần, lần cuối {today}" in [c.value for c in at.caption]


def test_the_settings_draw_their_widgets_only_once_opened(demo_db, monkeypatch):
    at = _open(demo_db, monkeypatch)
    assert not at.exception
    templates = [b for b in at.get("download_button") if b.label.startswith("Mẫu")]
    assert not templates and not at.number_input and not at.get("file_uploader")
    at.session_state["reminders.templates"] = True  # what a click on a header sends
    at.session_state["reminders.window.open"] = True
    at.run()
    assert not at.exception
    assert [b.label for b in at.get("download_button") if b.label.startswith("Mẫu")] == [
        "Mẫu Cơ quan Đảng (mặc định)",
        "Mẫu Cơ quan nhà nước (mặc định)",
    ]
    assert len(at.get("file_uploader")) == 2
    assert at.number_input(key="reminders.window").value == 7


def test_the_units_table_carries_the_emails_the_letters_go_to(demo_db, monkeypatch):
    with Store(demo_db) as store:
        first = reminders.letters(store, "84-KH/BTGTU", AS_OF)[0]
        row = contacts.ContactRow(first.unit, "vanthu@so.vn", unit_id=first.unit_id)
        assert contacts.save_contacts(store, STAFF, [row]).ok
    at = _open(demo_db, monkeypatch, plan="84-KH/BTGTU")
    per_unit = at.dataframe[0].value
    emails = dict(zip(per_unit["Đơn vị"], per_unit["E-mail"], strict=True))
    assert emails.pop(first.unit) == "vanthu@so.vn"
    assert set(emails.values()) == {"cần gửi giấy"}
    assert len(at.dataframe) == 2  # by unit and the shown letter: no second units table
