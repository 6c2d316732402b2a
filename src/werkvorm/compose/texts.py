"""Texts in the session's language: each one picked, and each gap noted as a warning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from werkvorm.errors import Problem
from werkvorm.schema.source import Document, PathKey

if TYPE_CHECKING:
    from werkvorm.compose.references import BlockRefs


@dataclass(frozen=True)
class Picked:
    """One text as shown in the session, and where it stands (for the register check)."""

    doc: Document
    loc: PathKey  # the field, with the language key when the text is a map
    field: str  # the field's own name: title, intro, notes...
    text: str


class Texts:
    """Picks each text in the session's language and notes what is untranslated."""

    def __init__(self, language: str, fallback: str) -> None:
        self.language = language
        self.fallback = fallback
        self.missing: list[Problem] = []
        self.picked: list[Picked] = []
        self.refs: BlockRefs | None = None  # set once the kit's blocks are numbered

    def __call__(self, value: Any, doc: Document, loc: PathKey) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            if self.language != self.fallback:
                self._note(doc, loc)
            return self._keep(doc, loc, loc, value)
        if self.language in value:
            return self._keep(doc, loc, (*loc, self.language), str(value[self.language]))
        self._note(doc, loc)
        key = self.fallback if self.fallback in value else next(iter(value))
        return self._keep(doc, loc, (*loc, key), str(value[key]))

    def pick(self, value: Any) -> str:
        """The text in the session's language if there is one, without noting a gap."""
        if isinstance(value, dict):
            return str(
                value.get(self.language) or value.get(self.fallback) or next(iter(value.values()))
            )
        return str(value or "")

    def many(self, values: list[Any] | None, doc: Document, loc: PathKey) -> list[str]:
        return [self(v, doc, (*loc, i)) for i, v in enumerate(values or [])]

    def _keep(self, doc: Document, field: PathKey, at: PathKey, text: str) -> str:
        name = next((p for p in reversed(field) if isinstance(p, str)), "")
        if self.refs is not None:
            text = self.refs.replace(text, doc, at)
        self.picked.append(Picked(doc, at, name, text))
        return text

    def _note(self, doc: Document, loc: PathKey) -> None:
        self.missing.append(
            doc.problem(
                loc,
                f"no '{self.language}' text: add '{self.language}: ...' so this is not shown "
                f"in '{self.fallback}'",
                severity="warning",
            )
        )
