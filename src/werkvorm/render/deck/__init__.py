"""Session → an editable slide deck (python-pptx), on the default or the client's template.

- ``template``: open a template safely (zip checks, macros refused, .potx read), remove
  its sample slides and external links, save reproducibly;
- ``layouts``: which layout serves which slide kind, chosen by placeholders;
- ``canvas`` and ``writer``: the slides, one method per slide kind, text fitted to the
  placeholder it goes into (``werkvorm.render.textfit``);
- ``brand``: theme colours, the logo on the master, the language of every run;
- ``checks``: what ``check`` reports before a build;
- ``_oxml``: every use of python-pptx internals.
"""

from __future__ import annotations

from werkvorm.render.deck.build import build_deck, render_deck
from werkvorm.render.deck.canvas import DeckNote, DeckReport, SlideCard
from werkvorm.render.deck.layouts import LayoutChoice, LayoutInfo, choose_layouts, describe_template
from werkvorm.render.deck.template import default_template, open_template, read_template

__all__ = [
    "DeckNote",
    "DeckReport",
    "LayoutChoice",
    "LayoutInfo",
    "SlideCard",
    "build_deck",
    "choose_layouts",
    "default_template",
    "describe_template",
    "open_template",
    "read_template",
    "render_deck",
]
