"""Same inputs, same bytes, wherever the project lies: a clone on another machine or a
copy in another folder builds PDFs identical to the original (WeasyPrint names an
embedded image by its URL, so a logo read by its file path made every PDF differ)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_a_kit_with_a_logo_is_the_same_in_another_folder(tmp_path: Path) -> None:
    import werkvorm

    built = []
    for folder in ("eerste", "ergens/anders/tweede"):
        root = tmp_path / folder
        shutil.copytree(REPO / "workshops", root / "workshops")
        result = werkvorm.build("waterschap-lage-weiden", project=root, formats=["pdf"])
        assert isinstance(result, werkvorm.KitResult)
        built.append({p.relative_to(result.folder): p.read_bytes() for p in result.written})
    assert set(built[0]) == set(built[1])
    assert {Path("handout.pdf"), Path("evaluation.pdf"), Path("followup.pdf")} <= set(built[0])
    differ = sorted(str(name) for name in built[0] if built[0][name] != built[1][name])
    assert differ == []


@pytest.mark.slow
def test_a_programme_is_the_same_in_another_folder_manifest_too(tmp_path: Path) -> None:
    """Every file of a programme, its manifest included: a session's fingerprint named
    the project's folder through the composed session's file paths."""
    import werkvorm

    built = []
    for folder in ("eerste", "ergens/anders/tweede"):
        root = tmp_path / folder
        shutil.copytree(REPO / "workshops", root / "workshops")
        result = werkvorm.build(
            root / "workshops/programmes/leergang-sociale-media.yaml",
            project=root,
            formats=["html"],
        )
        assert isinstance(result, werkvorm.ProgrammeResult)
        files = [p for p in result.folder.rglob("*") if p.is_file()]
        built.append({p.relative_to(result.folder): p.read_bytes() for p in files})
    assert Path("manifest.json") in built[0]
    assert set(built[0]) == set(built[1])
    differ = sorted(str(name) for name in built[0] if built[0][name] != built[1][name])
    assert differ == []
