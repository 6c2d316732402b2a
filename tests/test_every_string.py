"""Every string, every output: hostile text in every text field of a workshop, a module, a
client, a participant list and werkvorm.yaml, every format built, and each output holds
the text as written (or the build ends in a clear message).

How it works: every field gets its own tag (``Qa01`` ...) followed by the string under
test. A first build with a plain string learns which tags each output shows; a build
with a hostile string must show the same tags, each followed by the string, in every
output. An output added to werkvorm (a Word file, a calendar) needs one line in
:data:`READERS` if its extension is new; nothing else.

The property test runs in the slow tier with a fixed seed and a bounded number of
examples; a failing example it ever found is kept as an ``@example`` (and so runs every
time).
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import REPO
from werkvorm.cli.main import app
from werkvorm.render.typography import place_name

pytestmark = pytest.mark.slow
runner = CliRunner()
FORMATS = "pdf,pptx,html,slides,evaluation,followup,badges"
PLAIN = "Zebravink"

# The pieces the issue names; hypothesis joins a few of them into one string.
PIECES = [
    "Bakker & Zoon",
    "a < b > c",
    "\"dubbel\" en 'enkel'",
    "]]>",
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "100% %s %(x)s",
    "feest 🎉 👩‍💻",
    "שלום עולם",
    "مرحبا",
    "e\u0301e\u0308",  # combining marks
    "zero\u200bwidth\u200d",
    "x" * 300,  # a 300-character word
    "Joëlle Kramer-Öztürk",
    "&amp; &lt;",
    "\\ back\\slash",
    "twee\nregels",  # a newline in a one-line field (a title, a name)
    "tab\there",
]


# ------------------------------------------------------------------ reading the outputs


def _pdf(path: Path) -> str:
    """The text a reader copies from the PDF (PDFium, as in Chrome: pypdf scatters a line
    that holds an emoji drawn from another font)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def _office(path: Path) -> str:
    """Every text node and attribute value of every XML part (slides, notes, core
    properties, picture names and alt text), unescaped."""
    from lxml import etree

    texts, attributes = [], []
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert len(names) == len(set(names)), f"{path.name} has duplicate zip entries"
        for name in names:
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(zf.read(name))
            texts += [el.text or "" for el in root.iter()]
            attributes += [v for el in root.iter() for v in el.attrib.values()]
    return "\n".join(texts) + "\n" + "\n".join(attributes)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "script")
        self.parts += [v for k, v in attrs if v and k in ("alt", "title", "content")]

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _html(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def _markdown(path: Path) -> str:
    """Markdown as a mail program shows it: entities and backslash escapes resolved."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return html.unescape(text)


READERS: dict[str, Callable[[Path], str]] = {
    ".pdf": _pdf,
    ".pptx": _office,
    ".docx": _office,
    ".html": _html,
    ".md": _markdown,
    ".ics": lambda p: p.read_text(encoding="utf-8").replace("\r\n ", "").replace("\\", ""),
}


QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def comparable(text: str, *, symbols: bool = True) -> str:
    """What survives any faithful output: no whitespace, no invisible format characters
    (zero-width joiners, soft hyphens, direction marks), composed characters, straight
    quotes for typographic ones (Markdown's typographer); without ``symbols`` (emoji),
    for a PDF made where no installed font has them (werkvorm warns)."""
    # PDFium reads a hyphen at a line break as U+FFFE: hyphens are not compared
    text = unicodedata.normalize("NFC", text).translate(QUOTES).replace("\ufffe", "")
    # nor a hyphen set at a line break, nor the non-breaking hyphen (U+2011, the same
    # glyph) that keeps a short compound such as "Kramer-Öztürk" whole on a slide
    text = text.replace("-", "").replace("\u2010", "").replace("\u2011", "")
    return "".join(
        c
        for c in text
        if not c.isspace()
        and unicodedata.category(c) != "Cf"
        and (symbols or unicodedata.category(c) != "So")
    )


def shown_after(flat: str, tag: str, wanted: str) -> bool:
    """Whether ``tag`` is followed by the whole text, or by a start of it cut with an
    ellipsis (a running header or a footer shortens, that is not a loss)."""
    for found in re.finditer(re.escape(tag), flat):
        after = flat[found.end() : found.end() + len(wanted) + 1]
        if after.startswith(wanted):
            return True
        pairs = enumerate(zip(after, wanted, strict=False))
        common = next((i for i, (a, b) in pairs if a != b), min(len(after), len(wanted)))
        if after[common : common + 1] == "…" or after[max(common - 1, 0) : common] == "…":
            return True
    return False


# ------------------------------------------------------------------ the project


class Tags:
    """A unique tag per field: ``Qa01 <text>``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.fields: dict[str, str] = {}

    def __call__(self, field: str) -> str:
        tag = f"Q{chr(97 + len(self.fields) // 100)}{len(self.fields) % 100:02d}"
        self.fields[tag] = field
        return f"{tag} {self.text}"


def _workshop(t: Tags) -> dict[str, Any]:
    return {
        "title": t("workshop.title"),
        "subtitle": t("workshop.subtitle"),
        "language": "nl",
        "duration": 120,
        "audience": t("workshop.audience"),
        "summary": t("workshop.summary"),
        "goals": [t("workshop.goals")],
        "materials": [t("workshop.materials")],
        "background": t("workshop.background"),
        "preparation": t("workshop.preparation"),
        "takeaways": [t("workshop.takeaways")],
        "evaluation": [{"question": t("workshop.evaluation.question"), "lines": 2}],
        "sources": [
            {
                "author": t("sources.author"),
                "title": t("sources.title"),
                "publication": t("sources.publication"),
                "year": 2020,
                "url": "https://example.org/a?b=1&c=2",
            }
        ],
        "agenda": [
            {
                "id": "een",
                "title": t("block.title"),
                "minutes": 60,
                "intro": t("block.intro"),
                "facilitator": t("block.facilitator"),
                "materials": [t("block.materials")],
                "goals": [t("block.goals")],
                "takeaways": [t("block.takeaways")],
                "slides": [
                    {
                        "title": t("slide.title"),
                        "bullets": [t("slide.bullets")],
                        "notes": t("slide.notes"),
                    },
                    {"quote": t("slide.quote"), "by": t("slide.by")},
                    {"questions": [t("slide.questions")]},
                    {
                        "image": "images/foto.png",
                        "caption": t("slide.caption"),
                        "alt": t("slide.alt"),
                    },
                ],
                "exercise": {
                    "title": t("exercise.title"),
                    "instructions": t("exercise.instructions"),
                    "worksheet": [
                        {"question": t("worksheet.question"), "lines": 2},
                        {
                            "scale": t("worksheet.scale"),
                            "labels": [t("worksheet.labels.low"), t("worksheet.labels.high")],
                        },
                        {"checklist": [t("worksheet.checklist")]},
                        {"table": {"columns": [t("worksheet.table.columns")], "rows": 2}},
                    ],
                },
            },
            {"break": 15, "title": t("break.title")},
            {"use": "modules/blok.yaml", "minutes": 45},
        ],
    }


def _module(t: Tags) -> dict[str, Any]:
    return {
        "id": "blok",
        "title": t("module.title"),
        "minutes": 45,
        "intro": t("module.intro"),
        "facilitator": t("module.facilitator"),
        "slides": [{"title": t("module.slide.title"), "bullets": [t("module.slide.bullets")]}],
    }


def _client(t: Tags) -> dict[str, Any]:
    return {
        "name": t("client.name"),
        "workshop": "proef",
        "logo": "logo.png",
        "booklet": True,
        "session": {
            "date": "2027-03-04",
            "start": "09:30",
            "location": t("session.location"),
            "facilitator": t("session.facilitator"),
        },
        "participants": "lijst.csv",
    }


def _project_file(t: Tags) -> dict[str, Any]:
    return {
        "trainer": {
            "name": t("trainer.name"),
            "organisation": t("trainer.organisation"),
            "email": "trainer@example.org",
        }
    }


def make_project(root: Path, text: str) -> Tags:
    """A project whose every text field holds ``text`` after its tag."""
    t = Tags(text)
    shutil.rmtree(root, ignore_errors=True)
    (root / "workshops" / "clients").mkdir(parents=True)
    (root / "workshops" / "modules").mkdir()
    (root / "workshops" / "images").mkdir()
    (root / "output").mkdir()
    logo = REPO / "workshops" / "clients" / "lindewaard-logo.png"
    shutil.copy(logo, root / "workshops" / "clients" / "logo.png")
    shutil.copy(logo, root / "workshops" / "images" / "foto.png")

    def dump(path: Path, data: dict[str, Any]) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), encoding="utf-8")

    dump(root / "workshops" / "proef.yaml", _workshop(t))
    dump(root / "workshops" / "modules" / "blok.yaml", _module(t))
    dump(root / "workshops" / "clients" / "klant.yaml", _client(t))
    dump(root / "werkvorm.yaml", _project_file(t))
    people = io.StringIO()
    writer = csv.writer(people, delimiter=";")
    writer.writerow(["naam", "organisatie"])
    writer.writerow([t("participant.name"), t("participant.organisation")])
    writer.writerow(["Jan Jansen", "Gemeente Haren"])
    (root / "workshops" / "clients" / "lijst.csv").write_text(people.getvalue(), "utf-8")
    return t


def build(root: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(root)
    return runner.invoke(app, ["build", "klant", "--format", FORMATS, "--force"])


def outputs(root: Path) -> Iterator[tuple[str, str]]:
    """Each output of the kit (by its name in the kit) and its text."""
    kit = root / "output" / "klant" / "proef"
    for path in sorted(kit.rglob("*")):
        reader = READERS.get(path.suffix)
        if path.is_file() and reader is not None:
            name = path.relative_to(kit).as_posix()
            if path.parent.name == "participants" and path.stem.startswith("qa"):
                name = "participants/<the participant>.pdf"
            yield name, reader(path)


def _rtl_unordered(text: str) -> str:
    """Each run of right-to-left letters by its letters alone, in any order."""
    return re.sub(r"[\u0590-\u08ff]+", lambda m: "".join(sorted(m.group())), text)


def shown_tags(root: Path, text: str, *, no_emoji_font: bool = False) -> dict[str, set[str]]:
    """For each output, the tags it shows followed by ``text``."""
    found: dict[str, set[str]] = {}
    for name, content in outputs(root):
        symbols = not (no_emoji_font and name.endswith(".pdf"))
        flat = comparable(content, symbols=symbols)
        wanted = comparable(text, symbols=symbols)
        # the one-page forms print a location's place name only, without what is in
        # brackets or after a comma (issue 25): that is the text as it should print there
        place = comparable(place_name(text), symbols=symbols)
        if name.endswith(".pdf"):  # PDFium reads right-to-left text in visual order
            flat, wanted = _rtl_unordered(flat), _rtl_unordered(wanted)
            place = _rtl_unordered(place)
        tags = {m.group(1) for m in re.finditer(r"(Q[a-z]\d\d)", flat)}
        found[name] = {
            tag
            for tag in tags
            if shown_after(flat, tag, wanted) or (place and shown_after(flat, tag, place))
        }
    return found


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Which fields each output shows, learnt from a build with a plain string."""
    root = tmp_path_factory.mktemp("plain") / "proj"
    make_project(root, PLAIN)
    with pytest.MonkeyPatch.context() as mp:
        result = build(root, mp)
    assert result.exit_code == 0, result.output
    return shown_tags(root, PLAIN)


def test_the_plain_build_shows_every_field_somewhere(baseline: dict[str, set[str]]) -> None:
    everywhere = set().union(*baseline.values())
    assert len(baseline) >= 10, sorted(baseline)
    assert len(everywhere) >= 40, sorted(everywhere)


CLEAR_ERROR = re.compile(r"\S+\.(yaml|csv|xlsx):\d+:\d+  \S")


def check_build(root: Path, text: str, baseline: dict[str, set[str]], mp: Any) -> None:
    tags = make_project(root, text)
    result = build(root, mp)
    output = result.output
    assert "bug in werkvorm" not in output and "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    if result.exit_code != 0:
        assert result.exit_code == 1 and CLEAR_ERROR.search(output), output
        return
    shown = shown_tags(root, text, no_emoji_font="no installed font has" in output)
    missing = {
        name: sorted(f"{tag} ({tags.fields[tag]})" for tag in want - shown.get(name, set()))
        for name, want in baseline.items()
    }
    missing = {name: tags for name, tags in missing.items() if tags}
    assert not missing, f"{text!r} lost in: {missing}"


hostile = st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map(" ".join)


@pytest.mark.parametrize("piece", PIECES)
def test_each_piece_reaches_every_output(
    piece: str,
    baseline: dict[str, set[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    check_build(tmp_path / "proj", f"x {piece} y", baseline, monkeypatch)


@settings(
    derandomize=True,  # a fixed seed: the same examples every run
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=hostile)
@example(text="Waterschap Rijn & IJssel")  # the crash that opened issue 24
@example(text="Joëlle Kramer-Öztürk")  # found by this test: a hyphen at a line break
def test_hostile_strings_reach_every_output(
    text: str, baseline: dict[str, set[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_build(tmp_path / "proj", text, baseline, monkeypatch)
