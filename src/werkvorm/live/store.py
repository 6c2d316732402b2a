"""The live database: runs, presses and evaluations, through SQLAlchemy Core.

SQLite by default (``.werkvorm/live.db`` in the project folder, outside ``output/``),
any SQLAlchemy URL otherwise (a bureau's PostgreSQL). The schema is brought up to date
by Alembic's migrations, shipped in :mod:`werkvorm.live.migrations`, each time a store
opens; two servers opening one database wait for each other (a write lock on SQLite,
an advisory lock on PostgreSQL).

Every write is one transaction, committed before the caller answers anyone: a press or
an evaluation that was confirmed survives a SIGKILL of the server. On SQLite the
journal is a write-ahead log with full syncs, and a writer takes the lock before it
reads (``BEGIN IMMEDIATE``), so two servers on one file never lose each other's press.
A database that is locked, read-only, damaged or not werkvorm's is a
:class:`~werkvorm.errors.WerkvormError` saying what to do; nothing in it is changed.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from werkvorm.errors import WerkvormError
from werkvorm.live import day
from werkvorm.live.day import Item, Run

if TYPE_CHECKING:
    import sqlalchemy as sa

DEFAULT = Path(".werkvorm") / "live.db"
BUSY_SECONDS = 5  # how long a writer waits for another one before it gives up
# how many times BUSY_SECONDS a server starting waits for another one's migration: it
# holds the write lock while Alembic loads, which took over 5 s on a loaded machine
MIGRATE_TRIES = 6
_LOCK_KEY = 30_2026  # PostgreSQL advisory lock of werkvorm's migrations
T = TypeVar("T")


class StoreError(WerkvormError):
    """The database cannot be used: locked, read-only, damaged, or out of reach."""


class LockedError(StoreError):
    """Another connection held the write lock longer than :data:`BUSY_SECONDS`."""


@dataclass(frozen=True)
class Plan:
    """What a new run is made of: the kit, the booked slot and the agenda."""

    kit: str
    workshop: str
    client: str
    title: str
    language: str
    booked_start: int
    booked_end: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Submission:
    key: str
    at: float
    name: str
    answers: dict[str, str]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def describe(url: str) -> str:
    """The database as a trainer reads it: the file, or the URL without its password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _explain(exc: Exception, url: str) -> StoreError:
    """A database error in a trainer's words."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    where = describe(url)
    if "locked" in text or "busy" in text:
        return LockedError(
            f"the live database {where} is locked by another program: close it (a database "
            "viewer, a second copy of werkvorm that hangs) and try again; nothing was lost"
        )
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return StoreError(
            f"the live database {where} is read-only: give yourself write permission on it "
            "and its folder, or choose another file with --db"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            f"the live database {where} is damaged or not a werkvorm database: move it "
            "aside (werkvorm does not change it) and start again; a new one is made"
        )
    if "unable to open" in text:
        return StoreError(
            f"the live database {where} cannot be opened: check that its folder exists "
            "and that you may write in it, or choose another file with --db"
        )
    return StoreError(f"the live database {where} cannot be used: {text.splitlines()[0]}")


def _sqlite_engine(url: str) -> sa.Engine:
    import sqlalchemy as sa

    engine = sa.create_engine(url, connect_args={"timeout": BUSY_SECONDS})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi: Any, _record: object) -> None:
        dbapi.isolation_level = None  # SQLAlchemy says when a transaction begins
        cursor = dbapi.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        write = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class Store:
    """The database of ``werkvorm live`` and ``werkvorm results``."""

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        self.url = url
        self.sqlite = url.startswith("sqlite")
        usable = StoreError(
            f"--db {describe(url)} is not a database URL werkvorm can use: write "
            "sqlite:///path/to/live.db or postgresql+psycopg://user@host/name"
        )
        if not self.sqlite and url.split(":", 1)[0].split("+")[0] != "postgresql":
            raise usable  # the storage speaks SQLite and PostgreSQL only (advisory locks)
        try:
            if self.sqlite:
                self.engine = _sqlite_engine(url)
            else:
                self.engine = sa.create_engine(url, pool_pre_ping=True)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
            raise usable from exc

    def close(self) -> None:
        self.engine.dispose()

    def _guard(self, work: Callable[[], T]) -> T:
        import sqlalchemy as sa

        try:
            return work()
        except (sa.exc.OperationalError, sa.exc.DatabaseError) as exc:
            if isinstance(exc, sa.exc.IntegrityError):
                raise
            raise _explain(exc, self.url) from None

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One transaction that holds the write lock from its first statement."""
        connect = self.engine.connect().execution_options(write=True)
        with connect as connection, connection.begin():
            yield connection

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    # ------------------------------------------------------------ schema

    def migrate(self) -> None:
        """Bring the schema to the newest revision (Alembic), one server at a time: one
        that starts beside another waits for its migration (:data:`MIGRATE_TRIES`)."""
        for tries in range(MIGRATE_TRIES, 0, -1):
            try:
                self._guard(self._migrate)
                return
            except LockedError:
                if tries == 1:
                    raise

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self._write() as connection:
            if not self.sqlite:
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self._read() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    # ------------------------------------------------------------ runs

    def open_run(self, plan: Plan, today: str, now: float) -> Run:
        """Today's run of this kit: the one already begun (after a restart), else a new one."""
        import sqlalchemy as sa

        def work() -> Run:
            found = self._find(plan.kit, today)
            if found is not None:
                return found
            try:
                with self._write() as c:
                    return self._insert(c, plan, today, now)
            except sa.exc.IntegrityError:  # another server made it a moment ago
                found = self._find(plan.kit, today)
                assert found is not None
                return found

        return self._guard(work)

    def _insert(self, c: sa.Connection, plan: Plan, today: str, now: float) -> Run:
        from werkvorm.live.tables import blocks, runs

        values: dict[str, Any] = {
            "kit": plan.kit,
            "workshop": plan.workshop,
            "client": plan.client,
            "title": plan.title,
            "language": plan.language,
            "day": today,
            "created": now,
            "token": secrets.token_urlsafe(24),
            "secret": secrets.token_urlsafe(24),
            "booked_start": plan.booked_start,
            "booked_end": plan.booked_end,
        }
        inserted = c.execute(runs.insert().values(**values)).inserted_primary_key
        assert inserted is not None
        run_id = int(inserted[0])
        c.execute(
            blocks.insert(),
            [{"run_id": run_id, **_item_row(i)} for i in plan.items],
        )
        return Run(id=run_id, items=plan.items, **values)

    def _find(self, kit: str, today: str) -> Run | None:
        from sqlalchemy import select

        from werkvorm.live.tables import runs

        with self._read() as c:
            row = c.execute(select(runs.c.id).where(runs.c.kit == kit, runs.c.day == today)).first()
            return self._load(c, row[0]) if row else None

    def start_over(self, run_id: int) -> tuple[int, int]:
        """Today's run as if nothing happened yet (after a rehearsal): its timing, presses
        and evaluations removed; returns how many presses and evaluations went."""
        from sqlalchemy import delete, update

        from werkvorm.live.tables import blocks, presses, runs, submissions

        def work() -> tuple[int, int]:
            with self._write() as c:
                gone = c.execute(delete(presses).where(presses.c.run_id == run_id)).rowcount
                said = c.execute(delete(submissions).where(submissions.c.run_id == run_id)).rowcount
                c.execute(
                    update(blocks)
                    .where(blocks.c.run_id == run_id)
                    .values(extra=0, skipped=False, started=None, ended=None)
                )
                c.execute(
                    update(runs)
                    .where(runs.c.id == run_id)
                    .values(started=None, current=-1, version=runs.c.version + 1)
                )
            return int(gone), int(said)

        return self._guard(work)

    def run(self, run_id: int) -> Run:
        def work() -> Run:
            with self._read() as c:
                return self._load(c, run_id)

        return self._guard(work)

    def version(self, run_id: int) -> int:
        """How often the run changed: a cheap question for the views that follow it."""
        from sqlalchemy import select

        from werkvorm.live.tables import runs

        def work() -> int:
            with self._read() as c:
                return int(
                    c.execute(select(runs.c.version).where(runs.c.id == run_id)).scalar_one()
                )

        return self._guard(work)

    def runs(self, workshop: str | None = None, kit: str | None = None) -> list[Run]:
        """Every run of a workshop or of one kit, oldest first."""
        from sqlalchemy import select

        from werkvorm.live.tables import runs

        query = select(runs.c.id).order_by(runs.c.day, runs.c.id)
        if workshop is not None:
            query = query.where(runs.c.workshop == workshop)
        if kit is not None:
            query = query.where(runs.c.kit == kit)

        def work() -> list[Run]:
            with self._read() as c:
                return [self._load(c, row[0]) for row in c.execute(query)]

        return self._guard(work)

    def _load(self, c: sa.Connection, run_id: int) -> Run:
        from sqlalchemy import select

        from werkvorm.live.tables import blocks, runs

        row: dict[str, Any] = dict(
            c.execute(select(runs).where(runs.c.id == run_id)).mappings().one()
        )
        items = tuple(
            Item(**{k: v for k, v in r.items() if k != "run_id"})
            for r in c.execute(
                select(blocks).where(blocks.c.run_id == run_id).order_by(blocks.c.position)
            ).mappings()
        )
        return Run(items=items, **row)

    # ------------------------------------------------------------ presses

    def press(self, run_id: int, action: str, key: str, now: float) -> Run:
        """The trainer's press, applied and committed once (the same ``key`` twice: once)."""
        import sqlalchemy as sa

        def work() -> Run:
            try:
                with self._write() as c:
                    return self._press(c, run_id, action, key, now)
            except sa.exc.IntegrityError:  # this press was stored already
                return self.run(run_id)

        return self._guard(work)

    def _press(self, c: sa.Connection, run_id: int, action: str, key: str, now: float) -> Run:
        from sqlalchemy import select

        from werkvorm.live.tables import blocks, presses, runs

        if not self.sqlite:  # one writer per run at a time
            c.execute(select(runs.c.id).where(runs.c.id == run_id).with_for_update())
        before = self._load(c, run_id)
        after = day.press(before, action, now)
        c.execute(
            presses.insert().values(
                run_id=run_id, key=key, action=action, position=before.current, at=now
            )
        )
        if after == before:
            return before
        after = replace(after, version=before.version + 1)
        c.execute(
            runs.update()
            .where(runs.c.id == run_id)
            .values(started=after.started, current=after.current, version=after.version)
        )
        for old, new in zip(before.items, after.items, strict=True):
            if old != new:
                c.execute(
                    blocks.update()
                    .where(blocks.c.run_id == run_id, blocks.c.position == new.position)
                    .values(**_item_row(new))
                )
        return after

    def presses(self, run_id: int) -> list[tuple[str, int, float]]:
        from sqlalchemy import select

        from werkvorm.live.tables import presses

        query = (
            select(presses.c.action, presses.c.position, presses.c.at)
            .where(presses.c.run_id == run_id)
            .order_by(presses.c.id)
        )

        def work() -> list[tuple[str, int, float]]:
            with self._read() as c:
                return [(r[0], r[1], r[2]) for r in c.execute(query)]

        return self._guard(work)

    # ------------------------------------------------------------ evaluations

    def submit(self, run_id: int, key: str, name: str, answers: dict[str, str], now: float) -> bool:
        """Store one evaluation, committed; False when this form was stored before."""
        import sqlalchemy as sa

        from werkvorm.live.tables import submissions

        row = {
            "run_id": run_id,
            "key": key,
            "at": now,
            "name": name,
            "answers": json.dumps(answers, ensure_ascii=False, sort_keys=True),
        }

        def work() -> bool:
            try:
                with self._write() as c:
                    c.execute(submissions.insert().values(**row))
                return True
            except sa.exc.IntegrityError:
                return False

        return self._guard(work)

    def count(self, run_id: int) -> int:
        """How many evaluations the run has."""
        from sqlalchemy import func, select

        from werkvorm.live.tables import submissions

        query = select(func.count()).select_from(submissions).where(submissions.c.run_id == run_id)

        def work() -> int:
            with self._read() as c:
                return int(c.execute(query).scalar_one())

        return self._guard(work)

    def submissions(self, run_id: int) -> list[Submission]:
        from sqlalchemy import select

        from werkvorm.live.tables import submissions as table

        query = select(table).where(table.c.run_id == run_id).order_by(table.c.at, table.c.id)

        def work() -> list[Submission]:
            with self._read() as c:
                return [
                    Submission(r.key, r.at, r.name, json.loads(r.answers)) for r in c.execute(query)
                ]

        return self._guard(work)


def _item_row(item: Item) -> dict[str, Any]:
    return {
        "position": item.position,
        "item": item.item,
        "title": item.title,
        "is_break": item.is_break,
        "optional": item.optional,
        "planned": item.planned,
        "low": item.low,
        "high": item.high,
        "extra": item.extra,
        "skipped": item.skipped,
        "started": item.started,
        "ended": item.ended,
    }


def open_store(url: str) -> Store:
    """A store with its schema up to date (a clear StoreError when it cannot be used)."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if path.exists() and not path.is_file():
            raise StoreError(f"the live database {path} is a folder, not a file: choose a file")
        if path.exists() and path.stat().st_size and not _looks_like_sqlite(path):
            raise StoreError(
                f"the live database {path} is damaged or not a werkvorm database: move it "
                "aside (werkvorm does not change it) and start again; a new one is made"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot make the folder {path.parent} for the live database: {exc.strerror}"
            ) from None
    store = Store(url)
    try:
        store.migrate()
    except BaseException:
        store.close()
        raise
    return store


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return True  # unreadable: the database itself says why


def today(now: float | None = None) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(time.time() if now is None else now))
