"""The command line's options and arguments, each written once with its help text.

A new command takes ``project: ProjectOption = None`` so ``--project`` works after the
command as well as before it.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from werkvorm.errors import WerkvormError


def complete_targets(incomplete: str) -> list[str]:
    """Shell completion: the workshop and client names of the project found from here."""
    try:
        from werkvorm.project.folder import find_project

        found = find_project(None)
        names = [p.stem for p in (*found.workshops(), *found.clients())]
    except (WerkvormError, OSError):
        return []
    return sorted(n for n in set(names) if n.startswith(incomplete))


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


class PaperChoice(StrEnum):
    a4 = "a4"
    a5 = "a5"
    letter = "letter"


def parse_formats(value: str) -> tuple[str, ...]:
    from werkvorm.kits.options import FORMATS

    wanted = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown)}: use {', '.join(FORMATS)}", param_hint="--format"
        )
    return wanted


def parse_shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    index, _, count = value.partition("/")
    ascii_digits = all(re.fullmatch(r"[0-9]{1,9}", part) for part in (index, count))
    if not ascii_digits or not 1 <= int(index) <= int(count):  # "²".isdigit() is True
        raise typer.BadParameter("write I/N, e.g. 1/4 (I from 1 to N)", param_hint="--shard")
    return int(index), int(count)


OpenOption = Annotated[
    bool | None,
    typer.Option(
        "--open/--no-open",
        metavar="",
        help="Open it in a browser. Default: when run in a terminal.",
        show_default=False,
    ),
]
ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        metavar="DIR",
        help="The project folder (the one with workshops/). Default: found from here upward.",
    ),
]
Target = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="A workshop or client name, or a path.",
        autocompletion=complete_targets,
    ),
]
Names = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="NAME",
        help="Workshop or client names (file stems) or paths.",
        show_default=False,
        autocompletion=complete_targets,
    ),
]
FileList = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="FILE",
        help="Workshop, client or participant-list files, or werkvorm.yaml. Default: "
        "werkvorm.yaml and every workshop and client.",
    ),
]
AllOption = Annotated[
    bool, typer.Option("--all", metavar="", help="Every workshop and every client.")
]
FormatsOption = Annotated[
    str,
    typer.Option(
        "--format",
        metavar="LIST",
        help="Comma-separated: pdf,pptx,html (default); also docx (handout and guide "
        "in Word), slides, evaluation, followup, badges.",
    ),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", metavar="DIR", help="Output folder. Default: output/.")
]
ForceOption = Annotated[
    bool, typer.Option("--force", metavar="", help="Rebuild even when nothing changed.")
]
PaperOption = Annotated[
    PaperChoice | None,
    typer.Option(
        "--paper", case_sensitive=False, help="a4, a5 or letter (default: the client's, else a4)."
    ),
]
ParticipantsOption = Annotated[
    Path | None,
    typer.Option(
        "--participants",
        metavar="FILE",
        help="A participant list (.csv or .xlsx) instead of the client's own.",
        exists=True,
        dir_okay=False,
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Kits built at once. Default: the number of cores."
    ),
]
TimeoutOption = Annotated[
    int,
    typer.Option("--timeout", min=1, metavar="SECONDS", help="Seconds one document may take."),
]
ShardOption = Annotated[
    str | None,
    typer.Option("--shard", metavar="I/N", help="With --all: build share I of N (for CI)."),
]


StrictOption = Annotated[bool, typer.Option("--strict", metavar="", help="Warnings fail too.")]
VerboseOption = Annotated[
    bool,
    typer.Option("--verbose", "-v", metavar="", help="List every warning, not one line per kind."),
]
BookletOption = Annotated[
    bool,
    typer.Option(
        "--booklet", metavar="", help="Also write handout-booklet.pdf (A5, two-up on A4)."
    ),
]
