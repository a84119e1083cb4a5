"""Transformations of a report's values (stages 5-8): status words, sentences and
percentages, dates as people type them, Unicode forms, other file kinds, and the reports made
wrong on purpose. Each registers itself in :data:`report_forms.TRANSFORMS`."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta

from report_forms import TODAY, Form, _data, transform


@transform("status_synonyms", 5)
def _status_synonyms(form: Form, rng: random.Random) -> None:
    words = {
        "done": ("HT", "Xong", "Đã xong", "Hoàn thành", "hoàn thành", "ĐÃ HOÀN THÀNH"),
        "in_progress": ("Đang triển khai", "Đang làm", "đang thực hiện"),
        "not_started": ("Chưa triển khai", "Chưa"),
    }
    for row in _data(form):
        if "status" in row.cells and (row.cells.get("date") or row.cells["_progress"] != "done"):
            row.cells["status"] = rng.choice(words[str(row.cells["_progress"])])


@transform("status_sentence_date", 5)
def _status_sentence_date(form: Form, rng: random.Random) -> None:
    """ "Xong ngày 3/8": the date in the status sentence, the date column left empty."""
    if "status" not in form.columns:
        return
    for row in _data(form):
        done = row.cells["_done"]
        if row.cells["_progress"] == "done" and isinstance(done, date):
            row.cells["status"] = rng.choice(
                [
                    f"Đã hoàn thành ngày {done.day}/{done.month}/{done.year}",
                    f"Xong ngày {done.day}/{done.month}",
                    f"Hoàn thành ngày {done:%d/%m/%Y}",
                ]
            )
            row.cells["date"] = None


@transform("status_sentences", 5)
def _status_sentences(form: Form, rng: random.Random) -> None:
    if "status" not in form.columns:
        return
    for row in _data(form):
        progress = row.cells["_progress"]
        if progress == "done" and row.cells.get("date") is None:
            continue  # the sentence would lose the date the row still tells
        if progress == "done":
            row.cells["status"] = rng.choice(
                ["Đã triển khai đến 100% chi bộ", "Đã hoàn thành 100%", "Đã tổ chức xong"]
            )
        elif progress == "in_progress":
            row.cells["status"] = rng.choice(
                ["Đang làm, dự kiến tháng 9", "Đang thực hiện (đạt 60%)"]
            )
        else:
            row.cells["status"] = "Chưa triển khai"


@transform("header_words_in_cells", 5)
def _header_words_in_cells(form: Form, rng: random.Random) -> None:
    """A row's result or note cell reads like a column heading ("Kết quả", "Ghi chú"): the
    first row under a one-row header is still data, not the header's second row."""
    for row in _data(form)[: rng.randint(1, 3)]:
        row.cells["result"] = rng.choice(["Kết quả", "Kết quả thực hiện", "Kết quả."])
        if rng.random() < 0.5:
            row.cells["note"] = "Ghi chú"


@transform("status_percent", 5)
def _status_percent(form: Form, rng: random.Random) -> None:
    """The status as a share done: "100%", "50 %", "0%", "Hoàn thành 60%" (in progress)."""
    if "status" not in form.columns:
        return
    for row in _data(form):
        share = {"done": 100, "not_started": 0}.get(str(row.cells["_progress"]))
        if share is None:
            share = rng.choice([10, 50, 60, 95])
            row.cells["status"] = rng.choice([f"{share}%", f"{share} %", f"Hoàn thành {share}%"])
        else:
            row.cells["status"] = rng.choice([f"{share}%", f"{share} %"])


@transform("ongoing_in_date", 5)
def _ongoing(form: Form, rng: random.Random) -> None:
    """ "Thường xuyên" in the date column of rows still going on."""
    for row in _data(form):
        if row.cells["_progress"] == "in_progress" and row.cells.get("date") is None:
            row.cells["date"] = rng.choice(["Thường xuyên", "Liên tục", "thường xuyên"])


def _date_texts(
    form: Form, render: Callable[[date, random.Random], object], rng: random.Random
) -> None:
    for row in _data(form):
        value = row.cells.get("date")
        if isinstance(value, date) and not isinstance(value, datetime):
            row.cells["date"] = render(value, rng)


@transform("date_text_dmy", 5)
def _dates_dmy(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: r.choice([f"{d.day}/{d.month}/{d.year}", f"{d:%d/%m/%Y}"]), rng)


@transform("date_dash_dot", 5)
def _dates_dash(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: r.choice([f"{d:%d-%m-%Y}", f"{d.day}.{d.month}.{d.year}"]), rng)


@transform("date_words_apostrophe", 5)
def _dates_words(form: Form, rng: random.Random) -> None:
    """ "ngày 05 tháng 8 năm 2019", "'20/06/2019" (an apostrophe kept), "-" when none."""
    _date_texts(
        form,
        lambda d, r: r.choice([f"ngày {d:%d} tháng {d.month} năm {d.year}", f"'{d:%d/%m/%Y}"]),
        rng,
    )
    for row in _data(form):
        if row.cells.get("date") is None and row.cells["_progress"] != "done":
            row.cells["date"] = rng.choice(["-", "—"])


@transform("date_iso_text", 5)
def _dates_iso(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: d.isoformat(), rng)


@transform("date_serial_text", 5)
def _dates_serial(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: str((d - date(1899, 12, 30)).days), rng)


@transform("date_no_year", 5)
def _dates_no_year(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: f"{d.day}/{d.month}", rng)


@transform("date_with_time", 5)
def _dates_time(form: Form, rng: random.Random) -> None:
    _date_texts(
        form,
        lambda d, r: r.choice(
            [
                f"14h30 ngày {d.day}/{d.month}/{d.year}",
                f"chiều {d.day}/{d.month}/{d.year}",
                f"{d:%d/%m/%Y} 08:00",
            ]
        ),
        rng,
    )


@transform("date_time_cell", 5)
def _dates_time_cell(form: Form, rng: random.Random) -> None:
    _date_texts(form, lambda d, r: datetime(d.year, d.month, d.day, 14, 30), rng)


@transform("date_range", 5)
def _dates_range(form: Form, rng: random.Random) -> None:
    _date_texts(
        form,
        lambda d, r: (
            f"từ {(d - timedelta(days=5)).day}/{(d - timedelta(days=5)).month} đến "
            f"{d.day}/{d.month}/{d.year}"
        ),
        rng,
    )


@transform("nfd_everywhere", 6)
def _nfd(form: Form, rng: random.Random) -> None:
    for row in form.rows:
        for key, value in row.cells.items():
            if isinstance(value, str) and not key.startswith("_"):
                row.cells[key] = unicodedata.normalize("NFD", value)


@transform("notes_sheet_first", 6)
def _notes_sheet(form: Form, rng: random.Random) -> None:
    if not form.sheet_periods:  # a sheet named for its period keeps that name
        form.sheet = rng.choice(["Báo cáo", "BC quý", "Sheet1"])


@transform("csv_file", 7)
def _csv(form: Form, rng: random.Random) -> None:
    if not form.hidden_cols and not any(r.hidden for r in form.rows):
        form.fmt = "csv"


@transform("docx_file", 7)
def _docx(form: Form, rng: random.Random) -> None:
    if not form.hidden_cols and not any(r.hidden for r in form.rows):
        form.fmt = "docx"


# -- wrong on purpose: these must be refused -------------------------------------------------


@transform("wrong_completion_after_report", 8)
def _after_report(form: Form, rng: random.Random) -> None:
    done = [r for r in _data(form) if r.cells["_progress"] == "done" and "date" in form.columns]
    if not done or "status" not in form.columns:
        return
    row = rng.choice(done)
    assert form.reported_on
    row.cells["date"] = form.reported_on + timedelta(days=rng.randint(3, 40))
    row.cells["status"] = "Đã hoàn thành"
    form.must_refuse = True


@transform("wrong_before_directive", 8)
def _before_directive(form: Form, rng: random.Random) -> None:
    done = [r for r in _data(form) if r.cells["_progress"] == "done" and "date" in form.columns]
    if not done or "status" not in form.columns:
        return
    row = rng.choice(done)
    row.cells["date"] = date(2017, rng.randint(1, 12), 15)
    row.cells["status"] = "Đã hoàn thành"
    form.must_refuse = True


@transform("wrong_report_in_future", 8)
def _future_report(form: Form, rng: random.Random) -> None:
    future = TODAY + timedelta(days=rng.randint(30, 900))
    for at, row in enumerate(form.above):
        if len(row) > 4 and isinstance(row[4], str) and "ngày" in row[4].lower():
            form.above[at] = [
                None,
                None,
                None,
                None,
                f"{form.province}, ngày {future.day} tháng {future.month} năm {future.year}",
            ]
            form.must_refuse = True
            return


# -- writing ---------------------------------------------------------------------------------
