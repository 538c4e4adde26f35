from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select

from storage.models import Person
from tests.conftest import make_lotsen
from tests.support.teams import ANNA_AAD, ERIK_AAD, MARIA_AAD, TeamsHarness

TEAMS_IDS = {"me.anna": ANNA_AAD, "ec.maria": MARIA_AAD, "hl.erik": ERIK_AAD}


def give_teams_ids(lotsen: object) -> None:
    """The demo organisation has no Teams ids; the tests give three demo people one (as `teams:` would)."""
    with lotsen.db.session() as session:  # type: ignore[attr-defined]
        for person in session.exec(select(Person).where(Person.key.in_(list(TEAMS_IDS)))):  # type: ignore[attr-defined]
            person.teams_user_id = TEAMS_IDS[person.key].upper()  # ids match case-insensitively
            session.add(person)


@pytest.fixture
def teams(sqlite_url: str) -> Iterator[TeamsHarness]:
    lotsen = make_lotsen(sqlite_url)
    give_teams_ids(lotsen)
    harness = TeamsHarness.start(lotsen)
    yield harness
    harness.stop()
    lotsen.db.dispose()
