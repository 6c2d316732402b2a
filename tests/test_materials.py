"""The guide's materials checklist: one line per thing to bring, with the blocks that
need it (designer reviews 2026-12-02 and 2026-12-03: "sticky notes and markers" beside
"markers · block 1" and "sticky notes · block 3", and the same phones twice)."""

from __future__ import annotations

from dataclasses import dataclass, field

from werkvorm.render.typography import materials_lines


@dataclass
class Item:
    number: int
    materials: list[str] = field(default_factory=list)
    kind: str = "block"


def test_a_thing_named_inside_a_longer_workshop_item_is_that_line() -> None:
    general = [
        "projector",
        "sticky notes and markers",
        "phones or laptops with wifi, for ‘Listen, look, read, experience’ (block\xa05)",
    ]
    items = [
        Item(1, ["name cards", "markers"]),
        Item(2, [], "break"),
        Item(3, ["sticky notes", "two flip-chart sheets on the wall"]),
        Item(4, ["markers in two colours"]),
        Item(5, ["Phones or laptops with wifi"]),
    ]
    assert materials_lines(general, items) == [
        ("projector", []),
        ("sticky notes and markers", [1, 3]),
        ("phones or laptops with wifi", [5]),
        ("name cards", [1]),
        ("two flip-chart sheets on the wall", [3]),
        ("markers in two colours", [4]),  # more than the workshop's markers: its own line
    ]


def test_a_workshop_item_inside_a_longer_block_item_stays_its_own_line() -> None:
    lines = materials_lines(["flip-over"], [Item(2, ["flip-over voor de oogst"])])
    assert lines == [("flip-over", []), ("flip-over voor de oogst", [2])]


def test_dutch_notes_and_case() -> None:
    general = ["Post-its en stiften", "telefoons met wifi, voor ‘Luisteren’ (blok 5)"]
    items = [Item(1, ["stiften"]), Item(5, ["telefoons met wifi"]), Item(6, ["POST-ITS"])]
    assert materials_lines(general, items) == [
        ("Post-its en stiften", [1, 6]),
        ("telefoons met wifi", [5]),
    ]


def test_a_worksheet_of_twelve_questions_is_summed_up_in_one_phrase() -> None:
    from werkvorm.compose.labels import labels_for
    from werkvorm.compose.session import WorksheetEntry
    from werkvorm.render.typography import worksheet_summary

    for locale, expected in (
        ("en", "12 questions, 3 lines each; scale 1–5; question, 5 lines; table, 4 rows (2×)"),
        ("nl", "12 vragen, 3 regels elk; schaal 1–5; vraag, 5 regels; tabel, 4 rijen (2×)"),
    ):
        L = labels_for(locale)
        q3 = WorksheetEntry(kind="question", lines=3, summary=L["summary_lines"].format(n=3))
        q5 = WorksheetEntry(kind="question", lines=5, summary=L["summary_lines"].format(n=5))
        scale = WorksheetEntry(kind="scale", summary=L["summary_scale"].format(min=1, max=5))
        table = WorksheetEntry(kind="table", rows=4, summary=L["summary_table"].format(n=4))
        entries = [*[q3] * 12, scale, q5, table, table]
        assert worksheet_summary(entries, L) == expected
