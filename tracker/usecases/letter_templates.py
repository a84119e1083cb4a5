"""The office's own letter templates (one per issuer kind), uploaded on «Đôn đốc» and kept
in the store so that every app server uses them: read, replaced, or given up for the
default that ships. Changing one is a setting: cán bộ and quản trị, audited."""

from __future__ import annotations

from collections.abc import Callable

from domain.access import Action, Actor, require
from store import reminders as stored
from store.database import Store
from tracker.usecases.acting import acting

__all__ = ["KINDS", "office_templates", "set_office_template"]

KINDS = ("party", "state")


def office_templates(store: Store) -> dict[str, bytes]:
    """kind -> the office's own letter template, for the kinds it has set one."""
    found = {kind: stored.office_file(store, f"letter_{kind}") for kind in KINDS}
    return {kind: data for kind, data in found.items() if data}


def set_office_template(
    store: Store,
    actor: Actor,
    kind: str,
    data: bytes | None,
    file_name: str = "",
    check: Callable[[bytes], str | None] | None = None,
) -> str | None:
    """Keep `data` as the office's letter template of `kind` ("party" or "state"), or go
    back to the default one with `data` None. `check` (the exports layer's) says why a file
    is not a usable template; that message is returned and nothing is written. Forbidden
    unless `actor` may change settings; audited with the file's name and hash."""
    require(actor, Action.SETTINGS)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if data is not None and check is not None and (why := check(data)) is not None:
        return why
    name = f"letter_{kind}"
    with acting(store, actor, Action.SETTINGS, "office_file", name) as act:
        if data is None:
            stored.forget_office_file(act.tx, name)
            act.after = None
        else:
            sha = stored.keep_office_file(act.tx, name, data, file_name, actor.login)
            act.after = {"file_name": file_name, "sha256": sha, "bytes": len(data)}
    return None
