"""Charts of an evaluation: benefits and risks by area, the benefit-risk map, the weights.

And of the robustness analyses: a weight sweep, SMAA's rank acceptabilities, and across
scenarios the regret heat map and every option's score by scenario; value against
cost with its efficient frontier; the best package at each budget; each option's
core index among the robust packages; and how often each option falls in each
category of a sorting.

Each function draws one chart with matplotlib and returns the
:class:`matplotlib.figure.Figure` that holds it. Without ``ax`` it makes a new figure
that is not registered with :mod:`matplotlib.pyplot`, so nothing piles up in a long
session; with ``ax`` it draws into those axes and returns their figure. The functions
never call ``plt.show()`` and never change matplotlib's global settings: save the
figure with ``figure.savefig(...)``, or draw into axes from ``plt.subplots()`` and call
``plt.show()`` yourself to see it in a window.

The charts speak the same visual language as the HTML pages: an area has one colour
everywhere (a colour-blind-safe palette), a risk is striped in its area's colour, ranks
take an ordered palette, titles name the method in words, and legends stand beside
the axes, off the data. A new figure has a constrained layout, so nothing is clipped
when it is saved; when drawing into axes of your own, give their figure
``layout="constrained"`` or save with ``bbox_inches="tight"``.

matplotlib is an optional dependency: ``python -m pip install 'powerbalance[plot]'``.
``import powerbalance`` does not load this module; import it as
``from powerbalance import plot``.

Examples
--------
>>> import powerbalance as pb
>>> from powerbalance import plot
>>> report = pb.evaluate(pb.examples.load("great-power-cooperation").assessment)
>>> figure = plot.benefit_risk(report)
>>> figure.axes[0].get_xlabel()
'weighted risk (lower is better)'
"""

from __future__ import annotations

from powerbalance.plot._categories import categories
from powerbalance.plot._category_acceptability import category_acceptability
from powerbalance.plot._core_index import core_index
from powerbalance.plot._evaluation import benefit_risk, contributions, weights
from powerbalance.plot._portfolio import frontier
from powerbalance.plot._robustness import acceptability, sweep
from powerbalance.plot._scenarios import regret, scenario_scores
from powerbalance.plot._style import FADED as FADED
from powerbalance.plot._style import MISSING_MATPLOTLIB as MISSING_MATPLOTLIB
from powerbalance.plot._style import RISK_HATCH as RISK_HATCH
from powerbalance.plot._value_for_money import value_for_money

__all__ = [
    "acceptability",
    "benefit_risk",
    "categories",
    "category_acceptability",
    "contributions",
    "core_index",
    "frontier",
    "regret",
    "scenario_scores",
    "sweep",
    "value_for_money",
    "weights",
]
