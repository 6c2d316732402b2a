"""Kits: building, checking and batching the documents of a workshop for a client."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from werkvorm.errors import Problem
    from werkvorm.project.folder import Project

# Checks that layers above add to ``werkvorm check`` (``live``: blocks that ran over in
# most runs); each gets the project and the files checked and returns more problems.
MORE_CHECKS: list[Callable[[Project, list[Path]], list[Problem]]] = []
