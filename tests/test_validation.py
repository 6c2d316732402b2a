"""Validation: every problem of a file at once, in a trainer's words, at the right line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from werkvorm.errors import InputError
from werkvorm.schema.load import load_client, load_workshop
from werkvorm.schema.models import parse_minutes


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def errors(path: Path, client: bool = False) -> list[str]:
    with pytest.raises(InputError) as info:
        (load_client if client else load_workshop)(path)
    return [p.format() for p in info.value.problems]


def test_minimal_workshop_loads(write: Callable[..., Path]) -> None:
    loaded = load_workshop(write("proef.yaml", MINIMAL))
    assert loaded.workshop.duration == 60
    assert loaded.workshop.agenda[0].title == "Opening"  # type: ignore[union-attr]


def test_all_problems_at_once_word_for_word(write: Callable[..., Path]) -> None:
    path = write(
        "w.yaml",
        """\
        title: Proef
        duration: 1x
        langauge: nl
        agenda:
          - title: Opening
            minuts: 20
          - title: Oefenen
            minutes: -5
            format: buiten
        """,
    )
    assert errors(path) == [
        "workshops/w.yaml:2:11  duration  '1x' is not a duration: write minutes (90), or hours and minutes (3h, 2h30m, 2 uur, 1,5 uur)",
        "workshops/w.yaml:3:1  langauge  'langauge' is not a field here: did you mean 'language'?",
        "workshops/w.yaml:6:5  minuts in block 'opening' (1st in the agenda)  'minuts' is not a field here: did you mean 'minutes'?",
        "workshops/w.yaml:8:14  minutes in block 'oefenen' (2nd in the agenda)  must be more than 0 minutes",
        "workshops/w.yaml:9:13  format in block 'oefenen' (2nd in the agenda)  must be one of: plenary, groups, pairs, individual or discussion",
    ]


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("90m", 90), ("3h", 180), ("2h30m", 150), ("90", 90), (45, 45), ("1h 15m", 75)],
)
def test_durations(typed: object, minutes: int) -> None:
    assert parse_minutes(typed) == minutes


def test_block_over_eight_hours(write: Callable[..., Path]) -> None:
    path = write("w.yaml", MINIMAL.replace("minutes: 20", "minutes: 9h"))
    assert errors(path) == [
        "workshops/w.yaml:6:14  minutes in block 'opening' (1st in the agenda)  540 minutes is more than 8 hours: is this a typo?"
    ]


def test_empty_agenda_is_an_error(write: Callable[..., Path]) -> None:
    path = write("w.yaml", "title: x\nduration: 60\nagenda: []\n")
    assert errors(path) == ["workshops/w.yaml:3:9  agenda  needs at least 1 item"]


def test_image_needs_alt_text(write: Callable[..., Path]) -> None:
    path = write("w.yaml", MINIMAL + "    slides:\n      - image: x.png\n")
    assert "needs 'alt:' text" in errors(path)[0]


def test_text_map_with_unknown_language(write: Callable[..., Path]) -> None:
    path = write("w.yaml", MINIMAL.replace("title: Proef", "title: {nl: Proef, de: Probe}"))
    assert errors(path) == [
        "workshops/w.yaml:1:8  title  'de' is not a language werkvorm knows: use nl or en"
    ]


@pytest.mark.parametrize(
    "path_text", ["/etc/passwd", "../../secret.yaml", "C:\\temp\\x.yaml", "file:///etc/passwd"]
)
def test_use_paths_stay_inside_the_workshops_folder(
    write: Callable[..., Path], path_text: str
) -> None:
    path = write("w.yaml", MINIMAL + f"  - use: '{path_text}'\n")
    found = errors(path)
    assert len(found) == 1 and "use in module '" in found[0] and "(4th in the agenda)" in found[0]
    assert "absolute" in found[0] or "outside" in found[0]


def test_image_that_is_not_an_image(write: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path / "workshops" / "fake.png").write_text("not a png")
    path = write("w.yaml", MINIMAL + "    slides:\n      - image: fake.png\n        alt: x\n")
    assert "is not a PNG, JPEG, GIF or WebP image" in errors(path)[0]


def test_module_errors_point_into_the_module(write: Callable[..., Path]) -> None:
    write("modules/m.yaml", "title: Module\nminutes: lang\n")
    path = write("w.yaml", MINIMAL + "  - use: modules/m.yaml\n")
    assert errors(path) == [
        "workshops/modules/m.yaml:2:10  minutes  'lang' is not a duration: "
        "write minutes (90), or hours and minutes (3h, 2h30m, 2 uur, 1,5 uur)"
    ]


def test_client_fields(write: Callable[..., Path]) -> None:
    path = write(
        "clients/c.yaml",
        """\
        name: Gemeente Proef
        workshop: proef
        colors: {primary: "red } body { background: url(http://x) }"}
        session:
          date: 2026-13-45
          start: 25:00
        paper: a3
        """,
    )
    assert errors(path, client=True) == [
        "workshops/clients/c.yaml:3:19  colors.primary  'red } body { background: url(http://x) }' is not a colour: write it as # and six hex digits, e.g. \"#00577a\" (with the quotes)",
        "workshops/clients/c.yaml:5:9  session.date  there is no month 13: write the date as year-month-day",
        "workshops/clients/c.yaml:6:10  session.start  '25:00' is not a time of day: write it as 09:30",
        "workshops/clients/c.yaml:7:8  paper  must be one of: a4, a5 or letter",
    ]


def test_times_accept_both_spellings(write: Callable[..., Path]) -> None:
    write("proef.yaml", MINIMAL)
    path = write(
        "clients/c.yaml", "name: X\nworkshop: proef\nsession: {start: 9:30, end: '17.00'}\n"
    )
    client = load_client(path).client
    assert (client.session.start, client.session.end) == ("09:30", "17:00")
