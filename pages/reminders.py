"""Đôn đốc: per unit, what is overdue and what falls due within the reminder window; one
công văn đôn đốc per unit (Word, or all in one .zip), sent by e-mail after a preview and a
confirmation, and the letters already sent. UI only: the letters are
tracker.views.reminder_letters and tracker.usecases.reminders (which checks the role and
records every letter), the Word files tracker.exports.letters."""

from functools import partial

import streamlit as st

from domain.access import Action, allows
from tracker.exports import letters as word
from tracker.usecases import letter_templates, reminders
from tracker.usecases.mailer import Mailer, MailError, SmtpConfig
from tracker.views import reminder_letters
from ui import confirm, data, downloads, session
from ui.format import vn_date, vn_int
from ui.frame import page_frame
from ui.table import show

ZIP = "application/zip"
WHOLE = st.column_config.NumberColumn(format="%d")
RESULTS = {
    "sent": "Đã gửi",
    "failed": "Gửi không được — lần chạy sau sẽ gửi lại",
    "paper": "Cần gửi giấy",
    "skipped": "Đã gửi hôm nay, bỏ qua",
}


def template_section() -> None:
    """The office's two letter templates: download, replace, or go back to the default."""
    own = letter_templates.office_templates(store)
    st.caption(
        "Tải mẫu về, sửa tiêu đề, lời văn, người ký trong Word (giữ các thẻ {{ … }}), "
        "rồi tải lên để dùng cho mọi công văn của cơ quan."
    )
    for kind, label in (("party", "Cơ quan Đảng"), ("state", "Cơ quan nhà nước")):
        left, mid, right = st.columns(3)
        left.download_button(
            f"Mẫu {label}" + (" (của cơ quan)" if kind in own else " (mặc định)"),
            word.template_bytes(kind, own=own),
            file_name=f"letter_{kind}.docx",
            mime=word.DOCX,
            key=f"reminders.template.{kind}",
        )
        upload = mid.file_uploader(f"Mẫu mới: {label}", type=["docx"], key=f"reminders.up.{kind}")
        if upload is not None and mid.button("Dùng mẫu này", key=f"reminders.use.{kind}"):
            why = letter_templates.set_office_template(
                store,
                actor,
                kind,
                upload.getvalue(),
                upload.name,
                check=lambda body, kind=kind: word.check_template(body, kind),
            )
            if why:
                mid.error(f"{upload.name}: {why} Mẫu cũ vẫn được dùng.")
            else:
                confirm.flash(f"Đã dùng mẫu {upload.name} cho công văn của {label}.")
                st.rerun()
        if kind in own and right.button("Dùng lại mẫu mặc định", key=f"reminders.reset.{kind}"):
            letter_templates.set_office_template(store, actor, kind, None)
            st.rerun()


filters = page_frame(
    "Đôn đốc",
    "Theo từng đơn vị: nhiệm vụ quá hạn và nhiệm vụ sắp đến hạn; soạn công văn đôn đốc, gửi "
    "e-mail, và xem đơn vị nào đã được nhắc khi nào.",
    show_status=False,
)
confirm.show_flash()
actor = session.user()
store = data.get_store()  # downloads run outside the script run: bind the store now
window = reminders.reminder_days(store)
# The two settings' expanders draw their widgets only while open (opening one reruns).
settings = allows(actor, Action.SETTINGS)
if settings:
    opened = st.expander(
        f"Nhắc trước hạn: {window} ngày", key="reminders.window.open", on_change="rerun"
    )
    if opened.open:
        with opened:
            days = st.number_input(
                "Nhắc cả nhiệm vụ đến hạn trong (ngày)", 0, 60, window, key="reminders.window"
            )
            if st.button("Lưu", key="reminders.window.save") and days != window:
                reminders.set_reminder_days(store, actor, int(days))
                data.changed()
                st.rerun()

if settings:
    opened = st.expander("Mẫu công văn (Word)", key="reminders.templates", on_change="rerun")
    if opened.open:
        with opened:
            template_section()

# The table counts per unit; a letter's rows are read for the one unit shown, and every
# letter only when they are downloaded or sent (on a million obligations they hold
# hundreds of thousands of rows).
by_unit = data.call(reminder_letters.units, scope=filters.scope, window=window)
if by_unit.empty:
    st.success(
        f"Không có nhiệm vụ nào quá hạn hoặc đến hạn trong {window} ngày tới tính đến "
        f"{vn_date(filters.as_of)} với bộ lọc này: chưa cần đôn đốc."
    )
    st.stop()


def every_letter():
    """Every letter of the table, read when they are downloaded or sent."""
    return reminder_letters.letters(store, filters.scope)


cards = st.columns(4)
cards[0].metric("Đơn vị cần đôn đốc", vn_int(len(by_unit)))
cards[1].metric("Quá hạn", vn_int(by_unit["overdue"].sum()))
cards[2].metric(f"Đến hạn trong {window} ngày", vn_int(by_unit["due_soon"].sum()))
cards[3].metric("Cần gửi giấy (chưa có e-mail)", vn_int(by_unit["paper"].sum()))

st.subheader("Theo đơn vị")
show(by_unit.drop(columns="paper"), overdue=WHOLE, due_soon=WHOLE, most_days_late=WHOLE)
stamp = f"{filters.as_of:%d%m%Y}"


def drafted(letters) -> bytes:
    reminders.record_drafts(store, actor, letters)
    return word.letters_zip(letters, own=letter_templates.office_templates(store))


downloads.button(
    f"Tải {len(by_unit)} công văn (.zip)",
    lambda: drafted(every_letter()),
    file_name=f"cong-van-don-doc_{stamp}.zip",
    mime=ZIP,
    key="reminders.zip",
    needs=Action.REMINDERS,
    help="Mỗi đơn vị một tệp Word, theo mẫu của cơ quan; ghi lại là đã soạn.",
)

st.subheader("Công văn của một đơn vị")
labels = [
    f"{name} — {code}"
    for name, code in zip(by_unit["unit_name"].tolist(), by_unit["plan"].tolist(), strict=True)
]
pick = st.selectbox(
    "Đơn vị", range(len(by_unit)), format_func=lambda i: labels[i], key="reminders.unit"
)
shown = by_unit.iloc[pick]
letter = data.call(
    reminder_letters.letter,
    scope=filters.scope,
    plan=str(shown["plan"]),
    unit=int(shown["unit_id"]),
    window=window,
)
show(reminder_letters.letter_rows(letter), colour_status=True)
if letter.emails:
    st.caption("Gửi đến: " + "; ".join(letter.emails))
else:
    st.warning("Đơn vị chưa có e-mail: cần gửi giấy. Thêm e-mail ở trang «Đơn vị».")


def one(letter) -> bytes:
    reminders.record_drafts(store, actor, [letter])
    return word.named(letter, own=letter_templates.office_templates(store))[1]


downloads.button(
    "Tải công văn của đơn vị (.docx)",
    lambda: one(letter),
    file_name=word.file_name(letter),
    mime=word.DOCX,
    key=f"reminders.docx.{letter.plan_id}.{letter.unit_id}",
    needs=Action.REMINDERS,
)

if allows(actor, Action.REMINDERS):
    st.subheader("Gửi e-mail")
    paper = int(by_unit["paper"].sum())
    with_mail = len(by_unit) - paper
    st.caption(
        f"{with_mail} đơn vị nhận công văn qua e-mail (tệp Word đính kèm); {paper} "
        "đơn vị chưa có e-mail được ghi là «cần gửi giấy». Đơn vị đã gửi hôm nay được bỏ qua."
    )
    try:
        secret = st.secrets.get("smtp_password")
    except FileNotFoundError:
        secret = None
    try:
        config = SmtpConfig.from_env(secret)
    except MailError as missing:
        st.info(str(missing))
        config = None
    if config is not None and confirm.two_step(
        "reminders.send",
        f"Gửi công văn cho {len(by_unit)} đơn vị",
        (filters.as_of, filters.plan, tuple(labels)),
        f"Gửi e-mail công văn đôn đốc cho {with_mail} đơn vị (từ {config.sender})?",
        confirm_label="Gửi",
    ):
        try:
            with Mailer(config) as mailer:
                results = reminders.send(
                    store,
                    actor,
                    every_letter(),
                    partial(word.named, own=letter_templates.office_templates(store)),
                    mailer,
                    sender=config.sender,
                )
        except MailError as failed:
            st.error(str(failed))
        else:
            sent = sum(r.result == "sent" for r in results)
            failed_units = [r.unit for r in results if r.result == "failed"]
            confirm.flash(f"Đã gửi {sent} công văn.")
            if failed_units:
                confirm.flash("Gửi không được: " + "; ".join(failed_units), "error")
            data.changed()
            st.rerun()

st.subheader("Công văn đã soạn và đã gửi")
sent_before = data.call(reminder_letters.history, plan=filters.plan)
if sent_before.empty:
    st.caption("Chưa có công văn nào.")
else:
    show(
        sent_before,
        made_at=st.column_config.DatetimeColumn("Lúc", format="DD/MM/YYYY HH:mm"),
    )
