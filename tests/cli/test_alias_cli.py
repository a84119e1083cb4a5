"""``python -m tracker alias``: remembered names added, listed and removed from the
command line."""

from __future__ import annotations

import json

from commands import cli

PLAN = "84-KH/BTGTU"


def test_the_command_line_adds_lists_and_removes(demo_db):
    added = cli(
        "alias",
        "add",
        "--plan",
        PLAN,
        "--task",
        "NV01",
        "Tổ chức quán triệt",
        "--by",
        "cli",
        "--db",
        demo_db,
    )
    assert added.returncode == 0, added.stderr
    assert "NV01" in added.stdout
    unit = cli(
        "alias", "add", "--unit", "Sở Ngoại vụ", "Sở NV tỉnh", "--plan", PLAN, "--db", demo_db
    )
    assert unit.returncode == 0, unit.stderr
    refused = cli(
        "alias", "add", "--plan", PLAN, "--task", "NV02", "Tổ chức quán triệt", "--db", demo_db
    )
    assert refused.returncode == 1 and "NV01" in refused.stderr
    listing = json.loads(cli("alias", "list", "--json", "--db", demo_db).stdout)
    assert sorted((r["kind"], r["alias"]) for r in listing) == [
        ("task", "Tổ chức quán triệt"),
        ("unit", "Sở NV tỉnh"),
    ]
    first = next(r["alias_id"] for r in listing if r["kind"] == "task")
    assert cli("alias", "remove", first, "--db", demo_db).returncode == 0
    assert cli("alias", "remove", first, "--db", demo_db).returncode == 1
