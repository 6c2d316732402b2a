"""Labels per locale (nl, nl-BE, en) and the session's length in words."""

from __future__ import annotations

from datetime import date

import pytest

from werkvorm.compose.labels import LABELS, REGIONAL, formats_for, labels_for, long_date
from werkvorm.compose.session import duration_text


@pytest.mark.parametrize(
    ("minutes", "language", "expected"),
    [
        (180, "nl", "3\u00a0uur"),
        (60, "nl", "1\u00a0uur"),
        (150, "nl", "2,5\u00a0uur"),
        (90, "nl", "1,5\u00a0uur"),
        (145, "nl", "2\u00a0uur en 25\u00a0minuten"),
        (61, "nl", "1\u00a0uur en 1\u00a0minuut"),
        (45, "nl", "45\u00a0minuten"),
        (150, "en", "2.5\u00a0hours"),
        (60, "en", "1\u00a0hour"),
        (145, "en", "2\u00a0hours 25\u00a0minutes"),
        (61, "en", "1\u00a0hour 1\u00a0minute"),
        (30, "en", "30\u00a0minutes"),
    ],
)
def test_hours_read_as_a_trainer_writes_them_never_as_2_4(
    minutes: int, language: str, expected: str
) -> None:
    assert duration_text(minutes, language) == expected


def test_belgian_labels_where_flemish_usage_differs() -> None:
    be, nl = labels_for("nl-BE"), labels_for("nl")
    assert (be["signin"], nl["signin"]) == ("Aanwezigheidslijst", "Presentielijst")
    assert (be["certificate"], nl["certificate"]) == (
        "Attest van deelname",
        "Certificaat van deelname",
    )
    assert (be["day_morning"], nl["day_morning"]) == ("voormiddag", "ochtend")
    assert (be["day_afternoon"], nl["day_afternoon"]) == ("namiddag", "middag")
    assert be["break"] == nl["break"] == "Pauze"
    assert (
        formats_for("nl-BE")["pairs"] == "in duo's"
        and formats_for("nl")["pairs"] == "in tweetallen"
    )


def test_every_belgian_label_replaces_a_dutch_one() -> None:
    present = [k for k in REGIONAL["nl-BE"] if k in LABELS["nl"]]
    assert present and all(labels_for("nl-BE")[k] == REGIONAL["nl-BE"][k] for k in present)


def test_long_dates_are_the_same_in_belgium_and_the_netherlands() -> None:
    assert long_date(date(2026, 12, 3), "nl") == "donderdag 3 december 2026"
    assert long_date(date(2026, 12, 3), "en") == "Thursday 3 December 2026"


def test_english_and_dutch_have_the_same_label_keys() -> None:
    assert set(LABELS["nl"]) == set(LABELS["en"])
