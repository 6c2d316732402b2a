"""What the live pages say, in the session's language (Dutch or English; Flemish and
the formal "u" where the session uses them). The form's own questions come from the
session's labels, as on evaluation.pdf."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "start": "Start",
        "next": "Volgend blok",
        "last": "Afronden",
        "plus5": "+5 min",
        "minus5": "−5 min",
        "skip": "Sla over: {title}",
        "planned": "Gepland van {start} tot {end}",
        "not_started": "Nog niet begonnen",
        "block_of": "Blok {number} van {total}",
        "break": "Pauze",
        "until": "tot {time}",
        "over_time": "over tijd",
        "next_cue": "Volgende: {cue}",
        "next_item": "{time} start: {title}",
        "behind": "{minutes} min achter",
        "ahead": "{minutes} min voor",
        "on_time": "Op schema",
        "ends": "Einde verwacht {projected} · geboekt tot {booked}",
        "cut_intro": "Om op tijd te eindigen:",
        "cut_drop": "sla ‘{title}’ over ({minutes} min, optioneel)",
        "cut_shrink": "‘{title}’ {before} → {after} min",
        "cut_break": "{title} {before} → {after} min",
        "cut_stretch": "‘{title}’ mag {before} → {after} min",
        "cut_over": "Dan nog {minutes} min te lang: kort ‘{title}’ in of spreek een later einde af.",
        "cut_none": "Niets te schrappen: je eindigt op tijd.",
        "finished": "De sessie is rond. Bedankt!",
        "rest": "De rest van de dag",
        "dropped": "overgeslagen",
        "cut": "schrappen",
        "responses": "{count} evaluaties ontvangen",
        "qr_link": "QR-code voor de deelnemers",
        "qr_title": "Evaluatie: scan de code met je telefoon",
        "back": "Terug",
        "send": "Versturen",
        "anonymous": "Je naam invullen mag, maar hoeft niet: zonder naam is je evaluatie anoniem.",
        "received": "Je evaluatie is ontvangen.",
        "expired": "Dit formulier is verlopen of komt niet van deze pagina: open de evaluatie opnieuw.",
        "too_long": "Een antwoord is te lang: hou elk antwoord onder {limit} tekens.",
        "bad_scale": "Kies bij ‘{question}’ een getal van {low} tot {high}.",
        "busy": "Het is even te druk: verstuur het formulier opnieuw.",
        "again": "Nog een evaluatie invullen",
    },
    "en": {
        "start": "Start",
        "next": "Next block",
        "last": "Finish",
        "plus5": "+5 min",
        "minus5": "−5 min",
        "skip": "Skip: {title}",
        "planned": "Planned from {start} to {end}",
        "not_started": "Not started yet",
        "block_of": "Block {number} of {total}",
        "break": "Break",
        "until": "until {time}",
        "over_time": "over time",
        "next_cue": "Next: {cue}",
        "next_item": "{time} start: {title}",
        "behind": "{minutes} min behind",
        "ahead": "{minutes} min ahead",
        "on_time": "On time",
        "ends": "Expected end {projected} · booked until {booked}",
        "cut_intro": "To end on time:",
        "cut_drop": "skip ‘{title}’ ({minutes} min, optional)",
        "cut_shrink": "‘{title}’ {before} → {after} min",
        "cut_break": "{title} {before} → {after} min",
        "cut_stretch": "‘{title}’ may take {before} → {after} min",
        "cut_over": "Still {minutes} min too long: shorten ‘{title}’ or agree on a later end.",
        "cut_none": "Nothing to cut: you end on time.",
        "finished": "The session is over. Thank you!",
        "rest": "The rest of the day",
        "dropped": "skipped",
        "cut": "cut",
        "responses": "{count} evaluations received",
        "qr_link": "QR code for the participants",
        "qr_title": "Evaluation: scan the code with your phone",
        "back": "Back",
        "send": "Send",
        "anonymous": "You may give your name, but need not: without a name your evaluation is anonymous.",
        "received": "Your evaluation has been received.",
        "expired": "This form has expired or did not come from this page: open the evaluation again.",
        "too_long": "An answer is too long: keep each answer under {limit} characters.",
        "bad_scale": "For ‘{question}’ choose a number from {low} to {high}.",
        "busy": "It is a little busy: please send the form again.",
        "again": "Fill in another evaluation",
    },
}
FORMAL = {  # the formal "u" (Flemish sessions, or register: u)
    "anonymous": "Uw naam invullen mag, maar hoeft niet: zonder naam is uw evaluatie anoniem.",
    "received": "Uw evaluatie is ontvangen.",
    "qr_title": "Evaluatie: scan de code met uw telefoon",
    "cut_none": "Niets te schrappen: u eindigt op tijd.",
}


def words_for(language: str, register: str = "") -> dict[str, str]:
    """The live pages' words for a session language ("nl", "nl-BE", "en")."""
    if language.startswith("en"):
        return WORDS["en"]
    if register == "u" or (language == "nl-BE" and register != "je"):
        return {**WORDS["nl"], **FORMAL}
    return WORDS["nl"]
