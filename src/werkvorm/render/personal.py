"""Per participant: a personalised handout, certificates and a sign-in sheet.

Laying out a handout per participant costs a full layout each (about a second); instead
the handout and one certificate are laid out once, every participant's names once more
(``render.stamps``: one column of bands for the lot), and each copy gets its own names
drawn on its pages (pikepdf, qpdf underneath). A copy shares the original's fonts and
structure tags, so it stays a tagged PDF, and holds no other participant's name.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pikepdf

from werkvorm.compose.people import surname_key
from werkvorm.compose.session import Session
from werkvorm.render import covername, html, signin
from werkvorm.render.documents import render_document
from werkvorm.render.html import COVER
from werkvorm.render.paper import paper
from werkvorm.render.sentence import (
    FOOTER_NAME_PT,
    certificate_runs,
    certificate_width,
    footer_name,
    footer_room,
    page_digits,
    runs_html,
)
from werkvorm.render.stamps import Column, Names, Place, own_page, set_forms
from werkvorm.render.typography import place_name

HANDOUT_PITCH = 20.0  # mm: the cover's name box is 15 mm high, the footer's line 4
CERTIFICATE_PITCH = 32.0  # mm: the name (two lines at most) and the organisation
CERTIFICATE_NAME_TOP = 80.0  # mm from the top: where the name block starts


def _open(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def save_pdf(pdf: pikepdf.Pdf, title: str | None = None, quick: bool = False) -> bytes:
    """The PDF's bytes, the same for the same content (fixed ids, no timestamps).
    ``quick``: compress lightly (a copy per participant: half the time, 4 % larger)."""
    if title is not None:
        pdf.docinfo["/Title"] = title
    out = io.BytesIO()
    pikepdf.settings.set_flate_compression_level(1 if quick else 6)  # 6: zlib's default
    # Fixed ids and no timestamps: the same inputs give the same bytes.
    pdf.save(
        out,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return out.getvalue()


def blank_page(pdf: pikepdf.Pdf, like: pikepdf.Page) -> None:
    """Append an empty page the size of ``like`` (so a duplex copy starts on a front)."""
    pdf.add_blank_page(page_size=(float(like.mediabox[2]), float(like.mediabox[3])))


def _copy_page(target: pikepdf.Pdf, pristine: pikepdf.Object, stamps: int) -> pikepdf.Page:
    """A new last page of ``target`` drawn like ``pristine`` (a page dictionary already
    copied into ``target``), ready for ``stamps`` forms."""
    copy = pikepdf.Dictionary({k: v for k, v in pristine.items() if k != "/Parent"})
    target.pages.append(pikepdf.Page(target.make_indirect(copy)))
    page = target.pages[-1]
    own_page(target, page, stamps)
    return page


class HandoutNames:
    """Every participant's names for the handout: one layout, two bands a participant.
    ``pages``: the handout's page count, so the footer's name gets all the room its page
    number leaves (render/sentence.py footer_room)."""

    def __init__(
        self,
        session: Session,
        templates: Path | None = None,
        findings: list[str] | None = None,
        pages: int = 99,
    ) -> None:
        P = paper(session.paper)
        self.paper = P
        self.digits = page_digits(pages)
        self.footer_width = footer_room(P.width, P.outer, session.labels, pages)
        self.cover_y = P.height - COVER.get(session.paper, COVER["a4"])["name_bottom"] - 15
        column = Column(P.width, HANDOUT_PITCH, 2 * len(session.participants))
        self.names = Names(
            render_document(
                "name-overlay.html.j2",
                session,
                templates,
                document="participants/*.pdf (names)",
                extra={
                    "column": column,
                    "footer_names": [
                        footer_name(p.name, self.footer_width) for p in session.participants
                    ],
                    "footer_pt": FOOTER_NAME_PT,
                    "footer_width": self.footer_width,
                    "cover_name": covername.cover_name,
                    "cover_name_padding": covername.padding_mm,
                    "two_line_height": covername.TWO_LINE_HEIGHT,
                },
                findings=findings,
                tagged=False,
            ),
            column,
        )

    def forms(
        self, target: pikepdf.Pdf, n: int, page_height: float
    ) -> tuple[pikepdf.Object, pikepdf.Object]:
        """Participant n's names as forms in ``target``: the cover's, and the footer's
        (one form for every other page, centred on the page)."""
        P = self.paper
        x = (P.width - self.footer_width) / 2
        return (
            self.names.form(target, 2 * n, Place(P.inner, self.cover_y, page_height)),
            self.names.form(target, 2 * n + 1, Place(x, P.height - P.bottom + 5, page_height)),
        )


_LAST: list[tuple[Session, Path | None, HandoutNames]] = []  # the last session's names


def handout_names(
    session: Session,
    templates: Path | None = None,
    findings: list[str] | None = None,
    pages: int = 99,
) -> HandoutNames:
    """The names for ``session``'s handout, laid out once: a programme's binder is stamped
    with the names its sessions' personal handouts were (in the same process), so they
    are not laid out twice. Only a programme's sessions
    are remembered, and only until the binder takes them (``forget_names``)."""
    digits = page_digits(pages)
    if (
        _LAST
        and _same_names(_LAST[0][0], session)
        and _LAST[0][1] == templates
        and _LAST[0][2].digits == digits
    ):
        return _LAST[0][2]
    names = HandoutNames(session, templates, findings, pages)
    if session.series:
        _LAST[:] = [(session, templates, names)]
    return names


def _same_names(a: Session, b: Session) -> bool:
    """Two sessions whose names are laid out alike: a programme's sessions (one client:
    the same people, paper, brand, language and register)."""
    return a is b or (
        a.participants == b.participants
        and a.paper == b.paper
        and a.branding == b.branding
        and a.locale == b.locale
        and a.language == b.language
        and a.speech_register == b.speech_register
    )


def forget_names() -> None:
    _LAST.clear()


def _height(page: pikepdf.Page) -> float:
    return float(page.mediabox[3])


def stamped_copies(handout: bytes, names: HandoutNames, count: int) -> Iterator[pikepdf.Pdf]:
    """The handout with participant 0's names, then 1's, ...: one PDF, re-stamped and
    yielded for each (save or copy it before asking for the next)."""
    copy = _open(handout)
    for page in copy.pages:
        own_page(copy, page, 1)
    for n in range(count):
        cover, footer = names.forms(copy, n, _height(copy.pages[0]))
        for p, page in enumerate(copy.pages):
            set_forms(page, [cover if p == 0 else footer])
        yield copy


def personal_handouts(
    session: Session,
    handout: bytes,
    templates: Path | None = None,
    findings: list[str] | None = None,
) -> tuple[dict[str, bytes], bytes]:
    """Each participant's copy of ``handout`` (by file stem), and all of them in one PDF,
    each copy padded to an even page count so that, printed double-sided, every copy
    starts on the front of a sheet."""
    if not session.participants:
        return {}, b""
    if findings is not None:
        from werkvorm.render.fonts import missing_glyph_warnings

        people = session.participants
        findings.extend(missing_glyph_warnings([p.name for p in people]))
        findings.extend(missing_glyph_warnings([p.organisation for p in people if p.organisation]))
    names = handout_names(session, templates, findings, len(_open(handout).pages))
    copies: dict[str, bytes] = {}
    people = session.participants
    for person, copy in zip(people, stamped_copies(handout, names, len(people)), strict=True):
        copies[person.slug] = save_pdf(copy, quick=True)
    base = _open(handout)
    everyone = pikepdf.new()
    pristine = [everyone.copy_foreign(page.obj) for page in base.pages]
    for n in range(len(session.participants)):
        cover, footer = names.forms(everyone, n, _height(base.pages[0]))
        for p, original in enumerate(pristine):
            set_forms(_copy_page(everyone, original, 1), [cover if p == 0 else footer])
        if len(base.pages) % 2:
            blank_page(everyone, base.pages[-1])
    return copies, save_pdf(everyone, f"{session.title}: {len(copies)}")


def certificates_pdf(
    session: Session, templates: Path | None = None, findings: list[str] | None = None
) -> bytes:
    """One page per participant: one laid-out certificate, a name stamped on each copy.

    Certificates are printed one-sided (one page each), so they need no padding; they
    come in sign-in order (by surname), as the badges and the sign-in sheet."""
    people = sorted(session.participants, key=lambda p: surname_key(p.name))
    session = session.model_copy(update={"participants": people})
    width = 297 if paper(session.paper).certificate == "A4" else 279.4  # landscape
    labels = {**session.labels}
    runs = certificate_runs(
        labels, session.title, session.date_text, place_name(session.location), session.hours_text
    )
    base = _open(
        render_document(
            "certificate.html.j2",
            session,
            templates,
            document="certificates.pdf",
            extra={
                "stamp": "base",
                "room": width - 62,
                "name_top": CERTIFICATE_NAME_TOP,
                "what": runs_html(runs),
                "what_mm": certificate_width(runs),
            },
            findings=findings,
        )
    )
    column = Column(width, CERTIFICATE_PITCH, len(session.participants))
    names = Names(
        render_document(
            "certificate.html.j2",
            session,
            templates,
            document="certificates.pdf (names)",
            extra={
                "stamp": "names",
                "column": column,
                "room": width - 62,
                "name_top": CERTIFICATE_NAME_TOP,
            },
            findings=findings,
            tagged=False,
        ),
        column,
    )
    out = pikepdf.new()
    pristine = out.copy_foreign(base.pages[0].obj)
    for n in range(len(session.participants)):
        page = _copy_page(out, pristine, 1)
        set_forms(
            page, [names.form(out, n, Place(31, CERTIFICATE_NAME_TOP, float(page.mediabox[3])))]
        )
    out.docinfo["/Author"] = session.facilitator or session.trainer.name or "werkvorm"
    return save_pdf(out, f"{session.labels['certificate']}: {session.title}")


WALK_INS = 3  # blank rows for people not on the list, at least
SIGNIN_ROWS = 16  # a one-page list is filled with blank rows to this many
SIGNIN_MARGIN_MM = 10.0  # the sheet's left and right margins


def _walk_ins(session: Session, names: int, title_pt: float, measure: float, page: float) -> int:
    """Blank rows for people not on the list: a list that fits one page with three of them
    is filled to the page's foot; a longer one gets three, or up to 16 rows in all."""
    when = f"{session.date_text}, {session.start}–{session.end}" if session.has_clock else ""
    parts = [session.client, when or session.date_text, place_name(session.location)]
    details = " · ".join(
        dict.fromkeys(p for p in [*parts, session.facilitator or session.trainer.name] if p)
    )
    fit = signin.rows_on_a_page(session.title, title_pt, details, measure, page)
    if names + WALK_INS <= fit:
        return fit - names
    return max(WALK_INS, SIGNIN_ROWS - names)


def signin_pdf(
    session: Session, templates: Path | None = None, findings: list[str] | None = None
) -> bytes:
    """The sign-in sheet: a whole portrait sheet whatever the handout's paper, the names
    sorted by surname without particles (Boer, de; Meulen, van der), the columns sized
    for what they hold (render/signin.py)."""
    sheet = 215.9 if paper(session.paper).certificate == "letter" else 210.0
    text = sheet - 2 * SIGNIN_MARGIN_MM
    people = sorted(session.participants, key=lambda p: surname_key(p.name))
    L = session.labels
    layout = signin.sheet(
        [(p.name, p.organisation) for p in people], text, (L["your_name"], L["organisation"])
    )
    title_pt = html.title_size(session.title, text, 20, 13) if session.title else 20
    extra = {
        "people": list(zip(layout.rows, people, strict=True)),
        "walk_ins": _walk_ins(
            session, len(people), title_pt, text, 279.4 if sheet > 210 else 297.0
        ),
        "cols": layout.columns,
        "margin": SIGNIN_MARGIN_MM,
        "name_pt": signin.NAME_PT,
        "org_pt": layout.org_pt,
        "pad": signin.PAD_MM,
        "title_pt": title_pt,
    }
    return render_document(
        "signin.html.j2",
        session,
        templates,
        document="sign-in.pdf",
        findings=findings,
        extra=extra,
    )
