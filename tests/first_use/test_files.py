"""Review 2026-12-02, E16, E17, E30, E31: files a client profile names, and the
participant list from HR, as they really arrive."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.first_use.conftest import CLIENT
from werkvorm.schema.participants import read_participants

Says = Callable[..., list[str]]
C = "workshops/clients/zeewolde.yaml"
LOGO = Path(__file__).resolve().parents[2] / "workshops" / "clients" / "lindewaard-logo.png"


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def logo(trainer: Path) -> Path:
    path = trainer / "workshops" / "clients" / "zeewolde-logo.png"
    path.write_bytes(LOGO.read_bytes())
    return path


def test_e16_a_logo_name_in_another_letter_case_gets_the_near_match(says: Says, logo: Path) -> None:
    assert says(CLIENT + "logo: Zeewolde-logo.png\n", client=True) == [
        f"{C}:7:7  logo  the logo 'Zeewolde-logo.png' does not exist (looked for "
        "workshops/clients/Zeewolde-logo.png): did you mean 'zeewolde-logo.png'?"
    ]


def test_e16_a_list_name_with_a_space_gets_the_near_match(says: Says, trainer: Path) -> None:
    _xlsx(trainer / "workshops" / "clients" / "deelnemers-zeewolde.xlsx", [["naam"], ["An"]])
    assert says(CLIENT + "participants: deelnemers zeewolde.xlsx\n", client=True) == [
        f"{C}:7:15  participants  the participant list 'deelnemers zeewolde.xlsx' does not "
        "exist (looked for workshops/clients/deelnemers zeewolde.xlsx): did you mean "
        "'deelnemers-zeewolde.xlsx'?"
    ]


def test_e16_nothing_alike_gets_no_guess(says: Says, logo: Path) -> None:
    assert says(CLIENT + "logo: huisstijl.png\n", client=True) == [
        f"{C}:7:7  logo  the logo 'huisstijl.png' does not exist (looked for "
        "workshops/clients/huisstijl.png)"
    ]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "../../zeewolde-logo.png",
            "'../../zeewolde-logo.png' points outside workshops/clients/: put the logo "
            "inside that folder",
        ),
        (
            "C:\\Users\\fiona\\Documents\\zeewolde-logo.png",
            "'C:\\Users\\fiona\\Documents\\zeewolde-logo.png' is an absolute path or address: "
            "give the logo relative to this file, inside workshops/clients/",
        ),
    ],
)
def test_e17_a_logo_outside_the_project(says: Says, typed: str, said: str) -> None:
    assert says(CLIENT + f"logo: '{typed}'\n", client=True) == [f"{C}:7:7  logo  {said}"]


def test_e30_a_title_row_above_the_headers(trainer: Path) -> None:
    from werkvorm.errors import InputError

    path = _xlsx(
        trainer / "lijst.xlsx",
        [["Deelnemerslijst LinkedIn-training 4 maart"], ["Voornaam", "Achternaam"], ["An", "B"]],
    )
    with pytest.raises(InputError) as info:
        read_participants(path)
    assert [p.format() for p in info.value.problems] == [
        "lijst.xlsx:1:1  no column 'naam' or 'name' in the first line (found: Deelnemerslijst "
        "LinkedIn-training 4 maart); add one (or 'voornaam' and 'achternaam'), with one "
        "participant per row"
    ]


def test_e31_the_dutch_headers_with_afdeling_print_the_organisation(trainer: Path) -> None:
    path = _xlsx(
        trainer / "lijst.xlsx",
        [
            ["Voornaam", "Tussenvoegsel", "Achternaam", "Afdeling"],
            ["Esra", "", "Yılmaz", "Communicatie"],
            ["Jan", "van", "Dijk", "Burgerzaken"],
        ],
    )
    people, warnings = read_participants(path)
    assert [(p.name, p.organisation) for p in people] == [
        ("Esra Yılmaz", "Communicatie"),
        ("Jan van Dijk", "Burgerzaken"),
    ]
    assert warnings == []


def test_e31_a_column_werkvorm_does_not_use_is_named_with_the_ones_it_does(
    trainer: Path,
) -> None:
    path = _xlsx(
        trainer / "lijst.xlsx",
        [
            ["Voornaam", "Tussenvoegsel", "Achternaam", "Gemeente"],
            ["Esra", "", "Yılmaz", "Zeewolde"],
        ],
    )
    _, warnings = read_participants(path)
    assert [(w.format(), w.severity) for w in warnings] == [
        (
            "lijst.xlsx:1:4  column 'Gemeente' is not used: call it 'organisatie' to print it "
            "on badges (werkvorm reads 'Voornaam', 'Tussenvoegsel' and 'Achternaam' for the "
            "name)",
            "warning",
        )
    ]


def test_e31_several_unused_columns_in_one_warning(trainer: Path) -> None:
    path = trainer / "lijst.csv"
    path.write_text("naam;organisatie;functie;telefoon\nAn;Zeewolde;beleid;06\n", "utf-8")
    _, warnings = read_participants(path)
    assert [w.format() for w in warnings] == [
        "lijst.csv:1:3  columns 'functie' and 'telefoon' are not used: call the one with "
        "e-mail addresses 'e-mail' if you want them on the list (werkvorm reads 'naam' for "
        "the name; 'organisatie' for the organisation)"
    ]
