"""One router per page of the dashboard, each page with its ``.json`` twin."""

from __future__ import annotations

from fastapi import APIRouter

from netvalue.web.routes import actions, importing, network, overview, people, person

ROUTERS: list[APIRouter] = [
    overview.router,
    people.router,
    person.router,
    network.router,
    actions.router,
    importing.router,
]
