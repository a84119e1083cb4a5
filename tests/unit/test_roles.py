"""Each role against each writing use case, called directly: an allowed write leaves exactly
one audit row (who, role, origin, what, the object, before and after); a refused one raises
Forbidden and leaves the database byte-for-byte as it was, audit trail included."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from actors import ADMIN, LEADER, STAFF, unit_actor
from ingest_builders import PLAN, PROVINCE, good_rows, long_report, make_store, xlsx

from domain.access import Actor, Forbidden, Role
from store import audit
from store.database import Store
from store.tables import read_table, table_names
from tracker.usecases import aliases, ingest, plans, settings, units


def unit_id(store: Store, name: str) -> int:
    return next(u.unit_id for u in units.load_registry(store, PROVINCE).units if u.name == name)


def own_unit(store: Store) -> Actor:
    """A unit account of Sở Ngoại vụ, the unit the test reports are from."""
    return unit_actor(unit_id(store, "Sở Ngoại vụ"))


def other_unit(store: Store) -> Actor:
    return unit_actor(unit_id(store, "Sở Tư pháp"))


def everything(store: Store) -> dict[str, list]:
    """Every row of every table, to prove a refused call wrote nothing at all."""
    return {t: sorted(map(repr, read_table(store, t).to_pylist())) for t in table_names(store)}


def trail(store: Store) -> list[dict]:
    """The audit rows oldest first, their before and after values decoded."""
    frame = audit.trail(store).sort_values("audit_id").drop(columns=["audit_id", "happened_at"])
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in rows:
        for side in ("before_json", "after_json"):
            row[side] = None if row[side] is None else json.loads(row[side])
    return rows


def _report_id(store: Store) -> int:
    [result] = ingest.ingest_files(store, STAFF, PLAN, [("a.xlsx", xlsx(long_report(good_rows())))])
    return result.report_id


def _alias_id(store: Store) -> int:
    return aliases.remember_unit(store, STAFF, "Sở Ngoại vụ", "Sở NV tỉnh").alias_id


def _renamed_unit(store: Store) -> units.UnitRow:
    frame = units.units_frame(store, PROVINCE)
    row = frame[frame["name"] == "Sở Tư pháp"].iloc[0]
    return units.UnitRow(
        "Sở Tư pháp tỉnh",
        row["short_name"],
        (),
        row["group"],
        row["level"],
        "",
        int(row["unit_id"]),
    )


def _plan_save(store: Store, actor: Actor):
    fields = plans.plan_fields(store, PLAN)
    registry = units.load_registry(store, PROVINCE)
    rows = plans.plan_rows(store, PLAN, registry)
    rows[1]["title"] = "Công tác tuyên truyền, vận động"
    outcome = plans.save_rows(store, actor, fields, rows, registry)
    assert outcome.saved is not None, outcome.problems


def _unit_sheet(store: Store) -> bytes:
    return plans.template_for(store, PROVINCE, PLAN)


@dataclass
class Case:
    """One use case: `prepare` sets the scene (as staff) and returns what `call` needs."""

    name: str
    action: str  # the audited action name
    kind: str
    allowed: frozenset[Role]
    call: Callable[[Store, Actor, object], object]
    prepare: Callable[[Store], object] = lambda store: None
    unit_actor: Callable[[Store], Actor] = own_unit


STAFF_ROLES = frozenset({Role.CAN_BO, Role.QUAN_TRI})
CASES = [
    Case(
        "upload",
        "upload",
        "report",
        STAFF_ROLES | {Role.DON_VI},
        lambda s, a, _: ingest.ingest_files(
            s, a, PLAN, [("a.xlsx", xlsx(long_report(good_rows())))]
        ),
    ),
    Case(
        "upload for another unit",
        "upload",
        "report",
        STAFF_ROLES,
        lambda s, a, _: ingest.ingest_files(
            s, a, PLAN, [("a.xlsx", xlsx(long_report(good_rows())))]
        ),
        unit_actor=other_unit,
    ),
    Case(
        "withdraw",
        "withdraw",
        "report",
        STAFF_ROLES,
        lambda s, a, rid: ingest.withdraw_report(s, a, rid),
        _report_id,
    ),
    Case("plan save", "plans", "plan", STAFF_ROLES, lambda s, a, _: _plan_save(s, a)),
    Case(
        "plan import",
        "plans",
        "plan",
        STAFF_ROLES,
        lambda s, a, data: plans.import_workbook(s, a, data, "kh.xlsx"),
        _unit_sheet,
    ),
    Case(
        "archive",
        "plan_archive",
        "plan",
        STAFF_ROLES,
        lambda s, a, _: plans.set_archived(s, a, PLAN),
    ),
    Case(
        "delete", "plan_delete", "plan", STAFF_ROLES, lambda s, a, _: plans.delete_plan(s, a, PLAN)
    ),
    Case(
        "units edit",
        "units",
        "units",
        STAFF_ROLES,
        lambda s, a, row: units.save_unit_rows(s, a, PROVINCE, [row]),
        _renamed_unit,
    ),
    Case(
        "unit sheet import",
        "units",
        "units",
        STAFF_ROLES,
        lambda s, a, data: units.import_unit_sheet(s, a, PROVINCE, data, "dv.xlsx"),
        _unit_sheet,
    ),
    Case(
        "remember task",
        "aliases",
        "alias",
        STAFF_ROLES,
        lambda s, a, _: aliases.remember_task(s, a, PLAN, "NV01", "Quán triệt CT32"),
    ),
    Case(
        "remember unit",
        "aliases",
        "alias",
        STAFF_ROLES,
        lambda s, a, _: aliases.remember_unit(s, a, "Sở Tư pháp", "STP tỉnh"),
    ),
    Case(
        "forget",
        "alias_forget",
        "alias",
        STAFF_ROLES,
        lambda s, a, aid: aliases.forget(s, a, aid),
        _alias_id,
    ),
    Case(
        "due-soon window",
        "settings",
        "setting",
        STAFF_ROLES,
        lambda s, a, _: settings.set_due_soon_days(s, a, 3),
    ),
]
ROLES = {
    Role.LANH_DAO: lambda store: LEADER,
    Role.CAN_BO: lambda store: STAFF,
    Role.QUAN_TRI: lambda store: ADMIN,
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("roles") / "small.duckdb"
    make_store(path).close()
    return path


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_role_against_each_use_case(case, role, template, tmp_path):
    import shutil

    shutil.copy(template, tmp_path / "t.duckdb")
    with Store(tmp_path / "t.duckdb") as store:
        scene = case.prepare(store)
        actor = case.unit_actor(store) if role is Role.DON_VI else ROLES[role](store)
        before, audited = everything(store), len(trail(store))
        if role not in case.allowed:
            with pytest.raises(Forbidden, match=actor.login):
                case.call(store, actor, scene)
            assert everything(store) == before  # nothing written, no audit row
            return
        case.call(store, actor, scene)
        new = trail(store)[audited:]
        assert [(r["login"], r["role"], r["origin"]) for r in new] == [
            (actor.login, role.value, "cli")
        ] * len(new)
        assert case.action in [r["action"] for r in new] and case.kind in [
            r["object_kind"] for r in new
        ]
        assert everything(store) != before


def test_every_write_records_what_it_changed(template, tmp_path):
    import shutil

    shutil.copy(template, tmp_path / "t.duckdb")
    with Store(tmp_path / "t.duckdb") as store:
        report_id = _report_id(store)
        [upload] = trail(store)
        assert upload["object_key"] == PLAN and upload["before_json"] is None
        assert [(f["file"], f["report_id"]) for f in upload["after_json"]] == [
            ("a.xlsx", report_id)
        ]

        assert ingest.withdraw_report(store, STAFF, report_id)
        assert not ingest.withdraw_report(store, STAFF, report_id)  # nothing to do: no row
        [withdrawal] = trail(store)[1:]
        assert withdrawal["object_key"] == str(report_id)
        assert (withdrawal["before_json"]["withdrawn"], withdrawal["after_json"]["withdrawn"]) == (
            False,
            True,
        )
        assert withdrawal["after_json"]["withdrawn_by"] == STAFF.login

        ingest.ingest_files(store, STAFF, PLAN, [("a.xlsx", _same_bytes(store, report_id))])
        assert trail(store)[-1]["action"] == "reinstate"

        _plan_save(store, STAFF)
        saved = trail(store)[-1]
        titles = [
            [t["title"] for t in side["tasks"] if t["code"] == "NV02"]
            for side in (saved["before_json"], saved["after_json"])
        ]
        assert titles == [["Công tác tuyên truyền"], ["Công tác tuyên truyền, vận động"]]

        plans.set_archived(store, STAFF, PLAN)
        archived = trail(store)[-1]
        assert (archived["before_json"], archived["after_json"]) == (
            {"archived": False},
            {"archived": True},
        )

        units.save_unit_rows(store, STAFF, PROVINCE, [_renamed_unit(store)])
        edit = trail(store)[-1]
        assert [u["name"] for u in edit["before_json"]] == ["Sở Tư pháp"]
        assert [u["name"] for u in edit["after_json"]] == ["Sở Tư pháp tỉnh"]

        alias_id = _alias_id(store)
        assert trail(store)[-1]["after_json"]["alias"] == "Sở NV tỉnh"
        aliases.forget(store, STAFF, alias_id)
        forgot = trail(store)[-1]
        assert forgot["before_json"]["alias"] == "Sở NV tỉnh" and forgot["after_json"] is None

        settings.set_due_soon_days(store, STAFF, 3)
        assert (trail(store)[-1]["before_json"], trail(store)[-1]["after_json"]) == (7, 3)

        count = len(trail(store))
        assert aliases.remember_unit(store, STAFF, "Sở Ngoại vụ", "Sở NV tỉnh 2").alias_id
        assert aliases.remember_unit(store, STAFF, "Sở Ngoại vụ", "Sở NV tỉnh 2").alias_id is None
        assert len(trail(store)) == count + 1  # a name remembered already writes nothing


def _same_bytes(store: Store, report_id: int) -> bytes:
    from store.reports import read_blob, report_header

    return read_blob(store, report_header(store, report_id)["sha256"])


def test_a_unit_account_cannot_bring_back_a_withdrawn_upload(template, tmp_path):
    import shutil

    shutil.copy(template, tmp_path / "t.duckdb")
    with Store(tmp_path / "t.duckdb") as store:
        report_id = _report_id(store)
        ingest.withdraw_report(store, STAFF, report_id)
        before = everything(store)
        with pytest.raises(Forbidden):
            ingest.ingest_files(
                store, own_unit(store), PLAN, [("a.xlsx", _same_bytes(store, report_id))]
            )
        assert everything(store) == before


def test_the_command_line_acts_as_by_or_the_os_user(template, tmp_path, capsys):
    import getpass
    import shutil

    from tracker.cli.main import main

    db = tmp_path / "t.duckdb"
    shutil.copy(template, db)
    assert (
        main(["--by", "chi.lan", "alias", "add", "--unit", "Sở Tư pháp", "STP", "--db", str(db)])
        == 0
    )
    assert (
        main(["alias", "add", "--unit", "Sở Tư pháp", "STP 2", "--db", str(db), "--by", "anh.ba"])
        == 0
    )
    assert main(["alias", "remove", "1", "--db", str(db)]) == 0
    with Store(db) as store:
        assert [(r["login"], r["role"], r["origin"], r["action"]) for r in trail(store)] == [
            ("chi.lan", "quan_tri", "cli", "aliases"),
            ("anh.ba", "quan_tri", "cli", "aliases"),
            (getpass.getuser(), "quan_tri", "cli", "alias_forget"),
        ]
