"""Compose: the workshop fitted to a client, on the clock, in one language."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, REPO
from werkvorm.compose import compose
from werkvorm.compose.session import Session
from werkvorm.errors import InputError, Location, Problem
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
    # A Dutch-only workshop for an English client: the whole kit falls back to Dutch (#25)
    assert s.date_text == "donderdag 3 december 2026"
    assert s.items[1].title == "Pauze"
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
        "workshops/proef.yaml:4:12  title in block 'een' (1st in the agenda)  this block has no 'facilitator:' notes: the guide and the speaker notes will be empty",
        "workshops/proef.yaml:6:12  title in block 'twee' (2nd in the agenda)  105 minutes without a break by the end of 'Twee': plan a break at least every 90 minutes",
    ]


def test_untranslated_text_falls_back_and_is_listed(write: Callable[..., Path]) -> None:
    # Four of five texts lack English: the whole kit, labels included, stays Dutch (#25).
    workshop = MINIMAL.replace("title: Proef", "title: {nl: Proef, en: Trial}")
    s = session_for(write, "name: X\nworkshop: proef\nlanguage: en\n", workshop)
    assert (s.title, s.language, s.labels["agenda"]) == ("Proef", "nl", "Programma")
    assert s.warnings[0].field == "language" and s.warnings[0].message.startswith(
        "the workshop has no 'en' version of 4 texts, so the whole kit is in 'nl'"
    )
    assert s.blocks[0].title == "Opening"
    untranslated = [w.field for w in s.warnings if "no 'en' text" in w.message]
    assert untranslated == [
        "title in block 'opening' (1st in the agenda)",
        "facilitator in block 'opening' (1st in the agenda)",
        "title in block 'oefenen' (3rd in the agenda)",
        "facilitator in block 'oefenen' (3rd in the agenda)",
    ]


def test_a_few_untranslated_texts_keep_the_clients_language(
    write: Callable[..., Path],
) -> None:
    workshop = (
        MINIMAL.replace("title: Proef", "title: {nl: Proef, en: Trial}")
        .replace("title: Opening", "title: {nl: Opening, en: Opening}")
        .replace("facilitator: Welkom heten.", "facilitator: {nl: Welkom heten., en: Welcome.}")
        .replace("title: Oefenen", "title: {nl: Oefenen, en: Practice}")
    )
    s = session_for(write, "name: X\nworkshop: proef\nlanguage: en\n", workshop)
    assert (s.title, s.language) == ("Trial", "en")
    assert [w.field for w in s.warnings if "no 'en' text" in w.message] == [
        "facilitator in block 'oefenen' (3rd in the agenda)"
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


# ---- fitting to the booked slot (issue 18) and the booked time (issue 14)

FIT = """\
title: Passen
language: nl
duration: 150
agenda:
  - title: Opening
    minutes: 20
    facilitator: x
  - title: Verkennen
    minutes: 40
    flex: {min: 30, max: 60}
    facilitator: x
  - break: 15
  - title: Verdieping
    minutes: 30
    optional: true
    goals: [De diepte in]
    facilitator: x
  - title: Oefenen
    minutes: 30
    flex: {min: 20, max: 40}
    facilitator: x
    exercise: {title: Casus, instructions: Doe het., group_size: 4, debrief_per_group: 3}
  - title: Afsluiting
    minutes: 15
    facilitator: x
"""


def booked(write: Callable[..., Path], start: str, end: str, extra: str = "") -> Session:
    return session_for(
        write,
        f"name: X\nworkshop: proef\nsession: {{start: '{start}', end: '{end}'}}\n{extra}",
        FIT,
    )


def minutes_of(s: Session) -> dict[str, int]:
    return {i.id: i.minutes for i in s.items}


def test_a_longer_slot_stretches_flex_blocks_in_proportion_to_their_room(
    write: Callable[..., Path],
) -> None:
    s = booked(write, "09:00", "11:50")
    assert minutes_of(s) == {
        "opening": 20,
        "verkennen": 53,
        "break-1": 15,
        "verdieping": 30,
        "oefenen": 37,
        "afsluiting": 15,
    }
    assert (s.start, s.end, s.total_minutes) == ("09:00", "11:50", 170)
    assert s.fit_notes == [
        "‘Verkennen’ verlengd van 40 naar 53 minuten, om het tijdslot 09:00–11:50 te vullen",
        "‘Oefenen’ verlengd van 30 naar 37 minuten, om het tijdslot 09:00–11:50 te vullen",
    ]
    stretched = [w for w in s.warnings if w.field.startswith("flex in ")]
    assert [(w.field, w.severity) for w in stretched] == [
        ("flex in block 'verkennen' (2nd in the agenda)", "warning"),
        ("flex in block 'oefenen' (5th in the agenda)", "warning"),
    ]
    assert "stretched from 40 to 53 minutes" in stretched[0].message


def test_a_shorter_slot_shrinks_flex_blocks_before_dropping_anything(
    write: Callable[..., Path],
) -> None:
    s = booked(write, "09:00", "11:10")
    assert minutes_of(s)["verkennen"] == 30 and minutes_of(s)["oefenen"] == 20
    assert "verdieping" in minutes_of(s) and s.end == "11:10"
    assert s.fit_notes[0].startswith("‘Verkennen’ ingekort van 40 naar 30 minuten")


def test_optional_blocks_are_dropped_last_first_and_take_their_goals_along(
    write: Callable[..., Path],
) -> None:
    s = booked(write, "09:00", "10:40")
    assert "verdieping" not in minutes_of(s)
    assert s.end == "10:40" and "De diepte in" not in s.goals
    assert any(n.startswith("‘Verdieping’ (30 minuten) weggelaten") for n in s.fit_notes)
    dropped = [
        w for w in s.warnings if w.field == "optional in block 'verdieping' (4th in the agenda)"
    ]
    assert len(dropped) == 1 and "is left out" in dropped[0].message


def test_breaks_are_shortened_last_and_never_below_ten_minutes(
    write: Callable[..., Path],
) -> None:
    s = booked(write, "09:00", "10:35")
    assert minutes_of(s)["break-1"] == 10 and s.end == "10:35"
    assert (
        "Pauze ingekort van 15 naar 10 minuten, om binnen het tijdslot 09:00–10:35 te blijven"
        in s.fit_notes
    )


def test_a_slot_too_short_fails_at_the_clients_end_line(write: Callable[..., Path]) -> None:
    with pytest.raises(InputError) as info:
        booked(write, "09:30", "11:00")
    assert [p.format() for p in info.value.problems] == [
        "workshops/clients/c.yaml:3:32  session.end  the agenda needs at least 95 minutes, "
        "the slot from 09:30 to 11:00 has 90 (95 = 85 minutes of blocks + 10 minutes of "
        "break, with the blocks with 'flex' at their shortest, the optional blocks left out "
        "and the 15-minute break shortened to 10): leave blocks out with 'omit', mark blocks "
        "'optional: true' or give them 'flex', or book a longer slot"
    ]


def test_a_slot_that_ends_before_it_starts_fails(write: Callable[..., Path]) -> None:
    with pytest.raises(InputError) as info:
        booked(write, "11:00", "09:00")
    problem = info.value.problems[0]
    assert problem.field == "session.end"
    assert "ends at 09:00 but starts at 11:00" in problem.message


def test_minutes_outside_the_blocks_own_flex_fail(write: Callable[..., Path]) -> None:
    workshop = FIT.replace("flex: {min: 30, max: 60}", "flex: {min: 45, max: 60}")
    with pytest.raises(InputError) as info:
        session_for(write, workshop=workshop)
    assert [(p.field, p.message) for p in info.value.problems] == [
        (
            "flex in block 'verkennen' (2nd in the agenda)",
            "the block's 40 minutes lie outside its flex (45 to 60): make flex include them",
        )
    ]


def test_a_block_the_client_re_times_keeps_its_minutes(write: Callable[..., Path]) -> None:
    s = booked(write, "09:00", "11:50", "minutes: {verkennen: 40}\n")
    assert minutes_of(s)["verkennen"] == 40 and minutes_of(s)["oefenen"] == 40
    assert s.end == "11:40"  # 10 minutes early: within the margin, so no warning
    assert not any(w.field == "session.end" for w in s.warnings)


def test_report_back_fits_inside_the_block(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nsession: {participants: 10}\n", FIT)
    block = next(b for b in s.blocks if b.id == "oefenen")
    assert block.minutes == 30 and block.exercise is not None
    assert (block.exercise.groups, block.exercise.debrief_minutes) == (3, 9)
    assert s.fit_notes == [
        "‘Oefenen’: 9 van de 30 minuten zijn terugkoppeling (3 groepen × 3 minuten, "
        "10 deelnemers); 21 minuten blijven voor de opdracht"
    ]
    assert s.total_minutes == 150


def test_report_back_grows_with_the_number_of_groups(write: Callable[..., Path]) -> None:
    grows = FIT.replace("debrief_per_group: 3}", "debrief_per_group: 3, debrief_grows_block: yes}")
    s = session_for(write, "name: X\nworkshop: proef\nsession: {participants: 10}\n", grows)
    block = next(b for b in s.blocks if b.id == "oefenen")
    assert block.minutes == 39 and block.exercise is not None
    assert (block.exercise.groups, block.exercise.debrief_minutes) == (3, 9)
    assert s.fit_notes == [
        "‘Oefenen’: 9 minuten terugkoppeling (3 groepen × 3 minuten, 10 deelnemers)"
    ]
    assert s.total_minutes == 159


def test_the_wrap_up_cue_leaves_time_for_every_groups_report_back(
    write: Callable[..., Path],
) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nsession: {participants: 20}\n", FIT)
    block = next(b for b in s.blocks if b.id == "oefenen")
    assert (block.start, block.minutes, block.end) == ("1:45", 30, "2:15")
    assert block.cues[-2] == "2:00 afronden en terugkoppelen"  # 5 groups × 3 minutes


def test_the_participant_list_gives_the_head_count(write: Callable[..., Path]) -> None:
    write("clients/lijst.csv", "naam\nAn\nBo\nCas\nDirk\nEva\n")
    s = session_for(write, "name: X\nworkshop: proef\nparticipants: lijst.csv\n", FIT)
    exercise = next(b for b in s.blocks if b.id == "oefenen").exercise
    assert exercise is not None and (exercise.groups, exercise.debrief_minutes) == (2, 6)


def test_report_back_without_a_group_size_is_a_warning(write: Callable[..., Path]) -> None:
    workshop = FIT.replace("group_size: 4, ", "")
    s = session_for(write, "name: X\nworkshop: proef\nsession: {participants: 10}\n", workshop)
    assert [w.field for w in s.warnings if "group_size" in w.message] == [
        "exercise.debrief_per_group in block 'oefenen' (5th in the agenda)"
    ]


def test_an_agenda_ending_well_before_the_booked_end_is_a_warning(
    write: Callable[..., Path],
) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nsession: {start: '09:00', end: '10:30'}\n")
    early = [w for w in s.warnings if w.field == "session.end"]
    assert [w.message for w in early] == [
        "the agenda ends at 10:00, 30 minutes before the booked end (10:30): give blocks "
        "'flex' to fill the slot, or book a shorter one"
    ]
    assert s.fit_notes == [
        "Het programma eindigt om 10:00, 30 minuten voor het einde van het tijdslot 09:00–10:30"
    ]


def test_ending_within_ten_minutes_of_the_booked_end_is_fine(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nsession: {start: '09:00', end: '10:10'}\n")
    assert not s.warnings and not s.fit_notes


def test_an_end_without_a_start_says_so(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nsession: {end: '12:00'}\n")
    assert [w.field for w in s.warnings] == ["session.end"]


def test_a_client_may_re_time_a_break(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nminutes: {break-1: 5}\n")
    assert s.items[1].minutes == 5 and s.total_minutes == 55


def test_omit_takes_a_blocks_goals_and_takeaways_away(write: Callable[..., Path]) -> None:
    workshop = MINIMAL.replace(
        "    facilitator: Laat ze oefenen.\n",
        "    facilitator: Laat ze oefenen.\n    goals: [Oefenen lukt]\n    takeaways: [Blijf oefenen]\n",
    )
    kept = session_for(write, workshop=workshop)
    assert kept.goals == ["Oefenen lukt"] and kept.takeaways == ["Blijf oefenen"]
    left_out = session_for(write, "name: X\nworkshop: proef\nomit: [oefenen]\n", workshop)
    assert left_out.goals == [] and left_out.takeaways == []


# ---- the trainer's register (issue 18)

REGISTER = """\
title: Proef
language: nl
duration: 60
summary: Een middag over jullie werk.
agenda:
  - title: Opening
    minutes: 60
    intro: |
      Welkom.
      Wat verwacht je vandaag? Jouw vraag telt.
      Zeg: “Wat vindt u?” en luister.
    facilitator: Je vraagt wat u en je collega's verwachten.
"""


def test_texts_in_the_other_register_are_flagged_with_line_field_and_word(
    write: Callable[..., Path],
) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nregister: u\n", REGISTER)
    assert [w.format() for w in s.warnings] == [
        "workshops/proef.yaml:10:1  intro in block 'opening' (1st in the agenda)  "
        "'je', 'jouw': the participant is "
        "addressed as 'je', but this client asks for 'u' (register: u): write u/uw, or put "
        "quoted speech between quotes"
    ]


def test_quoted_speech_and_trainer_notes_are_exempt(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nregister: je\n", REGISTER)
    assert s.warnings == []
    assert s.speech_register == "je"


def test_no_register_no_check(write: Callable[..., Path]) -> None:
    assert session_for(write, "name: X\nworkshop: proef\n", REGISTER).warnings == []


# ---- nl-BE next to nl (issue 18)


def test_flemish_session_reads_dutch_texts_with_belgian_labels(
    write: Callable[..., Path],
) -> None:
    workshop = MINIMAL.replace("    minutes: 30\n", "    minutes: 30\n    format: pairs\n")
    s = session_for(
        write,
        "name: X\nworkshop: proef\nlanguage: nl-BE\nsession: {date: 2026-12-03, start: '09:00'}\n",
        workshop,
    )
    assert (s.language, s.locale) == ("nl", "nl-BE")
    assert s.title == "Proef" and s.items[1].title == "Pauze"
    assert s.labels["signin"] == "Aanwezigheidslijst" and s.labels["facilitator"] == "Lesgever"
    assert s.blocks[1].format_label == "in duo's"
    assert s.date_text == "donderdag 3 december 2026"
    assert s.day_part == "voormiddag"


def test_dutch_session_keeps_dutch_labels(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\nsession: {start: '13:30'}\n")
    assert s.labels["signin"] == "Presentielijst" and s.day_part == "middag"


def test_hours_follow_the_fitted_agenda(write: Callable[..., Path]) -> None:
    s = booked(write, "09:00", "11:30")
    assert s.total_minutes == 150 and s.hours_text == "2,5\u00a0uur"


def test_warnings_are_problems_with_severity_warning(write: Callable[..., Path]) -> None:
    s = session_for(write, "name: X\nworkshop: proef\ncolors: {primary: '#ffdd00'}\n")
    assert s.warnings and all(isinstance(w, Problem) for w in s.warnings)
    assert {w.severity for w in s.warnings} == {"warning"}
    assert (
        isinstance(s.items[0].origin, Location)
        and s.items[0].origin.field == "block 'opening' (1st in the agenda)"
    )


def test_a_participant_called_badges_does_not_overwrite_the_badge_sheet(
    write: Callable[..., Path],
) -> None:
    write("clients/lijst.csv", "naam\nBadges\nSign-in\n")
    s = session_for(write, "name: X\nworkshop: proef\nparticipants: lijst.csv\n")
    assert [p.slug for p in s.participants] == ["badges-2", "sign-in-2"]


def test_a_long_name_cut_for_its_file_name_does_not_end_in_a_hyphen() -> None:
    from werkvorm.compose.people import session_participants
    from werkvorm.schema.participants import Participant

    name = "Alexandra Wilhelmina Catharina van Oldenbarnevelt-Zuylen tot Heemstede"
    (slug,) = [p.slug for p in session_participants([Participant(name=name)])]
    assert slug == "alexandra-wilhelmina-catharina-van-oldenbarnevelt"
