"""How the command line shows results: Rich on a terminal, plain lines in a pipe.

The library returns values (problems, outcomes, watch events); only this module and
``cli`` print.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from werkvorm.errors import Problem, WerkvormError, display_path

if TYPE_CHECKING:
    from werkvorm.kits.jobs import KitJob, KitOutcome
    from werkvorm.kits.options import BuildOptions
    from werkvorm.preview.watch import WatchEvent
    from werkvorm.project.folder import Project


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def error(exc: WerkvormError) -> None:
    err = console(stderr=True)
    err.print(f"[bold red]error:[/] {escape(exc.message)}")
    for p in exc.problems:
        err.print(p.format(), markup=False)


# ---------------------------------------------------------------- check


def check_json(files: int, problems: Sequence[Problem], error: str = "") -> str:
    """The report of ``check --output json``; ``error`` when no file could be checked."""
    errors = sum(1 for p in problems if p.severity == "error")
    data: dict[str, object] = {
        "files": files,
        "errors": errors + (1 if error else 0),
        "warnings": len(problems) - errors,
        "problems": [p.as_dict() for p in problems],
    }
    if error:
        data["error"] = error
    return json.dumps(
        data,
        indent=2,
        ensure_ascii=False,
    )


def check_text(
    files: int, problems: Sequence[Problem], *, verbose: bool, strict: bool = False
) -> None:
    """Problems per file; warnings of one kind folded into one line unless ``verbose``.
    The tick only when the check passes: with ``strict``, a warning fails it."""
    from werkvorm.kits.checks import Group, grouped

    out = console()
    current = None
    for item in problems if verbose else grouped(problems):
        if item.file != current:
            current = item.file
            out.print(f"[bold]{escape(item.file)}[/]")
        colour = {"error": "red", "warning": "yellow"}.get(item.severity, "cyan")
        out.print(f"  [{colour}]{item.severity}[/] ", end="")
        if isinstance(item, Group):
            out.print(item.format(), markup=False)
        else:
            out.print(item.format().removeprefix(item.file).lstrip(":"), markup=False)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = sum(1 for p in problems if p.severity == "warning")  # notes are no warnings
    summary = f"{files} file(s): {errors} error(s), {warnings} warning(s)"
    if errors:
        out.print(f"[red]✗[/] {summary}")
    elif strict and warnings:
        out.print(f"[red]✗[/] {summary}: with --strict a warning fails the check too")
    else:
        out.print(f"[green]✓[/] {summary}")


# ---------------------------------------------------------------- build


def kit_line(o: KitOutcome) -> str:
    if not o.ok:
        return f"[red]✗[/] {escape(o.job.label)}: {escape(o.error)}"
    where = escape(display_path(o.folder))
    if o.skipped:
        return f"[dim]= {where} (unchanged)[/]"
    note = f" [yellow]({o.warnings} warning(s): run werkvorm check)[/]" if o.warnings else ""
    printed = "".join(f"\n  [yellow]![/] {escape(w)}" for w in o.print_warnings)
    return f"[green]✓[/] {where}: {len(o.written)} file(s) in {o.seconds:.1f} s{note}{printed}"


def _show(out: Console, err: Console, o: KitOutcome, progress: str = "") -> None:
    """One kit, once: a line on stdout, or the failure with its problems on stderr;
    ``progress`` (kits done, failed, time left) ends the line."""
    line = kit_line(o) + (f" [dim]{escape(progress)}[/]" if progress else "")
    if o.ok:
        out.print(line)
        return
    out.file.flush()  # in a pipe, keep the lines in order
    err.print(line)
    for p in o.problems:
        err.print(f"  {p.format()}", markup=False)


def run_build(
    project: Project,
    kits: list[KitJob],
    workers: int,
    options: BuildOptions,
    timeout: int,
) -> list[KitOutcome]:
    """Build with progress: a bar with kits done, failed and time left on a terminal;
    one plain line per finished kit in a pipe."""
    from werkvorm.kits import batch

    out, err = console(), console(stderr=True)

    def run(done: Callable[[KitOutcome], None]) -> list[KitOutcome]:
        return batch.run(
            project, kits, workers=workers, options=options, timeout=timeout, on_done=done
        )

    if len(kits) == 1:
        return run(lambda o: _show(out, err, o))
    if not out.is_terminal:  # a pipe or a CI log: the progress on every kit's line
        tally = Tally(len(kits), time.monotonic())
        return run(lambda o: _show(out, err, o, tally.step(o, time.monotonic())))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        "[red]{task.fields[failed]}[/]",
        "left",
        TimeRemainingColumn(),
        console=out,
        transient=True,
    ) as progress:
        task = progress.add_task("building kits", total=len(kits), failed="")
        failed = 0

        def done(o: KitOutcome) -> None:
            nonlocal failed
            _show(progress.console, err, o)
            failed += 0 if o.ok else 1
            progress.update(task, advance=1, failed=f"{failed} failed" if failed else "")

        return run(done)


class Tally:
    """Kits done and failed, and the time left, for a log without a progress bar."""

    def __init__(self, total: int, start: float) -> None:
        self.total, self.start, self.done, self.failed = total, start, 0, 0

    def step(self, o: KitOutcome, now: float) -> str:
        self.done += 1
        self.failed += 0 if o.ok else 1
        text = f"[{self.done}/{self.total}"
        text += f", {self.failed} failed" if self.failed else ""
        left = self.total - self.done
        if left and self.done:
            seconds = (now - self.start) / self.done * left
            text += (
                f", about {seconds / 60:.0f} min left"
                if seconds >= 90
                else (f", about {seconds:.0f} s left")
            )
        return text + "]"


def deck_font(outcomes: Sequence[KitOutcome]) -> None:
    """One line after the kits when a deck was written in a font this computer lacks."""
    from werkvorm.cli.doctor import deck_font_notice

    notice = deck_font_notice([p for o in outcomes if o.ok for p in o.written])
    if notice:
        console().print(f"[yellow]![/] {escape(notice)}")


def build_summary(outcomes: Sequence[KitOutcome], seconds: float) -> str:
    built = sum(1 for o in outcomes if o.ok and not o.skipped)
    skipped = sum(1 for o in outcomes if o.skipped)
    failed = sum(1 for o in outcomes if not o.ok)
    files = sum(len(o.written) for o in outcomes)
    text = (
        f"{len(outcomes)} kits: {built} built ({files} files), {skipped} unchanged, "
        f"{failed} failed, in {seconds:.0f} s"
    )
    if failed:
        return f"[bold red]{text}[/] (the kits that failed were left as they were)"
    return f"[green]✓[/] {text}"


def stopped(finished: Sequence[KitOutcome], total: int) -> None:
    names = ", ".join(o.job.label for o in finished) or "none"
    console(stderr=True).print(
        f"stopped: {len(finished)} of {total} kit(s) finished ({escape(names)}); "
        "the others are as they were before",
        markup=True,
    )


# ---------------------------------------------------------------- watch


def watch_event(out: Console) -> Callable[[WatchEvent], None]:
    started = time.monotonic()

    def show(event: WatchEvent) -> None:
        if event.kind == "built":
            out.print(f"[green]✓[/] preview rebuilt in {event.seconds:.1f} s")
        elif event.kind == "failed":
            out.print(f"[red]✗[/] {escape(event.message)}")
            for line in event.details:
                out.print(f"  {line}", markup=False)
        elif event.kind == "extra-built":
            again = f"{len(event.details)} of {event.total} documents laid out again"
            out.print(f"[green]✓[/] {escape(event.message)} in {event.seconds:.1f} s ({again})")
        elif event.kind == "extra-failed":
            out.print(f"[red]✗[/] {escape(event.message)}")
        elif event.kind == "serving":
            out.print(f"preview: {event.url}  (Ctrl-C stops)")
        elif event.kind == "stopped":
            out.print(f"stopped after {time.monotonic() - started:.0f} s")

    return show
