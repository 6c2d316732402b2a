"""The trainer's register: 'je' and 'u' texts found, quoted speech and plurals left alone."""

from __future__ import annotations

import pytest

from werkvorm.compose.labels import FORMAL, LABELS, labels_for
from werkvorm.compose.register import other_register


def test_je_words_are_found_in_a_u_session_whole_and_in_any_case() -> None:
    text = "Wat vind je ervan? Jouw mening telt, JIJ bent de expert. Kijk naar jezelf."
    assert other_register(text, "u") == [(0, "je"), (0, "Jouw"), (0, "JIJ"), (0, "jezelf")]


def test_u_words_are_found_in_a_je_session() -> None:
    assert other_register("Wat vindt u? Uw mening telt.", "je") == [(0, "u"), (0, "Uw")]


@pytest.mark.parametrize(
    "text",
    [
        "Wat denken jullie?",  # plural: fine in both registers
        "De jeugd van tegenwoordig, een uur lang, jeans en juweel.",  # parts of words
        "Ze vroeg: “Wat vindt u?” en wachtte.",
        'Ze vroeg: "Wat vindt u?" en wachtte.',
        "Ze vroeg: ‘Wat vindt u?’ en wachtte.",
        "Ze vroeg: „Wat vindt u?” en wachtte.",
        "Ze vroeg: 'Wat vindt u?' en wachtte.",
        "> Wat vindt u van uw werk?\nEen citaat van een klant.",
        "We beginnen om 9 u en stoppen om 12.30 u.",  # the Flemish hour
        "Neem de U-bocht.",
    ],
)
def test_quotes_plurals_hours_and_parts_of_words_are_not_flagged(text: str) -> None:
    assert other_register(text, "je") == []
    assert other_register(text.replace("u?", "je?").replace("uw ", "jouw "), "je") == []


def test_an_apostrophe_is_not_a_quote() -> None:
    assert other_register("'s Avonds zie je de foto's van jouw team.", "u") == [
        (0, "je"),
        (0, "jouw"),
    ]


def test_the_line_within_a_multi_line_text_is_given() -> None:
    assert other_register("Welkom.\nWat verwacht u?\n", "je") == [(1, "u")]


def test_every_dutch_label_that_says_je_has_a_u_form() -> None:
    says_je = sorted(k for k, v in LABELS["nl"].items() if other_register(v, "u"))
    assert [k for k in says_je if k not in FORMAL] == []


def test_the_u_forms_say_u_and_never_je() -> None:
    for key, text in FORMAL.items():
        assert other_register(text, "u") == [], key
        assert other_register(text, "je"), key


def test_labels_follow_the_clients_register(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LABELS["nl"], "eval_q_takeaway", "Wat neem je mee uit deze workshop?")
    assert labels_for("nl", "u")["eval_q_takeaway"] == "Wat neemt u mee uit deze workshop?"
    assert labels_for("nl", "je")["eval_q_takeaway"] == "Wat neem je mee uit deze workshop?"
    assert labels_for("nl-BE", "u")["eval_q_takeaway"] == "Wat neemt u mee uit deze workshop?"
    assert labels_for("en", "u") == LABELS["en"]


def test_labels_for_adds_no_keys_the_language_does_not_have() -> None:
    assert set(labels_for("nl-BE", "u")) == set(LABELS["nl"])
