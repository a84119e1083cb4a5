"""The weekly summary for leaders (``python -m tracker digest``): each followed plan's
figures, the units with most overdue obligations, and the status chart by plan as an inline
image (PNG by kaleido, :mod:`tracker.exports.images`; the mail goes without it, saying so,
when the server has no Chromium).

Plain text and HTML alternatives; every name from the database is escaped in the HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import make_msgid

from domain.scope import Scope
from domain.text import vn_date, vn_int, vn_percent
from store.database import Store
from tracker.charts.breakdown import status_bars
from tracker.exports.images import render_pngs
from tracker.views import reminder_letters, summary

TOP_UNITS = 15
CHART = "tinh-trang-theo-ke-hoach.png"


@dataclass(frozen=True)
class Digest:
    subject: str
    lines: tuple[str, ...]  # the plain text, line by line
    rows: tuple[tuple[str, ...], ...]  # (plan, obligations, % done, % on time, overdue, soon)
    late: tuple[tuple[str, str, int, int], ...]  # (plan, unit, overdue, due soon)
    png: bytes | None
    problem: str = ""


def build(store: Store, as_of: date, chart: bool = True) -> Digest:
    """The digest as of `as_of` over every plan followed; `chart` False skips the image."""
    every = Scope(as_of)
    seen = summary.overview(store, every)
    k = seen.kpis
    rows = tuple(
        (
            str(r.plan),
            vn_int(r.total),
            vn_percent(r.done_pct),
            vn_percent(r.done_on_time_pct),
            vn_int(r.overdue),
            vn_int(r.due_soon),
        )
        for r in seen.by_plan.itertuples()
    )
    letters = reminder_letters.letters(store, every)
    ranked = sorted(letters, key=lambda x: (-len(x.overdue), -len(x.due_soon), x.unit))
    late = tuple((x.plan, x.unit, len(x.overdue), len(x.due_soon)) for x in ranked[:TOP_UNITS])
    lines = [
        f"Tình hình thực hiện kế hoạch tính đến ngày {vn_date(as_of)}:",
        f"- {vn_int(k.obligations)} nghĩa vụ; hoàn thành {vn_percent(k.done_pct)}, đúng hạn "
        f"{vn_percent(k.on_time_pct)}; quá hạn {vn_int(k.overdue)}; sắp đến hạn "
        f"{vn_int(k.due_soon)}; chưa báo cáo {vn_int(k.not_reported)}.",
        "",
        "Theo kế hoạch (nghĩa vụ | % hoàn thành | % đúng hạn | quá hạn | sắp đến hạn):",
        *(f"- {r[0]}: {' | '.join(r[1:])}" for r in rows),
        "",
        f"Đơn vị cần đôn đốc ({len(letters)}; {min(len(letters), TOP_UNITS)} đơn vị nhiều "
        "nhiệm vụ quá hạn nhất):",
        *(f"- {p} | {u}: {o} quá hạn, {s} sắp đến hạn" for p, u, o, s in late),
    ]
    png, problem = None, ""
    if chart and not seen.by_plan.empty:
        fig = status_bars(seen.by_plan, "plan")
        fig.update_layout(title=dict(text=f"Tình trạng theo kế hoạch, {vn_date(as_of)}", x=0.01))
        rendered = render_pngs({CHART: fig})
        png, problem = rendered.pngs.get(CHART), rendered.problem
    return Digest(
        f"Tổng hợp tình hình thực hiện kế hoạch đến ngày {vn_date(as_of)}",
        tuple(lines),
        rows,
        late,
        png,
        problem,
    )


def message(digest: Digest, sender: str, to: list[str]) -> EmailMessage:
    """The digest as an e-mail: text, and HTML with the chart inline (``cid:``)."""
    mail = EmailMessage()
    mail["Subject"] = digest.subject
    mail["From"] = sender
    mail["To"] = ", ".join(to)
    text = list(digest.lines)
    if digest.problem:
        text += ["", digest.problem]
    mail.set_content("\n".join(text))
    esc = html.escape
    cid = make_msgid(domain="tracker.local")
    table = "".join(
        "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in digest.rows
    )
    late = "".join(
        f"<li>{esc(p)} | {esc(u)}: {o} quá hạn, {s} sắp đến hạn</li>" for p, u, o, s in digest.late
    )
    image = f'<p><img src="cid:{cid[1:-1]}" alt="Biểu đồ tình trạng" width="700"></p>'
    body = (
        f"<html><body><p>{esc(digest.lines[0])}</p><p>{esc(digest.lines[1][2:])}</p>"
        "<table border='1' cellpadding='4'><tr><th>Kế hoạch</th><th>Nghĩa vụ</th>"
        "<th>% hoàn thành</th><th>% đúng hạn</th><th>Quá hạn</th><th>Sắp đến hạn</th></tr>"
        f"{table}</table>{image if digest.png else ''}"
        f"<p>Đơn vị cần đôn đốc:</p><ul>{late}</ul>"
        f"{'<p>' + esc(digest.problem) + '</p>' if digest.problem else ''}</body></html>"
    )
    mail.add_alternative(body, subtype="html")
    html_part = mail.get_body(("html",))
    if digest.png and html_part is not None:
        html_part.add_related(digest.png, "image", "png", cid=cid, filename=CHART)
    return mail
