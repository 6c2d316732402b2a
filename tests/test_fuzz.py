"""Property tests: whatever a trainer (or a pasted text) puts in a file, werkvorm ends in a
Session or in its own user error, never in another exception."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINIMAL
from werkvorm.compose import compose
from werkvorm.errors import WerkvormError
from werkvorm.render.html import guide_html, handout_html
from werkvorm.schema.load import load_workshop
from werkvorm.schema.source import parse_document

ROOT = Path(tempfile.mkdtemp(prefix="werkvorm-fuzz-"))
BASE: dict[str, Any] = yaml.safe_load(MINIMAL)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Any Unicode, including control characters, lone surrogates, RTL marks and long runs.
nasty_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None), max_size=50),
    st.sampled_from(
        [
            "\u202e",
            "\u200f",
            "\x00",
            "\x1f",
            "\ud800",
            "{{ 7*7 }}",
            "<script>",
            "no",
            "9:30",
            "01234",
            "~",
            "&a",
            "*a",
            "!!python/object:x",
            "- a",
            ": b",
        ]
    ),
    st.text(min_size=2000, max_size=5000),
)
yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text()
)
yaml_trees = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _load(data: object) -> None:
    """Dump, load, validate, compose: a Session or a WerkvormError, nothing else."""
    path = ROOT / "fuzz.yaml"
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8", errors="surrogatepass"
    )
    try:
        session = compose(load_workshop(path, ROOT))
    except WerkvormError:
        return
    handout_html(session)
    guide_html(session)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("latin-1"))))
def test_yaml_loader_never_crashes(text: str) -> None:
    """The loader's fuzz budget: a couple of thousand texts, a few seconds."""
    with contextlib.suppress(WerkvormError):
        parse_document(Path("fuzz.yaml"), text)


@pytest.mark.slow
@FAST
@given(yaml_trees)
def test_random_trees(tree: object) -> None:
    _load(tree)


@FAST
@given(
    st.sampled_from(["title", "duration", "agenda", "summary", "goals", "language", "sources"]),
    yaml_trees,
)
@pytest.mark.slow
def test_random_subtrees_in_a_valid_workshop(key: str, value: object) -> None:
    _load({**BASE, key: value})


@FAST
@given(
    st.sampled_from(
        ["title", "minutes", "format", "intro", "facilitator", "slides", "exercise", "id"]
    ),
    yaml_trees,
)
@pytest.mark.slow
def test_random_subtrees_in_a_block(key: str, value: object) -> None:
    block = {**BASE["agenda"][0], key: value}
    _load({**BASE, "agenda": [block]})


@pytest.mark.slow
@FAST
@given(nasty_text, nasty_text, nasty_text)
def test_any_text_in_text_fields(title: str, intro: str, bullet: str) -> None:
    block = {**BASE["agenda"][0], "intro": intro, "slides": [{"title": title, "bullets": [bullet]}]}
    _load({**BASE, "title": title, "agenda": [block]})
