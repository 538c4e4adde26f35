"""The built search index, stored in the database keyed by the catalogue's state (bot/rutiner/stamp.py).

A one-off process (`lotsen rutiner sök`) then loads one row instead of reading every section and
building the index; any change to the catalogue, its vectors or the synonym table changes the key,
and the next search builds and stores it again. Only the latest state is kept. The row is written
and read by Lotsen itself (pickle), never taken from elsewhere.
"""

from __future__ import annotations

import pickle
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.models.rutiner import RoutineIndexCache


def load_persisted(session: Session, stamp: str) -> Any | None:
    row = session.exec(select(RoutineIndexCache.data).where(col(RoutineIndexCache.stamp) == stamp)).first()
    return unpickle(row) if row is not None else None


def unpickle(data: bytes) -> Any | None:
    try:
        return pickle.loads(data)
    except Exception:  # an older layout: build again
        return None


def save_persisted(session: Session, stamp: str, loaded: Any) -> None:
    session.execute(delete(RoutineIndexCache))
    session.add(RoutineIndexCache(stamp=stamp, data=pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)))
