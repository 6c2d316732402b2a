"""`watch` keeps the PDFs and deck current in the background: the memo, the coalescing
builder, the state on the page, and `build` never memoised."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, REPO
from werkvorm.errors import RenderError, WerkvormError
from werkvorm.preview.livedocs import Abandoned, Background, Built
from werkvorm.preview.server import Preview, serve
from werkvorm.render.memo import LayoutMemo, active_memo, folder_fingerprint

# ---------------------------------------------------------------- the memo on its own


def test_the_memo_makes_a_value_once_per_input_and_forgets_what_a_round_left_unused() -> None:
    memo, made = LayoutMemo(), []

    def make(value: str) -> Callable[[], str]:
        return lambda: made.append(value) or value  # type: ignore[func-returns-value]

    with memo.round():
        assert memo.get("a", ["1"], make("a1")) == "a1"
        assert memo.get("b", ["1"], make("b1")) == "b1"
    with memo.round():
        assert memo.get("a", ["1"], make("again")) == "a1"  # unchanged: kept
        assert memo.get("b", ["2"], make("b2")) == "b2"  # changed: made again
        assert (memo.laid_out, memo.reused) == (["b"], ["a"])
    with memo.round():
        assert memo.get("b", ["1"], make("b1 again")) == "b1 again"  # dropped after round 2
    assert made == ["a1", "b1", "b2", "b1 again"]


def test_an_abandoned_round_keeps_what_it_made() -> None:
    memo = LayoutMemo()
    with pytest.raises(Abandoned), memo.round():
        memo.get("guide", ["1"], lambda: "laid out")
        raise Abandoned
    with memo.round():
        assert memo.get("guide", ["1"], lambda: "again") == "laid out"


def test_the_memo_is_active_only_inside_a_round_in_its_own_thread() -> None:
    memo, seen = LayoutMemo(), []
    with memo.round():
        assert active_memo() is memo
        thread = threading.Thread(target=lambda: seen.append(active_memo()))
        thread.start()
        thread.join()
    assert active_memo() is None and seen == [None]


def test_an_image_changes_the_fingerprint_and_a_yaml_file_does_not(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    image, source = tmp_path / "images" / "foto.png", tmp_path / "proef.yaml"
    image.write_bytes(b"one")
    source.write_text("title: Proef\n")
    before = folder_fingerprint([tmp_path])
    source.write_text("title: Proef, langer\n")
    assert folder_fingerprint([tmp_path]) == before
    image.write_bytes(b"other")
    assert folder_fingerprint([tmp_path]) != before


# ---------------------------------------------------------------- the builder thread


def _background(
    job: Callable[[Callable[[], bool]], tuple[Path, tuple[str, ...], tuple[str, ...]]],
) -> tuple[Background, list[Built], list[str]]:
    done: list[Built] = []
    failed: list[str] = []
    return Background(job, done.append, failed.append), done, failed


def test_saves_during_a_build_coalesce_into_one_build_of_the_newest_state() -> None:
    state = {"save": 1}
    release = threading.Event()
    seen: list[int] = []
    abandoned = []

    def job(stale: Callable[[], bool]) -> tuple[Path, tuple[str, ...], tuple[str, ...]]:
        seen.append(state["save"])
        if len(seen) == 1:
            release.wait(10)  # the first build is slow...
            if stale():  # ...and stops at its next document
                abandoned.append(True)
                raise Abandoned
        return Path(f"/built/{state['save']}"), ("guide",), ("guide", "handout")

    background, done, failed = _background(job)
    try:
        background.request()
        while not seen:
            time.sleep(0.01)
        for save in (2, 3):  # two quick saves while the first build runs
            state["save"] = save
            background.request()
        release.set()
        assert background.idle(10)
    finally:
        background.close()
    assert seen == [1, 3] and abandoned == [True] and background.runs == 2
    assert [b.folder for b in done] == [Path("/built/3")] and failed == []
    assert done[0].laid_out == ("guide",) and len(done[0].documents) == 2


def test_a_failed_background_build_is_reported_and_the_next_save_builds_again() -> None:
    calls = []

    def job(stale: Callable[[], bool]) -> tuple[Path, tuple[str, ...], tuple[str, ...]]:
        calls.append(1)
        if len(calls) == 1:
            raise RenderError("guide for proef: the image foto.png is not a file")
        if len(calls) == 2:
            raise ValueError("a bug")
        return Path("/built"), (), ()

    background, done, failed = _background(job)
    try:
        for _ in range(3):
            background.request()
            assert background.idle(10)
    finally:
        background.close()
    assert failed == ["guide for proef: the image foto.png is not a file", "ValueError: a bug"]
    assert len(done) == 1


# ---------------------------------------------------------------- the state on the page


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Preview, str]]:
    (tmp_path / "handout.html").write_text("<html><body><h1>Proef</h1></body></html>")
    preview = Preview(tmp_path)
    httpd, url = serve(preview, 0)
    yield preview, url
    preview.closing = True
    with preview.changed:
        preview.changed.notify_all()
    httpd.shutdown()
    httpd.server_close()


def _status(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url + "__status") as response:
        found: dict[str, object] = json.load(response)
        return found


def _page(url: str, path: str = "") -> str:
    with urllib.request.urlopen(url + path) as response:
        return str(response.read().decode())


def test_the_page_says_whether_the_pdfs_are_current_updating_or_failed(served) -> None:  # type: ignore[no-untyped-def]
    preview, url = served
    assert _status(url)["state"] == "none" and "id='werkvorm-documents'" not in _page(url)
    preview.publish_documents("updating")
    assert "PDFs and deck: updating…" in _page(url)
    assert "id='werkvorm-stale' style='font" in _page(url, "pages")  # shown: no display:none
    preview.publish_documents("current", "14:02:31")
    assert "PDFs and deck: current (built 14:02:31)" in _page(url)
    assert "id='werkvorm-stale' style='display:none;font" in _page(url, "pages")
    preview.publish_documents("failed", "guide for proef: <img> is missing")
    status = _status(url)
    assert status["state"] == "failed" and status["version"] == 3
    assert "PDFs and deck: failed: guide for proef: &lt;img&gt; is missing" in _page(url)


def test_the_state_reaches_an_open_page_through_the_event_stream(served) -> None:  # type: ignore[no-untyped-def]
    preview, url = served
    port = int(url.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/__events")
    stream = connection.getresponse()
    assert stream.readline().startswith(b"retry:")  # the preview's version, as before
    preview.publish_documents("current", "14:02:31")
    lines: list[bytes] = []
    while not lines or b"current" not in lines[-1]:
        lines.append(stream.readline())
        assert len(lines) < 20 and lines[-1], lines
    connection.close()
    assert lines[-2] == b"event: status\n"
    status = json.loads(lines[-1].removeprefix(b"data: "))
    assert status["text"] == "PDFs and deck: current (built 14:02:31)"


def test_the_pages_view_serves_the_background_builds_handout(tmp_path: Path) -> None:
    folder, documents = tmp_path / "preview", tmp_path / "documents"
    folder.mkdir()
    documents.mkdir()
    (documents / "handout.pdf").write_bytes(b"%PDF newest")
    (folder / "handout.pdf").write_bytes(b"%PDF left by an older watch --pdf")
    preview = Preview(folder)
    preview.publish_documents("current", folder=documents)
    found = preview.find("handout.pdf")
    assert found is not None and found.read_bytes() == b"%PDF newest"
    assert b"(last build)" not in preview.page()


# ---------------------------------------------------------------- watch itself


def test_a_failing_background_build_reaches_the_events_and_the_page(
    project: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import werkvorm.render.deck
    from werkvorm.preview.watch import WatchEvent, _Rebuilder
    from werkvorm.project.folder import Project

    def broken(session: object) -> bytes:
        raise RenderError("deck for kanteling: the template is damaged")

    monkeypatch.setattr(werkvorm.render.deck, "render_deck", broken)  # the deck comes first
    events: list[WatchEvent] = []
    workshop = project / "workshops" / "kanteling.yaml"
    rebuild = _Rebuilder(Project(project), "workshop", workshop, (), events.append)
    background = rebuild.keep_documents_current(worker=False)
    try:
        rebuild()
        assert background.idle(30)
    finally:
        rebuild.close()
    assert [e.kind for e in events] == ["built", "extra-failed"]
    assert "the template is damaged" in events[1].message
    assert rebuild.preview.documents_state == "failed"
    assert b"PDFs and deck: failed: deck for kanteling: the template is damaged" in (
        rebuild.preview.page()
    )
    assert not (project / "output" / ".preview" / ".documents").exists()  # nothing written


def _small_project(write: Callable[..., Path], tmp_path: Path) -> Path:
    (tmp_path / "workshops" / "images").mkdir(parents=True, exist_ok=True)
    (tmp_path / "workshops" / "images" / "foto.png").write_bytes(
        (REPO / "workshops" / "images" / "spagaat.png").read_bytes()
    )
    return write("proef.yaml", MINIMAL)


@pytest.mark.slow
def test_a_facilitator_note_lays_out_only_the_guide_and_an_image_lays_out_all(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    from werkvorm.preview.livedocs import build_documents
    from werkvorm.project.folder import Project

    workshop = _small_project(write, tmp_path)
    project, memo = Project(tmp_path), LayoutMemo()

    def build() -> tuple[str, ...]:
        folder, laid_out, _ = build_documents(project, "workshop", workshop, memo, lambda: False)
        assert (folder / "handout.pdf").is_file() and (folder / "deck.pptx").is_file()
        assert folder.is_relative_to(tmp_path / "output" / ".preview")
        return tuple(name for name in laid_out if name != "deck.pptx")

    first = build()
    assert {"handout for proef", "guide for proef", "evaluation for proef"} <= set(first)
    assert build() == ()  # nothing changed: nothing laid out
    workshop.write_text(
        workshop.read_text().replace("Laat ze oefenen.", "Laat ze in paren oefenen."),
        encoding="utf-8",
    )
    assert build() == ("guide for proef",)
    (tmp_path / "workshops" / "images" / "foto.png").write_bytes(b"\x89PNG other bytes")
    assert set(build()) == set(first)
    assert not (tmp_path / "output" / "generic").exists()  # the kit is never touched


@pytest.mark.slow
def test_the_worker_lays_out_the_guide_and_the_bytes_are_the_builds(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    from werkvorm.kits.build import build_kit
    from werkvorm.kits.layoutworker import LayoutWorker
    from werkvorm.preview.livedocs import build_documents
    from werkvorm.project.folder import Project

    workshop = _small_project(write, tmp_path)
    project, memo, worker = Project(tmp_path), LayoutMemo(), LayoutWorker()
    made_there: list[str] = []
    for method in ("submit", "submit_deck"):
        handed = getattr(worker, method)
        setattr(worker, method, lambda x, h=handed, m=method: made_there.append(m) or h(x))
    try:
        folder, laid_out, _ = build_documents(
            project, "workshop", workshop, memo, lambda: False, worker
        )
    finally:
        worker.close()
    assert "guide for proef" in laid_out and "deck.pptx" in laid_out
    assert made_there == ["submit", "submit_deck"]  # guide and handout changed: both there
    kit = build_kit(project, "workshop", workshop, formats=("pdf", "pptx")).folder
    for name in ("handout.pdf", "guide.pdf", "evaluation.pdf", "deck.pptx"):
        assert (folder / name).read_bytes() == (kit / name).read_bytes(), name


@pytest.mark.slow
def test_build_never_uses_the_memo(write: Callable[..., Path], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from werkvorm.kits.build import build_kit
    from werkvorm.project.folder import Project

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("build used the watch memo")

    monkeypatch.setattr(LayoutMemo, "get", refuse)
    workshop = _small_project(write, tmp_path)
    with LayoutMemo().round():  # even a round open elsewhere in this thread has ended
        pass
    result = build_kit(Project(tmp_path), "workshop", workshop, formats=("pdf", "pptx"))
    assert (result.folder / "guide.pdf").is_file()


@pytest.mark.slow
def test_a_render_error_in_the_worker_is_the_same_error(tmp_path: Path) -> None:
    from werkvorm.kits.layoutworker import lay_out
    from werkvorm.render.documents import LayoutRequest

    request = LayoutRequest(
        "<img src='file:///etc/passwd'>", tmp_path, (tmp_path,), "guide for proef", "guide.pdf"
    )
    result = lay_out(request)
    assert isinstance(result, str) and "guide for proef" in result
    assert issubclass(RenderError, WerkvormError)


@pytest.mark.slow
def test_a_worker_that_is_gone_leaves_the_layout_to_the_watch_process(tmp_path: Path) -> None:
    from werkvorm.kits.layoutworker import LayoutWorker
    from werkvorm.render.documents import LayoutRequest

    worker = LayoutWorker()
    worker.close()
    request = LayoutRequest(
        "<html lang='nl'><head><title>Proef</title></head><body><p>Proef</p></body></html>",
        tmp_path,
        (tmp_path,),
        "guide for proef",
        "guide.pdf",
    )
    laid = worker.submit(request)()
    assert laid.write().startswith(b"%PDF") and laid.page_count == 1
