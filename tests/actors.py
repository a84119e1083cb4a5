"""Actors the tests act as: one per role, as ``domain.access`` defines them."""

from __future__ import annotations

from domain.access import Actor, Role

STAFF = Actor("canbo.test", Role.CAN_BO, origin="cli")
LEADER = Actor("lanhdao.test", Role.LANH_DAO, origin="cli")
ADMIN = Actor("quantri.test", Role.QUAN_TRI, origin="cli")


def unit_actor(*unit_ids: int) -> Actor:
    """A unit account bound to `unit_ids`."""
    return Actor("donvi.test", Role.DON_VI, frozenset(unit_ids), origin="cli")
