"""The safe Markdown subset of text fields: paragraphs, bold, italic, lists, links.

markdown-it-py's ``js-default`` preset drops raw HTML and refuses ``javascript:``,
``file:`` and most ``data:`` links; we also switch off what a text field never needs
(headings, images, tables, code), so such syntax prints as the characters typed.

Links: only ``http:``, ``https:`` and ``mailto:`` stay links, and a bare
``www.example.nl`` becomes ``https://www.example.nl``. Anything else (``bijlage.pdf``,
``//host``, other schemes) keeps its text but is no link: a relative link would be
resolved against the templates folder into a ``file:`` address in every PDF.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore

from werkvorm.schema.links import safe_href

_OFF = [
    "image",
    "heading",
    "lheading",
    "table",
    "code",
    "fence",
    "hr",
    "html_block",
    "html_inline",
    "reference",
    "blockquote",
    "backticks",
    "entity",
]


def relative_links(text: str) -> list[str]:
    """The link targets in Markdown text that will print as text, not as a link."""
    found: list[str] = []
    for token in _parser().parse(text or ""):
        for child in token.children or []:
            if child.type == "link_open" and child.meta.get("werkvorm_dropped"):
                found.append(str(child.meta["werkvorm_dropped"]))
    return found


def _links(state: StateCore) -> None:
    """Keep only safe links; an unsafe one loses its link marks, never its text."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        depth_dropped: list[bool] = []
        for child in token.children:
            if child.type == "link_open":
                href = safe_href(str(child.attrGet("href") or ""))
                depth_dropped.append(href is None)
                if href is None:
                    child.meta["werkvorm_dropped"] = child.attrGet("href") or ""
                    child.attrs.pop("href", None)
                else:
                    child.attrSet("href", href)
            elif child.type == "link_close" and depth_dropped:
                child.meta["werkvorm_dropped"] = depth_dropped.pop()


def _accept_all(url: str) -> bool:
    return True  # the core rule above decides; nothing unsafe leaves it as a link


def _link_open(self: RendererHTML, tokens: Any, idx: int, options: Any, env: Any) -> str:
    if tokens[idx].meta.get("werkvorm_dropped") is not None:
        return ""
    return self.renderToken(tokens, idx, options, env)


def _link_close(self: RendererHTML, tokens: Any, idx: int, options: Any, env: Any) -> str:
    if tokens[idx].meta.get("werkvorm_dropped"):
        return ""
    return self.renderToken(tokens, idx, options, env)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return make_parser()


def make_parser(options: dict[str, Any] | None = None) -> MarkdownIt:
    """A parser of the safe subset with the link policy (``options``: markdown-it's,
    e.g. the typographer for printed documents)."""
    md = MarkdownIt("js-default", options or {}).disable(_OFF, ignoreInvalid=True)
    md.validateLink = _accept_all  # type: ignore[method-assign]
    md.core.ruler.push("werkvorm_links", _links)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    return md


def to_html(text: str) -> str:
    """Block Markdown as HTML (escaped; safe to mark as Markup)."""
    return _parser().render(text) if text else ""


def to_inline_html(text: str) -> str:
    """One line of Markdown (bold, italic, links) as inline HTML."""
    return _parser().renderInline(text) if text else ""


def to_runs(text: str) -> list[list[tuple[str, bool, bool]]]:
    """Markdown as paragraphs of (text, bold, italic) runs, for slides and plain output.

    A list item is one paragraph; links keep their text.
    """
    paragraphs: list[list[tuple[str, bool, bool]]] = []
    counters: list[int | None] = []  # per open list: the next number, or None for bullets
    prefix = ""
    for token in _parser().parse(text or ""):
        if token.type == "ordered_list_open":
            counters.append(int(str(token.attrs.get("start", 1))))
        elif token.type == "bullet_list_open":
            counters.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            counters.pop()
        elif token.type == "list_item_open" and counters and counters[-1] is not None:
            number = counters[-1]
            prefix = f"{number}. "
            counters[-1] = number + 1
        if token.type != "inline":
            continue
        runs: list[tuple[str, bool, bool]] = [(prefix, False, False)] if prefix else []
        prefix = ""
        bold = italic = False
        children: list[Any] = token.children or []
        for child in children:
            if child.type == "strong_open":
                bold = True
            elif child.type == "strong_close":
                bold = False
            elif child.type == "em_open":
                italic = True
            elif child.type == "em_close":
                italic = False
            elif child.type in ("text", "code_inline"):
                runs.append((child.content, bold, italic))
            elif child.type in ("softbreak", "hardbreak"):
                runs.append((" ", bold, italic))
        if runs:
            paragraphs.append(runs)
    return paragraphs


def to_plain(text: str) -> str:
    """Markdown without its marks: for speaker notes, metadata and file names."""
    return "\n".join("".join(r[0] for r in para) for para in to_runs(text))
