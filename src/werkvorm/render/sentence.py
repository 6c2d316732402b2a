"""Short centred texts set as a typesetter would: what must stay together is tied with
no-break spaces, and the lines of a paragraph are balanced so that none ends on a word
or two (the certificate's sentence).

Widths come from the bundled font's advances (render/fonts.py); WeasyPrint breaks lines
greedily, so a box as narrow as the balanced lines need gives it the same lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from werkvorm.render.fonts import text_width
from werkvorm.render.paper import MM

NBSP = "\u00a0"
SLACK_MM = 1.5  # room for kerning and rounding between these widths and WeasyPrint's


def tie(text: str) -> str:
    """``text`` with every space a no-break space: it never breaks across lines."""
    return NBSP.join(text.split())


Word = tuple[str, int]  # (text, font weight)


def words(runs: Sequence[tuple[str, int]]) -> list[Word]:
    """The breakable words of ``runs`` (text, weight): split at ordinary spaces only."""
    return [(w, weight) for text, weight in runs for w in text.split(" ") if w]


def break_lines(items: Sequence[Word], size: float, width_mm: float) -> list[list[Word]]:
    """``items`` set greedily in lines of ``width_mm`` at ``size`` pt."""
    room = width_mm * MM
    lines: list[list[Word]] = []
    used = 0.0
    for word, weight in items:
        w = text_width(word, size, weight)
        space = text_width(" ", size, weight)
        if lines and used + space + w <= room:
            lines[-1].append((word, weight))
            used += space + w
        else:
            lines.append([(word, weight)])
            used = w
    return lines


def line_width(line: Sequence[Word], size: float) -> float:
    """A line's width in millimetres."""
    spaces = sum(text_width(" ", size, weight) for _, weight in line[1:])
    return (sum(text_width(w, size, weight) for w, weight in line) + spaces) / MM


def balanced_width(items: Sequence[Word], size: float, measure_mm: float) -> float:
    """The narrowest width (mm, at most ``measure_mm``) that sets ``items`` in as few
    lines as ``measure_mm`` does: the lines then come out about equally long, and the
    last one is no orphaned word or two."""
    count = len(break_lines(items, size, measure_mm))
    if count <= 1:
        return measure_mm
    low = max(line_width([item], size) for item in items)
    high = measure_mm
    while high - low > 0.5:
        mid = (low + high) / 2
        if len(break_lines(items, size, mid)) <= count:
            high = mid
        else:
            low = mid
    return min(measure_mm, high + SLACK_MM)


CERT_SIZE = 13.0  # pt, the certificate's sentence
CERT_MEASURE_MM = 150.0  # about 90 characters a line
SHORT_TITLE_CHARS = 32


def certificate_runs(
    labels: dict[str, str], title: str, date: str, place: str, hours: str
) -> list[tuple[str, int]]:
    """The certificate's sentence as runs of (text, weight), the title bold: "took part
    in the workshop **title** on Thursday 3 June 2027 in Gemeentehuis (3 hours)." with the
    date, the hours, a short title and "on"/"in" with what follows each tied to one unit."""
    short = len(title) <= SHORT_TITLE_CHARS  # a short title stays on one line
    runs: list[tuple[str, int]] = [
        (labels["cert_took_part"] + " ", 400),
        (tie(title) if short else title, 700),
    ]
    tail = ""
    if date:
        tail += " " + tie(f"{labels['cert_on']} {date}")
    if place:  # "in" never ends a line; a short place name stays whole
        where = tie(place) if len(place) <= SHORT_TITLE_CHARS else place
        tail += f" {labels['cert_in']}{NBSP}{where}"
    tail += f" ({tie(hours)})."
    runs.append((tail, 400))
    return runs


def certificate_width(runs: Sequence[tuple[str, int]]) -> float:
    """The width (mm) of the certificate's sentence box: balanced lines in ~150 mm."""
    return round(balanced_width(words(runs), CERT_SIZE, CERT_MEASURE_MM), 1)


RUNNING_PT = 8.0  # the running head's size (handout.css, guide.css)
RUNNING_GAP_MM = 8.0  # between the title and the name beside it


def cut_to_width(
    text: str,
    width_mm: float,
    size: float,
    weight: int = 400,
    never_last: frozenset[str] = frozenset(),
) -> str:
    """``text`` whole when it fits ``width_mm`` at ``size`` pt, else cut after its last
    word that leaves room for "…" (trailing punctuation dropped; never after a word of
    ``never_last``, such as a name's "van"); '' when not even the first word fits."""
    text = " ".join(text.split())
    room = width_mm * MM
    if text_width(text, size, weight) <= room:
        return text
    words = text.split(" ")
    for count in range(len(words) - 1, 0, -1):
        if count > 1 and words[count - 1] in never_last:
            continue
        cut = " ".join(words[:count]).rstrip(" ,;:·–—-") + "…"
        if text_width(cut, size, weight) <= room:
            return cut
    return ""


def running_title(title: str, who: str, measure_mm: float) -> str:
    """The title for a running head that has ``who`` (the client's or participant's
    name) at its other end: all the room the name leaves, cut after a word."""
    free = measure_mm - text_width(who, RUNNING_PT) / MM - RUNNING_GAP_MM
    return cut_to_width(title, free, RUNNING_PT)


def running_continued(head: str, continued: str, who: str, measure_mm: float) -> str:
    """A worksheet's running head on the pages it runs onto, "Worksheet: title
    (continued)": the head takes all the room ``who`` and "(continued)" leave, cut after
    a word, as the title's head does."""
    tail = f" ({continued})"
    room = measure_mm - text_width(tail, RUNNING_PT) / MM
    cut = running_title(head, who, room) or head.split(":")[0]
    return cut + tail


FOOTER_NAME_PT = 8.0  # a participant's name in the page footer: one line, never smaller
FOOTER_GAP_MM = 6.0  # between the name and the page number on the same line


def page_digits(pages: int) -> int:
    """The digits the page number is given room for in a document of ``pages`` pages:
    two at least, so "page 9 of 9" and "page 12 of 12" share one layout."""
    return max(2, len(str(pages)))


def footer_room(width_mm: float, outer_mm: float, labels: dict[str, str], pages: int) -> float:
    """The width (mm) for a participant's name centred in a handout's footer: the line
    between where the page number ends on a left-hand and on a right-hand page ("page 12
    of 12" at the outer margin, so the room is the same on both), less a gap each side.
    The page number is measured at its widest for ``pages`` (two digits at least)."""
    digits = page_digits(pages)
    folio = max(
        text_width(f"{labels['page']} {d * digits} {labels['of']} {d * digits}", RUNNING_PT)
        for d in "0123456789"
    )
    return round(width_mm - 2 * outer_mm - 2 * (folio / MM + FOOTER_GAP_MM), 1)


def footer_name(name: str, width_mm: float) -> str:
    """A participant's name for the page footer, on one line of ``width_mm`` at
    ``FOOTER_NAME_PT`` semibold: the full name when it fits, else the first name and
    surname, else that cut after a word."""
    from werkvorm.compose.people import PARTICLES, short_name

    name = " ".join(name.split())
    if text_width(name, FOOTER_NAME_PT, 600) <= width_mm * MM:
        return name
    short = short_name(name)
    return cut_to_width(short, width_mm, FOOTER_NAME_PT, 600, PARTICLES) or short


def runs_html(runs: Sequence[tuple[str, int]]) -> Markup:
    """``runs`` as HTML: bold runs in <strong>, and every word that is tied (no-break
    spaces) or hyphenated in a nowrap span, so it never breaks, not even at its hyphen."""
    parts = []
    for text, weight in runs:
        pieces = [
            Markup('<span class="nobr">{}</span>').format(w)
            if (NBSP in w or "-" in w)
            else escape(w)
            for w in text.split(" ")
        ]
        html = Markup(" ").join(pieces)
        parts.append(Markup("<strong>{}</strong>").format(html) if weight >= 600 else html)
    return Markup("").join(parts)
