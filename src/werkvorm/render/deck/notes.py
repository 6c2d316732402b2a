"""Speaker notes that run the session: what the presenter view shows on each slide.

A block's facilitator notes are long prose in the guide; in the presenter view the
trainer needs their key lines on every slide of the block: the labelled paragraphs
(**Oogst:**, **Let op:**, **De scepticus:** ...) in one or two sentences, and the
questions to ask. The clock cues come from the Session (``SessionItem.cues``, computed
in ``compose.timeline``), shortened to time and action, and go on the slide during
which they fall: the start on the block's first slides, the hand-out, wrap-up and end
on the exercise (or, without one, on the block's last slide).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from werkvorm.compose.session import SessionItem
from werkvorm.render.text import to_plain

SHORT = 220  # characters of a labelled paragraph kept in the notes
_LABELLED = re.compile(
    r"^\s*\*\*(?P<label>[^*\n]{1,48}?)\s*[:.]?\s*\*\*\s*[:.]?\s*(?P<rest>.*)$", re.S
)
_QUESTION = re.compile(r"[“\"]([^”\"]{3,200}\?)[”\"]")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[“\"A-ZÀ-ÖØ-Þ0-9])")
_DEBRIEF = ("oogst", "harvest", "debrief", "nabespre", "terugkoppel", "delen", "report")
CUE_KEYS = ("cue_start", "cue_exercise", "cue_wrap", "cue_end")
WORDS = {
    "nl": {"ask": "Vraag", "image": "Beeld", "groups": "groepen"},
    "en": {"ask": "Ask", "image": "Image", "groups": "groups"},
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language.split("-")[0], WORDS["en"])


def _sentences(text: str, limit: int = SHORT) -> str:
    """As many whole sentences as fit in ``limit`` characters (at least one)."""
    out = ""
    for sentence in _SENTENCE.split(text.strip()):
        if out and len(out) + 1 + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    return out


@dataclass
class KeyLines:
    """The key lines of a block's facilitator notes."""

    lines: list[str] = field(default_factory=list)  # every key line, in order
    debrief: list[str] = field(default_factory=list)  # the harvest / debrief lines


def key_lines(facilitator: str, language: str) -> KeyLines:
    """The labelled paragraphs in short form and the questions to ask."""
    found = KeyLines()
    ask = words(language)["ask"]
    for para in re.split(r"\n\s*\n", facilitator or ""):
        if not para.strip():
            continue
        m = _LABELLED.match(para)
        if m:
            label = to_plain(m.group("label")).strip().rstrip(":.")
            line = f"{label}: {_sentences(to_plain(m.group('rest')))}"
            found.lines.append(line)
            if label.lower().startswith(_DEBRIEF):
                found.debrief.append(line)
            continue
        for q in _QUESTION.findall(para):
            line = f"{ask}: “{to_plain(q).strip()}”"
            found.lines.append(line)
    if not found.lines and (facilitator or "").strip():
        found.lines.append(_sentences(to_plain(facilitator), 160))
    return found


def _cue_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{time\}|\{title\})", template)
    rx = "".join(
        "(?P<time>\\S+)" if p == "{time}" else "(?P<title>.*)" if p == "{title}" else re.escape(p)
        for p in parts
    )
    return re.compile(f"^{rx}$", re.S)


def short_cues(item: SessionItem, labels: dict[str, str]) -> dict[str, list[str]]:
    """The block's cues by kind (start, exercise, wrap, end, other), each as "time action"
    without the block's or exercise's title ("10:10 opdracht uitdelen")."""
    out: dict[str, list[str]] = {}
    patterns = [(k, _cue_pattern(labels[k])) for k in CUE_KEYS if k in labels]
    for cue in item.cues:
        for key, pattern in patterns:
            m = pattern.match(cue)
            if m:
                short = labels[key].format(time=m.group("time"), title="")
                short = re.sub(r"[\s:·–-]+$", "", short)
                out.setdefault(key.removeprefix("cue_"), []).append(short)
                break
        else:
            out.setdefault("other", []).append(cue)
    return out


@dataclass
class BlockNotes:
    """What each slide of one block carries besides its own notes: cue lines, one a
    paragraph, the time first ("10:10  opdracht uitdelen")."""

    first: list[str]  # the cue lines of the block's first slides
    last: list[str]  # the cue lines of the block's last slide (exercise or content)
    keys: KeyLines
    materials: str


_LEADING_TIME = re.compile(r"^(\d{1,2}:\d{2}(?:\s*[–-]\s*\d{1,2}:\d{2})?)\s+")


def cue_line(cue: str) -> str:
    """ "10:10 opdracht uitdelen" → "10:10  opdracht uitdelen": the time, two spaces, the
    action, so the times stand in a column in the presenter view."""
    return _LEADING_TIME.sub(lambda m: f"{m.group(1)}  ", cue, count=1)


def block_notes(item: SessionItem, labels: dict[str, str], language: str) -> BlockNotes:
    cues = short_cues(item, labels)
    first = [cue_line(c) for c in cues.get("start", [])]
    other = cues.get("other", [])  # a minute plan's steps ("10:03–10:07 ..."), its note
    steps = [c for c in other if re.match(r"\d{1,2}:\d\d", c)]
    said = [c for c in other if c not in steps]
    in_order = cues.get("exercise", []) + cues.get("wrap", []) + steps + cues.get("end", [])
    last = [cue_line(c) for c in [*in_order, *said]]
    materials = f"{labels['materials']}: {', '.join(item.materials)}" if item.materials else ""
    return BlockNotes(first, last, key_lines(item.facilitator, language), materials)
