"""The live application without a browser: the token, the Host header, posts from
other sites, oversized and malformed posts, a flood from one address, the buttons and
the evaluation form (stored once, answered in the session's words)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from werkvorm.live.app import Live, RateLimit, build_app
from werkvorm.live.plan import SessionDay, load_day
from werkvorm.live.store import Store, open_store
from werkvorm.project.folder import find_project

NOW = 1_796_284_800.0


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> SessionDay:
    import shutil

    root = tmp_path_factory.mktemp("live")
    shutil.copytree(Path(__file__).resolve().parents[1] / "workshops", root / "workshops")
    project = find_project(root)
    return load_day(project, "client", project.clients_dir / "gemeente-lindewaard.yaml")


@pytest.fixture
def served(day: SessionDay, tmp_path: Path) -> Iterator[tuple[TestClient, Live, Store]]:
    store = open_store(f"sqlite:///{tmp_path / 'live.db'}")
    run = store.open_run(day.plan, "2026-12-03", NOW)
    hosts = frozenset({"testserver", "127.0.0.1:8770"})
    live = Live(store, day, run.id, run.token, run.secret, hosts, "http://127.0.0.1:8770/")
    live.clock = lambda: NOW
    client = TestClient(build_app(live), follow_redirects=False)
    yield client, live, store
    client.close()
    store.close()


def _form_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="(key|sig)" value="([^"]+)"', html))


def test_the_trainer_needs_the_token(served) -> None:  # type: ignore[no-untyped-def]
    client, live, _ = served
    assert client.get(f"/t/{live.token}").status_code == 200
    for wrong in (live.token[:-1], live.token + "x", "x" * len(live.token)):
        response = client.get(f"/t/{wrong}")
        assert response.status_code == 404 and live.token not in response.text
    assert client.get(f"/t/{live.token}x/qr").status_code == 404
    assert (
        client.post("/t/nope/press", data={"action": "start", "key": "abcdefgh"}).status_code == 404
    )


def test_a_foreign_host_header_is_refused(served) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = served
    for host in ("evil.example", "127.0.0.1:9999", "attacker.test:8770"):
        response = client.get("/", headers={"Host": host})
        assert (response.status_code, response.text) == (
            403,
            "this server answers only its own address",
        )
    assert client.get("/", headers={"Host": "127.0.0.1:8770"}).status_code == 200


def test_pages_leak_no_referrer_to_other_sites_and_have_a_strict_policy(served) -> None:  # type: ignore[no-untyped-def]
    client, live, _ = served
    response = client.get(f"/t/{live.token}")
    assert response.headers["referrer-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    assert "http://" not in response.text.replace("http://127.0.0.1:8770/", "")  # nothing remote


def test_a_press_moves_the_day_and_a_double_press_counts_once(served) -> None:  # type: ignore[no-untyped-def]
    client, live, store = served
    page = client.get(f"/t/{live.token}").text
    assert "Nog niet begonnen" in page and ">Start</button>" in page
    key = _form_fields(page)["key"]
    for _ in range(2):
        response = client.post(f"/t/{live.token}/press", data={"action": "start", "key": key})
        assert (response.status_code, response.headers["location"]) == (303, f"/t/{live.token}")
    page = client.get(f"/t/{live.token}").text
    assert "Blok 1 van 7" in page and "Opening en kennismaking" in page
    assert "Volgend blok →" in page
    key = _form_fields(page)["key"]
    client.post(f"/t/{live.token}/press", data={"action": "plus5", "key": key})
    client.post(f"/t/{live.token}/press", data={"action": "plus5", "key": key})
    assert store.run(live.run_id).items[0].extra == 5
    assert [a for a, _, _ in store.presses(live.run_id)] == ["start", "plus5"]
    bad = client.post(f"/t/{live.token}/press", data={"action": "reboot", "key": key})
    assert (bad.status_code, bad.text) == (400, "unknown button: reload the page")


def test_posts_from_another_site_are_refused(served) -> None:  # type: ignore[no-untyped-def]
    client, live, store = served
    fields = _form_fields(client.get("/").text)
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "null", "Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        response = client.post("/", data={**fields, "q1": "5"}, headers=headers)
        assert (response.status_code, response.text) == (403, "a post from another site is refused")
        response = client.post(
            f"/t/{live.token}/press", data={"action": "start", "key": "abcdefgh"}, headers=headers
        )
        assert response.status_code == 403
    assert store.count(live.run_id) == 0 and store.run(live.run_id).started is None
    ok = client.post("/", data={**fields, "q1": "5"}, headers={"Origin": "http://127.0.0.1:8770"})
    assert ok.status_code == 200


def test_a_phone_that_hides_the_origin_of_our_own_form_is_let_in(served) -> None:  # type: ignore[no-untyped-def]
    """Some phone browsers on a bare LAN address post with ``Origin: null``; the signed
    form (and the trainer's token) is what keeps other sites out."""
    client, live, store = served
    for headers in ({"Origin": "null"}, {"Origin": "null", "Sec-Fetch-Site": "same-origin"}):
        fields = _form_fields(client.get("/").text)
        response = client.post("/", data={**fields, "q1": "4"}, headers=headers)
        assert response.status_code == 200
    assert store.count(live.run_id) == 2
    forged = client.post(
        "/", data={"key": "abcdefghijkl", "sig": "0" * 32, "q1": "5"}, headers={"Origin": "null"}
    )
    assert forged.status_code == 400 and store.count(live.run_id) == 2
    key = _form_fields(client.get(f"/t/{live.token}").text)["key"]
    pressed = client.post(
        f"/t/{live.token}/press", data={"action": "start", "key": key}, headers={"Origin": "null"}
    )
    assert pressed.status_code == 303 and store.run(live.run_id).started is not None


def test_oversized_and_malformed_posts(served) -> None:  # type: ignore[no-untyped-def]
    client, live, store = served
    fields = _form_fields(client.get("/").text)
    huge = client.post("/", data={**fields, "q5": "x" * 70_000})
    assert (huge.status_code, huge.text) == (
        413,
        "this post is too large or its length is unreadable",
    )
    as_json = client.post("/", json={"q1": 5})
    assert (as_json.status_code, as_json.text) == (
        400,
        "this post is not a form werkvorm understands",
    )
    not_utf8 = client.post(
        "/",
        content=b"key=abcdefgh&q5=\xff\xfe",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert not_utf8.status_code == 400
    forged = client.post("/", data={"key": "abcdefghijkl", "sig": "0" * 32, "q1": "5"})
    assert forged.status_code == 400
    assert "Dit formulier is verlopen of komt niet van deze pagina" in forged.text
    out_of_range = client.post("/", data={**fields, "q1": "9"})
    assert out_of_range.status_code == 400
    assert (
        "Kies bij ‘Ik ben tevreden over deze workshop.’ een getal van 1 tot 5." in out_of_range.text
    )
    long_answer = client.post("/", data={**fields, "q5": "x" * 4001})
    assert "Een antwoord is te lang: hou elk antwoord onder 4000 tekens." in long_answer.text
    assert store.count(live.run_id) == 0


def test_an_evaluation_sent_twice_is_stored_once(served) -> None:  # type: ignore[no-untyped-def]
    client, live, store = served
    form = client.get("/").text
    assert "Ik ben tevreden over deze workshop." in form and "Wat kan er beter?" in form
    assert "zonder naam is je evaluatie anoniem" in form
    fields = _form_fields(form)
    answers = {"q1": "5", "q2": "4", "q5": "Het rollenspel & de <casus> 🙂\x00\x1f", "name": "\x07"}
    for _ in range(2):
        response = client.post("/", data={**fields, **answers})
        assert response.status_code == 200
        assert "Je evaluatie is ontvangen. Bedankt voor het invullen!" in response.text
    stored = store.submissions(live.run_id)
    assert len(stored) == 1
    assert "1 evaluatie ontvangen" in client.get(f"/t/{live.token}").text
    assert stored[0].answers == {"q1": "5", "q2": "4", "q5": "Het rollenspel & de <casus> 🙂"}
    assert stored[0].name == ""


def test_a_flood_from_one_address_is_limited_and_others_are_served(
    day: SessionDay, tmp_path: Path
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'live.db'}")
    run = store.open_run(day.plan, "2026-12-03", NOW)
    live = Live(store, day, run.id, run.token, run.secret, frozenset({"testserver"}), "x")
    app = build_app(live, RateLimit())
    flood = TestClient(app, client=("10.0.0.66", 4000))
    codes = [flood.get("/favicon.ico").status_code for _ in range(2000)]
    assert codes.count(204) == 240 and codes.count(429) == 1760
    limited = flood.get("/")
    assert limited.text == "too many requests from your address: wait a minute"
    assert limited.headers["retry-after"] == "60"
    other = TestClient(app, client=("10.0.0.7", 4000))
    assert other.get("/").status_code == 200
    assert other.get(f"/t/{run.token}").status_code == 200
    store.close()


def test_the_heavy_libraries_stay_out_of_the_command_line_start() -> None:
    import subprocess
    import sys

    heavy = ("sqlalchemy", "starlette", "uvicorn", "alembic", "matplotlib")
    code = f"import sys, werkvorm.cli.main; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_matplotlib_is_imported_only_by_the_charts() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "werkvorm"
    users = sorted(
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if re.search(r"^\s*(import|from) matplotlib", p.read_text(encoding="utf-8"), re.M)
    )
    assert users == ["live/charts.py"]


def test_a_busy_database_keeps_the_answers_and_asks_to_send_again(
    served, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from werkvorm.live.store import StoreError

    client, _, store = served
    fields = _form_fields(client.get("/").text)

    def locked(*args: object) -> bool:
        raise StoreError("the live database x is locked by another program")

    monkeypatch.setattr(store, "submit", locked)
    response = client.post("/", data={**fields, "q1": "4", "q5": "Graag meer & beter"})
    assert response.status_code == 503
    assert "Het is even te druk: verstuur het formulier opnieuw." in response.text
    assert "Graag meer &amp; beter</textarea>" in response.text
    assert 'value="4" checked' in response.text
    assert f'name="key" value="{fields["key"]}"' in response.text  # sent again: stored once


def test_the_lan_answers_its_own_addresses_only() -> None:
    from werkvorm.live.serve import _hosts

    assert _hosts(8770, None) == frozenset({"127.0.0.1:8770", "localhost:8770"})
    lan = _hosts(8770, "192.168.1.20")
    assert {"192.168.1.20:8770", "127.0.0.1:8770"} <= lan
    assert "evil.example:8770" not in lan and "192.168.1.20:80" not in lan


def test_goal_scales_from_the_evaluation_renderer_are_asked_too(
    day: SessionDay, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkvorm.compose.session import WorksheetEntry
    from werkvorm.live import plan
    from werkvorm.render import evaluation

    goal = WorksheetEntry(kind="scale", text="Ik kan nu de oude en de nieuwe orde herkennen.")
    monkeypatch.setattr(evaluation, "goal_scales", lambda session: [goal], raising=False)
    asked = plan.questions(day.session)
    assert [q.text for q in asked][-1] == "Ik kan nu de oude en de nieuwe orde herkennen."
    assert (asked[-1].id, asked[-1].kind, len(asked)) == ("q7", "scale", 7)


def test_an_english_session_gets_an_english_form(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "workshops", tmp_path / "workshops")
    project = find_project(tmp_path)
    english = load_day(project, "client", project.clients_dir / "harbourside.yaml")
    page = pages_form(english)
    assert "I am satisfied with this workshop." in page and ">Send</button>" in page
    assert "without a name your evaluation is anonymous" in page
    from werkvorm.live import pages
    from werkvorm.live.day import Run

    run = Run(
        1, "k", "w", "c", "T", "en", "2026-12-03", NOW, "t", "s", 540, 700, english.plan.items
    )
    trainer = pages.trainer_page(english, run, NOW, "t", 1).decode()
    for words in (
        "Not started yet",
        ">Start</button>",
        "1 evaluation received",
        "The rest of the day",
    ):
        assert words in trainer


def pages_form(day: SessionDay) -> str:
    from werkvorm.live import pages

    return pages.form_page(day, "k" * 16, "s" * 32).decode()


def test_live_says_what_is_wrong_before_it_serves(project: Path) -> None:
    import socket

    from typer.testing import CliRunner

    from werkvorm.cli.main import app

    runner = CliRunner()
    unknown = runner.invoke(app, ["live", "gemeente-nergens", "--no-open"])
    assert unknown.exit_code == 1 and "gemeente-nergens" in unknown.output
    bad_db = runner.invoke(
        app, ["live", "gemeente-lindewaard", "--no-open", "--db", "nosuchdb://x/y"]
    )
    assert bad_db.exit_code == 1
    assert "--db nosuchdb://x/y is not a database URL werkvorm can use" in bad_db.output
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        busy = runner.invoke(app, ["live", "gemeente-lindewaard", "--no-open", "--port", str(port)])
    finally:
        taken.close()
    assert busy.exit_code == 1
    assert f"port {port} is in use or not allowed" in busy.output
    assert "choose another with --port, or --port 0 for any free one" in busy.output
    assert (project / ".werkvorm" / "live.db").is_file()  # outside output/
    assert not (project / "output" / ".werkvorm").exists()
