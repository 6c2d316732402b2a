"""Speaker notes in short form: the key lines of a block's facilitator notes and its cues."""

from __future__ import annotations

from werkvorm.compose.labels import LABELS
from werkvorm.compose.session import SessionItem
from werkvorm.errors import Location
from werkvorm.render.deck.notes import block_notes, key_lines, short_cues


def _item(**kw: object) -> SessionItem:
    base: dict[str, object] = {
        "kind": "block",
        "id": "b",
        "origin": Location("w.yaml", 1, 1, "blocks[0]"),
        "title": "Stap 1",
        "minutes": 25,
        "start": "10:05",
        "end": "10:30",
        "offset": 0,
    }
    return SessionItem(**{**base, **kw})


def test_labelled_paragraphs_and_questions_in_short_form() -> None:
    text = (
        "Vraag: “Wie heeft de strategie gelezen?” Tel de handen.\n\n"
        "**Oogst (vijf minuten):** elke groep noemt één collega. Schrijf de namen op. "
        + "Dit is een lange zin die er niet meer bij past omdat de notities kort moeten blijven. "
        * 3
        + "\n\n**Let op:** maak het geen afrekening."
    )
    keys = key_lines(text, "nl")
    assert keys.lines == [
        "Vraag: “Wie heeft de strategie gelezen?”",
        "Oogst (vijf minuten): elke groep noemt één collega. Schrijf de namen op. "
        "Dit is een lange zin die er niet meer bij past omdat de notities kort moeten blijven.",
        "Let op: maak het geen afrekening.",
    ]
    assert keys.debrief == [keys.lines[1]]
    assert key_lines("Ask: “Who read it?”", "en").lines == ["Ask: “Who read it?”"]


def test_cues_shortened_to_time_and_action() -> None:
    labels = LABELS["nl"]
    item = _item(
        cues=[
            "10:05 start: Stap 1",
            "10:10 opdracht uitdelen: Mijn social media nu",
            "10:25 afronden en terugkoppelen",
            "10:30 einde van dit onderdeel",
        ],
        materials=["pennen"],
    )
    assert short_cues(item, labels) == {
        "start": ["10:05 start"],
        "exercise": ["10:10 opdracht uitdelen"],
        "wrap": ["10:25 afronden en terugkoppelen"],
        "end": ["10:30 einde van dit onderdeel"],
    }
    plan = block_notes(item, labels, "nl")
    assert plan.first == ["10:05  start"]
    assert plan.last == [  # one cue a line, the time first (#25)
        "10:10  opdracht uitdelen",
        "10:25  afronden en terugkoppelen",
        "10:30  einde van dit onderdeel",
    ]
    assert plan.materials == "Materialen: pennen"
