"""Programmes (issue 29): several sessions for one client, one binder, one calendar, one
certificate. The fast tests read, compose and check; the slow ones build the example."""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from werkvorm.cli.main import app
from werkvorm.cli.programme import create_programme, first_date
from werkvorm.compose.programme import ComposedProgramme, compose_programme, compose_sessions
from werkvorm.errors import InputError
from werkvorm.kits import batch
from werkvorm.kits.programme import load_inputs, qualification
from werkvorm.project.folder import Project
from werkvorm.render.calendar import programme_ics, session_ics

runner = CliRunner()
EXAMPLE = "leergang-sociale-media"


def _programme(project: Path, text: str, name: str = "proef") -> Path:
    path = project / "workshops" / "programmes" / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _composed(project: Path, name: str = EXAMPLE) -> ComposedProgramme:
    found = Project(project)
    inputs = load_inputs(found, found.programmes_dir / f"{name}.yaml")
    return compose_programme(inputs, compose_sessions(inputs))


def _problems(project: Path, path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        found = Project(project)
        compose_sessions(load_inputs(found, path))
    return [p.format() for p in caught.value.problems]


TWO = """\
    title: Proef
    client: gemeente-lindewaard
    sessions:
      - workshop: kanteling
        date: 2027-03-02
        start: "09:30"
      - workshop: spagaat
        date: 2027-03-16
        start: "13:30"
    """


# ---------------------------------------------------------------- the file


def test_the_example_loads_with_its_attendance(project: Path) -> None:
    programme = _composed(project)
    assert [p.folder for p in programme.parts] == [
        "01-kanteling",
        "02-spagaat",
        "03-zes-competenties",
    ]
    assert programme.timezone == "Europe/Amsterdam"
    assert [(a.name, a.attended) for a in programme.attendees] == [
        ("Sanne Bakker", [1, 2, 3]),
        ("Joost van Dijk", [1, 3]),
        ("Fatima El Amrani", [2]),
        ("Pieter Hoekstra", [1, 2]),
    ]


def test_an_unknown_client_and_workshop_and_sessions_out_of_order(project: Path) -> None:
    path = _programme(
        project,
        """\
        title: Proef
        client: gemeente-onbekend
        sessions:
          - workshop: kantelinx
            date: 2027-03-16
            start: "09:30"
          - workshop: spagaat
            date: 2027-03-02
            start: "13:30"
        """,
    )
    problems = _problems(project, path)
    assert any(
        "proef.yaml:2:9  client  there is no client 'gemeente-onbekend' in " in p for p in problems
    )
    assert any(
        "proef.yaml:4:15  sessions[0].workshop  there is no workshop 'kantelinx'" in p
        for p in problems
    )
    assert any(
        "proef.yaml:8:11  sessions[1].date  2027-03-02 comes before session 1's date "
        "(2027-03-16): list the sessions in the order they are held" in p
        for p in problems
    )


def test_overlapping_sessions_on_one_day(project: Path) -> None:
    booked = _programme(
        project,
        """\
        title: Proef
        client: gemeente-lindewaard
        sessions:
          - workshop: kanteling
            date: 2027-03-02
            start: "09:30"
            end: "12:30"
          - workshop: spagaat
            date: 2027-03-02
            start: "12:00"
        """,
    )
    assert any(
        "sessions[1].start  starts at 12:00, before session 1 ends (12:30) on the same day: "
        "start at 12:30 or later" in p
        for p in _problems(project, booked)
    )
    text = booked.read_text().replace('    end: "12:30"\n', "").replace("12:00", "11:00")
    by_agenda = _programme(project, text)
    assert any(
        "sessions[1].start  starts at 11:00, before session 1 ends (11:50, by its agenda) on "
        "the same day: start at 11:50 or later" in p
        for p in _problems(project, by_agenda)
    )


def test_a_session_that_does_not_fit_its_slot_is_said_at_its_line(project: Path) -> None:
    path = _programme(
        project, TWO.replace('start: "13:30"', 'start: "13:30"\n        end: "14:30"')
    )
    (problem,) = _problems(project, path)
    assert problem.startswith("workshops/programmes/proef.yaml:10:")
    assert "sessions[1].end  the agenda needs at least" in problem
    assert "the slot from 13:30 to 14:30 has 60" in problem


def test_an_unknown_key_and_a_bad_time_zone(project: Path) -> None:
    path = _programme(
        project, TWO.replace("client:", "timezone: CET\n    kleur: rood\n    client:")
    )
    problems = _problems(project, path)
    assert any(
        "timezone  must be a time zone name like Europe/Amsterdam or Europe/Brussels" in p
        for p in problems
    )
    assert any("kleur  'kleur' is not a field here" in p for p in problems)


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [
        ("timezone", "Europe/Brussels", True),
        ("timezone", "CET", False),
        ("timezone", "+01:00", False),
        ("start", '"09:30"', True),
        ("start", "half tien", False),
        ("date", "2027-03-02", True),
        ("date", "2 maart", False),
        ("min_sessions", "2", True),
        ("min_sessions", "0", False),
        ("kleur", "rood", False),
    ],
)
def test_the_programme_schema_agrees_with_the_loader(
    field: str, value: str, accepted: bool
) -> None:
    from pydantic import ValidationError

    from tests.editor_schema import load12, validator
    from tests.test_editor_schema import SCHEMAS
    from werkvorm.schema.programme import Programme
    from werkvorm.schema.source import parse_document

    ok = {"timezone": "Europe/Amsterdam", "start": '"09:30"', "date": "2027-03-02"}
    values = {**ok, "min_sessions": "2", field: value}
    text = (
        "title: Proef\nclient: klant\ntimezone: {timezone}\n"
        "sessions:\n  - workshop: kanteling\n    date: {date}\n    start: {start}\n"
        "certificate:\n  min_sessions: {min_sessions}\n"
    ).format(**values)
    if field == "kleur":
        text += "kleur: rood\n"
    try:
        Programme.model_validate(parse_document(Path("p.yaml"), text).data)
        loader = True
    except ValidationError:
        loader = False
    schema = validator(SCHEMAS / "programme.schema.json").is_valid(load12(text))
    assert (loader, schema) == (accepted, accepted)


def test_a_date_in_the_past_is_a_warning(project: Path) -> None:
    path = _programme(
        project, TWO.replace("2027-03-02", "2020-03-02").replace("2027-03-16", "2020-03-16")
    )
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "sessions[0].date  2020-03-02 is in the past: check the year" in result.output


def test_attendance_columns_must_match_the_sessions(project: Path) -> None:
    folder = project / "workshops" / "programmes"
    (folder / "lijst.csv").write_text(
        "naam;2027-03-02;2027-03-03\nAn de Vries;x;x\n", encoding="utf-8"
    )
    path = _programme(project, TWO + "attendance: lijst.csv\n")
    (problem,) = _problems(project, path)
    assert problem == (
        "workshops/programmes/lijst.csv:1:3  column 3  '2027-03-03' is not the date of a "
        "session of the programme (2027-03-02, 2027-03-16): correct the date here or in the "
        "programme"
    )


def test_attendance_marks_and_a_missing_column(project: Path) -> None:
    folder = project / "workshops" / "programmes"
    (folder / "lijst.csv").write_text(
        "naam;organisatie;2-3-2027\nAn de Vries;Gemeente X;ja\nBo Smit;;X\n", encoding="utf-8"
    )
    path = _programme(project, TWO + "attendance: lijst.csv\n")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "'ja' read as absent: write x or 1 for present" in result.output
    assert "no column for session 2 (2027-03-16): everyone counts as absent" in result.output
    programme = _composed(project, "proef")
    assert [(a.name, a.attended) for a in programme.attendees] == [
        ("An de Vries", []),
        ("Bo Smit", [1]),
    ]


# ---------------------------------------------------------------- the sessions


def test_each_session_knows_its_place_and_recalls_the_one_before(project: Path) -> None:
    programme = _composed(project)
    first, second, _third = programme.sessions
    assert [s.series for s in programme.sessions] == [
        "Sessie 1 van 3",
        "Sessie 2 van 3",
        "Sessie 3 van 3",
    ]
    opening = second.blocks[0]
    assert opening.intro.startswith("**Terugblik op sessie 1** (Kanteling)\n\n- ")
    assert all(f"- {t}" in opening.intro for t in first.takeaways)
    assert opening.slides[0].title == "Terugblik op sessie 1"
    assert opening.slides[0].bullets == first.takeaways[:5]
    assert opening.facilitator.startswith("Open met een terugblik op sessie 1 (Kanteling)")
    assert "Terugblik" not in first.blocks[0].intro
    assert "series" not in first.model_dump()  # a kit's Session is as it was


def test_a_session_takes_the_programme_date_slot_place_omit_and_minutes(project: Path) -> None:
    programme = _composed(project)
    spagaat = programme.sessions[1]
    assert (spagaat.date, spagaat.start, spagaat.end) == ("2027-03-16", "13:30", "16:55")
    assert spagaat.location == "Stadhuis Lindewaard, zaal 3"
    assert next(b for b in spagaat.blocks if b.id == "naar-het-werk").minutes == 40
    assert programme.sessions[0].location == "Gemeentehuis Lindewaard, raadzaal"


def test_english_sessions_say_session_2_of_2(project: Path) -> None:
    _programme(project, TWO.replace("gemeente-lindewaard", "harbourside"))
    programme = _composed(project, "proef")
    assert programme.sessions[1].series == "Session 2 of 2"
    assert programme.timezone == "Europe/London"
    assert programme.sessions[1].blocks[0].slides[0].title == "Looking back at session 1"


# ---------------------------------------------------------------- the calendar


def test_the_calendar_read_back_event_by_event(project: Path) -> None:
    import icalendar

    programme = _composed(project)
    calendar = icalendar.Calendar.from_ical(programme_ics(programme))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 3
    amsterdam = dt.timezone(dt.timedelta(hours=1))
    start = events[1].decoded("dtstart")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Amsterdam"
    assert start == dt.datetime(2027, 3, 16, 13, 30, tzinfo=amsterdam)
    assert events[1].decoded("dtend") == dt.datetime(2027, 3, 16, 17, 0, tzinfo=amsterdam)
    summer = events[2].decoded("dtstart")  # after the clocks went forward
    assert summer.utcoffset() == dt.timedelta(hours=2)
    assert summer.replace(tzinfo=None) == dt.datetime(2027, 4, 13, 9, 30)
    assert str(events[1]["location"]) == "Stadhuis Lindewaard, zaal 3"
    assert str(events[1]["summary"]) == "Leergang sociale media: De social media-spagaat (2/3)"
    description = str(events[1]["description"])
    assert description.startswith("Sessie 2 van 3 · Leergang sociale media\n\nDoelen:\n- ")
    assert all(goal in description for goal in programme.parts[1].goals)
    assert [str(t["tzid"]) for t in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(events[0]["uid"]) == "gemeente-lindewaard.leergang-sociale-media.kanteling@werkvorm"


def test_the_uid_stays_when_a_session_moves_and_the_bytes_stay_the_same(project: Path) -> None:
    import icalendar

    programme = _composed(project)
    before = programme_ics(programme)
    assert programme_ics(_composed(project)) == before
    path = project / "workshops" / "programmes" / f"{EXAMPLE}.yaml"
    for moved in (path, path.parent / "aanwezigheid.csv"):
        moved.write_text(moved.read_text().replace("2027-04-13", "2027-04-20"), encoding="utf-8")
    after = programme_ics(_composed(project))
    assert after != before
    uids = [
        [str(e["uid"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")]
        for ics in (before, after)
    ]
    assert uids[0] == uids[1]
    single = icalendar.Calendar.from_ical(session_ics(programme)["02-spagaat/02-spagaat.ics"])
    (event,) = single.walk("VEVENT")
    assert str(event["uid"]) == uids[0][1]
    assert b"DTSTAMP:20000101T000000Z" in before


def test_text_a_trainer_types_reaches_the_calendar_as_written(project: Path) -> None:
    import icalendar

    title = 'Leergang "sociaal" & <samen>; één, 👋'
    _programme(project, TWO.replace("title: Proef", f"title: '{title}'"))
    calendar = icalendar.Calendar.from_ical(programme_ics(_composed(project, "proef")))
    assert str(calendar.walk("VEVENT")[0]["summary"]).startswith(f"{title}: Kanteling")


# ---------------------------------------------------------------- the certificate rule


def test_who_qualifies_for_the_programme_certificate(project: Path) -> None:
    programme = _composed(project)
    assert programme.min_sessions == 2
    assert [a.name for a in programme.qualified] == [
        "Sanne Bakker",
        "Joost van Dijk",
        "Pieter Hoekstra",
    ]
    assert qualification(programme) == [
        "no programme certificate (fewer than 2 of 3 sessions attended): Fatima El Amrani (1 of 3)"
    ]
    joost = programme.qualified[1]
    assert programme.hours_text(joost) == "5\u00a0uur en 20\u00a0minuten"


def test_without_min_sessions_every_session_is_needed(project: Path) -> None:
    path = project / "workshops" / "programmes" / f"{EXAMPLE}.yaml"
    text = path.read_text().replace("  min_sessions: 2 ", "  # min_sessions: 2 ")
    path.write_text(text, encoding="utf-8")
    programme = _composed(project)
    assert programme.min_sessions == 3
    assert [a.name for a in programme.qualified] == ["Sanne Bakker"]


def test_without_an_attendance_list_there_are_no_certificates(project: Path) -> None:
    _programme(project, TWO)
    programme = _composed(project, "proef")
    assert programme.qualified == []
    assert qualification(programme) == [
        "no attendance list: no programme certificates (add attendance: to the programme)"
    ]


# ---------------------------------------------------------------- the command line


def test_new_programme_writes_a_starter_that_checks(project: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "--programme",
            "voorjaar",
            "--client",
            "gemeente-lindewaard",
            "--workshop",
            "kanteling,spagaat",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "created workshops/programmes/voorjaar.yaml" in result.output
    path = project / "workshops" / "programmes" / "voorjaar.yaml"
    text = path.read_text(encoding="utf-8")
    assert "client: gemeente-lindewaard" in text
    assert re.search(r"- workshop: spagaat +# a workshop in workshops/", text)
    checked = runner.invoke(app, ["check", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "0 error(s), 0 warning(s)" in checked.output


def test_new_programme_needs_a_known_client(project: Path) -> None:
    result = runner.invoke(
        app, ["new", "--programme", "x", "--client", "onbekend", "--workshop", "kanteling"]
    )
    assert result.exit_code == 1
    assert "there is no client 'onbekend' in workshops/clients/" in result.output


def test_a_starter_begins_on_a_tuesday_four_weeks_ahead() -> None:
    assert first_date(dt.date(2026, 12, 3)) == dt.date(2027, 1, 5)
    assert first_date(dt.date(2026, 12, 3)).weekday() == 1


def test_the_starter_dates_are_two_weeks_apart(project: Path) -> None:
    path = create_programme(
        Project(project),
        "drie",
        "gemeente-lindewaard",
        ["kanteling", "spagaat"],
        today=dt.date(2026, 12, 3),
    )
    text = path.read_text(encoding="utf-8")
    assert "date: 2027-01-05" in text and "date: 2027-01-19" in text


def test_list_shows_programmes(project: Path) -> None:
    result = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if EXAMPLE in line)
    assert "programme" in line
    assert "Gemeente Lindewaard: Leergang sociale media (3 sessions)" in line


def test_build_all_and_shards_include_programmes(project: Path) -> None:
    found = Project(project)
    jobs = batch.plan(found, [], True)
    programmes = [j for j in jobs if j.kind == "programme"]
    assert [j.path.stem for j in programmes] == [EXAMPLE]
    assert programmes[0].label == f"{EXAMPLE} (programme)"
    shares = [batch.shard(jobs, i, 3) for i in (1, 2, 3)]
    assert sorted(j.path.stem for share in shares for j in share) == sorted(
        j.path.stem for j in jobs
    )
    assert batch.plan(found, [EXAMPLE], False) == programmes


def test_a_name_that_is_a_programme_and_a_client_must_be_a_path(project: Path) -> None:
    folder = project / "workshops" / "programmes"
    (folder / "harbourside.yaml").write_text(TWO, encoding="utf-8")
    result = runner.invoke(app, ["build", "harbourside"])
    assert result.exit_code == 1
    assert "'harbourside' is both a programme and a client: give the path" in result.output


@pytest.mark.slow  # checks every workshop and client of the project, decks and all
def test_check_without_files_checks_the_programmes(project: Path) -> None:
    _programme(project, TWO.replace("kanteling", "kantelinx"))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "workshops/programmes/proef.yaml" in result.output
    assert "sessions[0].workshop  there is no workshop 'kantelinx'" in result.output


def test_an_unknown_name_lists_the_programmes_too(project: Path) -> None:
    result = runner.invoke(app, ["build", "leergang"])
    assert result.exit_code == 1
    assert "programmes: leergang-sociale-media)" in result.output


def test_watch_previews_the_binder_as_html(project: Path) -> None:
    from werkvorm.preview.programme import ProgrammeRebuilder
    from werkvorm.preview.watch import WatchEvent

    events: list[WatchEvent] = []
    path = project / "workshops" / "programmes" / f"{EXAMPLE}.yaml"
    rebuild = ProgrammeRebuilder(Project(project), path, events.append)
    rebuild()
    assert [e.kind for e in events] == ["built"]
    folder = project / "output" / ".preview" / "gemeente-lindewaard" / EXAMPLE
    page = rebuild.preview.page().decode()
    assert "Het programma in één oogopslag" in page
    assert '<a href="02-spagaat.html">De social media-spagaat</a>' in page
    assert "Sessie 2 van 3" in (folder / "02-spagaat.html").read_text(encoding="utf-8")
    assert not (project / "output" / "gemeente-lindewaard").exists()  # never the build
    path.write_text(path.read_text().replace("client: gemeente-lindewaard", "client: x"))
    rebuild()
    assert events[-1].kind == "failed"
    assert "there is no client 'x'" in " ".join(events[-1].details)
    assert "Het programma in één oogopslag" in rebuild.preview.page().decode()  # the last good


def test_schema_programme(project: Path) -> None:
    result = runner.invoke(app, ["schema", "programme"])
    assert result.exit_code == 0
    assert '"title": "werkvorm programme"' in result.output
    assert '"min_sessions"' in result.output


# ---------------------------------------------------------------- the build (slow)


def _pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example programme, built once for the slow tests (a copy of the repository's
    workshops, so the tests may not change it)."""
    import shutil

    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("programme")
    shutil.copytree(REPO / "workshops", root / "workshops")
    result = runner.invoke(app, ["build", EXAMPLE, "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert "no programme certificate (fewer than 2 of 3 sessions attended): " in result.output
    assert "Fatima El Amrani (1 of 3)" in result.output
    return root / "output" / "gemeente-lindewaard" / EXAMPLE


@pytest.mark.slow
def test_the_programme_folder(built: Path) -> None:
    names = sorted(str(p.relative_to(built)) for p in built.rglob("*") if p.is_file())
    for name in (
        "01-kanteling/handout.pdf",
        "02-spagaat/guide.pdf",
        "03-zes-competenties/deck.pptx",
        "02-spagaat/02-spagaat.ics",
        "binder.pdf",
        "binder.html",
        "certificates.pdf",
        "programme.ics",
        "participants/sanne-bakker.pdf",
        "manifest.json",
    ):
        assert name in names
    html = (built / "binder.html").read_text(encoding="utf-8")
    assert '<a href="02-spagaat/handout.html">De social media-spagaat</a>' in html


@pytest.mark.slow
def test_the_contents_give_the_real_pages_and_each_session_starts_on_the_right(
    built: Path,
) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built / "binder.pdf")
    pages = _pdf_text((built / "binder.pdf").read_bytes())
    contents = next(p for p in pages if p.startswith("Inhoud"))
    listed = [int(n) for n in re.findall(r"blz\. (\d+)", contents)]
    titles = ["Kanteling", "De social media-spagaat", "Zes competenties voor social media"]
    for n, title in enumerate(titles):
        page = listed[n]
        assert page % 2 == 1, f"{title} starts on a left-hand page ({page})"
        assert f"SESSIE {n + 1} VAN 3" in pages[page - 1].upper()
        assert title in pages[page - 1]
    assert pages[listed[3] - 1].startswith("Bronnen")
    assert listed[3] % 2 == 1
    outline = [(o.title, reader.get_destination_page_number(o) + 1) for o in reader.outline]
    assert [page for _, page in outline] == listed
    handout = _pdf_text((built / "02-spagaat" / "handout.pdf").read_bytes())
    assert pages[listed[1] - 1 : listed[1] - 1 + len(handout)] == handout


@pytest.mark.slow
def test_the_personal_binder_has_the_name_on_each_cover(built: Path) -> None:
    binder = _pdf_text((built / "binder.pdf").read_bytes())
    personal = _pdf_text((built / "participants" / "joost-van-dijk.pdf").read_bytes())
    assert len(personal) == len(binder)
    contents = next(p for p in binder if p.startswith("Inhoud"))
    covers = [1, *(int(n) for n in re.findall(r"blz\. (\d+)", contents)[:3])]
    for page in covers:
        assert "Joost van Dijk" in personal[page - 1]
        assert "Sanne Bakker" not in personal[page - 1]
    assert "Joost van Dijk" not in " ".join(binder)


@pytest.mark.slow
def test_one_certificate_per_qualified_participant(built: Path) -> None:
    pages = _pdf_text((built / "certificates.pdf").read_bytes())
    assert len(pages) == 3
    joost = pages[1]
    assert "Joost van Dijk" in joost
    assert "heeft deelgenomen aan de leergang Leergang sociale media" in joost
    assert "1. Kanteling dinsdag 2 maart 2027 2 uur" in joost
    assert "3. Zes competenties voor social media dinsdag 13 april 2027" in joost
    assert "De social media-spagaat" not in joost
    assert "Totaal 5 uur en 20 minuten" in joost
    assert not any("Fatima" in p for p in pages)


@pytest.mark.slow
def test_cover_guide_and_title_slide_say_session_2_of_3(built: Path) -> None:
    from pptx import Presentation

    handout = _pdf_text((built / "02-spagaat" / "handout.pdf").read_bytes())
    guide = _pdf_text((built / "02-spagaat" / "guide.pdf").read_bytes())
    assert "SESSIE 2 VAN 3" in handout[0].upper()
    assert "SESSIE 2 VAN 3" in guide[0].upper()
    deck = Presentation(str(built / "02-spagaat" / "deck.pptx"))
    title = " ".join(
        shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame
    )
    assert "Sessie 2 van 3" in title
    recap = [
        " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in deck.slides
    ]
    assert any("Terugblik op sessie 1" in text for text in recap)


@pytest.mark.slow
def test_a_rebuild_is_skipped_and_only_a_changed_session_is_rebuilt(built: Path) -> None:
    from werkvorm.kits.options import BuildOptions
    from werkvorm.kits.programme import build_programme

    root = built.parents[2]
    project = Project(root)
    path = project.programmes_dir / f"{EXAMPLE}.yaml"
    assert build_programme(project, path).skipped
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    forced = build_programme(project, path, BuildOptions(force=True))
    assert forced.rebuilt == ["01-kanteling", "02-spagaat", "03-zes-competenties"]
    after = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert sorted(after) == sorted(before)
    changed = [str(p.relative_to(built)) for p in before if before[p] != after[p]]
    assert changed == []  # the same bytes, build after build (PDF, PPTX, HTML, ICS)
    kept = (built / "01-kanteling" / "handout.pdf").stat().st_ino
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "  - workshop: zes-competenties\n",
            "  - workshop: zes-competenties\n    location: Zaal 9\n",
        ),
        encoding="utf-8",
    )
    moved = build_programme(project, path)
    assert moved.rebuilt == ["03-zes-competenties"]
    assert (built / "01-kanteling" / "handout.pdf").stat().st_ino == kept  # carried over
    assert "Zaal 9" in (built / "programme.ics").read_text(encoding="utf-8")
    assert not [p for p in built.parent.iterdir() if p.name.startswith(".")]
