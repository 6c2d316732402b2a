"""Review 2026-12-02, E20–E25 and §4.1: the programme a client booked is the programme
that is printed. Report-back fits inside its block unless the trainer lets the block
grow, and then ``check`` says how long the session now runs; the slot message explains
its numbers; a client's own slot ends the "planned 120" warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.first_use.conftest import CLIENT, WORKSHOP
from werkvorm.compose import compose
from werkvorm.compose.session import Session
from werkvorm.errors import InputError
from werkvorm.schema.load import load_client, load_workshop

GROWS = WORKSHOP.replace(
    "      debrief_per_group: 3\n", "      debrief_per_group: 3\n      debrief_grows_block: yes\n"
)
SLOT_90 = CLIENT.replace('  start: "13:30"', '  start: "13:30"\n  end: "15:00"')


def session(trainer: Path, workshop: str = WORKSHOP, client: str | None = CLIENT) -> Session:
    (trainer / "workshops" / "linkedin.yaml").write_text(workshop, encoding="utf-8")
    booked = None
    if client is not None:
        path = trainer / "workshops" / "clients" / "zeewolde.yaml"
        path.write_text(client, encoding="utf-8")
        booked = load_client(path)
    return compose(load_workshop(trainer / "workshops" / "linkedin.yaml"), booked)


def problems(trainer: Path, workshop: str = WORKSHOP, client: str = CLIENT) -> list[str]:
    with pytest.raises(InputError) as info:
        session(trainer, workshop, client)
    return [p.format() for p in info.value.problems]


def test_e20_an_agenda_longer_than_planned_is_a_warning(trainer: Path) -> None:
    s = session(trainer, WORKSHOP.replace("minutes: 25\n", "minutes: 50\n"), None)
    assert [w.format() for w in s.warnings] == [
        "workshops/linkedin.yaml:3:11  duration  planned 120 minutes, but the agenda adds up "
        "to 145: adjust 'duration' or the blocks' minutes"
    ]


def test_e21_report_back_fits_inside_the_block_the_session_ends_as_booked(
    trainer: Path,
) -> None:
    s = session(trainer)
    posten = next(b for b in s.blocks if b.id == "posten")
    assert (posten.start, posten.minutes, posten.end) == ("14:40", 30, "15:10")
    assert posten.exercise is not None and posten.exercise.debrief_minutes == 9
    assert (s.start, s.end, s.total_minutes) == ("13:30", "15:30", 120)
    assert s.fit_notes == [
        "‘Posten als ambtenaar’: 9 van de 30 minuten zijn terugkoppeling (3 groepen × "
        "3 minuten, 12 deelnemers); 21 minuten blijven voor de opdracht"
    ]
    assert s.warnings == []


def test_e21_a_block_the_trainer_lets_grow_is_said_with_the_new_end(trainer: Path) -> None:
    s = session(trainer, GROWS)
    assert (s.end, s.total_minutes) == ("15:39", 129)
    assert [w.format() for w in s.warnings] == [
        "workshops/linkedin.yaml:28:28  exercise.debrief_grows_block in block 'posten' (5th "
        "in the agenda)  block 'posten' grows from 30 to 39 minutes; the session now ends at "
        "15:39, after its planned 120 minutes (3 groups × 3 minutes of report-back): fit the "
        "report-back inside the block (leave out 'debrief_grows_block'), shorten other "
        "blocks, or plan a longer 'duration'"
    ]


def test_e21_the_duration_check_counts_the_report_back(trainer: Path) -> None:
    longer = GROWS.replace("minutes: 25\n", "minutes: 35\n")
    s = session(trainer, longer)
    budget = [w.message for w in s.warnings if w.field == "duration"]
    assert budget == [
        "planned 120 minutes, but the agenda adds up to 139 (9 of them report-back): adjust "
        "'duration' or the blocks' minutes"
    ]


def test_report_back_that_leaves_no_time_for_the_work_is_a_warning(trainer: Path) -> None:
    s = session(trainer, WORKSHOP.replace("debrief_per_group: 3", "debrief_per_group: 9"))
    assert [w.message for w in s.warnings] == [
        "'Posten als ambtenaar' has 30 minutes, and its report-back takes 27 of them "
        "(3 groups × 9 minutes, 12 participants in groups of 4): 3 minutes are left for the "
        "exercise: give the block more minutes, or let it grow with 'debrief_grows_block: yes'"
    ]


def test_e22_a_slot_too_short_explains_its_number(trainer: Path) -> None:
    assert problems(trainer, client=SLOT_90) == [
        "workshops/clients/zeewolde.yaml:6:8  session.end  the agenda needs at least 115 "
        "minutes, the slot from 13:30 to 15:00 has 90 (115 = 105 minutes of blocks + "
        "10 minutes of break, with the 15-minute break shortened to 10): leave blocks out "
        "with 'omit', mark blocks 'optional: true' or give them 'flex', or book a longer slot"
    ]


def test_e22_with_report_back_on_top_the_number_names_it(trainer: Path) -> None:
    (message,) = problems(trainer, GROWS, SLOT_90)
    assert message.endswith(
        "the agenda needs at least 124 minutes, the slot from 13:30 to 15:00 has 90 (124 = "
        "105 minutes of blocks + 9 minutes of report-back + 10 minutes of break, with the "
        "15-minute break shortened to 10): fit the report-back inside its block (leave out "
        "'debrief_grows_block'), leave blocks out with 'omit', mark blocks 'optional: true' "
        "or give them 'flex', or book a longer slot"
    )


def test_e23_an_end_before_the_start(trainer: Path) -> None:
    client = CLIENT.replace('  start: "13:30"', '  start: "13:30"\n  end: "12:30"')
    assert problems(trainer, client=client) == [
        "workshops/clients/zeewolde.yaml:6:8  session.end  the session ends at 12:30 but "
        "starts at 13:30: the end must come after the start"
    ]


def test_e25_a_client_slot_that_asks_for_the_shorter_session_gives_no_warning(
    trainer: Path,
) -> None:
    client = CLIENT.replace('  start: "13:30"', '  start: "10:00"\n  end: "11:30"')
    client += "omit: [waarom]\nminutes: {afsluiting: 15, posten: 25}\n"
    s = session(trainer, client=client)
    assert (s.start, s.end, s.total_minutes) == ("10:00", "11:30", 90)
    assert s.warnings == []


def test_e25_without_an_end_time_the_shorter_agenda_is_still_said(trainer: Path) -> None:
    s = session(trainer, client=CLIENT + "omit: [waarom]\nminutes: {afsluiting: 15, posten: 25}\n")
    assert [w.format() for w in s.warnings] == [
        "workshops/clients/zeewolde.yaml:8:10  minutes  planned 120 minutes, but the agenda "
        "adds up to 90 after this client's omit and minutes: fine if intended, or re-time "
        "other blocks"
    ]


def test_e29_a_light_accent_colour_is_darkened_for_text(trainer: Path) -> None:
    s = session(trainer, client=CLIENT + "colors: {accent: '#f0a500'}\n")
    assert [w.format() for w in s.warnings] == [
        "workshops/clients/zeewolde.yaml:7:18  colors.accent  #f0a500 has too little "
        "contrast on white (2.1:1, needs 4.5:1) for text; werkvorm uses the darker #9e6c00 "
        "for text on slides; print uses it only as a fill, with dark text on it"
    ]
    assert s.branding.accent_text == "#9e6c00"


def test_e11_start_times_with_a_dot_or_without_quotes(trainer: Path) -> None:
    for typed in ("13.30", "13:30"):
        s = session(trainer, client=CLIENT.replace('"13:30"', typed))
        assert (s.start, s.end) == ("13:30", "15:30")


def test_a_flex_block_keeps_room_for_its_report_back_and_the_note_its_final_minutes(
    trainer: Path,
) -> None:
    flexible = WORKSHOP.replace(
        "    format: groups\n", "    format: groups\n    flex: {min: 10, max: 30}\n"
    )
    s = session(
        trainer, flexible, CLIENT.replace('  start: "13:30"', '  start: "13:30"\n  end: "15:10"')
    )
    posten = next(b for b in s.blocks if b.id == "posten")
    assert posten.minutes == 14  # 9 minutes of report-back and 5 for the work, not 10
    assert s.fit_notes[0] == (
        "‘Posten als ambtenaar’: 9 van de 14 minuten zijn terugkoppeling (3 groepen × "
        "3 minuten, 12 deelnemers); 5 minuten blijven voor de opdracht"
    )
