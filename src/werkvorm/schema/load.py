"""Load a workshop with its modules, or a client with its workshop, checking every file.

This is the only stage that touches the file system for inputs: it reads the YAML,
resolves ``use:``, image, logo and template paths (inside their own folder tree only),
and checks that images are real images. Everything after it works on what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from werkvorm.errors import InputError, Problem, TemplateError, display_path
from werkvorm.project.folder import placed, require_regular_file
from werkvorm.schema.limits import (
    MAX_BLOCKS,
    MAX_SLIDES,
    fix_source_urls,
    limit_problems,
    link_warnings,
    too_many,
)
from werkvorm.schema.messages import problems_from
from werkvorm.schema.models import Block, Client, Use, Workshop
from werkvorm.schema.participants import Participant, read_participants
from werkvorm.schema.paths import require_inside, resolve_inside, workshop_reference
from werkvorm.schema.source import Document, PathKey, read_document

__all__ = ["load_client", "load_module", "load_workshop", "resolve_inside"]

IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_BYTES = 20_000_000
MAX_TEMPLATE_BYTES = 300_000_000
_BLOCKS = TypeAdapter(list[Block])


@dataclass
class LoadedModule:
    doc: Document
    blocks: list[Block]
    # pydantic path prefix of each block inside the module file: () or (i,)
    single: bool


@dataclass
class LoadedWorkshop:
    """A validated workshop, the modules it uses and the files it points at."""

    stem: str
    doc: Document
    workshop: Workshop
    root: Path  # the folder tree its files may come from
    modules: dict[str, LoadedModule] = field(default_factory=dict)
    images: dict[tuple[Path, str], Path] = field(default_factory=dict)
    # Findings that do not stop a build (links that print as text), for check and compose.
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class LoadedClient:
    stem: str
    doc: Document
    client: Client
    root: Path
    logo: Path | None = None
    deck_template: Path | None = None
    word_template: Path | None = None
    participants: Path | None = None
    people: list[Participant] = field(default_factory=list)
    people_warnings: list[Problem] = field(default_factory=list)
    workshop_path: Path | None = None  # the file its ``workshop:`` names, checked


def check_image(doc: Document, loc: PathKey, path: Path, problems: list[Problem]) -> None:
    """A real raster image of sane size: Pillow opens and decodes it in full, once per
    file and version (the same picture on 20 slides is decoded once)."""
    name = display_path(path)
    try:
        require_regular_file(path, max_bytes=MAX_IMAGE_BYTES, what="image")
        info = path.stat()
    except (InputError, OSError):
        problems.append(doc.problem(loc, f"{name} is larger than 20 MB: make it smaller"))
        return
    verdict = _image_verdict(str(path.resolve()), info.st_size, info.st_mtime_ns, name)
    if verdict:
        problems.append(doc.problem(loc, verdict))


@lru_cache(maxsize=256)
def _image_verdict(path_text: str, size: int, mtime_ns: int, name: str) -> str:
    """What is wrong with the image at ``path_text`` (size and time: its version), or ""."""
    from PIL import Image  # Pillow costs import time; only image checks need it

    del size, mtime_ns  # part of the cache key only
    if path_text.lower().endswith(".svg"):
        return f"{name} is an SVG; slides need a PNG or JPEG: export it as PNG"
    try:
        with Image.open(path_text, formats=list(IMAGE_FORMATS)) as im:
            if im.width * im.height > MAX_IMAGE_PIXELS:
                return (
                    f"{name} is {im.width}x{im.height} pixels; at most 40 megapixels: scale it down"
                )
            im.load()
    except Image.DecompressionBombError:
        return f"{name} claims an enormous size: scale it down"
    except MemoryError:
        raise  # the worker's memory limit, not a damaged image
    except Exception:
        return (
            f"{name} is not a PNG, JPEG, GIF or WebP image "
            "(or it is damaged): export it again as PNG"
        )
    return ""


def _validate(doc: Document, model: Any, problems: list[Problem]) -> Any:
    """The model, or None with every problem: limits first, then the model's own."""
    limits = limit_problems(doc)
    if model is Workshop:
        limits += fix_source_urls(doc)
    problems.extend(limits)
    if limits and too_many(doc):
        return None
    try:
        valid = model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(p for p in problems_from(exc, doc, model) if p not in limits)
        return None
    return None if limits else valid


def _check_slides(
    doc: Document,
    prefix: PathKey,
    block: Block,
    root: Path,
    images: dict[tuple[Path, str], Path],
    problems: list[Problem],
) -> None:
    for s, slide in enumerate(block.slides or []):
        if slide.image is None:
            continue
        loc = (*prefix, "slides", s, "image")
        path = resolve_inside(doc, loc, slide.image, root, problems, what="image")
        if path is not None:
            before = len(problems)
            check_image(doc, loc, path, problems)
            if len(problems) == before:
                images[(doc.path, slide.image)] = path


def _paths_in_raw_data(doc: Document, root: Path, problems: list[Problem]) -> None:
    """When the file does not validate, still report missing modules and images, so the
    trainer sees every problem of the file at once."""
    agenda = doc.data.get("agenda") if isinstance(doc.data, dict) else None
    for i, item in enumerate(agenda if isinstance(agenda, list) else []):
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("use"), str):
            resolve_inside(doc, ("agenda", i, "use"), item["use"], root, problems, what="module")
        slides = item.get("slides")
        for s, slide in enumerate(slides if isinstance(slides, list) else []):
            if isinstance(slide, dict) and isinstance(slide.get("image"), str):
                resolve_inside(
                    doc,
                    ("agenda", i, "slides", s, "image"),
                    slide["image"],
                    root,
                    problems,
                    what="image",
                )


def load_workshop(path: Path, root: Path | None = None) -> LoadedWorkshop:
    """Read and validate a workshop and its modules; all problems at once, or a result.

    ``root`` is the folder tree its files may come from (the project's ``workshops/``);
    a symlinked workshop file keeps the link's place and must lead inside ``root``.
    """
    path = placed(path)
    root = (root or path.parent).resolve()
    require_inside(path, root, what="workshop")
    doc = read_document(path)
    problems: list[Problem] = []
    workshop = _validate(doc, Workshop, problems)
    if workshop is None:
        _paths_in_raw_data(doc, root, problems)
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    loaded = LoadedWorkshop(stem=path.stem, doc=doc, workshop=workshop, root=root)
    used: dict[Path, int] = {}
    for i, item in enumerate(workshop.agenda):
        if isinstance(item, Block):
            _check_slides(doc, ("agenda", i), item, root, loaded.images, problems)
        elif isinstance(item, Use):
            _use_module(loaded, i, item, used, problems)
    problems += _totals(loaded)
    if problems:
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    loaded.warnings = link_warnings(doc)
    for module in loaded.modules.values():
        loaded.warnings += link_warnings(module.doc)
    return loaded


def _use_module(
    loaded: LoadedWorkshop, i: int, item: Use, used: dict[Path, int], problems: list[Problem]
) -> None:
    """Load the module of one ``use:`` line, reporting at that line what is wrong with it."""
    doc, loc = loaded.doc, ("agenda", i, "use")
    mpath = resolve_inside(doc, loc, item.use, loaded.root, problems, what="module")
    if mpath is None:
        return
    if mpath in used:
        line = doc.position(("agenda", used[mpath], "use")).line
        problems.append(
            doc.problem(
                loc,
                f"'{item.use}' is used twice (also line {line}): its blocks can be in the "
                "agenda once",
            )
        )
        return
    used[mpath] = i
    if mpath == loaded.doc.path.resolve():
        problems.append(doc.problem(loc, "a module must be a block file, not this workshop"))
        return
    try:
        module = load_module(mpath, loaded.root, loaded.images)
    except InputError as exc:
        problems.extend(_module_problems(doc, loc, item.use, exc))
        return
    if item.minutes is not None and len(module.blocks) != 1:
        problems.append(
            doc.problem(
                ("agenda", i, "minutes"),
                f"'{item.use}' has "
                f"{len(module.blocks)} blocks; re-time them one by one with "
                "the client's 'minutes:' instead",
            )
        )
    loaded.modules[item.use] = module


def _module_problems(doc: Document, loc: PathKey, use: str, exc: InputError) -> list[Problem]:
    """A workshop or client file named as a module gets one message at the ``use:`` line."""
    wrong = {"agenda": "a workshop", "duration": "a workshop", "workshop": "a client profile"}
    keys = {p.field.split(".")[0].split("[")[0] for p in exc.problems}
    for key, kind in wrong.items():
        if key in keys:
            return [doc.problem(loc, f"a module must be a block file; '{use}' is {kind}")]
    return exc.problems


def _totals(loaded: LoadedWorkshop) -> list[Problem]:
    """Blocks and slides of the whole workshop, modules included, within the limits."""
    blocks = [b for b in loaded.workshop.agenda if isinstance(b, Block)]
    for module in loaded.modules.values():
        blocks += module.blocks
    slides = sum(len(b.slides or []) for b in blocks)
    problems = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(
            loaded.doc.problem(
                ("agenda",),
                f"the workshop has {len(blocks)} blocks with its modules; at most "
                f"{MAX_BLOCKS}: split it into smaller workshops",
            )
        )
    if slides > MAX_SLIDES:
        problems.append(
            loaded.doc.problem(
                ("agenda",),
                f"the workshop has {slides} slides with its modules; at most "
                f"{MAX_SLIDES}: split it into smaller workshops",
            )
        )
    return problems


def load_module(path: Path, root: Path, images: dict[tuple[Path, str], Path]) -> LoadedModule:
    doc = read_document(path, allow_list=True)
    problems = limit_problems(doc)
    single = isinstance(doc.data, dict)
    blocks: list[Block] | None = None
    try:
        blocks = [Block.model_validate(doc.data)] if single else _BLOCKS.validate_python(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, Block))
    if blocks is not None:
        if not blocks:
            problems.append(doc.problem((), "the module has no blocks"))
        for i, block in enumerate(blocks):
            _check_slides(doc, () if single else (i,), block, root, images, problems)
    if problems or blocks is None:
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    return LoadedModule(doc=doc, blocks=blocks, single=single)


def word_template(
    doc: Document,
    relative: str,
    root: Path,
    problems: list[Problem],
    loc: PathKey = ("word_template",),
) -> Path | None:
    """A Word template inside ``root``: a .dotx or .docx without macros, checked now so a
    bad one is an error at its line (the DOCX renderer reads it again)."""
    from werkvorm.schema.wordfile import read_word_template

    found = resolve_inside(doc, loc, relative, root, problems, what="Word template")
    if found is None:
        return None
    try:
        read_word_template(found)
    except TemplateError as exc:
        problems.append(doc.problem(loc, exc.message))
        return None
    return found


def use_participants(client: LoadedClient, path: Path) -> None:
    """Replace the client's participant list by another file (``--participants``)."""
    client.participants = path.resolve()
    client.people, client.people_warnings = read_participants(client.participants)


def load_client(path: Path, workshops: Path | None = None) -> LoadedClient:
    """Read and validate a client profile and check the files it names.

    Its files come from its own folder (``workshops/clients/``, the link's place for a
    symlinked profile); its ``workshop:`` from ``workshops`` (default: the folder above).
    """
    path = placed(path)
    root = path.parent
    workshops = (workshops or (root.parent if root.name == "clients" else root)).resolve()
    require_inside(path, root, what="client profile")
    doc = read_document(path)
    problems: list[Problem] = []
    client = _validate(doc, Client, problems)
    if client is None:
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    loaded = LoadedClient(stem=path.stem, doc=doc, client=client, root=root)
    loaded.workshop_path = workshop_reference(doc, client.workshop, workshops, problems)
    _client_files(loaded, problems)
    if problems:
        raise InputError(f"{doc.name} has {len(problems)} problem(s)", problems)
    return loaded


def _client_files(loaded: LoadedClient, problems: list[Problem]) -> None:
    doc, client, root = loaded.doc, loaded.client, loaded.root
    if client.logo:
        loaded.logo = resolve_inside(doc, ("logo",), client.logo, root, problems, what="logo")
        if loaded.logo:
            before = len(problems)
            check_image(doc, ("logo",), loaded.logo, problems)
            if len(problems) != before:
                loaded.logo = None
    if client.deck_template:
        loaded.deck_template = resolve_inside(
            doc, ("deck_template",), client.deck_template, root, problems, what="deck template"
        )
        if loaded.deck_template and loaded.deck_template.stat().st_size > MAX_TEMPLATE_BYTES:
            problems.append(
                doc.problem(
                    ("deck_template",),
                    "the template is larger than 300 MB: save it again without sample slides",
                )
            )
            loaded.deck_template = None
        if loaded.deck_template and loaded.deck_template.suffix.lower() not in (".pptx", ".potx"):
            problems.append(
                doc.problem(
                    ("deck_template",),
                    "must be a .pptx or .potx file (save it from PowerPoint as a template)",
                )
            )
    if client.word_template:
        loaded.word_template = word_template(doc, client.word_template, root, problems)
    if client.participants:
        loaded.participants = resolve_inside(
            doc, ("participants",), client.participants, root, problems, what="participant list"
        )
    if loaded.participants:
        try:
            loaded.people, loaded.people_warnings = read_participants(loaded.participants)
        except InputError as exc:
            problems.extend(exc.problems)
