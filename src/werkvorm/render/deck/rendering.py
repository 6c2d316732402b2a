"""The deck as LibreOffice draws it: a PDF with one page per slide, for ``slides.pdf``.

LibreOffice runs headless with a profile of its own in a temporary folder (so it never
meets a LibreOffice the trainer has open), with werkvorm's fonts added to the ones it
finds (so Source Sans 3 is drawn, not a wider stand-in), and within a time limit. When
it is missing, fails or takes too long, the caller gets the reason and draws the slides
itself.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from werkvorm.resources import builtin_templates

TIMEOUT_S = 180  # a cold start and a 60-slide deck take about 20 s on a slow laptop
NAMES = ("soffice", "libreoffice")


@dataclass
class Rendered:
    """The deck's PDF, or why there is none (for the build's warnings)."""

    pdf: bytes = b""
    reason: str = ""


def find_soffice() -> str | None:
    found = next((shutil.which(n) for n in NAMES if shutil.which(n)), None)
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return found or (str(mac) if mac.exists() else None)


# Office fonts a client template names, and their free twins of the same metrics (so
# lines break where they break in PowerPoint): Debian's fonts-crosextra-carlito and
# fonts-crosextra-caladea.
TWINS = {"Calibri": "Carlito", "Cambria": "Caladea"}


def _fonts_conf(folder: Path) -> Path:
    """A fontconfig file: the system's fonts plus werkvorm's own, and Calibri and Cambria
    drawn in their metric twins where those are installed."""
    conf = folder / "fonts.conf"
    fonts = escape(str(builtin_templates() / "fonts"))
    cache = escape(str(folder / "fontcache"))
    aliases = "".join(
        f'  <alias binding="same"><family>{office}</family>'
        f"<accept><family>{twin}</family></accept></alias>\n"
        for office, twin in TWINS.items()
    )
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{fonts}</dir>\n  <cachedir>{cache}</cachedir>\n{aliases}</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def _run(command: list[str], env: dict[str, str], folder: Path, timeout: float) -> bool:
    """Run LibreOffice in a process group of its own; on time-out end the whole group
    (the ``soffice`` script starts ``soffice.bin`` as a child). Whether it finished."""
    proc = subprocess.Popen(
        command,
        env=env,
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        killpg = getattr(os, "killpg", None)
        if killpg is not None:
            killpg(proc.pid, signal.SIGKILL)
        else:  # Windows: no process groups
            proc.kill()
        proc.wait()
        return False


def deck_pdf(deck: bytes, timeout: float = TIMEOUT_S) -> Rendered:
    """The deck converted by LibreOffice, or the reason it could not be."""
    exe = find_soffice()
    if exe is None:
        return Rendered(reason="LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="werkvorm-slides-") as tmp:
        folder = Path(tmp)
        source = folder / "deck.pptx"
        source.write_bytes(deck)
        env = {**os.environ, "FONTCONFIG_FILE": str(_fonts_conf(folder)), "HOME": tmp}
        command = [
            exe,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            finished = _run(command, env, folder, timeout)
        except OSError as exc:
            return Rendered(reason=f"LibreOffice could not start ({exc.strerror})")
        if not finished:
            return Rendered(reason=f"LibreOffice took longer than {int(timeout)} s")
        out = folder / "deck.pdf"
        if not out.is_file() or out.stat().st_size == 0:
            return Rendered(reason="LibreOffice could not convert the deck")
        return Rendered(pdf=out.read_bytes())
