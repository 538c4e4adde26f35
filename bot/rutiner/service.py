"""The routine catalogue service: index a folder, search, take feedback, list routines due for review.

The index lives in the database (documents, sections and their analysed terms); each process keeps
an in-memory ranking index built from it and rebuilds it when the catalogue changes.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from bot.clock import today_local, utcnow
from bot.errors import UserError
from bot.privacy.guard import identity_number_errors
from bot.rutiner.analysis import (
    Vocabulary,
    analyse_query,
    build_vocabulary,
    index_terms,
    load_synonyms,
)
from bot.rutiner.extract import IGNORED_NAMES, SUPPORTED, UnreadableDocument, extract, unsupported_reason
from bot.rutiner.search import DocInfo, IndexedSection, SearchIndex, SearchResult, rank
from storage.db import Database
from storage.models.rutiner import RoutineDocument, RoutineFeedback, RoutineSection

MAX_QUESTION = 2000


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # unreadable now: the last good version stays in the index
    read_nothing: bool = False  # no file could be read: the catalogue was left exactly as it was

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        text = (f"{len(self.added)} nya, {len(self.updated)} ändrade, {len(self.unchanged)} oförändrade, "
                f"{len(self.removed)} borttagna")
        if self.failed:
            text += f", {len(self.failed)} kunde inte läsas"
        if self.kept:
            text += f" ({len(self.kept)} behåller senast lästa version)"
        if self.read_nothing:
            text += ". Ingen fil kunde läsas, så indexet lämnades orört"
        return text + "."


@dataclass(frozen=True)
class ReviewDue:
    title: str
    document: str
    owner: str | None
    valid_until: date
    days_left: int


@dataclass(frozen=True)
class FeedbackSummary:
    document: str
    helpful: int
    not_helpful: int
    questions_not_helpful: list[str]


def _wanted(relative: Path) -> bool:
    """Hidden files and folders, Word's lock files (~$…), files named _… and system litter are skipped."""
    if any(part.startswith(".") for part in relative.parts) or relative.name.lower() in IGNORED_NAMES:
        return False
    return not relative.name.startswith(("~$", "_"))


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class RoutineCatalogue:
    def __init__(self, db: Database, synonyms_path: str | None = None) -> None:
        self.db = db
        self.synonyms = load_synonyms(synonyms_path)
        self._lock = threading.Lock()
        self._stamp: tuple[int, str] | None = None
        self._index: SearchIndex | None = None
        self._vocabulary: Vocabulary | None = None

    # --- indexing ---------------------------------------------------------------------------------

    def index_directory(self, root: Path, progress: Callable[[str, int, int], None] | None = None) -> IndexReport:
        root = root.resolve()
        if root.is_file():
            raise UserError(f"{root} är en fil, inte en mapp. Ange mappen med rutindokumenten, "
                            f"t.ex. {root.parent if str(root.parent) != '.' else 'rutiner/'}.")
        if not root.is_dir():
            raise UserError(f"Mappen {root} finns inte.")
        files = sorted(p for p in root.rglob("*") if p.is_file() and _wanted(p.relative_to(root)))
        report = IndexReport()
        with self.db.session() as session:
            known = {d.path: d for d in session.exec(select(RoutineDocument))}
        seen: set[str] = set()
        changed: list[tuple[str, Path, str]] = []
        for n, path in enumerate(files, start=1):
            rel = path.relative_to(root).as_posix()
            if progress:
                progress(rel, n, len(files))
            if path.suffix.lower() not in SUPPORTED:
                report.failed.append((rel, unsupported_reason(path.suffix)))
                continue
            try:
                digest = _hash(path)
            except FileNotFoundError:
                continue  # gone since the folder was listed: treated as removed
            except OSError as exc:  # locked, no permission, a broken share: keep what we had
                report.failed.append((rel, f"filen kunde inte öppnas ({exc.__class__.__name__})"))
                seen.add(rel)
                if rel in known:
                    report.kept.append(rel)
                continue
            seen.add(rel)
            if rel in known and known[rel].content_hash == digest:
                report.unchanged.append(rel)
                continue
            changed.append((rel, path, digest))
        extracted = []
        for rel, path, digest in changed:
            try:
                extracted.append((rel, digest, extract(path)))
            except (UnreadableDocument, OSError) as exc:
                report.failed.append((rel, str(exc) if isinstance(exc, UnreadableDocument)
                                      else f"filen kunde inte läsas ({exc.__class__.__name__})"))
                if rel in known:  # the last good version stays searchable until the file can be read again
                    report.kept.append(rel)
        if known and not report.unchanged and not extracted:
            # Nothing could be read (an empty or unmounted folder, every file locked): change nothing.
            report.read_nothing = True
            return report
        with self.db.session() as session:
            for rel, known_doc in known.items():
                if rel not in seen:  # only files that are gone leave the index
                    self._delete(session, known_doc)
                    report.removed.append(rel)
            for rel, digest, doc in extracted:
                old = known.get(rel)
                if old is not None:
                    self._delete(session, old)
                meta = doc.metadata
                record = RoutineDocument(
                    path=rel, file_name=Path(rel).name, title=doc.title[:500], owner=meta.owner,
                    approved_by=meta.approved_by, approved_on=meta.approved_on, valid_until=meta.valid_until,
                    diarienummer=meta.diarienummer, version=meta.version, content_hash=digest, indexed_at=utcnow(),
                )
                session.add(record)
                session.flush()
                assert record.id is not None
                for position, section in enumerate(doc.sections):
                    session.add(RoutineSection(document_id=record.id, position=position,
                                               heading=section.heading[:500], text=section.text))
                (report.updated if old is not None else report.added).append(rel)
            session.flush()
            if extracted or report.removed:
                self._reanalyse(session)
        return report

    def _delete(self, session: Session, doc: RoutineDocument) -> None:
        session.execute(delete(RoutineSection).where(col(RoutineSection.document_id) == doc.id))
        session.delete(doc)
        session.flush()  # before a new version with the same path is inserted

    def _reanalyse(self, session: Session) -> None:
        """Compound splitting depends on the whole catalogue's words, so terms are recomputed together."""
        docs = {d.id: d for d in session.exec(select(RoutineDocument))}
        sections = list(session.exec(select(RoutineSection)))
        vocabulary = build_vocabulary([d.title for d in docs.values()] + [s.heading for s in sections]
                                      + [s.text for s in sections])
        for d in docs.values():
            d.title_terms = " ".join(index_terms(d.title, vocabulary))
            session.add(d)
        for s in sections:
            s.heading_terms = " ".join(index_terms(s.heading, vocabulary))
            s.body_terms = " ".join(index_terms(s.text, vocabulary))
            session.add(s)

    # --- searching --------------------------------------------------------------------------------

    def _catalogue_stamp(self, session: Session) -> tuple[int, str]:
        count, latest = session.exec(select(func.count(col(RoutineDocument.id)),
                                            func.max(RoutineDocument.indexed_at))).one()
        return int(count or 0), str(latest)

    def _load(self) -> tuple[SearchIndex, Vocabulary]:
        with self.db.read() as session:
            stamp = self._catalogue_stamp(session)
            with self._lock:
                if self._index is not None and self._vocabulary is not None and stamp == self._stamp:
                    return self._index, self._vocabulary
            docs = {d.id: d for d in session.exec(select(RoutineDocument))}
            rows = list(session.exec(select(RoutineSection).order_by(col(RoutineSection.document_id),
                                                                     col(RoutineSection.position))))
        infos = {i: DocInfo(id=i or 0, path=d.path, file_name=d.file_name, title=d.title, owner=d.owner,
                            approved_by=d.approved_by, approved_on=d.approved_on, valid_until=d.valid_until,
                            version=d.version, diarienummer=d.diarienummer) for i, d in docs.items()}
        sections = [
            IndexedSection(doc=infos[r.document_id], position=r.position, heading=r.heading, text=r.text,
                           fields={"title": Counter(docs[r.document_id].title_terms.split()),
                                   "heading": Counter(r.heading_terms.split()),
                                   "body": Counter(r.body_terms.split())})
            for r in rows if r.document_id in infos
        ]
        vocabulary = build_vocabulary([d.title for d in docs.values()] + [r.heading for r in rows]
                                      + [r.text for r in rows])
        index = SearchIndex(sections)
        with self._lock:
            self._index, self._vocabulary, self._stamp = index, vocabulary, stamp
        return index, vocabulary

    def search(self, question: str, limit: int = 3, *, today: date | None = None) -> SearchResult:
        question = question.strip()[:MAX_QUESTION]
        index, vocabulary = self._load()
        terms = analyse_query(question, vocabulary, self.synonyms)
        return rank(index, question, terms, today or today_local(), limit)

    # --- feedback and upkeep ----------------------------------------------------------------------

    def record_feedback(self, question: str, document: str, section: str | None, helpful: bool,
                        person_key: str | None) -> None:
        # A question may carry what it should not; such feedback is kept without the question.
        if identity_number_errors({"q": question}):
            question = "(frågan innehöll ett personnummer och sparades inte)"
        with self.db.session() as session:
            session.add(RoutineFeedback(question=question[:1000], document=document[:1000],
                                        section=(section or "")[:500] or None, helpful=helpful,
                                        person_key=person_key))

    def feedback_summary(self) -> list[FeedbackSummary]:
        with self.db.read() as session:
            rows = list(session.exec(select(RoutineFeedback).order_by(col(RoutineFeedback.at))))
        by_doc: dict[str, FeedbackSummary] = {}
        for r in rows:
            current = by_doc.get(r.document) or FeedbackSummary(r.document, 0, 0, [])
            if r.helpful:
                current = FeedbackSummary(current.document, current.helpful + 1, current.not_helpful,
                                          current.questions_not_helpful)
            else:
                current = FeedbackSummary(current.document, current.helpful, current.not_helpful + 1,
                                          [*current.questions_not_helpful, r.question])
            by_doc[r.document] = current
        return sorted(by_doc.values(), key=lambda f: (-f.not_helpful, f.document))

    def documents_due_for_review(self, within_days: int = 30, *, today: date | None = None) -> list[ReviewDue]:
        today = today or today_local()
        limit = today + timedelta(days=within_days)
        with self.db.read() as session:
            docs = list(session.exec(select(RoutineDocument).where(col(RoutineDocument.valid_until).is_not(None))))
        due = [ReviewDue(d.title, d.file_name, d.owner, d.valid_until, (d.valid_until - today).days)
               for d in docs if d.valid_until is not None and d.valid_until <= limit]
        return sorted(due, key=lambda r: r.valid_until)
