"""The YAML loader: what the trainer typed stays, and every trap is a clean error."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkvorm.errors import InputError
from werkvorm.schema.source import MAX_BYTES, read_document


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def load(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "w.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return read_document(path)


def problems(tmp_path: Path, text: str | bytes) -> list[str]:
    with pytest.raises(InputError) as info:
        load(tmp_path, text)
    return [p.format() for p in info.value.problems]


def test_yaml_1_1_typing_is_not_applied(tmp_path: Path) -> None:
    doc = load(tmp_path, "title: no\nstart: 9:30\ncode: 01234\nv: 1.10\nflag: on\nempty:\n")
    assert doc.data == {
        "title": "no",
        "start": "9:30",
        "code": "01234",
        "v": "1.10",
        "flag": "on",
        "empty": None,
    }


def test_positions_are_one_based_for_keys_and_values(tmp_path: Path) -> None:
    doc = load(tmp_path, "title: x\nagenda:\n  - title: y\n    minutes: 5\n")
    assert (
        doc.values[("agenda", 0, "minutes")].line,
        doc.values[("agenda", 0, "minutes")].column,
    ) == (4, 14)
    assert doc.keys[("agenda", 0, "minutes")].line == 4
    assert doc.keys[("agenda", 0, "minutes")].column == 5


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    assert problems(tmp_path, "title: a\nsummary: b\ntitle: c\n") == [
        "w.yaml:3:1  title  'title' appears twice in the same place (first on line 1); keep one of them"
    ]


def test_aliases_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert any("aliases are not supported" in p and ":2:4" in p for p in found)


def test_billion_laughs_never_expands(tmp_path: Path) -> None:
    text = "a: &a [x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert len(problems(tmp_path, text)) >= 9


def test_file_over_one_megabyte(tmp_path: Path) -> None:
    found = problems(tmp_path, "title: " + "x" * MAX_BYTES + "\n")
    assert "split it into modules" in found[0]


def test_deep_nesting(tmp_path: Path) -> None:
    found = problems(tmp_path, "a: " + "[" * 100 + "]" * 100 + "\n")
    assert "nested more than" in found[0]


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    found = problems(tmp_path, b"title: ok\nsummary: caf\xe9\n")
    assert found[0].startswith("w.yaml:2:13")
    assert "UTF-8" in found[0]


def test_bom_is_accepted(tmp_path: Path) -> None:
    assert load(tmp_path, "\ufefftitle: ok\n").data == {"title": "ok"}


def test_lone_surrogate_escape(tmp_path: Path) -> None:
    found = problems(tmp_path, 'title: "a\\ud800b"\n')
    assert found and ":1:" in found[0]


def test_control_character_escape_names_the_field(tmp_path: Path) -> None:
    assert problems(tmp_path, 'title: "a\\x1fb"\n') == [
        "w.yaml:1:8  title  the text contains the unprintable character U+001F (written as "
        "an escape): remove it"
    ]


def test_raw_control_character(tmp_path: Path) -> None:
    found = problems(tmp_path, "title: a\x07b\n")
    assert found[0].startswith("w.yaml:1:9") and "U+0007" in found[0]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert "the file is empty" in problems(tmp_path, text)[0]


@pytest.mark.parametrize("text", ["just text\n", "- a\n- b\n", "42\n"])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str) -> None:
    assert "must be a mapping" in problems(tmp_path, text)[0]


def test_syntax_error_has_line_and_hint(tmp_path: Path) -> None:
    found = problems(tmp_path, "title: a: b\n")
    assert found[0].startswith("w.yaml:1:9") and "put the whole text in quotes" in found[0]


def test_tags_are_refused(tmp_path: Path) -> None:
    assert "not supported" in problems(tmp_path, "title: !!python/object:os.system x\n")[0]


def test_two_documents(tmp_path: Path) -> None:
    assert "one workshop per file" in problems(tmp_path, "a: 1\n---\nb: 2\n")[0]
