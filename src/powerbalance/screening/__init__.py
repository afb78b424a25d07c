"""Screening and sorting: which options are acceptable at all, and in which category.

Before options are ranked, a longlist is narrowed: :func:`screen` applies minimum
standards (:class:`Threshold`), red lines (:class:`Veto`) and must-haves
(:class:`MustHave`) and records the reason for every exclusion, keeping the
business-as-usual and do-minimum options as comparators. :func:`sort` assigns each
option to an ordered category ("reject", "consider", "recommend") with an outranking
sorting model, :class:`MRSort` or :class:`ElectreTriB`, and says why.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> red_line = pb.screening.Veto("Alliances strained", limit=6, reason="the alliance red line")
>>> screening = pb.screening.screen(a, red_line)
>>> print(screening.reasons["Broad partnership"][0].in_words())
Broad partnership crosses the red line on Alliances strained (8.5 > 6: the alliance red line).
>>> screening.assessment.n_options
6
"""

from powerbalance.screening._acceptability_result import (
    ACCEPTABILITY_SCHEMA,
    CategoryAcceptability,
)
from powerbalance.screening._electre_tri import ElectreTriB, PreparedElectreTriB
from powerbalance.screening._learned import LEARNED_SCHEMA, LearnedSorting
from powerbalance.screening._mrsort import MRSort, PreparedMRSort
from powerbalance.screening._rules import MustHave, Threshold, Veto
from powerbalance.screening._screening import SCREENING_SCHEMA, Failure, Screening
from powerbalance.screening._sorting import SORTING_SCHEMA, Sorting
from powerbalance.screening._sorting_model import PreparedSorting, SortingModel
from powerbalance.screening.acceptability import acceptability
from powerbalance.screening.learn import learn_mrsort
from powerbalance.screening.screen import screen
from powerbalance.screening.sort import sort

__all__: list[str] = [
    "ACCEPTABILITY_SCHEMA",
    "LEARNED_SCHEMA",
    "SCREENING_SCHEMA",
    "SORTING_SCHEMA",
    "CategoryAcceptability",
    "ElectreTriB",
    "Failure",
    "LearnedSorting",
    "MRSort",
    "MustHave",
    "PreparedElectreTriB",
    "PreparedMRSort",
    "PreparedSorting",
    "Screening",
    "Sorting",
    "SortingModel",
    "Threshold",
    "Veto",
    "acceptability",
    "learn_mrsort",
    "screen",
    "sort",
]
