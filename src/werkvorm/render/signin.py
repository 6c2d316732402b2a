"""The sign-in sheet's columns, sized for what they hold, each at one type size.

Every name is set at 10.5 pt in two lines at most; only a long name (over 45
characters) may shrink, to 9.5 pt, never below. Every organisation is on one line at
one size for the whole column: 9.5 pt when there is room, else the largest size down
to 8 pt at which the longest fits beside the names and a 40 mm signature (a sheet with
the odd row smaller looks like a mistake). The signature keeps 40 mm at least. Widths
are measured with the bundled font (render/fonts.py), the surname bold as the sheet
prints it. Room left over goes first to the signature (to 45 mm), then to the long
names (back to 10.5 pt), then to the signature again (to 55 mm), then to the names (so
they take one line), then to all three alike.

An organisation too long for one line even at 8 pt in the widest column the sheet can
give it (about 75 mm on A4) is not shrunk further: it keeps the column's size and
wraps onto a second line, its row grows with it; the other organisations stay on one
line. Likewise a name too long for two lines in the widest name column keeps 9.5 pt
and wraps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from werkvorm.compose.people import PARTICLES, split_surname
from werkvorm.render.fonts import direction, text_width
from werkvorm.render.paper import MM
from werkvorm.render.sentence import Word, break_lines

NAME_PT = 10.5  # the names' size; a long name takes two lines before it shrinks
NAME_MIN_PT = 9.5  # only a long name shrinks, to this; below, it wraps
LONG_NAME = 45  # characters: a name longer than this is long
ORG_PT = 9.5  # the organisations' size when there is room: one line
ORG_MIN_PT = 8.0  # the organisations' one size never goes below this; a longer one wraps
HEAD_PT = 9.0  # the column heads (base.css th), semibold
NUMBER_MM = 6.0  # the row number's column
PAD_MM = 1.75  # a cell's padding left and right
SLACK_MM = 1.0  # between these widths and WeasyPrint's (kerning, rounding)
SIGNATURE_MIN_MM = 40.0  # room to sign, never less
SIGNATURE_EASY_MM = 45.0  # what the signature gets before the long names grow
SIGNATURE_MM = 55.0  # what the signature gets before the names take one line
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
    org_pt: float  # the organisations' one size


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


def organisations(orgs: list[str], room: float, head: float) -> tuple[float, float]:
    """The organisations' one size (pt) and their column's text width (mm) when it may
    be ``room`` mm at most: the largest size down to ``ORG_MIN_PT`` at which every
    organisation that fits one line at the floor is on one line. One that does not (the
    sheet's outliers) wraps at that size, and the column takes all of ``room``."""
    fitting = [o for o in orgs if text_width(o, ORG_MIN_PT) / MM <= room]
    size = _size(
        ORG_PT, ORG_MIN_PT, lambda pt: all(text_width(o, pt) / MM <= room for o in fitting)
    )
    if len(fitting) < len(orgs):
        return size, room
    widest = max([text_width(o, size) / MM for o in orgs] + [head, WRITE_ORG_MM])
    return size, min(widest, room)


def sheet(people: list[tuple[str, str]], measure: float, heads: tuple[str, str]) -> Sheet:
    """The columns and each row's sizes for ``people`` (name, organisation) in sign-in
    order on a text area ``measure`` mm wide; ``heads``: the name and organisation
    columns' headings."""
    words = [name_words(name) for name, _ in people]
    head_who, head_org = (text_width(h, HEAD_PT, 600) / MM for h in heads)
    room = measure - NUMBER_MM - 4 * PAD_MM - 2 * SLACK_MM
    least = max(head_who, WRITE_NAME_MM)
    full = [two_lines(w, NAME_PT) for w in words]  # each name in two lines at 10.5 pt
    long = [
        two_lines(w, NAME_MIN_PT)
        for (n, _), w in zip(people, words, strict=True)
        if len(n) > LONG_NAME
    ]
    short = [width for (n, _), width in zip(people, full, strict=True) if len(n) <= LONG_NAME]
    two = max([*short, *long, least])
    # The names never take the organisations' room to write in.
    who_w = min(two, room - SIGNATURE_MIN_MM - WRITE_ORG_MM)
    org_pt, org_w = organisations([o for _, o in people], room - SIGNATURE_MIN_MM - who_w, head_org)
    sig, spare = SIGNATURE_MIN_MM, room - SIGNATURE_MIN_MM - who_w - org_w
    for name_goal, sig_goal in (
        (who_w, SIGNATURE_EASY_MM),
        (max([*full, least]), SIGNATURE_EASY_MM),
        (who_w, SIGNATURE_MM),
        (max([_one_line(w, NAME_PT) for w in words] + [least]), SIGNATURE_MM),
    ):
        give = max(0.0, min(spare, sig_goal - sig))
        sig, spare = sig + give, spare - give
        give = max(0.0, min(spare, name_goal - who_w))
        who_w, spare = who_w + give, spare - give
    who_w, org_w, sig = who_w + spare / 3, org_w + spare / 3, sig + spare / 3
    rows = [
        Row(*split_name(name), _size(NAME_PT, NAME_MIN_PT, _in_two_lines(items, who_w)), org_pt)
        for (name, _), items in zip(people, words, strict=True)
    ]
    who = round(who_w + 2 * PAD_MM + SLACK_MM, 1)
    org_col = round(org_w + 2 * PAD_MM + SLACK_MM, 1)
    sig = round(sig, 1)
    columns = {"n": round(measure - who - org_col - sig, 1), "who": who, "org": org_col}
    return Sheet({**columns, "sig": sig}, rows, org_pt)


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
