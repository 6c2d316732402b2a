"""Compose: the workshop fitted to a client, on the clock, in one language."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, REPO
from werkvorm.compose import compose
from werkvorm.errors import InputError
from werkvorm.schema.load import load_client, load_workshop


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def session_for(
    write: Callable[..., Path], client_yaml: str | None = None, workshop: str = MINIMAL
):  # type: ignore[no-untyped-def]
    loaded = load_workshop(write("proef.yaml", workshop))
    client = load_client(write("clients/c.yaml", client_yaml)) if client_yaml else None
    return compose(loaded, client)


def test_relative_clock_without_a_start(write: Callable[..., Path]) -> None:
    s = session_for(write)
    assert [(i.kind, i.start, i.end) for i in s.items] == [
        ("block", "0:00", "0:20"),
        ("break", "0:20", "0:30"),
        ("block", "0:30", "1:00"),
    ]
    assert (s.start, s.end, s.total_minutes, s.has_clock) == ("0:00", "1:00", 60, False)
    assert [i.number for i in s.blocks] == [1, 2]
    assert s.items[1].title == "Pauze"


def test_client_start_omit_and_retime(write: Callable[..., Path]) -> None:
    workshop = (
        MINIMAL.replace("duration: 60", "duration: 75")
        + "  - title: Afsluiting\n    minutes: 15\n    facilitator: Rond af.\n"
    )
    s = session_for(
        write,
        "name: Gemeente Proef\nworkshop: proef\nlanguage: en\n"
        "session: {start: '9:45', date: 2026-12-03}\n"
        "omit: [oefenen]\nminutes: {opening: 25}\n",
        workshop,
    )
    assert [(i.id, i.start, i.end, i.number) for i in s.items] == [
        ("opening", "09:45", "10:10", 1),
        ("break-1", "10:10", "10:20", 0),
        ("afsluiting", "10:20", "10:35", 2),
    ]
    assert s.total_minutes == 50
    assert s.date_text == "Thursday 3 December 2026"
    assert s.items[1].title == "Break"
    assert any("adds up to 50" in w.message and w.field == "minutes" for w in s.warnings)


def test_dutch_long_date(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nsession: {date: 2026-12-03}\n")
    assert s.date_text == "donderdag 3 december 2026"


def test_unknown_omitted_block_suggests(write: Callable[..., Path]) -> None:
    with pytest.raises(InputError) as info:
        session_for(write, "name: X\nworkshop: proef\nomit: [oefenn]\n")
    assert [p.format() for p in info.value.problems] == [
        "workshops/clients/c.yaml:3:8  omit[0]  there is no block 'oefenn' in proef: did you mean 'oefenen'?"
    ]


def test_duplicate_ids_after_modules_expand(write: Callable[..., Path]) -> None:
    write("modules/m.yaml", "title: Opening\nminutes: 10\nfacilitator: x\n")
    with pytest.raises(InputError) as info:
        session_for(write, workshop=MINIMAL + "  - use: modules/m.yaml\n")
    assert "block id 'opening' is used twice" in info.value.problems[0].message


def test_module_re_timed_where_used(write: Callable[..., Path]) -> None:
    write("modules/m.yaml", "title: Extra\nminutes: 10\nfacilitator: x\n")
    s = session_for(
        write,
        workshop=MINIMAL.replace("duration: 60", "duration: 65")
        + "  - use: modules/m.yaml\n    minutes: 5\n",
    )
    assert s.items[-1].minutes == 5 and s.total_minutes == 65 and not s.warnings


def test_warnings_time_budget_and_notes(write: Callable[..., Path]) -> None:
    workshop = """\
        title: Lang
        duration: 2h
        agenda:
          - title: Een
            minutes: 60
          - title: Twee
            minutes: 45
            facilitator: x
        """
    s = session_for(write, workshop=workshop)
    messages = sorted(w.format() for w in s.warnings)
    assert messages == [
        "workshops/proef.yaml:2:11  duration  planned 120 minutes, but the agenda adds up to 105: adjust 'duration' or the blocks' minutes",
        "workshops/proef.yaml:4:12  agenda[0].title  this block has no 'facilitator:' notes: the guide and the speaker notes will be empty",
        "workshops/proef.yaml:6:12  agenda[1].title  105 minutes without a break by the end of 'Twee': plan a break at least every 90 minutes",
    ]


def test_untranslated_text_falls_back_and_is_listed(write: Callable[..., Path]) -> None:
    workshop = MINIMAL.replace("title: Proef", "title: {nl: Proef, en: Trial}")
    s = session_for(write, "name: X\nworkshop: proef\nlanguage: en\n", workshop)
    assert s.title == "Trial"
    assert s.blocks[0].title == "Opening"
    untranslated = [w.field for w in s.warnings if "no 'en' text" in w.message]
    assert untranslated == [
        "agenda[0].title",
        "agenda[0].facilitator",
        "agenda[2].title",
        "agenda[2].facilitator",
    ]


def test_session_ends_after_day_end(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nsession: {start: '16:45'}\n")
    assert any("ends at 17:45, after 17:30" in w.message for w in s.warnings)


def test_low_contrast_colour_is_darkened(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\ncolors: {primary: '#ffdd00'}\n")
    assert s.branding.primary == "#ffdd00" and s.branding.text != "#ffdd00"
    assert any(w.field == "colors.primary" for w in s.warnings)


def test_compose_is_pure_and_stable(write: Callable[..., Path]) -> None:
    a = session_for(write).model_dump_json()
    b = session_for(write).model_dump_json()
    assert a == b


def test_spagaat_session_golden(
    golden: Callable[[str, object], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    loaded = load_workshop(REPO / "workshops" / "spagaat.yaml", REPO / "workshops")
    client = load_client(REPO / "workshops" / "clients" / "gemeente-lindewaard.yaml")
    data = json.loads(compose(loaded, client).model_dump_json())
    text = json.dumps(data, indent=2, ensure_ascii=False).replace(str(REPO), "<repo>")
    golden("spagaat-lindewaard.session.json", text + "\n")
