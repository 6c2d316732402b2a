"""``werkvorm doctor``: is this computer ready to build kits? Each finding says what to do.

Python and WeasyPrint with Pango are required; HarfBuzz's subsetter keeps PDFs small;
fonts matter for the scripts the project's participant names are written in (the bundled
Source Sans 3 covers Latin, fontconfig finds the rest); LibreOffice is optional (it only
checks that decks open). Nothing here writes a file or fetches anything.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from werkvorm.install_hints import install_hint, pango_missing

MIN_PANGO = (1, 44)


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's report."""

    name: str
    ok: bool
    detail: str
    required: bool = True
    fix: str = ""  # the install command, when something is missing


def python_finding() -> Finding:
    version = platform.python_version()
    return Finding("Python", sys.version_info >= (3, 11), f"{version} ({sys.executable})")


def _harfbuzz_version(harfbuzz: object) -> str:
    """HarfBuzz tells only 'at least x.y.z'; find the exact version by asking."""
    atleast = harfbuzz.hb_version_atleast  # type: ignore[attr-defined]
    parts = [0, 0, 0]
    for i, top in enumerate((99, 200, 200)):
        while parts[i] < top:
            parts[i] += 1
            if not atleast(*parts):
                parts[i] -= 1
                break
    return ".".join(map(str, parts))


# Where Pango's libraries usually are when WeasyPrint cannot find them by itself.
MSYS2_BINS = (r"C:\msys64\mingw64\bin", r"C:\msys64\ucrt64\bin", r"C:\msys64\clang64\bin")
HOMEBREW_LIBS = ("/opt/homebrew/lib", "/usr/local/lib")


def _first_with(folders: tuple[str, ...], pattern: str) -> str | None:
    for folder in folders:
        if Path(folder).is_dir() and any(Path(folder).glob(pattern)):
            return folder
    return None


def pango_elsewhere() -> Finding | None:
    """Pango installed where WeasyPrint does not look: MSYS2's bin folder on Windows,
    Homebrew's lib folder on a Mac with another Python. Which variable to set, and how."""
    system = platform.system()
    if system == "Windows":
        folder = _first_with(MSYS2_BINS, "libpango-1.0*.dll")
        variable = "WEASYPRINT_DLL_DIRECTORIES"
        setting = f'setx {variable} "{folder}"'
    elif system == "Darwin":
        folder = _first_with(HOMEBREW_LIBS, "libpango-1.0*.dylib")
        variable = "DYLD_FALLBACK_LIBRARY_PATH"
        setting = f"echo 'export {variable}={folder}' >> ~/.zshrc"
    else:
        return None
    if folder is None:
        return None
    now = os.environ.get(variable, "")
    detail = f"Pango is installed in {folder}, but WeasyPrint does not look there" + (
        f" ({variable} is '{now}')" if now else f" ({variable} is not set)"
    )
    return Finding("WeasyPrint", False, detail, fix=f"{setting}  (then open a new terminal)")


def weasyprint_findings() -> list[Finding]:
    """WeasyPrint, and the Pango and HarfBuzz libraries it loads."""
    try:
        import weasyprint
        from weasyprint.text import ffi
    except OSError as exc:
        elsewhere = pango_elsewhere()
        if elsewhere is not None:
            return [elsewhere]
        return [Finding("WeasyPrint", False, pango_missing(exc), fix=install_hint("pango"))]
    except ImportError as exc:
        return [Finding("WeasyPrint", False, str(exc), fix="pip install weasyprint")]
    raw = int(ffi.pango.pango_version())
    pango = (raw // 10000, raw // 100 % 100, raw % 100)
    pango_ok = pango[:2] >= MIN_PANGO
    subset = getattr(ffi, "harfbuzz_subset", None) is not None
    return [
        Finding("WeasyPrint", True, weasyprint.__version__),
        Finding(
            "Pango",
            pango_ok,
            ".".join(map(str, pango)) + ("" if pango_ok else " (werkvorm needs 1.44 or newer)"),
            fix="" if pango_ok else install_hint("pango"),
        ),
        Finding(
            "HarfBuzz",
            subset,
            _harfbuzz_version(ffi.harfbuzz)
            + (" with subsetting" if subset else " without subsetting: PDFs get large"),
            required=False,
            fix="" if subset else install_hint("harfbuzz-subset"),
        ),
    ]


def scripts_of(names: list[str]) -> dict[str, str]:
    """Each non-Latin script the names use, with the first character seen in it."""
    found: dict[str, str] = {}
    for name in names:
        for char in name:
            if not char.isalpha():
                continue
            script = unicodedata.name(char, "UNKNOWN").split()[0]
            if script in ("LATIN", "UNKNOWN"):
                continue
            script = "CJK" if script in ("CJK", "HIRAGANA", "KATAKANA") else script
            found.setdefault(script.capitalize(), char)
    return found


def fonts_matching(fc_list: str, pattern: str) -> list[str]:
    """The font families fontconfig lists for a pattern (":family=Carlito")."""
    done = subprocess.run(
        [fc_list, pattern, "family"], capture_output=True, text=True, timeout=30, check=False
    )
    return sorted({line.split(",")[0].strip() for line in done.stdout.splitlines()} - {""})


def font_findings(names: list[str]) -> list[Finding]:
    """A font for every script in the participant names (fontconfig's fc-list)."""
    scripts = scripts_of(names)
    if not scripts:
        return [Finding("Fonts", True, "Latin names: the bundled Source Sans 3 covers them")]
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return [
            Finding(
                "Fonts",
                False,
                f"cannot check fonts for {', '.join(scripts)} (fc-list not found)",
                required=False,
                fix=install_hint("fonts"),
            )
        ]
    out = []
    for script, char in sorted(scripts.items()):
        families = fonts_matching(fc_list, f":charset={ord(char):x}")
        ok = bool(families)
        detail = f"{script} names ({char}): " + (
            f"{families[0]}" + (f" and {len(families) - 1} more" if len(families) > 1 else "")
            if ok
            else "no font installed; those names print as boxes"
        )
        out.append(Finding("Fonts", ok, detail, fix="" if ok else install_hint("fonts")))
    return out


def libreoffice_places() -> list[Path]:
    """Where the LibreOffice installer puts soffice when it is not on PATH."""
    system = platform.system()
    if system == "Darwin":
        return [
            Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
            Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice",
        ]
    if system == "Windows":
        roots = [os.environ.get(v, "") for v in ("ProgramFiles", "ProgramFiles(x86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        return [
            Path(root) / "LibreOffice" / "program" / "soffice.exe"
            for root in dict.fromkeys(r for r in roots if r)
        ]
    return []


def libreoffice_finding() -> Finding:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        found = next((str(p) for p in libreoffice_places() if p.is_file()), None)
    if found is None:
        elsewhere = ""
        if libreoffice_places():
            elsewhere = " (installed somewhere else? add the folder that holds soffice to PATH)"
        return Finding(
            "LibreOffice",
            False,
            "not found (optional: only to check that decks open outside PowerPoint)",
            required=False,
            fix=install_hint("libreoffice") + elsewhere,
        )
    return Finding("LibreOffice", True, found, required=False)


def office_fonts_finding(libreoffice: Finding) -> list[Finding]:
    """With LibreOffice: Carlito, the twin of Calibri with the same widths, for slides.pdf
    of a client deck in Calibri (without it LibreOffice draws a wider stand-in)."""
    fc_list = shutil.which("fc-list")
    if not libreoffice.ok or fc_list is None:
        return []
    if fonts_matching(fc_list, ":family=Carlito"):
        return [Finding("Slide fonts", True, "Carlito for Calibri", required=False)]
    return [
        Finding(
            "Slide fonts",
            False,
            "Carlito not installed: slides.pdf draws a client deck in Calibri in a wider "
            "stand-in, so its lines break differently",
            required=False,
            fix=install_hint("office-fonts"),
        )
    ]


def deck_font_finding() -> list[Finding]:
    """Source Sans 3, the typeface of werkvorm's deck template, on this computer: a deck
    is not embedded with its font, so PowerPoint and LibreOffice here show a stand-in
    (Calibri, Arial or DejaVu) without it."""
    from werkvorm.resources import builtin_templates

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    if fonts_matching(fc_list, ":family=Source Sans 3"):
        return [Finding("Deck font", True, "Source Sans 3", required=False)]
    folder = builtin_templates() / "fonts"
    return [
        Finding(
            "Deck font",
            False,
            "Source Sans 3 not installed: decks on werkvorm's template show in a wider "
            "stand-in on this computer",
            required=False,
            fix=f"open each .ttf file in {folder} and choose Install, or copy them to "
            "your fonts folder (~/.local/share/fonts on Linux)",
        )
    ]


def _set_in_source_sans(deck: Path) -> bool:
    """Whether a written deck's theme names Source Sans 3 (werkvorm's own template)."""
    import zipfile

    try:
        with zipfile.ZipFile(deck) as zf:
            themes = [n for n in zf.namelist() if n.startswith("ppt/theme/theme")]
            return any(b'typeface="Source Sans 3"' in zf.read(n) for n in themes)
    except (OSError, zipfile.BadZipFile):
        return False


def deck_font_notice(written: list[str]) -> str:
    """Said once by ``build`` when it wrote a deck set in Source Sans 3 and the font is
    not installed here. A .pptx cannot carry the font where it matters: PowerPoint reads
    only its own Embedded OpenType data, which no library writes, and LibreOffice (7.x)
    ignores embedded fonts in a .pptx; so the font must be installed where the deck is
    shown. '' when no such deck was written, the font is installed, or fc-list is
    missing (then nothing can be told)."""
    decks = [Path(p) for p in written if Path(p).name == "deck.pptx"]
    if not any(_set_in_source_sans(d) for d in decks):
        return ""
    found = deck_font_finding()
    if not found or found[0].ok:
        return ""
    return (
        "deck.pptx is set in Source Sans 3, which is not installed on this computer: "
        "PowerPoint and LibreOffice show the slides in another font, and lines break "
        f"differently. Install it on the computer you present from: {found[0].fix}"
    )


def participant_names(root: Path | None) -> tuple[list[str], list[Finding]]:
    """Every participant name of every client in the project, and what could not be read."""
    if root is None:
        return [], []
    from werkvorm.errors import WerkvormError
    from werkvorm.project.folder import Project
    from werkvorm.schema.load import load_client

    names: list[str] = []
    problems: list[Finding] = []
    for path in Project(root).clients():
        try:
            names += [p.name for p in load_client(path).people]
        except WerkvormError as exc:
            problems.append(
                Finding(f"Client {path.stem}", False, f"{exc.message}: run werkvorm check", False)
            )
    return names, problems


def project_file_finding(root: Path | None) -> list[Finding]:
    if root is None:
        return []
    from werkvorm.errors import WerkvormError
    from werkvorm.schema.projectfile import PROJECT_FILE, load_project_file

    try:
        loaded = load_project_file(root)
    except WerkvormError as exc:
        # Every build reads werkvorm.yaml: while it is broken, nothing can be built.
        lines = [p.format() for p in exc.problems] or [exc.message]
        detail = f"build stops on {len(lines)} problem(s) here:\n" + "\n".join(
            "    " + line.replace("\n", "\n    ") for line in lines
        )
        fix = f"correct these lines (werkvorm check {PROJECT_FILE} shows them too)"
        return [Finding(PROJECT_FILE, False, detail, required=True, fix=fix)]
    if loaded is None:
        return [Finding(PROJECT_FILE, False, "none: run werkvorm init", required=False)]
    who = loaded.settings.trainer.name or "no trainer name yet"
    return [Finding(PROJECT_FILE, True, who, required=False)]


def diagnose(root: Path | None) -> list[Finding]:
    """Everything the doctor looks at, in the order a trainer would fix it."""
    names, unreadable = participant_names(root)
    office = libreoffice_finding()
    return [
        python_finding(),
        *weasyprint_findings(),
        *font_findings(names),
        *unreadable,
        office,
        *office_fonts_finding(office),
        *deck_font_finding(),
        *project_file_finding(root),
    ]


def healthy(findings: list[Finding]) -> bool:
    """What is required is there (optional pieces only add advice)."""
    return all(f.ok for f in findings if f.required)
