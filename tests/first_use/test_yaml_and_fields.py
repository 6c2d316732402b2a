"""Review 2026-12-02, §2 E1–E19, E24, E27, E28: the mistakes a trainer makes while typing
a workshop and a client, and exactly what werkvorm answers (the line, a caret, plain
words; blocks by id and place, never ``agenda[4]``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.first_use.conftest import CLIENT, WORKSHOP
from werkvorm.schema.models import parse_minutes

Says = Callable[..., list[str]]
W = "workshops/linkedin.yaml"
C = "workshops/clients/zeewolde.yaml"


@pytest.mark.parametrize(
    ("wrong", "right", "where", "spaces", "above"),
    [
        ("   minutes: 30\n", "    minutes: 30\n", "20:4", 3, 4),  # E1
        ("      format: groups\n", "    format: groups\n", "21:7", 6, 4),  # E2
        ("  exercise:\n", "    exercise:\n", "23:3", 2, 4),  # E3: at the level of the dashes
        ("    - id: waarom\n", "  - id: waarom\n", "9:5", 4, 2),  # an item lines up with items
    ],
    ids=["e1-3-for-4", "e2-6-for-4", "e3-2-for-4", "list-item-4-for-2"],
)
def test_e1_e2_e3_a_line_indented_unlike_the_lines_above(
    says: Says, wrong: str, right: str, where: str, spaces: int, above: int
) -> None:
    line, column = (int(n) for n in where.split(":"))
    number = str(line)
    assert says(WORKSHOP.replace(right, wrong)) == [
        f"{W}:{where}  this line is indented {spaces} spaces; the lines above use {above}: "
        f"indent it {above} spaces, like the line it belongs with\n"
        f"    {number} | {wrong.rstrip()}\n"
        f"    {' ' * len(number)} | {' ' * (column - 1)}^"
    ]


def test_e4_a_tab_before_a_field(says: Says) -> None:
    text = WORKSHOP.replace("  - id: afsluiting\n    title:", "  - id: afsluiting\n\ttitle:")
    assert says(text) == [
        f"{W}:29:1  this line is indented with a tab: replace the tab with spaces "
        "(YAML indents with spaces only)\n"
        "    29 | →title: Afsluiting\n"
        "       | ^"
    ]


def test_e5_a_title_with_a_colon_and_no_quotes(says: Says) -> None:
    text = WORKSHOP.replace("title: Posten als ambtenaar", "title: Stap 2: posten als ambtenaar")
    assert says(text) == [
        f"{W}:19:18  the text after 'title:' contains ': ', which YAML reads as the start "
        'of a new field: put the whole text in quotes: title: "Stap 2: posten als ambtenaar"\n'
        "    19 |     title: Stap 2: posten als ambtenaar\n"
        "       |                  ^"
    ]


def test_no_syntax_message_starts_with_the_parsers_phrase(says: Says) -> None:
    for broken in (
        WORKSHOP.replace("    minutes: 30\n", "   minutes: 30\n"),
        WORKSHOP.replace("    format: groups\n", "      format: groups\n"),
        WORKSHOP.replace("title: Posten als ambtenaar", "title: Stap 2: posten"),
    ):
        (message,) = says(broken)
        assert "did not find expected" not in message
        assert "mapping values are not allowed" not in message


def test_e6_misspelt_fields_get_did_you_mean(says: Says) -> None:
    assert says(WORKSHOP.replace("facilitator: Stel", "facilitater: Stel")) == [
        f"{W}:8:5  facilitater in block 'welkom' (1st in the agenda)  'facilitater' is not "
        "a field here: did you mean 'facilitator'?"
    ]


def test_e7_one_mistake_gives_one_error(says: Says) -> None:
    assert says(WORKSHOP.replace("instructions: Bespreek", "instruction: Bespreek")) == [
        f"{W}:25:7  exercise.instruction in block 'posten' (5th in the agenda)  "
        "'instruction' is not a field here: did you mean 'instructions'?"
    ]


def test_e8_blocks_are_named_by_id_and_place_never_agenda_4(says: Says) -> None:
    (message,) = says(WORKSHOP.replace("group_size: 4", "group_size: vier"))
    assert message == (
        f"{W}:26:19  exercise.group_size in block 'posten' (5th in the agenda)  "
        "must be a whole number"
    )
    assert "agenda[" not in message


def test_e8_a_block_without_an_id_is_named_by_its_title(says: Says) -> None:
    (message,) = says(
        WORKSHOP.replace("  - id: posten\n    title:", "  - title:").replace("group_size", "size")
    )
    assert "in block 'posten-als-ambtenaar' (5th in the agenda)" in message


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("20 min", 20),  # E9
        ("25 min.", 25),
        ("15 minuten", 15),  # E10
        ("2 uur", 120),
        ("2u", 120),
        ("2u30", 150),
        ("1,5 uur", 90),
        ("half uur", 30),
        ("een half uur", 30),
        ("1/2 uur", 30),
        ("anderhalf uur", 90),
        ("een kwartier", 15),
        ("2 uur en 30 minuten", 150),
    ],
)
def test_e9_e10_minutes_and_hours_as_a_dutch_trainer_writes_them(typed: str, minutes: int) -> None:
    assert parse_minutes(typed) == minutes


def test_e10_a_workshop_in_dutch_units_loads_as_meant(trainer: object) -> None:
    from pathlib import Path

    from werkvorm.schema.load import load_workshop
    from werkvorm.schema.models import Block, Break

    text = (
        WORKSHOP.replace("duration: 2h", "duration: 2 uur")
        .replace("break: 15", "break: 15 minuten")
        .replace("minutes: 25\n", "minutes: 25 min.\n")
        .replace("minutes: 20\n    facilitator: Laat", "minutes: 1/2 uur\n    facilitator: Laat")
    )
    path = Path("workshops/linkedin.yaml")
    path.write_text(text, encoding="utf-8")
    loaded = load_workshop(path)
    assert loaded.workshop.duration == 120
    agenda = loaded.workshop.agenda
    assert [a.minutes if isinstance(a, Block) else a.break_ for a in agenda] == [  # type: ignore[union-attr]
        10,
        30,
        25,
        15,
        30,
        20,
    ]
    assert isinstance(agenda[3], Break)


def test_e18_a_dutch_format_gets_the_english_word(says: Says) -> None:
    assert says(WORKSHOP.replace("format: groups", "format: groepjes")) == [
        f"{W}:21:13  format in block 'posten' (5th in the agenda)  'groepjes' is not a "
        "format werkvorm knows: write 'groups' (the handout prints it in the session's "
        "language); formats: plenary, groups, pairs, individual or discussion"
    ]


def test_e19_pauze_gets_did_you_mean_break(says: Says) -> None:
    assert says(WORKSHOP.replace("- break: 15", "- pauze: 15")) == [
        f"{W}:17:5  pauze in the break (4th in the agenda)  'pauze' is not a field here: "
        "did you mean 'break'?"
    ]


def test_e12_a_time_in_words(says: Says) -> None:
    assert says(CLIENT.replace('"13:30"', "half twee"), client=True) == [
        f"{C}:5:10  session.start  'half twee' is not a time of day: write it as 09:30"
    ]


def test_e13_an_unquoted_colour_is_an_error_not_silently_the_default(says: Says) -> None:
    text = CLIENT + "colors:\n  primary: #006699\n  accent: '#f0a500'\n"
    assert says(text, client=True) == [
        f"{C}:8:12  colors.primary  YAML reads #006699 as a comment (everything after ' #' "
        'is one), so the colour is lost: put the colour in quotes: "#006699"\n'
        "    8 |   primary: #006699\n"
        "      |            ^"
    ]


def test_e14_an_unquoted_colour_in_braces_points_at_the_colors_line(says: Says) -> None:
    text = CLIENT.replace(
        "session:", 'colors: {primary: #006699, accent: "#f0a500"}\npaper: a4\nsession:'
    )
    assert says(text, client=True) == [
        f"{C}:3:19  YAML reads #006699 and the rest of the line as a comment, so the line "
        'is cut short: put the colour in quotes: "#006699"\n'
        '    3 | colors: {primary: #006699, accent: "#f0a500"}\n'
        "      |                   ^"
    ]


def test_e15_a_list_file_under_session_says_where_lists_go(says: Says) -> None:
    text = CLIENT.replace("  participants: 12", "  participants: deelnemers-zeewolde.xlsx")
    assert says(text, client=True) == [
        f"{C}:6:17  session.participants  'deelnemers-zeewolde.xlsx' is a participant "
        "list: participant lists go at the top level, as `participants:` (not under "
        "session:); session.participants is a head count, like 24"
    ]


def test_e24_duration_in_a_client_says_how_to_shorten_a_session(says: Says) -> None:
    assert says(CLIENT + "duration: 90m\n", client=True) == [
        f"{C}:7:1  duration  'duration' is not a field here: to shorten or lengthen the "
        "session for this client, give 'end' under session: (with 'start', werkvorm fits "
        "the agenda into the slot), leave blocks out with 'omit', or re-time them with "
        "'minutes'; 'duration' belongs in the workshop file"
    ]


@pytest.mark.parametrize("typed", ["04-03-2027", "4 maart 2027"])
def test_e27_a_date_written_another_way_gets_did_you_mean(says: Says, typed: str) -> None:
    assert says(CLIENT.replace("2027-03-04", typed), client=True) == [
        f"{C}:4:9  session.date  must be a date written as 2026-12-03: did you mean 2027-03-04?"
    ]


def test_e27_a_date_with_slashes_offers_both_readings(says: Says) -> None:
    assert says(CLIENT.replace("2027-03-04", "03/04/2027"), client=True) == [
        f"{C}:4:9  session.date  must be a date written as 2026-12-03: did you mean "
        "2027-04-03 (3 Apr) or 2027-03-04 (4 Mar)?"
    ]


def test_e28_british_spelling_capitals_and_dutch_field_names(says: Says) -> None:
    text = CLIENT + "colours: {primary: '#006699'}\nLogo: logo.png\nkleuren: {}\n"
    assert says(text, client=True) == [
        f"{C}:7:1  colours  'colours' is not a field here: did you mean 'colors'?",
        f"{C}:8:1  Logo  'Logo' is not a field here: did you mean 'logo'?",
        f"{C}:9:1  kleuren  'kleuren' is not a field here: did you mean 'colors'?",
    ]


def test_the_preview_banner_keeps_the_caret_under_the_spot(says: Says) -> None:
    from werkvorm.preview.server import _problem_html

    (message,) = says(WORKSHOP.replace("    minutes: 30\n", "   minutes: 30\n"))
    assert _problem_html(message.split("  ", 1)[1]) == (
        "this line is indented 3 spaces; the lines above use 4: indent it 4 spaces, like the "
        "line it belongs with<pre style='margin:4px 0 0;font:13px/1.35 ui-monospace,Menlo,"
        "Consolas,monospace;white-space:pre'>    20 |    minutes: 30\n       |    ^</pre>"
    )


def test_a_short_unquoted_colour_is_caught_and_a_hash_in_a_title_is_not(says: Says) -> None:
    (message,) = says(CLIENT + "colors:\n  accent: #fa0\n", client=True)
    assert message.startswith(
        f"{C}:8:11  colors.accent  YAML reads #fa0 as a comment (everything after ' #' is "
        'one), so the colour is lost: put the colour in quotes: "#fa0"'
    )
    assert says(CLIENT.replace("name: Gemeente Zeewolde", "name: #add"), client=True) == [
        f"{C}:1:6  name  must be text"
    ]
