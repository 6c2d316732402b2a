"""The input side of issue 12: paths confined to the project, files checked before they
are read, both YAML parsers agreeing, limits, link rules, participant lists and names."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import MINIMAL, REPO
from werkvorm.cli.main import app
from werkvorm.errors import InputError
from werkvorm.names import slugify
from werkvorm.project.folder import read_regular_file, require_regular_file
from werkvorm.render.text import relative_links, to_html, to_inline_html
from werkvorm.schema.links import safe_href, unsafe_markdown_links
from werkvorm.schema.load import load_client, load_workshop
from werkvorm.schema.participants import read_participants
from werkvorm.schema.pureyaml import PureLoader
from werkvorm.schema.source import parse_document

runner = CliRunner()
SHIPPED = sorted((REPO / "workshops").rglob("*.yaml"))


# ---------------------------------------------------------------- both YAML parsers


def _events(text: str, loader: type) -> list[tuple[str, object, int, int]]:
    return [
        (type(e).__name__, getattr(e, "value", None), e.start_mark.line, e.start_mark.column)
        for e in yaml.parse(text, Loader=loader)
    ]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_every_shipped_file_loads_the_same_with_and_without_libyaml(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    with_c = parse_document(path, text, allow_list=True, loader=yaml.CSafeLoader)
    pure = parse_document(path, text, allow_list=True, loader=PureLoader)
    assert with_c.data == pure.data
    assert with_c.values == pure.values and with_c.keys == pure.keys
    assert _events(text, yaml.CSafeLoader) == _events(text, PureLoader)


def test_a_question_mark_in_a_flow_list_loads_with_both_parsers() -> None:
    text = "columns: [Waarde, Zo ziet een klant het online, Wie doet het al?]\n"
    for loader in (yaml.CSafeLoader, PureLoader):
        doc = parse_document(Path("w.yaml"), text, loader=loader)
        assert doc.data["columns"][-1] == "Wie doet het al?"


@pytest.mark.parametrize(
    "text",
    ["a: [x?y, 'q?', \"r?\"]\n", "a: {k: v?}\n", "a: [b: c, d]\n", "a: [1, ? b]\n", "a: x?\n"],
)
def test_the_parsers_agree_on_odd_flow_text(text: str) -> None:
    try:
        expected = _events(text, yaml.CSafeLoader)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            _events(text, PureLoader)
        return
    assert _events(text, PureLoader) == expected


def test_deep_flow_nesting_stops_fast_with_the_pure_parser_too() -> None:
    for text in ("title: " + "[" * 999_000, "title: " + "[" * 150 + "]" * 150):
        for loader in (yaml.CSafeLoader, PureLoader):
            start = time.monotonic()
            with pytest.raises(InputError) as info:
                parse_document(Path("w.yaml"), text, loader=loader)
            assert time.monotonic() - start < 2
            assert "nested more than 40 levels" in info.value.problems[0].message


# ---------------------------------------------------------------- files before reading


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/zero are POSIX")
def test_regular_file_helper_refuses_devices_fifos_and_folders(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    for path, words in (
        (Path("/dev/zero"), "not an ordinary file"),
        (fifo, "not an ordinary file"),
        (tmp_path, "is a folder"),
        (tmp_path / "nope", "does not exist"),
    ):
        with pytest.raises(InputError) as info:
            require_regular_file(path)
        assert words in info.value.problems[0].message
    big = tmp_path / "groot.csv"
    with big.open("wb") as handle:
        handle.truncate(3_000_000_000)
    start = time.monotonic()
    with pytest.raises(InputError):
        read_regular_file(big, max_bytes=2_000_000, too_large="too large")
    assert time.monotonic() - start < 0.5
    small = tmp_path / "klein.txt"
    small.write_bytes(b"abc")
    assert read_regular_file(small, max_bytes=3) == b"abc"


# ---------------------------------------------------------------- paths and symlinks


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "workshops" / "clients").mkdir(parents=True)
    (root / "outside").mkdir()
    (root / "workshops" / "proef.yaml").write_text(MINIMAL, encoding="utf-8")
    (root / "outside" / "evil.yaml").write_text(
        MINIMAL.replace("Proef", "TOPSECRET"), encoding="utf-8"
    )
    return root


@pytest.mark.slow
def test_client_workshop_path_does_not_depend_on_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    client = root / "workshops" / "clients" / "klant.yaml"
    client.write_text("name: K\nworkshop: ../../outside/evil.yaml\n", encoding="utf-8")
    outputs = []
    for cwd in (root, root / "workshops" / "clients"):
        monkeypatch.chdir(cwd)
        result = runner.invoke(app, ["--project", str(root), "build", "klant", "--format", "html"])
        outputs.append((result.exit_code, "points outside" in result.output))
    assert outputs == [(1, True), (1, True)]
    assert not list((root / "output").rglob("*.html")) if (root / "output").exists() else True


def test_client_workshop_path_relative_to_the_client_file(tmp_path: Path) -> None:
    root = _project(tmp_path)
    client = root / "workshops" / "clients" / "klant.yaml"
    client.write_text("name: K\nworkshop: ../proef.yaml\n", encoding="utf-8")
    loaded = load_client(client)
    assert loaded.workshop_path == (root / "workshops" / "proef.yaml").resolve()


@pytest.mark.slow
def test_symlinked_client_gets_one_answer_from_check_file_check_and_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    (root / "outside" / "klant.yaml").write_text("name: K\nworkshop: proef\n", encoding="utf-8")
    os.symlink("../../outside/klant.yaml", root / "workshops" / "clients" / "klant.yaml")
    monkeypatch.chdir(root)
    answers = []
    for args in (
        ["check", "workshops/clients/klant.yaml"],
        ["check"],
        ["build", "klant", "--format", "html"],
    ):
        result = runner.invoke(app, args)
        answers.append(
            (result.exit_code, "is a link to outside/klant.yaml, outside workshops/clients/")
            if "is a link to outside/klant.yaml, outside workshops/clients/" in result.output
            else (result.exit_code, result.output)
        )
    assert answers == [(1, "is a link to outside/klant.yaml, outside workshops/clients/")] * 3


def test_workshop_symlink_inside_the_project_keeps_its_own_name(tmp_path: Path) -> None:
    root = _project(tmp_path)
    os.symlink("proef.yaml", root / "workshops" / "alias.yaml")
    loaded = load_workshop(root / "workshops" / "alias.yaml", root / "workshops")
    assert loaded.stem == "alias"


# ---------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("href", "safe"),
    [
        ("https://example.nl/x?a=1", "https://example.nl/x?a=1"),
        ("www.example.nl", "https://www.example.nl"),
        ("WWW.example.nl", "https://WWW.example.nl"),
        ("mailto:a@b.nl", "mailto:a@b.nl"),
        ("bijlage.pdf", None),
        ("//evil.example", None),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("file:///etc/passwd", None),
        ("data:text/html,x", None),
        ("ftp://x", None),
        ("https:example.nl", None),
        ("https://exa mple.nl", None),
    ],
)
def test_one_link_rule(href: str, safe: str | None) -> None:
    assert safe_href(href) == safe


def test_markdown_keeps_the_text_of_a_link_it_refuses() -> None:
    html = to_inline_html("Zie [de site](www.example.nl), [bijlage](bijlage.pdf) en [x](file:///a)")
    assert html == 'Zie <a href="https://www.example.nl">de site</a>, bijlage en x'
    assert "href" not in to_html("[a](javascript:alert(1)) [b](//evil)")
    assert relative_links("[a](bijlage.pdf) [b](https://x.nl)") == ["bijlage.pdf"]
    assert unsafe_markdown_links("[a](bijlage.pdf) [b](https://x.nl) [c](www.x.nl)") == [
        "bijlage.pdf"
    ]


def test_load_warns_about_links_that_print_as_text(write: Callable[..., Path]) -> None:
    path = write("proef.yaml", MINIMAL + "summary: 'Zie [bijlage](bijlage.pdf)'\n")
    loaded = load_workshop(path)
    assert [(w.line, w.field, w.severity) for w in loaded.warnings] == [(12, "summary", "warning")]
    assert "'bijlage.pdf' prints as plain text" in loaded.warnings[0].message


@pytest.mark.slow
def test_no_pdf_link_points_at_a_local_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    root = _project(tmp_path)
    summary = "summary: 'Zie [site](www.example.nl) en [bijlage](bijlage.pdf).'\n"
    (root / "workshops" / "proef.yaml").write_text(MINIMAL + summary, encoding="utf-8")
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["build", "proef", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    uris = []
    for page in PdfReader(root / "output" / "generic" / "proef" / "handout.pdf").pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    assert "https://www.example.nl" in uris
    assert [u for u in uris if not u.startswith(("https:", "http:", "mailto:"))] == []


# ---------------------------------------------------------------- participant lists


def _list(tmp_path: Path, data: bytes, name: str = "lijst.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1252"])
def test_every_encoding_excel_writes(tmp_path: Path, encoding: str) -> None:
    data = "naam;organisatie\r\nJosé Smit;Gemeente\r\n".encode(encoding)
    people, warnings = read_participants(_list(tmp_path, data))
    assert [p.name for p in people] == ["José Smit"] and warnings == []


def test_check_file_agrees_with_build_on_encodings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    clients = root / "workshops" / "clients"
    (clients / "lijst.csv").write_bytes("naam\tnaam\r\nŁukasz\tX\r\n".encode("utf-16"))
    (clients / "klant.yaml").write_text(
        "name: K\nworkshop: proef\nparticipants: lijst.csv\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["check", "workshops/clients/klant.yaml"])
    assert result.exit_code == 0 and "holds the same as column 1" in result.output, result.output


def test_binary_files_are_named_not_dumped(tmp_path: Path) -> None:
    for data, words in (
        (b"PK\x03\x04" + b"\x00" * 40, "a damaged zip file"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 40, "old Excel .xls"),
        (bytes(range(256)) * 4, "binary data"),
    ):
        with pytest.raises(InputError) as info:
            read_participants(_list(tmp_path, data))
        message = info.value.problems[0].message
        assert words in message and "Save as > CSV UTF-8" in message
        assert all(c.isprintable() for c in message)


def test_workbook_name_columns_and_values(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["First name", "Last name", "Company", "Email"],
        ["Bruce", "Lee", 1.0, "b@x.nl"],
        ["=1+1", "Formula", None, None],
    ):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    people, warnings = read_participants(_list(tmp_path, buffer.getvalue(), "lijst.xlsx"))
    assert [(p.name, p.organisation, p.email, p.row) for p in people] == [
        ("Bruce Lee", "1", "b@x.nl", 2),
        ("Formula", "", "", 3),  # a formula is never shown, only a value Excel saved
    ]
    assert warnings == []


def test_lossy_export_warnings_are_capped(tmp_path: Path) -> None:
    data = ("naam\n" + "".join(f"?ukasz {i}\n" for i in range(20))).encode()
    people, warnings = read_participants(_list(tmp_path, data))
    assert len(people) == 20
    assert len([w for w in warnings if "'?'" in w.message]) == 5


def test_excel_sep_hint_line(tmp_path: Path) -> None:
    people, warnings = read_participants(_list(tmp_path, b"sep=,\nnaam,organisatie\nAn;B,X\n"))
    assert [(p.name, p.organisation, p.row) for p in people] == [("An;B", "X", 3)]
    assert warnings == []


def test_name_column_wins_over_name_parts(tmp_path: Path) -> None:
    data = b"voornaam;achternaam;naam\nJan;Berg;Jan van den Berg\nAn;Smit;\n"
    people, _ = read_participants(_list(tmp_path, data))
    assert [p.name for p in people] == ["Jan van den Berg", "An Smit"]


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Þór", "thor"),
        ("李小龙", "li-xiao-long"),
        ("Łukasz Wiśniewski", "lukasz-wisniewski"),
        ("Привет мир", "privet-mir"),
        ("CON", "deelnemer-con"),
        ("lpt1", "deelnemer-lpt1"),
        ("🎉", "deelnemer"),
        ("", "deelnemer"),
        ("x" * 300, "x" * 60),
        ("Auto's en foto’s", "auto-s-en-foto-s"),
        ("Gemeente 's-Hertogenbosch", "gemeente-s-hertogenbosch"),
    ],
)
def test_slugs_transliterate_every_script(text: str, slug: str) -> None:
    assert slugify(text, fallback="deelnemer") == slug
