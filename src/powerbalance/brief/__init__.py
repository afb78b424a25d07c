"""The brief: one document a decision maker can read, from what an analysis produced.

:func:`build` evaluates a study, runs the robustness analyses and returns a
:class:`Brief`; a Brief can also be composed by hand from results already computed.
It reads bottom line first (the disclaimer, the question, the recommendation, how
robust it is), then the evidence, with the analyst's own material: units, the
consequences with their uncertainty ranges, rationale notes, scale anchors and
descriptions. It renders to text, Markdown, a self-contained HTML page that prints
cleanly, and JSON, and :meth:`Brief.save` writes any of them.

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

__all__ = ["BRIEF_SCHEMA", "FORMATS", "Brief", "build"]
