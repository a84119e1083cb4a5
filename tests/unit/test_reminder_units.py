"""Đôn đốc's table counts per unit in SQL (``reminder_units.sql``) what the letters list
row by row: the same units in the same order with the same counts, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from domain.scope import Scope
from tracker.usecases import reminders
from tracker.views import reminder_letters

AS_OF = date(2019, 7, 26)


def _from_letters(store, plan, groups, window=None) -> list[tuple]:
    codes = [plan] if plan else reminders.followed_plans(store)
    return [
        (
            x.plan,
            x.unit_id,
            len(x.overdue),
            len(x.due_soon),
            max([o.days_late or 0 for o in x.overdue], default=0),
            x.emails,
        )
        for code in codes
        for x in reminders.letters(store, code, AS_OF, window=window, groups=groups)
    ]


@pytest.mark.parametrize(
    ("plan", "groups", "window"),
    [(None, None, None), ("84-KH/BTGTU", None, None), (None, ["cap_uy"], 3), (None, None, 30)],
)
def test_the_counts_are_the_letters_counted(demo_store, plan, groups, window):
    expected = _from_letters(demo_store, plan, groups, window)
    found = reminders.letter_units(demo_store, AS_OF, plan, window, groups)
    got = [
        (p, int(u), int(o), int(d), int(m), e)
        for p, u, o, d, m, e in zip(
            found["plan"],
            found["unit_id"],
            found["overdue"],
            found["due_soon"],
            found["most_days_late"],
            found["emails"],
            strict=True,
        )
    ]
    assert got == expected
    assert plan or groups or len({p for p, *_ in got}) == 2  # both demo plans have letters


def test_the_table_names_each_units_one_letter(demo_store):
    table = reminder_letters.units(demo_store, Scope(AS_OF))
    first = table.iloc[0]
    letter = reminder_letters.letter(demo_store, Scope(AS_OF), first["plan"], int(first["unit_id"]))
    assert letter is not None and letter.unit_id == first["unit_id"]
    assert (len(letter.overdue), len(letter.due_soon)) == (first["overdue"], first["due_soon"])
    assert table["paper"].tolist() == table["emails"].eq("cần gửi giấy").tolist()
    assert reminder_letters.letter(demo_store, Scope(date(2019, 1, 1)), first["plan"], 1) is None
