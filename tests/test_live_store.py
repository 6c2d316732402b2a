"""The live database on SQLite and, when WERKVORM_TEST_PG names one, on PostgreSQL:
migrations, runs that survive a restart, presses and evaluations stored exactly once,
two servers on one database, and clear words for a database that cannot be used."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from werkvorm.live import store as store_module
from werkvorm.live.day import Item
from werkvorm.live.store import Plan, StoreError, open_store

NOW = 1_796_284_800.0  # 2026-12-03, some time in the morning


def _plan(kit: str = "lindewaard/spagaat") -> Plan:
    items = (
        Item(0, "welkom", "Welkom", False, False, 20, 20, 20),
        Item(1, "oefenen", "Oefenen", False, False, 30, 20, 40),
        Item(2, "pauze", "Pauze", True, False, 15, 15, 15),
        Item(3, "extra", "Extra", False, True, 20, 20, 20),
        Item(4, "afsluiting", "Afsluiting", False, False, 15, 15, 15),
    )
    return Plan(kit, kit.split("/")[1], kit.split("/")[0], "Spagaat", "nl", 570, 670, items)


def _drop_everything(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as c:
        for table in ("submissions", "presses", "blocks", "runs", "alembic_version"):
            c.exec_driver_sql(f"DROP TABLE IF EXISTS {table} CASCADE")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / '.werkvorm' / 'live.db'}"
        return
    pg = os.environ.get("WERKVORM_TEST_PG")
    if not pg:
        pytest.skip("WERKVORM_TEST_PG is not set (.ci/run starts a PostgreSQL and sets it)")
    _drop_everything(pg)
    yield pg
    _drop_everything(pg)


def test_the_schema_is_made_by_the_migrations_and_matches_the_tables(url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from werkvorm.live.tables import metadata

    store = open_store(url)
    again = open_store(url)  # a second start finds the schema current
    assert store.revision() == again.revision() == "0001"
    with store.engine.connect() as c:
        assert compare_metadata(MigrationContext.configure(c), metadata) == []
    store.close()
    again.close()


def test_a_run_survives_a_restart_with_its_token_and_presses(url: str) -> None:
    store = open_store(url)
    run = store.open_run(_plan(), "2026-12-03", NOW)
    store.press(run.id, "start", "p1", NOW)
    store.press(run.id, "plus5", "p2", NOW + 60)
    store.close()
    restarted = open_store(url)
    same = restarted.open_run(_plan(), "2026-12-03", NOW + 3600)
    assert (same.id, same.token, same.secret) == (run.id, run.token, run.secret)
    assert same.current == 0 and same.started == NOW
    assert same.items[0].extra == 5 and same.items[0].started == NOW
    assert [a for a, _, _ in restarted.presses(run.id)] == ["start", "plus5"]
    other_day = restarted.open_run(_plan(), "2026-12-04", NOW + 86400)
    assert other_day.id != run.id and other_day.token != run.token
    restarted.close()


def test_each_press_is_stored_once_and_moves_the_day_on(url: str) -> None:
    store = open_store(url)
    run = store.open_run(_plan(), "2026-12-03", NOW)
    store.press(run.id, "start", "a", NOW)
    store.press(run.id, "next", "b", NOW + 1200)
    twice = store.press(run.id, "next", "b", NOW + 1201)  # a double tap
    assert twice.current == 1
    skipped = store.press(run.id, "skip", "c", NOW + 1300)
    assert skipped.items[3].skipped
    store.press(run.id, "next", "d", NOW + 3000)  # into the break
    after_break = store.press(run.id, "next", "e", NOW + 3900)
    assert after_break.current == 4  # the skipped block is passed over
    assert after_break.items[1].started == NOW + 1200 and after_break.items[1].ended == NOW + 3000
    assert after_break.version == 5
    assert len(store.presses(run.id)) == 5
    store.close()


def test_an_evaluation_sent_twice_is_stored_once(url: str) -> None:
    store = open_store(url)
    run = store.open_run(_plan(), "2026-12-03", NOW)
    answers = {"q1": "5", "q5": "Meer oefenen & <minder> praten 🙂"}
    assert store.submit(run.id, "form-1", "Sanne", answers, NOW) is True
    assert store.submit(run.id, "form-1", "Sanne", answers, NOW + 1) is False
    assert store.submit(run.id, "form-2", "", {"q1": "3"}, NOW + 2) is True
    stored = store.submissions(run.id)
    assert [(s.key, s.name, s.answers) for s in stored] == [
        ("form-1", "Sanne", answers),
        ("form-2", "", {"q1": "3"}),
    ]
    store.close()


def test_two_servers_on_one_database_lose_no_press(url: str) -> None:
    first, second = open_store(url), open_store(url)
    run = first.open_run(_plan(), "2026-12-03", NOW)
    assert second.open_run(_plan(), "2026-12-03", NOW).id == run.id
    first.press(run.id, "start", "go", NOW)

    def press(store: store_module.Store, name: str) -> None:
        for n in range(15):
            store.press(run.id, "plus5", f"{name}-{n}", NOW + n)

    threads = [
        threading.Thread(target=press, args=(s, n)) for s, n in ((first, "a"), (second, "b"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert first.run(run.id).items[0].extra == 150
    assert second.version(run.id) == 31
    first.close()
    second.close()


def test_two_servers_starting_at_once_make_one_schema_and_one_run(url: str) -> None:
    made: list[int] = []

    def start() -> None:
        store = open_store(url)
        made.append(store.open_run(_plan(), "2026-12-03", NOW).id)
        store.close()

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 3 and len(set(made)) == 1


def test_a_damaged_database_file_is_named_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    path.write_bytes(b"this is a shopping list, not a database\n" * 50)
    before = path.read_bytes()
    with pytest.raises(StoreError) as error:
        open_store(f"sqlite:///{path}")
    assert error.value.message == (
        f"the live database {path} is damaged or not a werkvorm database: move it aside "
        "(werkvorm does not change it) and start again; a new one is made"
    )
    assert path.read_bytes() == before


def test_a_truncated_database_says_it_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    open_store(f"sqlite:///{path}").close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    with pytest.raises(StoreError, match="is damaged or not a werkvorm database"):
        open_store(f"sqlite:///{path}")


def test_a_read_only_database_says_so(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    open_store(f"sqlite:///{path}").close()
    readonly = f"sqlite:///file:{path}?mode=ro&uri=true"
    store = store_module.Store(readonly)
    run_plan = _plan()
    with pytest.raises(StoreError) as error:
        store.open_run(run_plan, "2026-12-03", NOW)
    assert (
        "is read-only: give yourself write permission on it and its folder" in error.value.message
    )
    store.close()


def test_a_server_starting_waits_for_another_ones_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two servers starting at once: one held the write lock while Alembic loaded, longer
    than a writer waits on a loaded machine, and the other stopped with "locked" (CI,
    stop 38). A server starting now waits several times as long for a migration."""
    path = tmp_path / "live.db"
    open_store(f"sqlite:///{path}").close()
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.3)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.8, lambda: other.execute("ROLLBACK"))  # past one wait
    release.start()
    try:
        open_store(f"sqlite:///{path}").close()
    finally:
        release.join()
        other.close()


def test_a_locked_database_says_so_after_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "live.db"
    open_store(f"sqlite:///{path}").close()
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.3)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as error:
            open_store(f"sqlite:///{path}")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert error.value.message == (
        f"the live database {path} is locked by another program: close it (a database "
        "viewer, a second copy of werkvorm that hangs) and try again; nothing was lost"
    )
    open_store(f"sqlite:///{path}").close()  # free again: it opens


@pytest.mark.parametrize(
    "url",
    [
        "nosuchdb://somewhere/x",
        "mysql://nobody@nowhere/x",  # SQLAlchemy knows it; werkvorm's storage does not
        "postgresql+nosuchdriver://u@h/x",
        "postgresql+pg8000://u@h/x",  # a driver that is not installed
    ],
)
def test_a_url_werkvorm_cannot_use_is_explained(url: str) -> None:
    with pytest.raises(StoreError, match="is not a database URL werkvorm can use"):
        open_store(url)


def test_the_password_in_a_url_is_never_shown() -> None:
    assert store_module.describe("postgresql+psycopg://anouk:geheim@db.local/werkvorm") == (
        "postgresql+psycopg://anouk:***@db.local/werkvorm"
    )


def test_a_rehearsal_is_wiped_when_the_day_starts_over(url: str) -> None:
    store = open_store(url)
    run = store.open_run(_plan(), "2026-12-03", NOW)
    store.press(run.id, "start", "a", NOW)
    store.press(run.id, "plus5", "b", NOW)
    store.press(run.id, "skip", "c", NOW)
    store.submit(run.id, "form-1", "", {"q1": "5"}, NOW)
    assert store.start_over(run.id) == (3, 1)
    fresh = store.run(run.id)
    assert fresh.started is None and fresh.current == -1 and fresh.version == 4
    assert fresh.items == _plan().items
    assert store.count(run.id) == 0 and store.presses(run.id) == []
    assert store.press(run.id, "start", "a", NOW + 60).started == NOW + 60  # the same key again
    store.close()
