"""References from a text to a block: ``{{block:regels-of-netiquette}}`` in any text
prints the number and title that block has in this kit, after the client's ``omit`` and
re-timing, so a note can never send the trainer to the wrong block.

Texts are never run as templates: only this one exact form is replaced, anything else in
braces (``{{ 7*7 }}``) prints as typed. A reference to a block that does not exist, or
that the client leaves out, is an error pointing at the text that holds it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from werkvorm.errors import Problem
from werkvorm.schema.source import Document, PathKey

REFERENCE = re.compile(r"\{\{\s*block\s*:\s*([^{}]*?)\s*\}\}")


@dataclass
class BlockRefs:
    """What a reference can name in this kit, and the problems the texts' references had."""

    kept: dict[str, tuple[int, str]]  # id: (number in this kit, title)
    omitted: dict[str, str]  # id: where the client leaves it out ("clients/x.yaml")
    dropped: dict[str, str]  # id: title, for optional blocks fitting left out
    labels: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def replace(self, text: str, doc: Document, loc: PathKey) -> str:
        """The text with each reference as "‘Title’ (blok 3)"; problems noted."""
        if "{{" not in text:
            return text
        return REFERENCE.sub(lambda m: self._one(m.group(1), doc, loc), text)

    def _one(self, name: str, doc: Document, loc: PathKey) -> str:
        if name in self.kept:
            number, title = self.kept[name]
            return self.labels["block_ref"].format(number=number, title=title)
        if name in self.dropped:
            return self.labels["block_ref_dropped"].format(title=self.dropped[name])
        if name in self.omitted:
            message = (
                f"refers to block '{name}', which {self.omitted[name]} leaves out ('omit'): "
                "reword the text, or keep the block for this client"
            )
        else:
            known = [*self.kept, *self.omitted, *self.dropped]
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            hint = f": did you mean '{close[0]}'?" if close else f" (block ids: {', '.join(known)})"
            message = f"refers to block '{name}', but there is no block with that id{hint}"
        self.problems.append(doc.problem(loc, message))
        return name
