"""The signed-in user of this browser session, as the use cases need it.

Pages pass :func:`current_actor` to every use case that writes or reads per role; the
sign-in page stores the :class:`~domain.access.Actor` with :func:`sign_in_as`.
Only the actor is kept in session state: never a password.
"""

from __future__ import annotations

import streamlit as st

from domain.access import Actor, Role

KEY = "actor"
VERSION_KEY = "actor.credential_version"
OPEN = Actor("khách", Role.CAN_BO)
"""Who acts while nobody is signed in, which the app allows only while the database has no
account (the sign-in gate, :mod:`ui.gate`, stops every page otherwise)."""


def current_actor() -> Actor | None:
    """The signed-in actor of this session, or None before sign-in."""
    actor = st.session_state.get(KEY)
    return actor if isinstance(actor, Actor) else None


def user() -> Actor:
    """The actor pages pass to use cases: the signed-in one, else :data:`OPEN`."""
    return current_actor() or OPEN


def credential_version() -> int | None:
    """The credential version of the account this session signed in as (None when the
    actor was put here without one: a test)."""
    version = st.session_state.get(VERSION_KEY)
    return version if isinstance(version, int) else None


def sign_in_as(actor: Actor, credential_version: int | None = None) -> None:
    """Remember `actor` as this session's user, with its account's credential version (a
    later one signs the session out: :func:`tracker.usecases.sign_in.still_valid`)."""
    st.session_state[KEY] = actor
    if credential_version is not None:
        st.session_state[VERSION_KEY] = credential_version


def sign_out() -> None:
    """Forget this session's user."""
    st.session_state.pop(KEY, None)
    st.session_state.pop(VERSION_KEY, None)
