"""``werkvorm watch PROGRAMME``: the binder as HTML, rebuilt on every save.

The preview shows the binder's front (cover, the programme at a glance, the contents)
and the sources of all sessions; each session's handout is a page of its own, linked
from the contents (``01-kanteling.html``). Everything is written into
``output/.preview/<client>/<programme>/``, never into the programme's own folder. Only
HTML is made: the binder's PDF is bound from the sessions' PDFs, which ``build`` makes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from werkvorm.errors import WerkvormError
from werkvorm.kits.layout import PREVIEW, kit_folder
from werkvorm.kits.options import BuildOptions
from werkvorm.preview.server import Preview
from werkvorm.preview.watch import DEFAULT_PORT, WatchEvent, serve_until_stopped
from werkvorm.project.folder import Project


def preview_files(project: Project, path: Path) -> tuple[Path, dict[str, str]]:
    """The programme's preview folder and its pages: ``handout.html`` (the binder, the
    page the preview server shows first) and one page per session."""
    from werkvorm.kits.programme import plan_programme
    from werkvorm.render.binder import binder_html
    from werkvorm.render.html import handout_html

    plan = plan_programme(project, path, BuildOptions(formats=("html",)))
    templates = project.templates_dir if project.templates_dir.is_dir() else None
    programme = plan.programme
    pages = {"handout.html": binder_html(programme, templates, link="{folder}.html")}
    for part, session in zip(programme.parts, programme.sessions, strict=True):
        pages[f"{part.folder}.html"] = handout_html(session, templates, preview=True)
    out = project.output_dir / PREVIEW
    return kit_folder(out, programme.client_id, programme.stem), pages


class ProgrammeRebuilder:
    """One rebuild of the preview after a save, reported as a :class:`WatchEvent`."""

    def __init__(self, project: Project, path: Path, report: Callable[[WatchEvent], None]) -> None:
        self.project, self.path, self.report = project, path, report
        self.preview = Preview(project.output_dir / PREVIEW)

    def __call__(self) -> None:
        from werkvorm.project.scaffold import write_text_atomic

        start = time.monotonic()
        try:
            folder, pages = preview_files(self.project, self.path)
        except WerkvormError as exc:
            lines = tuple(p.format() for p in exc.problems) or (exc.message,)
            self.preview.publish(None, [exc.message, *lines] if exc.problems else list(lines))
            self.report(WatchEvent("failed", exc.message, lines))
            return
        for name, text in pages.items():
            write_text_atomic(folder / name, text)
        built = folder.relative_to((self.project.output_dir / PREVIEW).resolve())
        self.preview.publish(folder, [], self.project.output_dir.resolve() / built)
        self.report(WatchEvent("built", seconds=time.monotonic() - start))


def watch_programme(
    project: Project,
    path: Path,
    *,
    open_browser: bool = False,
    port: int = DEFAULT_PORT,
    on_event: Callable[[WatchEvent], None] = lambda event: None,
) -> None:
    """Build the binder's preview, serve it, and rebuild it on every save until Ctrl-C."""
    rebuild = ProgrammeRebuilder(project, path, on_event)
    rebuild()
    serve_until_stopped(project, rebuild.preview, rebuild, port, open_browser, on_event)
