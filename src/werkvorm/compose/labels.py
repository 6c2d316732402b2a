"""Every word werkvorm itself prints on a handout, guide or slide, in Dutch and English.

``LABELS`` holds the words per language. Two small tables adjust them per session:
``REGIONAL`` for Belgian Dutch (nl-BE) where Flemish usage differs, and ``FORMAL`` for
the labels that address the participant, in the 'u' register (``register: u``). A new
label that speaks to the participant as 'je' needs its 'u' form in ``FORMAL`` (a test
enforces it). ``labels_for`` puts them together.
"""

from __future__ import annotations

from datetime import date

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "agenda": "Programma",
        "about_workshop": "Over deze workshop",
        "goals": "Leerdoelen",
        "break": "Pauze",
        "exercise": "Opdracht",
        "worksheet": "Werkblad",
        "takeaways": "Om mee te nemen",
        "sources": "Bronnen",
        "notes": "Aantekeningen",
        # the booklet's page of actions (render/booklet.py: never three notes pages in a row)
        "my_actions": "Mijn acties",
        "action_what": "Wat ik ga doen",
        "action_when": "Wanneer",
        "action_who": "Met wie",
        "time": "Tijd",
        "block": "Onderdeel",
        "block_word": "blok",
        "format": "Werkvorm",
        "minutes": "Minuten",
        "min": "min",
        "materials": "Materialen",
        "materials_checklist": "Checklist materialen",
        "group_size": "Groepsgrootte",
        "persons": "personen",
        "person": "persoon",
        "your_name": "Naam",
        "facilitator": "Trainer",
        "date": "Datum",
        "location": "Locatie",
        "audience": "Voor wie",
        "page": "pagina",
        "of": "van",
        "handout": "Werkboek voor deelnemers",
        "guide": "Handleiding voor de trainer",
        "run_sheet": "Draaiboek",
        "running_total": "Totaal",
        "facilitator_notes": "Aantekeningen voor de trainer",
        "timing_cues": "Tijdsignalen",
        "slides": "Wat de dia's zeggen",
        "warnings": "Let op bij de planning",
        "resume": "We gaan verder om {time}",
        "resume_relative": "We gaan verder na {minutes} minuten",
        # Fitting the agenda to the booked slot (Session.fit_notes, in the guide).
        "fit_debrief": "‘{title}’: {extra} minuten terugkoppeling ({groups} groepen × {per} minuten, {people} deelnemers)",
        "fit_debrief_inside": "‘{title}’: {extra} van de {minutes} minuten zijn terugkoppeling ({groups} groepen × {per} minuten, {people} deelnemers); {work} minuten blijven voor de opdracht",
        "fit_stretched": "‘{title}’ verlengd van {before} naar {after} minuten, om het tijdslot {slot} te vullen",
        "fit_shrunk": "‘{title}’ ingekort van {before} naar {after} minuten, om binnen het tijdslot {slot} te blijven",
        "fit_dropped": "‘{title}’ ({minutes} minuten) weggelaten: optioneel, en het programma past anders niet in het tijdslot {slot}",
        "fit_break": "{title} ingekort van {before} naar {after} minuten, om binnen het tijdslot {slot} te blijven",
        "fit_early": "Het programma eindigt om {end}, {minutes} minuten voor het einde van het tijdslot {slot}",
        "day_morning": "ochtend",
        "day_afternoon": "middag",
        "day_evening": "avond",
        "block_ref": "‘{title}’ (blok\u00a0{number})",
        "block_ref_dropped": "‘{title}’ (valt vandaag weg)",
        "plan_debrief": "Terugkoppeling: {groups} groepen × {per} minuten",
        "plan_scaled": "Plan geschaald van {before} naar {after} minuten: verdeel de tijd zelf anders als dat beter past.",
        "cue_step": "{start}–{end} {text}",
        "eval_goal": "Ik kan nu {goal}",
        "cue_start": "{time} start: {title}",
        "cue_exercise": "{time} opdracht uitdelen: {title}",
        "cue_wrap": "{time} afronden en terugkoppelen",
        "cue_end": "{time} einde van dit onderdeel",
        "summary_lines": "vraag, {n} regels",
        "summary_questions": "{count} vragen, {n} regels elk",
        "summary_scale": "schaal {min}–{max}",
        "summary_checklist": "checklist, {n} punten",
        "summary_table": "tabel, {n} rijen",
        "total": "Totaal",
        "planned": "Gepland",
        "end": "Einde",
        "start": "Start",
        "closing": "Bedankt!",
        "questions": "Vragen om te bespreken",
        "quote": "Citaat",
        "hand_in": "Inleveren",
        "slides_handout": "Dia's met ruimte voor aantekeningen",
        "contents": "Inhoud",
        "duration": "Duur",
        "hours": "uur",
        "certificate": "Certificaat van deelname",
        "agenda_continued": "Programma (vervolg)",
        "cert_took_part": "heeft deelgenomen aan de workshop",
        "cert_title": "Certificaat",
        "cert_awarded": "Uitgereikt aan",
        "cert_on": "op",
        "cert_in": "in",
        "signin": "Presentielijst",
        "signature": "Handtekening",
        "organisation": "Organisatie",
        # Evaluation form, follow-up and badges (render/evaluation.py, followup.py, badges.py)
        "evaluation": "Evaluatie",
        "eval_intro": "Wat vond je van deze workshop? Je antwoorden helpen ons hem beter te maken.",
        "eval_low": "helemaal oneens",
        "eval_high": "helemaal eens",
        "eval_q_overall": "Ik ben tevreden over deze workshop.",
        "eval_q_useful": "Wat ik heb geleerd, kan ik in mijn werk gebruiken.",
        "eval_q_trainer": "De trainer bracht de stof helder over.",
        "eval_q_pace": "Het tempo en de duur pasten bij de inhoud.",
        "eval_q_takeaway": "Wat neem je mee uit deze workshop?",
        "eval_q_better": "Wat kan er beter?",
        "eval_name": "Naam (mag leeg blijven)",
        "eval_thanks": "Bedankt voor het invullen!",
        "followup": "Na de workshop",
        "followup_intro": "Bedankt voor je deelname aan {title}. Hier vind je terug wat we hebben besproken, om na te lezen en te delen.",
        "followup_contact": "Vragen of verder praten?",
        "followup_scan": "Scan de code of klik op de link.",
        "followup_online": "De follow-up staat ook online:",
        "email": "E-mail",
        # Added for the print documents (issue 14, 17).
        "continued": "vervolg",
        "background": "Achtergrond",
        "preparation": "Voorbereiding",
        "timing_note": "Let op de tijd",
        "timing_over": "Het programma duurt {total} minuten, {diff} minuten langer dan gepland ({planned}).",
        "timing_under": "Het programma duurt {total} minuten, {diff} minuten korter dan gepland ({planned}).",
        "slide_no": "dia",
    },
    "en": {
        "agenda": "Agenda",
        "about_workshop": "About this workshop",
        "goals": "Learning goals",
        "break": "Break",
        "exercise": "Exercise",
        "worksheet": "Worksheet",
        "takeaways": "Takeaways",
        "sources": "Sources",
        "notes": "Notes",
        # the booklet's page of actions (render/booklet.py: never three notes pages in a row)
        "my_actions": "My actions",
        "action_what": "What I will do",
        "action_when": "By when",
        "action_who": "With whom",
        "time": "Time",
        "block": "Block",
        "block_word": "block",
        "format": "Format",
        "minutes": "Minutes",
        "min": "min",
        "materials": "Materials",
        "materials_checklist": "Materials checklist",
        "group_size": "Group size",
        "persons": "people",
        "person": "person",
        "your_name": "Name",
        "facilitator": "Facilitator",
        "date": "Date",
        "location": "Location",
        "audience": "Audience",
        "page": "page",
        "of": "of",
        "handout": "Participant workbook",
        "guide": "Facilitator guide",
        "run_sheet": "Run sheet",
        "running_total": "Running total",
        "facilitator_notes": "Facilitator notes",
        "timing_cues": "Timing cues",
        "slides": "What the slides say",
        "warnings": "Check the timing",
        "resume": "We resume at {time}",
        "resume_relative": "We resume after {minutes} minutes",
        # Fitting the agenda to the booked slot (Session.fit_notes, in the guide).
        "fit_debrief": "‘{title}’: {extra} minutes of report-back ({groups} groups × {per} minutes, {people} participants)",
        "fit_debrief_inside": "‘{title}’: {extra} of its {minutes} minutes are report-back ({groups} groups × {per} minutes, {people} participants); {work} minutes are left for the exercise",
        "fit_stretched": "‘{title}’ stretched from {before} to {after} minutes to fill the booked slot {slot}",
        "fit_shrunk": "‘{title}’ shortened from {before} to {after} minutes to fit the booked slot {slot}",
        "fit_dropped": "‘{title}’ ({minutes} minutes) left out: it is optional, and the agenda would not fit the booked slot {slot}",
        "fit_break": "{title} shortened from {before} to {after} minutes to fit the booked slot {slot}",
        "fit_early": "The agenda ends at {end}, {minutes} minutes before the end of the booked slot {slot}",
        "day_morning": "morning",
        "day_afternoon": "afternoon",
        "day_evening": "evening",
        "cue_start": "{time} start: {title}",
        "block_ref": "‘{title}’ (block\u00a0{number})",
        "block_ref_dropped": "‘{title}’ (left out today)",
        "plan_debrief": "Report-back: {groups} groups × {per} minutes",
        "plan_scaled": "Plan scaled from {before} to {after} minutes: share out the time differently if that suits better.",
        "cue_step": "{start}–{end} {text}",
        "eval_goal": "I can now {goal}",
        "cue_exercise": "{time} hand out the exercise: {title}",
        "cue_wrap": "{time} wrap up and debrief",
        "cue_end": "{time} end of this block",
        "summary_lines": "question, {n} lines",
        "summary_questions": "{count} questions, {n} lines each",
        "summary_scale": "scale {min}–{max}",
        "summary_checklist": "checklist, {n} items",
        "summary_table": "table, {n} rows",
        "total": "Total",
        "planned": "Planned",
        "end": "End",
        "start": "Start",
        "closing": "Thank you!",
        "questions": "Questions to discuss",
        "quote": "Quote",
        "hand_in": "Hand in",
        "slides_handout": "Slides with space for notes",
        "contents": "Contents",
        "duration": "Duration",
        "hours": "hours",
        "certificate": "Certificate of participation",
        "agenda_continued": "Agenda (continued)",
        "cert_took_part": "took part in the workshop",
        "cert_title": "Certificate",
        "cert_awarded": "Awarded to",
        "cert_on": "on",
        "cert_in": "in",
        "signin": "Sign-in sheet",
        "signature": "Signature",
        "organisation": "Organisation",
        # Evaluation form, follow-up and badges (render/evaluation.py, followup.py, badges.py)
        "evaluation": "Evaluation",
        "eval_intro": "What did you think of this workshop? Your answers help us make it better.",
        "eval_low": "strongly disagree",
        "eval_high": "strongly agree",
        "eval_q_overall": "I am satisfied with this workshop.",
        "eval_q_useful": "I can use what I learned in my work.",
        "eval_q_trainer": "The facilitator explained the material clearly.",
        "eval_q_pace": "The pace and length suited the content.",
        "eval_q_takeaway": "What will you take away from this workshop?",
        "eval_q_better": "What could be better?",
        "eval_name": "Name (optional)",
        "eval_thanks": "Thank you for filling this in!",
        "followup": "After the workshop",
        "followup_intro": "Thank you for taking part in {title}. Here is what we covered, to read again and to share.",
        "followup_contact": "Questions, or want to talk further?",
        "followup_scan": "Scan the code or follow the link.",
        "followup_online": "The follow-up is also online:",
        "email": "Email",
        # Added for the print documents (issue 14, 17).
        "continued": "continued",
        "background": "Background",
        "preparation": "Preparation",
        "timing_note": "Mind the time",
        "timing_over": "The programme takes {total} minutes, {diff} minutes longer than planned ({planned}).",
        "timing_under": "The programme takes {total} minutes, {diff} minutes shorter than planned ({planned}).",
        "slide_no": "slide",
    },
}

FORMATS: dict[str, dict[str, str]] = {
    "nl": {
        "plenary": "plenair",
        "groups": "in groepjes",
        "pairs": "in tweetallen",
        "individual": "individueel",
        "discussion": "gesprek",
    },
    "en": {
        "plenary": "plenary",
        "groups": "small groups",
        "pairs": "pairs",
        "individual": "individual",
        "discussion": "discussion",
    },
}

# Belgian Dutch where Flemish usage differs from the Netherlands; the rest is shared.
# Long dates ("donderdag 3 december 2026"), the decimal comma and 24-hour clock times
# are the same in both. Keys another part of werkvorm adds later are adjusted here too.
REGIONAL: dict[str, dict[str, str]] = {
    "nl-BE": {
        "handout": "Deelnemersbundel",
        "guide": "Handleiding voor de lesgever",
        "facilitator": "Lesgever",
        "facilitator_notes": "Notities voor de lesgever",
        "notes": "Notities",
        "signin": "Aanwezigheidslijst",
        "certificate": "Attest van deelname",
        "cert_title": "Attest",
        "day_morning": "voormiddag",
        "day_afternoon": "namiddag",
        # labels of the evaluation form and the slides handout
        "eval_q_trainer": "De lesgever bracht de stof helder over.",
        "slides_handout": "Dia's met ruimte voor notities",
    },
}

FORMATS_REGIONAL: dict[str, dict[str, str]] = {
    "nl-BE": {"pairs": "in duo's"},
}

# The 'u' form of every Dutch label that addresses the participant as 'je'
# (evaluation form and follow-up included).
FORMAL: dict[str, str] = {
    "eval_intro": "Wat vond u van deze workshop? Uw antwoorden helpen ons hem beter te maken.",
    "eval_q_takeaway": "Wat neemt u mee uit deze workshop?",
    "followup_intro": "Bedankt voor uw deelname aan {title}. Hier vindt u terug wat we "
    "hebben besproken, om na te lezen en te delen.",
}


def labels_for(locale: str, register: str = "") -> dict[str, str]:
    """The labels for a session: its language, regional usage, and the trainer's register.

    ``locale`` is "nl", "nl-BE" or "en"; ``register`` "u" turns the labels that address
    the participant into the 'u' form (Dutch only)."""
    language = locale.split("-")[0]
    out = dict(LABELS[language])
    out.update((k, v) for k, v in REGIONAL.get(locale, {}).items() if k in out)
    if register == "u" and language == "nl":
        out.update((k, v) for k, v in FORMAL.items() if k in out)
    return out


def formats_for(locale: str) -> dict[str, str]:
    """The names of the work formats (plenary, pairs...) in the session's language."""
    return {**FORMATS[locale.split("-")[0]], **FORMATS_REGIONAL.get(locale, {})}


_DAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def long_date(day: date, language: str) -> str:
    """``donderdag 3 december 2026`` / ``Thursday 3 December 2026``."""
    return (
        f"{_DAYS[language][day.weekday()]} {day.day} {_MONTHS[language][day.month - 1]} {day.year}"
    )
