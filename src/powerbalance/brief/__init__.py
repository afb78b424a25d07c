"""The brief: one document a decision maker can read, from what an analysis produced.

:func:`build` evaluates a study, runs the robustness analyses and returns a
:class:`Brief`; a Brief can also be composed by hand from results already computed.
It reads bottom line first (the disclaimer, the question, the recommendation, how
robust it is), then the evidence, with the analyst's own material: units, the
consequences with their uncertainty ranges, rationale notes, scale anchors and
descriptions. It renders to text, Markdown, a self-contained HTML page that prints
cleanly, and JSON, and :meth:`Brief.save` writes any of them. :func:`interactive`
makes the page for a decision conference, where a room moves the weights and watches
the ranking change; :func:`widget` shows it in a notebook, its weights shared with Python.

Examples
--------
>>> import powerbalance as pb
>>> brief = pb.brief.build(pb.examples.load("great-power-cooperation"))
>>> brief.recommendation()[:32]
'Targeted cooperation ranks first'
>>> brief.to_html(page=True).count('class="callout disclaimer"')
1
"""

from powerbalance.brief._brief import BRIEF_SCHEMA, FORMATS, Brief
from powerbalance.brief.build import build
from powerbalance.brief.conference import ConferencePage, interactive
from powerbalance.brief.conference._notebook import widget

__all__ = ["BRIEF_SCHEMA", "FORMATS", "Brief", "ConferencePage", "build", "interactive", "widget"]
