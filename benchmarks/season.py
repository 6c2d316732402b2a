"""A generated bureau's season: the repository's example clients and workshops, copied
into a temporary project and multiplied to ``clients`` clients with ``participants``
participants each (a CSV list per client).

The six example clients cover all five workshops; every generated client takes one of
them as its model (its workshop, paper, booklet, deck template, omitted and re-timed
blocks), with its own name, colours, date and participant list, so every kit differs.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

from common import PY, Table, default_cores

REPO = Path(__file__).resolve().parents[1]

FIRST = [
    "Sanne",
    "Joost",
    "Fatima",
    "Pieter",
    "Lotte",
    "Wout",
    "Ines",
    "Bram",
    "Daan",
    "Emma",
    "Sven",
    "Joëlle",
    "Noor",
    "Mohamed",
    "Anouk",
    "Thijs",
    "Femke",
    "Jeroen",
    "Yara",
    "Kees",
    "Marloes",
    "Bas",
    "Esra",
    "Ruben",
    "Lieke",
    "Gert-Jan",
    "Inge",
    "Ahmed",
    "Myrthe",
    "Floor",
    "Hendrik",
    "Tess",
    "Lars",
    "Iris",
    "Bilal",
    "Roos",
    "Maarten",
    "Elif",
    "Stijn",
    "Fenna",
]
LAST = [
    "Bakker",
    "Jansen",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Vermeulen",
    "Claes",
    "Goossens",
    "Peeters",
    "Hoekstra",
    "Kuipers",
    "Hartman",
    "Yılmaz",
    "El",
    "Amrani",
    "Kramer-Öztürk",
    "Willems",
    "Maes",
    "Janssens",
    "Wouters",
    "Postma",
    "Huisman",
    "Koster",
    "Prins",
]
TUSSEN = ("van", "de", "van der", "van den", "van de", "ter", "te", "in 't", "'t", "den")
SPECIAL = (  # long names and names in other scripts, as a real list has a few
    "Maria Magdalena Johanna Wilhelmina van den Heuvel-Oudenaarde tot Sonsbeeck",
    "Jan-Willem Frederik Alexander de Bruijn van Rijckevorsel",
    "Zoë Ångström-Økland",
    "Łukasz Wiśniewski",
    "Αθηνά Παπαδοπούλου",
    "Ольга Иванова",
    "王小明",
    "Nguyễn Thị Minh Khai",
)


def names(count: int, rng: random.Random) -> list[str]:
    """``count`` different names: Dutch ones, four in ten with a tussenvoegsel, and one
    in ten long or in another script."""
    out: list[str] = []
    special = rng.sample(SPECIAL, len(SPECIAL))
    while len(out) < count:
        if len(out) % 10 == 7 and special:
            out.append(special.pop())
            continue
        first, last = rng.choice(FIRST), rng.choice(LAST)
        middle = rng.choice(TUSSEN) + " " if rng.random() < 0.4 else ""
        name = f"{first} {middle}{last}"
        if name not in out:
            out.append(name)
    return out


def _client(model: str, n: int, csv: str, rng: random.Random) -> str:
    """A client file after ``model``, with its own name, colours, date and list."""
    text = re.sub(r"^# (?!yaml-language-server).*\n", "", model, flags=re.M)
    text = re.sub(r"^name: .*$", f"name: Klant {n:02d} {rng.choice(LAST)}", text, flags=re.M)
    colour = f'"#{rng.randrange(0x20, 0x70):02x}{rng.randrange(0x20, 0x70):02x}' + (
        f'{rng.randrange(0x40, 0x90):02x}"'
    )
    text = re.sub(r"primary: \"#[0-9a-fA-F]{6}\"", f"primary: {colour}", text)
    text = re.sub(r"date: \d{4}-\d\d-\d\d", f"date: 2027-{1 + n % 12:02d}-{1 + n % 27:02d}", text)
    text = re.sub(r"^  participants: \d+\n", "", text, flags=re.M)  # a head count only
    text = re.sub(r"^participants: .*\n?", "", text, flags=re.M)
    return text.rstrip("\n") + f"\nparticipants: {csv}\n"


def make_season(root: Path, clients: int = 40, participants: int = 30, seed: int = 19) -> Path:
    """A project at ``root`` with the example workshops and ``clients`` generated clients
    (the examples themselves left out), each with ``participants`` names."""
    rng = random.Random(seed)
    shutil.copytree(REPO / "workshops", root / "workshops")
    (root / "output").mkdir()
    folder = root / "workshops" / "clients"
    models = sorted(folder.glob("*.yaml"))
    texts = [m.read_text(encoding="utf-8") for m in models]
    for model in models:
        model.unlink()
    for n in range(1, clients + 1):
        csv = f"klant-{n:02d}-deelnemers.csv"
        rows = [
            f"{name};Organisatie {n:02d};deelnemer{k}@example.org"
            for k, name in enumerate(names(participants, rng))
        ]
        (folder / csv).write_text(
            "naam;organisatie;e-mail\n" + "\n".join(rows) + "\n", encoding="utf-8"
        )
        like = texts[(n - 1) % len(texts)]
        (folder / f"klant-{n:02d}.yaml").write_text(_client(like, n, csv, rng), encoding="utf-8")
    return root


PROBE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss": rss, "code": done.returncode,
                  "out": done.stdout, "err": done.stderr}))
"""


def measured(cmd: list[str], cwd: Path) -> dict[str, object]:
    """One run of ``cmd`` in a fresh probe process: wall time, the peak resident memory
    of its largest process (workers included: Linux counts waited-for descendants),
    exit status and output."""
    done = subprocess.run([PY, "-c", PROBE, *cmd], cwd=cwd, capture_output=True, text=True)
    found: dict[str, object] = json.loads(done.stdout)
    if found["code"] != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{found['out']}\n{found['err']}")
    return found


def progress_seen(out: str, kits: int) -> str:
    """What the plain (pipe) output told about progress: one line per kit done, and the
    summary's count of kits built and failed."""
    lines = out.splitlines()
    summary = next((line for line in lines if " kits: " in line), "no summary")
    lines = [line for line in lines if line.startswith(("✓", "✗")) and line != summary]
    return f"{len(lines)}/{kits} kit lines; summary: {summary.lstrip('✓ ').strip()}"


def machine_speedup(cores: int) -> float:
    """How many pure-Python loops this machine runs at once as fast as one (``cores``
    on an idle machine with real cores; less with busy neighbours or shared cores)."""
    done = subprocess.run(
        [PY, str(Path(__file__).with_name("spin.py")), str(cores)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def busy_workers(out: str, wall: float) -> float:
    """Kits in progress on average: the kits' own seconds (from their output lines) over
    the wall time; the number of workers when none waits for work, whatever the
    machine's speed."""
    seconds = re.findall(r"^✓ .*: \d+ file\(s\) in ([\d.]+) s", out, re.MULTILINE)
    return sum(map(float, seconds)) / wall


def season_rows(table: Table, root: Path, clients: int, people: int) -> None:
    """The whole season with ``--all`` on every core against the same kits one after
    another in one worker (``--jobs 1``: the sum of the single kits, warm), 1 run each."""
    cores = default_cores()
    kits = clients + len(list((root / "workshops").glob("*.yaml")))
    cmd = [PY, "-m", "werkvorm", "build", "--all", "--force"]
    alone = measured([*cmd, "--jobs", "1"], root)
    season = measured([*cmd, "--jobs", str(cores)], root)
    speedup = machine_speedup(cores)
    total, wall = float(str(alone["seconds"])), float(str(season["seconds"]))
    ratio = wall / (total / cores)
    table.add(
        f"a season: {clients} clients × {people} participants + {kits - clients} generic kits, "
        f"`build --all --jobs {cores}` (1 run; {progress_seen(str(season['out']), kits)}; "
        f"kits in progress on average: {busy_workers(str(season['out']), wall):.2f})",
        f"{wall:.1f} s",
        f"sum of the single kits (`--jobs 1`, one warm worker): {total:.1f} s; "
        f"÷ {cores} cores = {total / cores:.1f} s (this machine ran {cores} pure-Python "
        f"loops at once {speedup:.2f}× as fast as one)",
        ratio,
        "≤ 1.10× sum ÷ cores",
        ratio <= 1.10,
    )
    rss = float(str(season["rss"]))
    table.add(
        f"peak RSS of the largest worker during the season (`--jobs {cores}`)",
        f"{rss:.0f} MB",
        f"`--jobs 1`: {float(str(alone['rss'])):.0f} MB",
        "",
        "≤ 150 MB per worker",
        rss <= 150,
    )


if __name__ == "__main__":
    import sys

    print(make_season(Path(sys.argv[1])))
