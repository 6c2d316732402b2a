"""Packaging hook: the wheel carries the built-in templates and fonts as real files.

In the repository, ``src/werkvorm/templates`` is a symlink to the top-level
``templates/`` (DESIGN.md keeps templates at the top). A symlink does not survive every
checkout (Windows), sdist or wheel, so the build copies ``templates/`` into the package
instead of following it. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithTemplates(build_py):  # type: ignore[misc]
    """build_py, then ``templates/`` copied into ``werkvorm/templates`` as files."""

    def run(self) -> None:
        super().run()
        source = ROOT / "templates"
        if not (source / "handout.html.j2").is_file():
            raise SystemExit(f"werkvorm build: {source} is missing its templates")
        target = Path(self.build_lib) / "werkvorm" / "templates"
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithTemplates})
