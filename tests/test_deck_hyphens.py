"""Short hyphenated compounds on a slide never break at their hyphen ("flip-" / "over"
in LibreOffice, the final designer review 2 of #25): U+2011 where every font of the
deck carries it, the hyphen as typed everywhere else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import REPO
from werkvorm.render.deck import hyphens, open_template
from werkvorm.render.deck.template import default_template
from werkvorm.resources import builtin_templates

NB = "\u2011"


@pytest.mark.parametrize(
    ("typed", "on_the_slide"),
    [
        ("Kies één antwoord voor de flip-over.", f"Kies één antwoord voor de flip{NB}over."),
        ("per e-mail of e-mailadres", f"per e{NB}mail of e{NB}mailadres"),
        ("(open-source)", f"(open{NB}source)"),
        ("privé-gewoonten", "privé-gewoonten"),  # a long part: a break there reads well
        ("De social media-spagaat", "De social media-spagaat"),
        ("10-12 personen", "10-12 personen"),  # a range, never a compound
        ("state-of-the-art", "state-of-the-art"),  # a chain
        ("www.my-site.org/a-b", "www.my-site.org/a-b"),  # an address copies as typed
        ("my-site.org", "my-site.org"),
        ("jan-piet@x.nl", "jan-piet@x.nl"),
        ("flip - over", "flip - over"),  # a dash between words
        ("3-daagse", "3-daagse"),
    ],
)
def test_only_short_compounds_get_a_non_breaking_hyphen(typed: str, on_the_slide: str) -> None:
    assert hyphens.keep_together(typed) == on_the_slide


def _family_files(family: str) -> list[Path]:
    if shutil.which("fc-list") is None:
        return []
    found = subprocess.run(
        ["fc-list", f":family={family}", "file"], capture_output=True, text=True, check=False
    ).stdout
    return [Path(line.split(":")[0]) for line in found.splitlines() if line.strip()]


def test_every_font_trusted_with_the_non_breaking_hyphen_carries_it() -> None:
    """Source Sans 3 (bundled, every style) and the stand-ins LibreOffice draws when it
    is missing have a glyph for U+2011, so no slide shows a box or another font's hyphen."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    bundled = sorted((builtin_templates() / "fonts").glob("SourceSans3_*.ttf"))
    assert len(bundled) >= 4
    checked = 0
    for name in sorted(hyphens.CARRY_NB_HYPHEN):
        files = bundled if name == "source sans 3" else _family_files(name)
        for path in files:
            with TTFont(str(path), fontNumber=0) as font:
                assert 0x2011 in font.getBestCmap(), path
            checked += 1
    assert checked >= len(bundled)


def test_only_werkvorms_own_template_is_trusted_with_it(tmp_path: Path) -> None:
    """A client's template names fonts werkvorm cannot look into (Georgia; Calibri,
    whose stand-in Carlito has no U+2011; Montserrat and Posterama on UFRJ's layouts)."""
    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))
    assert hyphens.safe(open_template(default_template()))
    rivierstaal = REPO / "workshops" / "clients" / "rivierstaal-huisstijl.potx"
    for template in (rivierstaal, REPO / "tests" / "fixtures" / "mecanon-ufrj.potx", plain):
        assert not hyphens.safe(open_template(template)), template.name
