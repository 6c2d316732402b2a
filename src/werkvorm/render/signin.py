"""The sign-in sheet's columns, sized for what they hold.

The name column is as wide as the longest name needs to take two lines at most, the
organisation column as wide as the longest organisation on one line, the signature
column keeps 45 mm at least (55 mm when there is room). Widths are measured with the
bundled font (render/fonts.py), the surname bold as the sheet prints it. Room left over
goes first to the signature (up to 55 mm), then to the names (so they take one line),
then to all three alike. Only when the longest name and the longest organisation cannot
both fit beside a 45 mm signature do the two columns share the room in proportion, and
only the rows that then do not fit are set smaller, never below a floor (under it, the
text wraps).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from werkvorm.compose.people import PARTICLES, split_surname
from werkvorm.render.fonts import direction, text_width
from werkvorm.render.paper import MM
from werkvorm.render.sentence import Word, break_lines

NAME_PT = 10.5  # the names' size; a long name takes two lines before it shrinks
ORG_PT = 9.5  # the organisations' size: one line
HEAD_PT = 9.0  # the column heads (base.css th), semibold
NAME_MIN_PT = 8.5  # a row is never set smaller than these: below, it wraps
ORG_MIN_PT = 7.5
NUMBER_MM = 7.0  # the row number's column
PAD_MM = 2.0  # a cell's padding left and right
SLACK_MM = 1.0  # between these widths and WeasyPrint's (kerning, rounding)
SIGNATURE_MIN_MM = 45.0
SIGNATURE_MM = 55.0  # what the signature gets before the names get more
# Room to write in by hand on the walk-in rows, even beside short printed names.
WRITE_NAME_MM = 50.0
WRITE_ORG_MM = 40.0
NBSP = "\u00a0"
STEP_PT = 0.25


@dataclass(frozen=True)
class Row:
    before: str  # the name before the surname ("Anna van der")
    surname: str  # printed bold ("Berg"); "" for a right-to-left name, printed whole
    name_pt: float
    org_pt: float


@dataclass(frozen=True)
class Sheet:
    columns: dict[str, float]  # mm: n, who, org, sig (they add up to the measure)
    rows: list[Row]


def split_name(name: str) -> tuple[str, str]:
    """``name`` as printed: what comes before the surname, its particles tied to each
    other ("Anna van\u00a0der"), and the surname (bold); a right-to-left name is printed
    whole, in the regular weight, as the first part."""
    if direction(name) != "ltr":
        return " ".join(name.split()), ""
    before, surname = split_surname(name)
    given = before.split()
    particles: list[str] = []
    while len(given) > 1 and given[-1] in PARTICLES:
        particles.insert(0, given.pop())
    return " ".join([*given, NBSP.join(particles)] if particles else given), surname


def name_words(name: str) -> list[Word]:
    """The name's words as printed (the surname bold), breakable at spaces only."""
    before, surname = split_name(name)
    return [(w, 400) for w in before.split(" ") if w] + [(w, 700) for w in surname.split()]


def _one_line(items: list[Word], size: float) -> float:
    """The width (mm) of ``items`` on one line."""
    if not items:
        return 0.0
    space = text_width(" ", size) * (len(items) - 1)
    return (sum(text_width(w, size, weight) for w, weight in items) + space) / MM


def two_lines(items: list[Word], size: float) -> float:
    """The narrowest width (mm) in which ``items`` take two lines at most."""
    low = max((_one_line([item], size) for item in items), default=0.0)
    high = _one_line(items, size)
    while high - low > 0.25:
        mid = (low + high) / 2
        if len(break_lines(items, size, mid)) <= 2:
            high = mid
        else:
            low = mid
    return high


def _size(largest: float, smallest: float, fits: Callable[[float], bool]) -> float:
    """The largest size from ``largest`` down to ``smallest`` (in quarter points) for
    which ``fits(size)`` holds; ``smallest`` when none does."""
    size = largest
    while size > smallest and not fits(size):
        size -= STEP_PT
    return max(size, smallest)


def _in_two_lines(items: list[Word], width_mm: float) -> Callable[[float], bool]:
    return lambda size: len(break_lines(items, size, width_mm)) <= 2


def _on_one_line(text: str, width_mm: float) -> Callable[[float], bool]:
    return lambda size: text_width(text, size) / MM <= width_mm


def sheet(people: list[tuple[str, str]], measure: float, heads: tuple[str, str]) -> Sheet:
    """The columns and each row's sizes for ``people`` (name, organisation) in sign-in
    order on a text area ``measure`` mm wide; ``heads``: the name and organisation
    columns' headings."""
    words = [name_words(name) for name, _ in people]
    orgs = [org for _, org in people]
    head_who, head_org = (text_width(h, HEAD_PT, 600) / MM for h in heads)
    two = max([two_lines(w, NAME_PT) for w in words] + [head_who, WRITE_NAME_MM])
    one = max([_one_line(w, NAME_PT) for w in words] + [two])
    org = max([text_width(o, ORG_PT) / MM for o in orgs] + [head_org, WRITE_ORG_MM])
    room = measure - NUMBER_MM - 4 * PAD_MM - 2 * SLACK_MM - SIGNATURE_MIN_MM
    who_w, org_w, sig = two, org, SIGNATURE_MIN_MM
    spare = room - two - org
    if spare >= 0:
        give = min(spare, SIGNATURE_MM - SIGNATURE_MIN_MM)
        sig, spare = sig + give, spare - give
        give = min(spare, one - two)  # names on one line
        who_w, spare = who_w + give, spare - give
        who_w, org_w, sig = who_w + spare / 3, org_w + spare / 3, sig + spare / 3
    else:  # the longest name and organisation share what a 45 mm signature leaves
        who_w, org_w = two * room / (two + org), org * room / (two + org)
    rows = []
    for (name, organisation), items in zip(people, words, strict=True):
        name_pt = _size(NAME_PT, NAME_MIN_PT, _in_two_lines(items, who_w))
        org_pt = _size(ORG_PT, ORG_MIN_PT, _on_one_line(organisation, org_w))
        rows.append(Row(*split_name(name), name_pt, org_pt))
    who = round(who_w + 2 * PAD_MM + SLACK_MM, 1)
    org_col = round(org_w + 2 * PAD_MM + SLACK_MM, 1)
    sig = round(sig, 1)
    columns = {"n": round(measure - who - org_col - sig, 1), "who": who, "org": org_col}
    return Sheet({**columns, "sig": sig}, rows)


# The sheet's height, measured on the PDF (A4 and Letter, one- and three-line titles):
# its head without the title's lines (eyebrow, one line of details, rule, column heads)
# and a row with its rule. A one-page list is filled with blank rows to the page's foot.
PAGE_MARGIN_MM = 16.0  # top and bottom (signin.html.j2 @page)
HEAD_MM = 26.7
ROW_MM = 10.7
SAFETY_MM = 3.0  # WeasyPrint's lines against these estimates
BODY_PT, BODY_LINE, TITLE_LINE = 10.5, 1.45, 1.15  # base.css


def _lines(text: str, size: float, weight: int, measure: float) -> int:
    items = [(word, weight) for word in text.split()]
    return max(1, len(break_lines(items, size, measure))) if items else 0


def rows_on_a_page(title: str, title_pt: float, details: str, measure: float, page: float) -> int:
    """How many rows fit under the sheet's head on a page ``page`` mm tall: the title set
    in lines of ``measure`` mm at ``title_pt`` and the details line at body size."""
    head = HEAD_MM - BODY_PT * BODY_LINE / MM  # the details' one line is in HEAD_MM
    head += _lines(title, title_pt, 700, measure) * title_pt * TITLE_LINE / MM
    head += max(1, _lines(details, BODY_PT, 400, measure)) * BODY_PT * BODY_LINE / MM
    room = page - 2 * PAGE_MARGIN_MM - head - SAFETY_MM
    return max(0, int(room // ROW_MM))
