"""The follow-up, sent after the session: followup.pdf, and followup.md for an e-mail.

Both say the same: the goals, the takeaways of the blocks that were given (the
Session has already left out the omitted ones), the sources with their addresses
(and QR codes on paper), and how to reach the trainer. The Markdown is plain text
first: setext headings, one item a line, bare addresses that every mail client
turns into links, no HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

from werkvorm.compose.session import Session, SessionTrainer
from werkvorm.render import html
from werkvorm.render.sheets import layout, with_labels


def contact(session: Session) -> list[str]:
    """The trainer's name, organisation and e-mail address, leaving out empty lines; none
    at all without an e-mail address (a name alone is no way to reach anyone: `check`
    warns instead)."""
    trainer = session.trainer or SessionTrainer()
    if not trainer.email.strip():
        return []
    lines = [trainer.name or session.facilitator, trainer.organisation, trainer.email]
    return [line.strip() for line in lines if line and line.strip()]


INTRO_TITLE_CHARS = 60  # a longer title is not repeated in the intro sentence
_THIS_WORKSHOP = {"nl": "deze workshop", "en": "this workshop"}


def intro_title(session: Session) -> str:
    """How the intro sentence names the workshop: its title when that is at most
    ``INTRO_TITLE_CHARS`` long, else the part before a colon or dash when that is, else
    "deze workshop" / "this workshop" (the full title stands right above it)."""
    title = " ".join(session.title.split())
    if len(title) <= INTRO_TITLE_CHARS:
        return title
    head = re.split(r":\s| [–—-] ", title, maxsplit=1)[0].strip()
    if len(head) <= INTRO_TITLE_CHARS and len(head.split()) >= 2:
        return head
    return _THIS_WORKSHOP["en" if session.language == "en" else "nl"]


def _intro(session: Session) -> str:
    return session.labels["followup_intro"].replace("{title}", intro_title(session))


def followup_pdf(session: Session, templates: Path | None = None) -> bytes:
    """A one-pager on a whole sheet (A4, or Letter for a Letter kit; an A5 kit's is A4):
    laid out at normal spacing, then compact when that runs onto a second page."""
    session = with_labels(session)
    sheet = "letter" if session.paper == "letter" else "a4"
    session = session.model_copy(update={"paper": sheet})
    extra: dict[str, object] = {"contact": contact(session), "intro": _intro(session)}
    doc = layout("followup.html.j2", session, templates, {**extra, "density": "normal"})
    if doc.page_count > 1:
        compact = layout("followup.html.j2", session, templates, {**extra, "density": "compact"})
        doc = compact if compact.page_count < doc.page_count else doc
    return doc.write()


def _underline(text: str, char: str = "-") -> str:
    return char * max(3, len(text))


_SAFE_TARGET = re.compile(r"\]\((?!\s*<?(?:https?://|mailto:))", re.I)


def markdown_text(value: object) -> object:
    """Text a trainer typed, safe in Markdown that a mail or newsletter tool renders:
    an ``&`` or ``<`` that would start an entity or a tag as an entity (raw HTML shows
    as typed and never runs), unsafe links as text, and a link definition
    (``[1]: javascript:...``) as plain text."""
    if not isinstance(value, str):
        return value
    # Only where Markdown would read markup: "&amp;"/"&#38;" (an entity), "<b" or "</"
    # (a tag or an autolink). "Wit & Woord" and "a < b" stay as typed, for plain-text mail.
    text = re.sub(r"&(?=#?\w+;)", "&amp;", value)
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
    text = text.replace("![", "!\\[")  # no images: a remote one is a tracking pixel
    text = _SAFE_TARGET.sub("] (", text)  # a link to anything but the web or mail: text
    return re.sub(r"(?m)^(\s*)\[([^\]\n]*)\]:", r"\1\\[\2]:", text)


def followup_md(session: Session, templates: Path | None = None) -> bytes:
    """The follow-up as Markdown (UTF-8, LF line ends, one final newline). Every value
    goes through :func:`markdown_text`: the text is the trainer's, the markup theirs
    only where it is Markdown."""
    session = with_labels(session)
    base = html.environment(str(templates) if templates else None)
    # the same loaders (and sandbox); plain text out, each value made safe for Markdown
    env = base.overlay(autoescape=False, finalize=markdown_text)
    env.filters["underline"] = _underline
    with html.template_errors("followup.md.j2"):
        text = env.get_template("followup.md.j2").render(
            s=session, L=session.labels, contact=contact(session), intro=_intro(session)
        )
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return ("\n".join(lines) + "\n").encode("utf-8")
