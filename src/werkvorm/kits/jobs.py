"""What a batch hands its workers and gets back: a kit to build and how it went.

Shared by :mod:`werkvorm.kits.batch` (which plans and reports) and
:mod:`werkvorm.kits.pool` (which runs the workers), so neither imports the other's
internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from werkvorm.errors import Problem

JobKind = Literal["workshop", "client", "programme"]


@dataclass(frozen=True)
class KitJob:
    kind: JobKind
    path: Path

    @property
    def label(self) -> str:
        if self.kind == "programme":
            return f"{self.path.stem} (programme)"
        return self.path.stem if self.kind == "client" else f"{self.path.stem} (generic)"


@dataclass
class KitOutcome:
    job: KitJob
    folder: str = ""
    written: list[str] = field(default_factory=list)
    skipped: bool = False
    warnings: int = 0
    print_warnings: list[str] = field(default_factory=list)  # preflight, fonts (render)
    error: str = ""
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the workers are stopped; ``finished`` are the kits done."""

    def __init__(self, finished: list[KitOutcome]) -> None:
        super().__init__()
        self.finished = finished
