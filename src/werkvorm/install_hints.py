"""The install command for a missing system piece, for the computer werkvorm runs on.

Pango (for WeasyPrint's PDFs), fonts and LibreOffice come from the operating system, not
from pip; a trainer who lacks one gets the one line to type, never a traceback.
"""

from __future__ import annotations

import platform
from pathlib import Path

WEASYPRINT_WINDOWS = "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html#windows"

_HINTS: dict[str, dict[str, str]] = {
    "pango": {
        "debian": "sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0",
        "fedora": "sudo dnf install pango harfbuzz",
        "arch": "sudo pacman -S pango harfbuzz",
        "alpine": "sudo apk add pango harfbuzz-subset",
        "macos": "brew install pango",
        "windows": "install MSYS2 (https://www.msys2.org), run 'pacman -S "
        "mingw-w64-x86_64-pango' in its terminal, then set WEASYPRINT_DLL_DIRECTORIES to "
        'its bin folder: setx WEASYPRINT_DLL_DIRECTORIES "C:\\msys64\\mingw64\\bin" '
        f"and open a new terminal ({WEASYPRINT_WINDOWS})",
    },
    "harfbuzz-subset": {
        "debian": "sudo apt install libharfbuzz-subset0",
        "fedora": "sudo dnf install harfbuzz",
        "arch": "sudo pacman -S harfbuzz",
        "alpine": "sudo apk add harfbuzz-subset",
        "macos": "brew install harfbuzz",
        "windows": f"install HarfBuzz with MSYS2, as WeasyPrint describes: {WEASYPRINT_WINDOWS}",
    },
    "fonts": {
        "debian": "sudo apt install fonts-noto-core fonts-noto-cjk",
        "fedora": "sudo dnf install google-noto-sans-fonts google-noto-sans-cjk-fonts",
        "arch": "sudo pacman -S noto-fonts noto-fonts-cjk",
        "alpine": "sudo apk add font-noto font-noto-cjk",
        "macos": "brew install --cask font-noto-sans font-noto-sans-cjk",
        "windows": "install a Noto font for the script from https://fonts.google.com/noto",
    },
    "libreoffice": {
        "debian": "sudo apt install libreoffice-impress",
        "fedora": "sudo dnf install libreoffice-impress",
        "arch": "sudo pacman -S libreoffice-fresh",
        "alpine": "sudo apk add libreoffice-impress",
        "macos": "brew install --cask libreoffice",
        "windows": "winget install TheDocumentFoundation.LibreOffice",
    },
    "office-fonts": {
        "debian": "sudo apt install fonts-crosextra-carlito fonts-crosextra-caladea",
        "fedora": "sudo dnf install google-carlito-fonts google-crosextra-caladea-fonts",
        "arch": "sudo pacman -S ttf-carlito ttf-caladea",
    },
}
_OTHER = {
    "pango": "install Pango 1.44 or newer with your system's package manager",
    "harfbuzz-subset": "install HarfBuzz (with its subset library) with your package manager",
    "fonts": "install Noto fonts for the script with your system's package manager",
    "libreoffice": "install LibreOffice from https://www.libreoffice.org/download/",
    "office-fonts": "install the Carlito and Caladea fonts (free twins of Calibri and Cambria)",
}


def _os_release(path: Path = Path("/etc/os-release")) -> set[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    words: set[str] = set()
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            words.update(value.strip().strip('"').lower().split())
    return words


def system_family(system: str | None = None, os_release: Path | None = None) -> str:
    """``debian``, ``fedora``, ``arch``, ``alpine``, ``macos``, ``windows`` or ``other``."""
    system = system or platform.system()
    if system == "Darwin":
        return "macos"
    if system == "Windows":
        return "windows"
    ids = _os_release(os_release) if os_release else _os_release()
    for family, names in (
        ("debian", {"debian", "ubuntu", "linuxmint", "pop"}),
        ("fedora", {"fedora", "rhel", "centos", "rocky", "almalinux"}),
        ("arch", {"arch", "manjaro", "endeavouros"}),
        ("alpine", {"alpine"}),
    ):
        if ids & names:
            return family
    return "other"


def install_hint(piece: str, family: str | None = None) -> str:
    """The line to type to install ``piece`` (pango, fonts, libreoffice...) here."""
    return _HINTS[piece].get(family or system_family(), _OTHER[piece])


def pango_missing(exc: BaseException) -> str:
    """What to say when WeasyPrint cannot load Pango: the cause and the line to type."""
    return (
        "PDFs need the Pango library, which is not installed on this computer "
        f"({exc.__class__.__name__}: {str(exc)[:160]}). Install it with: "
        f"{install_hint('pango')}  (then `werkvorm doctor` checks everything). "
        "Meanwhile --format pptx,html builds the rest."
    )
