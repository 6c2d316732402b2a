"""What a trainer meant: Dutch field names, fields in the wrong place, dates written the
Dutch or American way, Dutch words for a format. ``messages.py`` asks here before it
falls back to "not a field here (known fields: ...)".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

# Dutch (and common English) names for werkvorm's fields.
_SYNONYMS: dict[str, str] = {
    "pauze": "break",
    "koffiepauze": "break",
    "minuten": "minutes",
    "duur": "duration",
    "tijdsduur": "duration",
    "titel": "title",
    "ondertitel": "subtitle",
    "taal": "language",
    "doelgroep": "audience",
    "samenvatting": "summary",
    "doelen": "goals",
    "leerdoelen": "goals",
    "materialen": "materials",
    "materiaal": "materials",
    "bronnen": "sources",
    "programma": "agenda",
    "oefening": "exercise",
    "opdracht": "exercise",
    "werkblad": "worksheet",
    "instructie": "instructions",
    "instructies": "instructions",
    "groepsgrootte": "group_size",
    "begeleider": "facilitator",
    "trainer": "facilitator",
    "kleuren": "colors",
    "kleur": "colors",
    "colours": "colors",
    "colour": "colors",
    "naam": "name",
    "datum": "date",
    "begin": "start",
    "starttijd": "start",
    "eind": "end",
    "einde": "end",
    "eindtijd": "end",
    "locatie": "location",
    "plaats": "location",
    "deelnemers": "participants",
    "papier": "paper",
    "weglaten": "omit",
    "sjabloon": "deck_template",
    "template": "deck_template",
    "achtergrond": "background",
    "voorbereiding": "preparation",
    "kernpunten": "takeaways",
    "organisatie": "organisation",
    "organization": "organisation",
}

_CLIENT_TIMING = (
    "to shorten or lengthen the session for this client, give 'end' under session: "
    "(with 'start', werkvorm fits the agenda into the slot), leave blocks out with "
    "'omit', or re-time them with 'minutes'; 'duration' belongs in the workshop file"
)
# (the model that holds the key, the key): where the field belongs instead.
_MISPLACED: dict[tuple[str, str], str] = {
    ("Client", "duration"): _CLIENT_TIMING,
    ("SessionInfo", "duration"): _CLIENT_TIMING,
    ("Client", "start"): "it goes under 'session:', as session.start",
    ("Client", "end"): "it goes under 'session:', as session.end",
    ("Client", "date"): "it goes under 'session:', as session.date",
    ("Client", "location"): "it goes under 'session:', as session.location",
    ("Client", "facilitator"): "it goes under 'session:', as session.facilitator",
    ("Client", "primary"): "it goes under 'colors:', as colors.primary",
    ("Client", "accent"): "it goes under 'colors:', as colors.accent",
    ("Client", "trainer"): "your own name and logo go in werkvorm.yaml, under 'trainer:'",
    ("Client", "agenda"): "the agenda belongs in the workshop file; a client profile "
    "leaves blocks out with 'omit' and re-times them with 'minutes'",
    ("SessionInfo", "omit"): "it goes at the top level of the client profile, not under 'session:'",
    ("SessionInfo", "minutes"): "it goes at the top level of the client profile, not under "
    "'session:'",
    ("SessionInfo", "logo"): "it goes at the top level of the client profile, not under 'session:'",
    ("Workshop", "participants"): "participant lists go in a client profile "
    "(workshops/clients/), as 'participants:' at its top level",
    ("Workshop", "session"): "dates and times go in a client profile (workshops/clients/), "
    "under 'session:'",
    ("Workshop", "start"): "start times go in a client profile (workshops/clients/), as "
    "session.start",
    ("Workshop", "date"): "dates go in a client profile (workshops/clients/), as session.date",
    ("Workshop", "logo"): "logos go in a client profile (workshops/clients/), or yours in "
    "werkvorm.yaml under 'trainer:'",
    ("ProjectFile", "language"): "it goes under 'defaults:', as defaults.language",
    ("ProjectFile", "paper"): "it goes under 'defaults:', as defaults.paper",
    ("ProjectFile", "name"): "it goes under 'trainer:', as trainer.name",
    ("ProjectFile", "organisation"): "it goes under 'trainer:', as trainer.organisation",
    ("ProjectFile", "email"): "it goes under 'trainer:', as trainer.email",
    ("ProjectFile", "logo"): "it goes under 'trainer:', as trainer.logo",
    ("ProjectFile", "colors"): "it goes under 'trainer:', as trainer.colors",
}

_FORMATS: dict[str, str] = {
    "plenair": "plenary",
    "plenaire": "plenary",
    "klassikaal": "plenary",
    "groepjes": "groups",
    "groepen": "groups",
    "groep": "groups",
    "subgroepen": "groups",
    "in groepjes": "groups",
    "tweetallen": "pairs",
    "in tweetallen": "pairs",
    "duo": "pairs",
    "duos": "pairs",
    "duo's": "pairs",
    "paren": "pairs",
    "individueel": "individual",
    "alleen": "individual",
    "zelfstandig": "individual",
    "gesprek": "discussion",
    "groepsgesprek": "discussion",
    "kringgesprek": "discussion",
    "discussie": "discussion",
}

_MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "february", "feb"),
        ("maart", "march", "mrt", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("augustus", "august", "aug"),
        ("september", "sept", "sep"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _n

_MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()  # noqa: SIM905
_LIST_FILE = re.compile(r"\.(csv|xlsx|xls|tsv|txt)\s*$", re.IGNORECASE)


def synonym(key: str, known: list[str]) -> str | None:
    """The field a trainer meant by ``key``: a Dutch name, another letter case, a typo."""
    lowered = key.strip().lower().replace("-", "_")
    if lowered in known and lowered != key:
        return lowered
    meant = _SYNONYMS.get(lowered)
    if meant in known:
        return meant
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    return close[0] if close else None


def misplaced(holder: str, key: str) -> str | None:
    """Where ``key`` belongs when it is not a field of ``holder`` (a model's name)."""
    return _MISPLACED.get((holder, key.strip().lower()))


def word_hint(holder: str, key: str, value: str) -> str | None:
    """A value that says what was meant: a list file as a head count, a Dutch format."""
    if holder == "SessionInfo" and key == "participants" and _LIST_FILE.search(value):
        return (
            f"'{value}' is a participant list: participant lists go at the top level, as "
            "`participants:` (not under session:); session.participants is a head count, "
            "like 24"
        )
    if key == "format":
        meant = _FORMATS.get(value.strip().lower())
        if meant:
            return (
                f"'{value}' is not a format werkvorm knows: write '{meant}' (the handout "
                "prints it in the session's language); formats: plenary, groups, pairs, "
                "individual or discussion"
            )
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _candidates(text: str) -> list[dt.date]:
    """The dates ``text`` can mean, the likely one first."""
    t = text.strip().lower().rstrip(".")
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", t)
    if m:
        found = _date(int(m[1]), int(m[2]), int(m[3]))
        return [found] if found else []
    m = re.fullmatch(r"(\d{1,2})[-.](\d{1,2})[-.](\d{4})", t)
    if m:  # Dutch: day first
        found = _date(int(m[3]), int(m[2]), int(m[1]))
        return [found] if found else []
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    if m:  # day/month in most of Europe, month/day in the US
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        both = [_date(year, b, a), _date(year, a, b)]
        return list(dict.fromkeys(d for d in both if d))
    m = re.fullmatch(r"(?:[a-z]+\s+)?(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})", t)
    if m and m[2] in _MONTHS:
        found = _date(int(m[3]), _MONTHS[m[2]], int(m[1]))
        return [found] if found else []
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", t)
    if m and m[1] in _MONTHS:
        found = _date(int(m[3]), _MONTHS[m[1]], int(m[2]))
        return [found] if found else []
    return []


def date_hint(value: str) -> str:
    """'04-03-2027' → must be a date written as year-month-day: did you mean 2027-03-04?"""
    found = _candidates(value)
    base = "must be a date written as 2026-12-03"
    if len(found) == 1:
        return f"{base}: did you mean {found[0].isoformat()}?"
    if len(found) == 2:
        first, second = found
        return (
            f"{base}: did you mean {first.isoformat()} ({first.day} "
            f"{_MONTH_NAMES[first.month - 1]}) or {second.isoformat()} ({second.day} "
            f"{_MONTH_NAMES[second.month - 1]})?"
        )
    return base
