"""learn_mrsort(): an MR-Sort model inferred from options a committee has already sorted."""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np

from powerbalance._validate import Boolean, Interval, check, did_you_mean, quoted_list, refuse
from powerbalance.errors import UnknownNameError
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.model import Assessment, Weights
from powerbalance.screening._learn_mip import solve
from powerbalance.screening._learned import LearnedSorting
from powerbalance.screening._mrsort import MRSort
from powerbalance.screening._sorting_model import to_categories

__all__ = ["learn_mrsort"]

_OWNER = "learn_mrsort"


def _examples(
    assessment: Assessment, assignments: object, categories: tuple[str, ...]
) -> dict[str, str]:
    """The examples, checked: known options, known categories, at least two categories."""
    expected = "a mapping of option name to category name"
    if not isinstance(assignments, Mapping):
        raise refuse(
            _OWNER, "assignments", assignments, expected, fix="Such as {'Engage': 'recommend'}."
        )
    examples: dict[str, str] = {}
    options = assessment.option_names
    for option, category in assignments.items():
        if option not in options:
            raise refuse(
                _OWNER,
                "assignments",
                option,
                "options of the assessment",
                fix=f"{option!r} is not one of them.{did_you_mean(str(option), options)}",
                error=UnknownNameError,
            )
        if category not in categories:
            raise refuse(
                _OWNER,
                f"assignments[{option!r}]",
                category,
                f"one of the categories {quoted_list(categories)}",
                fix=did_you_mean(str(category), categories).strip()
                or "Add it to categories, in its place from worst to best.",
                error=UnknownNameError,
            )
        examples[option] = category
    if len(set(examples.values())) < 2:
        raise refuse(
            _OWNER,
            "assignments",
            assignments,
            "examples in at least two categories",
            fix="A model can only be learned from options that it must tell apart: "
            "give at least one example in each of two categories, better in every one.",
        )
    return examples


def learn_mrsort(
    assessment: Assessment,
    assignments: Mapping[str, str],
    *,
    categories: list[str] | tuple[str, ...],
    vetoes: bool = False,
    threshold: float | None = None,
) -> LearnedSorting:
    r"""Infer an MR-Sort model (weights, profiles, threshold) from options already sorted.

    A committee rarely states weights and category limits, but it can say where some
    options belong. This finds the :class:`MRSort` model that restores as many of
    those assignments as possible, by a mixed-integer program solved exactly by HiGHS
    (Leroy, Mousseau and Pirlot 2011), and names the assignments it cannot restore.

    Parameters
    ----------
    assessment : Assessment
        The options and their scores (the central ones); risks and costs are better
        when lower. Not modified.
    assignments : mapping of str to str
        The examples: option name to category name, for some or all options.
        Examples are needed in at least two categories; a category without an
        example gets profiles placed by the examples around it.
    categories : sequence of str
        The category names, worst first; at least two.
    vetoes : bool, default False
        Whether the model may also bar an option from a category by a veto on one
        criterion (a score worse than the profile by at least a difference).
    threshold : float, optional
        The majority threshold :math:`\lambda`, from 0.5 to 1; learned when left out.

    Returns
    -------
    LearnedSorting
        The model, its weights, the assignments restored and not restored, and
        renderers.

    Raises
    ------
    InvalidParameterError
        ``categories`` are not distinct names, ``assignments`` is not a mapping or
        holds examples of one category only, or ``threshold`` is outside [0.5, 1].
    UnknownNameError
        An example names an option or a category that does not exist.

    Notes
    -----
    The number of examples restored is the best possible (the program is solved to
    optimality on it). Among the models that restore that many, the program prefers
    one with a margin: the support of every restored example against the profile
    below its category exceeds :math:`\lambda` by :math:`\alpha`, and against the
    profile above falls short by :math:`\max(\alpha, 10^{-4})`, in shares of the total
    weight. The weights and :math:`\lambda` are then found again exactly (in rational
    arithmetic) for the coalitions chosen, with :math:`\alpha` as large as they allow.
    On the score scale each profile lies half-way between two consecutive distinct
    scores of the examples on its criterion (half the mean gap between them beyond
    the lowest or the highest), so that no example sits on a profile; a veto limit
    lies half-way between the last vetoed score and the next score or the profile.
    The program has a binary variable per criterion, profile and distinct score:
    exact inference suits tens of examples, not thousands.

    References
    ----------
    Leroy, A., Mousseau, V. and Pirlot, M. (2011). Learning the parameters of a
    multiple criteria sorting method. *Algorithmic Decision Theory (ADT 2011)*,
    LNAI 6992, 219-233.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B", "C", "D"],
    ...     [pb.Criterion("Gain", area="E", kind="benefit"),
    ...      pb.Criterion("Risk", area="S", kind="risk")],
    ...     [[8, 2], [6, 3], [5, 7], [2, 9]],
    ... )
    >>> learned = pb.screening.learn_mrsort(
    ...     a, {"A": "yes", "B": "yes", "C": "no", "D": "no"}, categories=["no", "yes"]
    ... )
    >>> learned.summary()
    'The model restores all 4 assignments.'
    >>> dict(pb.screening.sort(a, learned.model, weighting=learned.weights).categories)
    {'A': 'yes', 'B': 'yes', 'C': 'no', 'D': 'no'}
    """
    check_assessment(_OWNER, assessment)
    names = to_categories(_OWNER, categories)
    check(_OWNER, "vetoes", vetoes, Boolean())
    check(
        _OWNER,
        "threshold",
        threshold,
        Interval(0.5, 1),
        None,
        fix="It is the share of weight that must support an option against a profile: "
        "from 0.5 (a simple majority) to 1 (unanimity). Leave it out to learn it.",
    )
    examples = _examples(assessment, assignments, names)
    rows = [assessment.option_index(option) for option in examples]
    flip = assessment.lower_is_better
    g = np.where(flip, -assessment.scores[rows], assessment.scores[rows])
    given = np.array([names.index(category) for category in examples.values()], dtype=np.int64)
    solution = solve(
        g,
        given,
        len(names),
        vetoes=bool(vetoes),
        threshold=None if threshold is None else float(threshold),
    )
    criteria = assessment.criterion_names
    sign = np.where(flip, -1.0, 1.0)
    profiles = {
        criterion: [float(sign[j] * solution.profiles[h, j]) for h in range(len(names) - 1)]
        for j, criterion in enumerate(criteria)
    }
    differences = solution.profiles - solution.veto_limits
    veto_map: dict[str, list[float | None]] = {}
    for j, criterion in enumerate(criteria):
        column = [float(d) if math.isfinite(d) else None for d in differences[:, j]]
        if any(d is not None for d in column):
            veto_map[criterion] = column
    model = MRSort(names, profiles, threshold=solution.threshold, vetoes=veto_map or None)
    weights = Weights(criteria, solution.weights)
    sorted_as = model.prepare(assessment.subset(list(examples))).assign(
        weights.aligned(assessment)[np.newaxis, :]
    )[0]
    return LearnedSorting(
        assessment=assessment,
        model=model,
        weights=weights,
        examples=MappingProxyType(examples),
        assigned=MappingProxyType(
            {option: names[int(k)] for option, k in zip(examples, sorted_as, strict=True)}
        ),
        margin=solution.margin,
    )
