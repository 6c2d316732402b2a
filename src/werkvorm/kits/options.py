"""What a build makes and where: one frozen value from the command line (or the Python
API) through the batch to the kit builder.

Every option is checked here, once, so a wrong value from Python gets the same clear
message as one from the command line, never a KeyError deep inside a renderer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypedDict, Unpack, cast, get_args

from werkvorm.errors import WerkvormError

Format = Literal["pdf", "pptx", "html", "slides", "evaluation", "followup", "badges", "docx"]
Paper = Literal["a4", "a5", "letter"]
FORMATS: tuple[Format, ...] = get_args(Format)
# What a plain `build` makes; the printed extras come with "pdf" (see ``wanted``).
DEFAULT_FORMATS: tuple[Format, ...] = ("pdf", "pptx", "html")
WITH_PDF: tuple[Format, ...] = ("evaluation", "followup", "badges")


def wanted(formats: Iterable[str], *, slides_handout: bool = False) -> set[str]:
    """The formats a build really makes: ``pdf`` brings the evaluation form, the
    follow-up and the badges, and the slides handout when the client asks for it."""
    out = set(formats)
    if "pdf" in out:
        out.update(WITH_PDF)
        if slides_handout:
            out.add("slides")
    return out


PAPERS: tuple[Paper, ...] = get_args(Paper)


class OptionError(WerkvormError):
    """A build option has a value werkvorm cannot use."""


def _formats(value: object) -> tuple[Format, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise OptionError(
            f"formats must be a list such as ['pdf', 'html'], not {value!r}: "
            f"choose from {', '.join(FORMATS)}"
        )
    given = list(value)
    unknown = [f for f in given if f not in FORMATS]
    if unknown or not given:
        shown = ", ".join(map(repr, unknown)) or "nothing"
        raise OptionError(f"unknown format {shown}: choose from {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in given)


class Shorthand(TypedDict, total=False):
    """The options as keywords, for the Python API (``werkvorm.build(..., paper="a5")``)."""

    formats: Iterable[str] | None
    out: Path | None
    force: bool
    paper: str | None
    participants: Path | None
    booklet: bool


@dataclass(frozen=True)
class BuildOptions:
    """How to build a kit.

    ``formats``: which documents (``pdf``: handout, guide, the personal copies, and
    with them the evaluation form, the follow-up and the badges, which can also be
    asked for alone; ``pptx``: the deck; ``html``: the web handout; ``slides``: the
    slides handout; ``docx``: handout and guide as Word documents). ``booklet``: also the A5 booklet. ``out``: the output folder (default:
    the project's ``output/``). ``force``: rebuild even when nothing changed. ``paper``:
    ``a4``, ``a5`` or ``letter`` instead of the client's. ``participants``: a list to use
    instead of the client's own. ``parallel``: lay out a kit's documents in two processes
    where the machine can (the command line does so when it builds a single kit).
    """

    formats: tuple[Format, ...] = DEFAULT_FORMATS
    out: Path | None = None
    force: bool = False
    paper: Paper | None = None
    participants: Path | None = None
    booklet: bool = False
    parallel: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "formats", _formats(self.formats))
        for name in ("out", "participants"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                raise OptionError(
                    f"{name} must be a pathlib.Path, not {value!r}: write {name}=Path({value!r})"
                )
        if self.paper is not None and self.paper not in PAPERS:
            raise OptionError(
                f"paper must be one of {', '.join(map(repr, PAPERS))}, not {self.paper!r}"
            )
        if not isinstance(self.force, bool):
            raise OptionError(f"force must be True or False, not {self.force!r}")

    def fingerprint(self) -> dict[str, str | None]:
        """The options that change what a kit looks like (recorded in its manifest)."""
        return {
            "paper": self.paper,
            "participants": str(self.participants) if self.participants else None,
            **({"booklet": "yes"} if self.booklet else {}),
        }

    @classmethod
    def of(cls, **given: Unpack[Shorthand]) -> BuildOptions:
        """Options from plain values (as the Python API takes them), each checked."""
        formats = given.get("formats")
        return cls(
            formats=cast("tuple[Format, ...]", DEFAULT_FORMATS if formats is None else formats),
            out=given.get("out"),
            force=given.get("force", False),
            paper=cast("Paper | None", given.get("paper")),
            participants=given.get("participants"),
            booklet=given.get("booklet", False),
        )
