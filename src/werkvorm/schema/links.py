"""Which link targets may reach a participant: one rule for sources and Markdown alike.

Only ``http:``, ``https:`` and ``mailto:`` pass; a bare ``www.example.nl`` becomes
``https://www.example.nl``. Anything else (``bijlage.pdf``, ``//host``, ``javascript:``,
``file:``, ``data:``) is no link: in a PDF a relative link would be resolved against the
templates folder into a ``file:`` address with the trainer's own path in it.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# A Markdown link's target, roughly: enough to warn, never to decide what is rendered.
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def safe_href(href: str) -> str | None:
    """The address a link may carry to a participant, or None when it must be text."""
    return checked_href(href)[0]


def checked_href(href: str) -> tuple[str | None, str]:
    """(the address, "") or (None, why it is no web address), in a trainer's words."""
    url = href.strip()
    if url.lower().startswith("www."):
        url = "https://" + url
    if any(c.isspace() or ord(c) < 32 for c in url):
        return None, "a web address has no spaces: check what was pasted"
    match = _SCHEME.match(url)
    if match is None:
        return None, (
            f"'{href}' is not a web address: write it in full, starting with https:// "
            "(a handout cannot link to a file)"
        )
    scheme = match.group(1).lower()
    if scheme not in SAFE_SCHEMES:
        return None, (
            f"'{scheme}:' addresses are not allowed in a handout: give a web address "
            "starting with https:// (or mailto:)"
        )
    if scheme != "mailto" and not url[match.end() :].startswith("//"):
        return None, f"'{href}' is not a web address: write it as https://..."
    return url, ""


def unsafe_markdown_links(text: str) -> list[str]:
    """Targets of Markdown links in ``text`` that will print as plain text."""
    if "](" not in text:
        return []
    return [t for t in _MARKDOWN_TARGET.findall(text) if safe_href(t) is None]
