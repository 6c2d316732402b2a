"""The trainer's register: texts that address the participant as 'je' in a 'u' session,
or the other way round. Warnings only; the trainer decides.

Dutch addresses one reader as 'je' (je, jij, jou, jouw, jezelf) or as 'u' (u, uw,
uzelf). 'jullie' is plural and fits both, so it is never flagged. Words are matched
whole and in any case ("Je", "JOUW"); quoted speech is exempt: text between “…”, "…",
‘…’, '…', „…” or «…», and Markdown quote lines ("> ..."), because a quote keeps the
speaker's own words. A 'u' right after a number ("om 9 u") is the Flemish hour, not a
pronoun. Only texts the participant reads are checked: the trainer's own notes
(facilitator, speaker notes, background, preparation) may say 'je' to the trainer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from werkvorm.compose.texts import Picked
from werkvorm.errors import Problem

WORDS = {
    "je": ("je", "jij", "jou", "jouw", "jouwe", "jezelf", "jijzelf"),
    "u": ("u", "uw", "uwe", "uzelf"),
}
FOR_TRAINER = {"facilitator", "notes", "background", "preparation", "quote", "by", "materials"}

_QUOTED = re.compile(
    r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|„[^”“]*[”“]|«[^»]*»"
    r"|(?<![\w'])'[^'\n]+'(?![\w'])"  # 'straight single quotes', not the apostrophe of 's
    r"|^[ \t]*>.*$",  # a Markdown quote line
    re.MULTILINE,
)
_PATTERNS = {
    register: re.compile(
        r"(?<![\w’'-])(" + "|".join(words) + r")(?![\w’'-])", re.IGNORECASE | re.UNICODE
    )
    for register, words in WORDS.items()
}
_NUMBER_BEFORE = re.compile(r"\d[ .]?$")


def other_register(text: str, register: str) -> list[tuple[int, str]]:
    """The words in ``text`` that belong to the register other than ``register``, each with
    its line within the text (0 for the first), outside quoted speech."""
    other = "u" if register == "je" else "je"
    plain = _QUOTED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    found: list[tuple[int, str]] = []
    for match in _PATTERNS[other].finditer(plain):
        before = plain[: match.start()]
        if other == "u" and _NUMBER_BEFORE.search(before):
            continue
        found.append((before.count("\n"), match.group()))
    return found


def register_warnings(texts: Iterable[Picked], register: str) -> list[Problem]:
    """One warning per text and line where the participant is addressed in the register
    the client did not ask for: file, line, field and the words."""
    if register not in WORDS:
        return []
    wanted = "u/uw" if register == "u" else "je/jouw"
    out: list[Problem] = []
    for picked in texts:
        if picked.field in FOR_TRAINER:
            continue
        by_line: dict[int, list[str]] = {}
        for line, word in other_register(picked.text, register):
            words = by_line.setdefault(line, [])
            if word.lower() not in (w.lower() for w in words):
                words.append(word)
        for line, words in by_line.items():
            out.append(_warning(picked, line, words, register, wanted))
    return out


def _warning(picked: Picked, line: int, words: list[str], register: str, wanted: str) -> Problem:
    quoted = ", ".join(f"'{w.lower()}'" for w in words)
    other = "u" if register == "je" else "je"
    p = picked.doc.problem(
        picked.loc,
        f"{quoted}: the participant is addressed as '{other}', but this client asks for "
        f"'{register}' (register: {register}): write {wanted}, or put quoted speech between "
        "quotes",
        severity="warning",
    )
    if "\n" not in picked.text:
        return p
    # A multi-line text is a block scalar: its first line follows the '|' or '>' line.
    return Problem(p.file, p.line + 1 + line, 0, p.field, p.message, "warning")
