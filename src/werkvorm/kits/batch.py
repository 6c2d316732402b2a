"""Build many kits at once, each in a worker process with a time and a memory limit.

A kit that fails, hangs or runs out of memory is reported and the others go on.
Workers are started with the ``spawn`` method on every system (the only one Windows
has, and the safe one on macOS), stay warm for the next kit, and tell the parent which
document they are rendering; the parent stops a worker whose document outlives the time
limit. A memory limit is set inside the worker where the system offers one (POSIX).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from werkvorm.errors import Problem, ProjectError, display_path
from werkvorm.kits.jobs import Interrupted, KitJob, KitOutcome
from werkvorm.kits.layout import client_key, kit_name
from werkvorm.kits.options import BuildOptions
from werkvorm.project.folder import Project

DEFAULT_TIMEOUT = 120  # seconds per document
DEFAULT_MEMORY_MB = 4096  # address space per worker
RECYCLE_MB = 150  # a worker holding more than this after a kit makes way for a fresh one


def _job(kind: str, path: Path) -> KitJob:
    return KitJob("client" if kind == "client" else "workshop", path)


def _target(project: Project, name: str) -> KitJob:
    """A workshop, client or programme (workshops/programmes/NAME.yaml) by name or path."""
    programme = project.programme(name)
    if programme is None:
        return _job(*project.target(name))
    if "/" not in name and "\\" not in name:
        for other in (project.clients_dir, project.workshops_dir):
            if (other / f"{name}.yaml").is_file():
                raise ProjectError(
                    f"'{name}' is both a programme and a {'client' if other == project.clients_dir else 'workshop'}: "
                    f"give the path, e.g. {display_path(programme)}"
                )
    return KitJob("programme", programme)


def _folder_key(job: KitJob) -> str:
    """``client/kit`` as the job writes it; a programme's client read from its file."""
    if job.kind != "programme":
        first = client_key(job.kind, job.path.stem)
        return first if job.kind == "client" else kit_name(None, job.path.stem)
    import re

    try:
        text = job.path.read_text(encoding="utf-8", errors="replace")[:200_000]
    except OSError:
        text = ""
    client = re.search(r"^client:\s*['\"]?([\w.-]+)", text, re.MULTILINE)
    return kit_name(client.group(1) if client else "?", job.path.stem)


def plan(project: Project, targets: list[str], everything: bool) -> list[KitJob]:
    """The kits to build, refusing two clients that would write into the same folder."""
    jobs = [_target(project, t) for t in targets]
    if everything:
        jobs += [KitJob("workshop", p) for p in project.workshops()]
        jobs += [KitJob("client", p) for p in project.clients()]
        jobs += [KitJob("programme", p) for p in project.programmes()]
    jobs = list(dict.fromkeys(jobs))
    folders: dict[str, KitJob] = {}
    problems: list[Problem] = []
    for job in jobs:
        key = _folder_key(job)
        if key in folders and folders[key].path != job.path:
            problems.append(
                Problem(
                    display_path(job.path),
                    message=f"would write into output/{key}/ like "
                    f"{folders[key].path.name}: rename one of the files",
                )
            )
        folders[key] = job
    if problems:
        raise ProjectError("two kits would share an output folder", problems)
    return jobs


def _current(project: Project, job: KitJob, options: BuildOptions) -> KitOutcome | None:
    """A skipped outcome when the kit's manifest shows it current, from the recorded
    inputs' hashes alone (no YAML, no models); None sends the kit to a worker, which
    loads it properly and still skips it if it turns out current."""
    from werkvorm.kits.manifest import current_folder
    from werkvorm.kits.staging import recover
    from werkvorm.resources import builtin_templates
    from werkvorm.schema.projectfile import PROJECT_FILE

    if options.participants is not None or job.kind == "programme":
        return None  # a programme is settled by its worker (its sessions are its own)
    templates = project.templates_dir if project.templates_dir.is_dir() else None
    base = project.root.resolve()
    roots = [project.workshops_dir.resolve(), builtin_templates(), base / PROJECT_FILE]
    if templates is not None:
        roots.append(templates.resolve())
    folder = current_folder(
        (options.out or project.output_dir).resolve(),
        job.kind,
        job.path.resolve(),
        templates,
        options.formats,
        options.fingerprint(),
        roots,
        base,
    )
    if folder is None:
        return None
    recover(folder)  # a killed build's hidden partial copy goes, also beside a current kit
    return KitOutcome(job=job, folder=str(folder), skipped=True)


def run(
    project: Project,
    jobs: list[KitJob],
    *,
    workers: int,
    options: BuildOptions,
    timeout: int = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    on_done: Callable[[KitOutcome], None] | None = None,
    work: Callable[..., object] | None = None,
    recycle_mb: int = RECYCLE_MB,
) -> list[KitOutcome]:
    """Build ``jobs`` with at most ``workers`` processes at a time.

    Kits whose outputs are current are settled here without a worker (a no-op rebuild
    costs a hash of the inputs, not a process). The rest start largest first, by the
    same estimate as the shards (a workshop's length times a client's participants), so
    no big kit is left alone at the end while the other workers idle. A worker holding
    more than ``recycle_mb`` after a kit is replaced by a fresh one (0: never). Ctrl-C
    stops every worker and raises :class:`Interrupted` with the kits that finished.
    ``work`` replaces the kit builder in the workers (tests use it to make a worker
    misbehave).
    """
    from werkvorm.kits.pool import Pool

    outcomes: dict[KitJob, KitOutcome] = {}

    def settle(outcome: KitOutcome) -> None:
        outcomes[outcome.job] = outcome
        if on_done:
            on_done(outcome)

    pending: list[KitJob] = []
    for job in jobs:
        current = None if options.force else _current(project, job, options)
        if current is not None:
            settle(current)
        else:
            pending.append(job)
    pending.sort(key=lambda j: (-_estimated_cost(j), j.kind, str(j.path)))
    if pending:
        pool = Pool(
            project, options, timeout=timeout, memory_mb=memory_mb, work=work, recycle_mb=recycle_mb
        )
        try:
            pool.run(pending, max(1, min(workers, len(pending))), settle)
        except KeyboardInterrupt:
            raise Interrupted([outcomes[j] for j in jobs if j in outcomes]) from None
    return [outcomes[j] for j in jobs]


def default_workers() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


# ---------------------------------------------------------------- shards for CI machines


def _estimated_cost(job: KitJob) -> int:
    """A rough size: the workshop file's length, times the participants of a client."""

    try:
        text = job.path.read_text(encoding="utf-8", errors="replace")[:200_000]
    except OSError:
        return 1
    if job.kind == "workshop":
        return max(1, len(text))
    if job.kind == "programme":
        return _programme_cost(job.path, text)
    return _client_cost(job.path, text)


def _client_cost(path: Path, text: str, workshop: str | None = None) -> int:
    """A client's workshop file size (or ``workshop``'s), times its participants."""
    import re

    named = re.search(r"^workshop:\s*['\"]?([\w.-]+)", text, re.MULTILINE)
    stem = workshop or (named.group(1) if named else None)
    size = 20_000
    if stem:
        found = path.parent.parent / f"{stem}.yaml"
        size = found.stat().st_size if found.is_file() else size
    people = 0
    listed = re.search(r"^participants:\s*['\"]?([^'\"\n#]+)", text, re.MULTILINE)
    if listed:
        csv = path.parent / listed.group(1).strip()
        if csv.is_file() and csv.stat().st_size < 50_000_000:
            people = max(0, csv.read_bytes().count(b"\n") - 1)
    return size * (1 + people)


def _programme_cost(path: Path, text: str) -> int:
    """The sum of its sessions' kits, as if each were its client's."""
    import re

    client = re.search(r"^client:\s*['\"]?([\w.-]+)", text, re.MULTILINE)
    profile = path.parent.parent / "clients" / f"{client.group(1) if client else '?'}.yaml"
    try:
        own = profile.read_text(encoding="utf-8", errors="replace")[:200_000]
    except OSError:
        own = ""
    workshops = re.findall(r"workshop:\s*['\"]?([\w.-]+)", text)
    return max(1, sum(_client_cost(profile, own, w) for w in workshops))


def shard(jobs: list[KitJob], index: int, count: int) -> list[KitJob]:
    """Share ``index`` (1-based) of ``count``: every kit in exactly one share, shares of
    about equal cost, the same on every machine (largest first, ties by name)."""
    if not 1 <= index <= count:
        raise ProjectError(f"--shard {index}/{count}: the first number must be 1 to {count}")
    # With n kits only the first n shares ever get one (each kit goes to the least
    # loaded share, the lowest number first): 1/100000000 costs what 1/n costs.
    loads = [0] * min(count, len(jobs))
    if index > len(loads):
        return []
    mine: list[KitJob] = []
    ordered = sorted(jobs, key=lambda j: (-_estimated_cost(j), j.kind, j.path.name))
    for job in ordered:
        target = min(range(len(loads)), key=lambda i: (loads[i], i))
        loads[target] += _estimated_cost(job)
        if target == index - 1:
            mine.append(job)
    return [j for j in jobs if j in mine]
