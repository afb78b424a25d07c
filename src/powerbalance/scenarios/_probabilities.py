r"""What is known about the scenarios' probabilities: distributions to draw them from.

:func:`powerbalance.sensitivity.smaa` can draw a probability vector over the
scenarios with every weight vector, to judge the options by their expected score
when the futures' likelihoods are themselves uncertain. The probabilities may be
those the assessment gives (:class:`GivenProbabilities`), anything at all
(:class:`UniformProbabilities`), an order of likelihood
(:class:`OrdinalProbabilities`) or bounds (:class:`IntervalProbabilities`). They
are drawn by the samplers of the weight information
(:mod:`powerbalance.sensitivity.smaa`): a probability vector, like a weight vector,
is a point of the simplex.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> draws = UniformProbabilities().sample(a, samples=1_000, seed=0)
>>> draws.shape, bool(np.allclose(draws.sum(axis=1), 1))
((1000, 4), True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._frozen import FrozenMap
from powerbalance._validate import as_number, did_you_mean, quoted_list, refuse
from powerbalance.errors import ScenarioError, UnknownNameError
from powerbalance.model import Assessment
from powerbalance.sensitivity.smaa._streams import (
    PROBABILITY_STREAM,
    check_count,
    drawn_frame,
)
from powerbalance.sensitivity.smaa._weights import (
    UniformDraw,
    bounded_draw,
    ordinal_draw,
    sorted_draw,
    walked_draw,
)

__all__ = [
    "GivenProbabilities",
    "IntervalProbabilities",
    "OrdinalProbabilities",
    "ProbabilityInformation",
    "UniformProbabilities",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
Sampler: TypeAlias = Callable[[np.random.Generator, int], FloatArray]

_NO_SCENARIOS = "the assessment has no scenarios; add them with scenarios=[pb.Scenario(...), ...]."


def scenario_names_of(assessment: Assessment, owner: str) -> tuple[str, ...]:
    """The assessment's scenario names; ScenarioError when it has none.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> len(scenario_names_of(a, "UniformProbabilities"))
    4
    """
    if not assessment.scenarios:
        raise ScenarioError(f"{owner}: {_NO_SCENARIOS}")
    return assessment.scenario_names


def _check_known(given: Sequence[str], names: Sequence[str], owner: str, what: str) -> None:
    for name in given:
        if name not in names:
            raise refuse(
                owner,
                f"a scenario named in the {what}",
                name,
                "a scenario of the assessment",
                fix=did_you_mean(str(name), names).strip()
                or f"The scenarios are {quoted_list(names)}.",
                error=UnknownNameError,
            )


class ProbabilityInformation:
    """What is known about the scenarios' probabilities: a distribution to draw them from.

    The subclasses are :class:`GivenProbabilities`, :class:`UniformProbabilities`,
    :class:`OrdinalProbabilities` and :class:`IntervalProbabilities`. Each checks its
    scenario names against the assessment when it samples.

    Examples
    --------
    >>> isinstance(UniformProbabilities(), ProbabilityInformation)
    True
    """

    __slots__ = ()

    def draw_function(self, assessment: Assessment) -> Sampler:
        """The function ``draw(rng, count)`` that draws probability vectors for ``assessment``.

        It returns a ``(count, n_scenarios)`` array in the assessment's scenario order,
        each row summing to 1. The information is checked against the assessment
        (scenario names, feasibility) here, once per run.

        Raises
        ------
        ScenarioError
            The assessment has no scenarios, or no probabilities meet the information.

        Examples
        --------
        >>> import numpy as np, powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> draw = UniformProbabilities().draw_function(a)
        >>> draw(np.random.default_rng(0), 2).sum(axis=1).round(12).tolist()
        [1.0, 1.0]
        """
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def in_words(self) -> str:
        """How the probabilities were drawn, as a phrase for summaries ("drawn uniformly").

        Examples
        --------
        >>> UniformProbabilities().in_words()
        'drawn uniformly'
        """
        raise NotImplementedError  # pragma: no cover - every subclass overrides it

    def sample(
        self, assessment: Assessment, *, samples: int, seed: int | None = None
    ) -> pd.DataFrame:
        """Draw probability vectors, exactly the ones :func:`smaa` pairs with its weights.

        Parameters
        ----------
        assessment : Assessment
            Supplies the scenarios.
        samples : int
            How many probability vectors to draw (at least 1).
        seed : int, optional
            Seed of the random numbers; None draws a fresh one.

        Returns
        -------
        pandas.DataFrame
            One row per vector (index ``sample``), one column per scenario in the
            assessment's order (``scenario``); every row sums to 1.

        Raises
        ------
        InvalidParameterError
            ``samples`` or ``seed`` is not a valid whole number.
        ScenarioError
            The assessment has no scenarios, or no probabilities meet the information.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> UniformProbabilities().sample(a, samples=3, seed=1).shape
        (3, 4)
        """
        where = f"{type(self).__name__}.sample"
        check_count(samples, "samples", where, "10_000")
        return drawn_frame(
            where,
            lambda: self.draw_function(assessment),
            samples=samples,
            seed=seed,
            stream=PROBABILITY_STREAM,
            names=scenario_names_of(assessment, where),
            axis="scenario",
        )


@attrs.frozen
class GivenProbabilities(ProbabilityInformation):
    """The assessment's own probabilities, the same in every draw.

    Raises
    ------
    ScenarioError
        (When sampling.) The assessment has no scenarios, or gives them no
        probabilities.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"], [pb.Criterion("X", area="P", kind="benefit")], [[1], [2]],
    ...     scenarios=[pb.Scenario("Calm", probability=0.7), pb.Scenario("Storm", probability=0.3)],
    ... )
    >>> GivenProbabilities().sample(a, samples=2, seed=0).to_numpy().tolist()
    [[0.7, 0.3], [0.7, 0.3]]
    """

    def draw_function(self, assessment: Assessment) -> Sampler:
        scenario_names_of(assessment, "GivenProbabilities")
        given = assessment.probabilities
        if given is None:
            raise ScenarioError(
                "GivenProbabilities: the assessment gives its scenarios no probabilities. "
                "Give each Scenario a probability=..., or draw them with "
                "UniformProbabilities(), OrdinalProbabilities(ranking) or "
                "IntervalProbabilities(bounds)."
            )
        point = given.copy()

        def draw(rng: np.random.Generator, count: int) -> FloatArray:
            return np.tile(point, (count, 1))

        return draw

    def in_words(self) -> str:
        return "as the assessment gives them"


@attrs.frozen
class UniformProbabilities(ProbabilityInformation):
    r"""Nothing known of the probabilities: every probability vector equally likely.

    Uniform on the simplex :math:`\{p \ge 0, \sum_k p_k = 1\}`, drawn as
    :class:`~powerbalance.sensitivity.UniformWeights` draws weights.

    Raises
    ------
    ScenarioError
        (When sampling.) The assessment has no scenarios.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> UniformProbabilities().sample(a, samples=40_000, seed=0).mean().round(2).tolist()
    [0.25, 0.25, 0.25, 0.25]
    """

    def draw_function(self, assessment: Assessment) -> Sampler:
        return UniformDraw(len(scenario_names_of(assessment, "UniformProbabilities")))

    def in_words(self) -> str:
        return "drawn uniformly"


def _to_scenario_ranking(value: Sequence[str | Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    example = "Such as ['Rivals reciprocate', ['Rivals exploit', 'Stalemate']]."
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise refuse(
            "OrdinalProbabilities",
            "ranking",
            value,
            "a list of scenario names, most likely first, with equally likely ones grouped "
            "in a list",
            fix=example,
        )
    groups: list[tuple[str, ...]] = []
    for position, item in enumerate(value):
        group = (item,) if isinstance(item, str) else item
        if not (
            isinstance(group, Sequence) and group and all(isinstance(name, str) for name in group)
        ):
            raise refuse(
                "OrdinalProbabilities",
                f"ranking[{position}]",
                item,
                "a scenario name or a list of equally likely scenario names",
                fix=example,
            )
        groups.append(tuple(group))
    seen: set[str] = set()
    for name in (name for group in groups for name in group):
        if name in seen:
            raise refuse(
                "OrdinalProbabilities",
                "ranking",
                value,
                "a list naming each scenario once",
                fix=f"{name!r} appears twice; keep it in one place.",
            )
        seen.add(name)
    return tuple(groups)


@attrs.frozen
class OrdinalProbabilities(ProbabilityInformation):
    r"""Scenarios ranked by likelihood: probabilities uniform over those that respect it.

    With the scenarios in ranking order the probabilities are uniform on
    :math:`\{p : p_1 \ge p_2 \ge \dots \ge 0, \sum p = 1\}`; equally likely scenarios
    (grouped in a list) get equal probabilities. Drawn as
    :class:`~powerbalance.sensitivity.OrdinalWeights` draws weights; the mean is the
    rank-order centroid.

    Parameters
    ----------
    ranking : sequence of str or sequence of str
        Scenario names, most likely first; equally likely ones grouped in a list.
        Every scenario of the assessment must appear once.

    Raises
    ------
    InvalidParameterError
        The ranking is not a list of names and groups, or names a scenario twice.
    UnknownNameError
        (When sampling.) The ranking names a scenario the assessment does not have.
    ScenarioError
        (When sampling.) The ranking leaves a scenario out, or the assessment has none.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> first, second, third, fourth = a.scenario_names
    >>> info = OrdinalProbabilities([third, [first, second], fourth])
    >>> draws = info.sample(a, samples=1_000, seed=0)
    >>> bool((draws[third] >= draws[first]).all()), bool((draws[first] == draws[second]).all())
    (True, True)
    """

    ranking: tuple[tuple[str, ...], ...] = attrs.field(converter=_to_scenario_ranking)

    def draw_function(self, assessment: Assessment) -> Sampler:
        names = scenario_names_of(assessment, "OrdinalProbabilities")
        ranked = [name for group in self.ranking for name in group]
        _check_known(ranked, names, "OrdinalProbabilities", "ranking")
        missing = [name for name in names if name not in ranked]
        if missing:
            raise ScenarioError(
                f"OrdinalProbabilities: every scenario of the assessment must appear in the "
                f"ranking; got none for {quoted_list(missing)}. Place it, or group it with "
                f"the scenarios it is as likely as."
            )
        groups = [[names.index(name) for name in group] for group in self.ranking]
        return ordinal_draw(groups, len(names))

    def in_words(self) -> str:
        return "in the order of likelihood given"


def _to_probability_bounds(
    value: Mapping[str, tuple[float, float]],
) -> FrozenMap[str, tuple[float, float]]:
    owner = "IntervalProbabilities"
    if not isinstance(value, Mapping):
        raise refuse(
            owner,
            "bounds",
            value,
            "a mapping of scenario name to (low, high)",
            fix="Give them as {'Rivals exploit': (0.2, 0.5)}.",
        )
    bounds: dict[str, tuple[float, float]] = {}
    for name, pair in value.items():
        ends = (
            [as_number(end) for end in pair]
            if isinstance(pair, tuple | list | np.ndarray) and len(pair) == 2
            else [None]
        )
        low, high = ends[0], ends[-1]
        if low is None or high is None or not (0.0 <= low <= 1.0 and 0.0 <= high <= 1.0):
            raise refuse(
                owner,
                f"the bounds of {name!r}",
                pair,
                "a pair (low, high) of probabilities from 0 to 1",
                fix="Give them as (0.2, 0.5).",
            )
        if low > high:
            raise refuse(
                owner,
                f"the bounds of {name!r}",
                pair,
                "a pair (low, high) with low at most high",
                fix=f"Give them as ({high:g}, {low:g}).",
            )
        bounds[name] = (low, high)
    return FrozenMap(bounds)


@attrs.frozen
class IntervalProbabilities(ProbabilityInformation):
    r"""Each scenario's probability known to lie in an interval: uniform within the bounds.

    Uniform on :math:`\{p : \sum p = 1, l_k \le p_k \le h_k\}`; scenarios without
    bounds get :math:`[0, 1]`. Drawn as :class:`~powerbalance.sensitivity.IntervalWeights`
    draws weights (exactly, or by hit-and-run when the bounds are narrow).

    Parameters
    ----------
    bounds : mapping of str to (float, float)
        ``{scenario: (low, high)}`` with ``0 <= low <= high <= 1``.

    Raises
    ------
    InvalidParameterError
        A bound is not a pair of probabilities, or low is above high.
    UnknownNameError
        (When sampling.) A bound names a scenario the assessment does not have.
    ScenarioError
        (When sampling.) No probabilities meet the bounds (the lower bounds sum to more
        than 1, or the upper bounds, 1 where none is given, to less than 1), or the
        assessment has no scenarios.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> first = a.scenario_names[0]
    >>> draws = IntervalProbabilities({first: (0.4, 0.6)}).sample(a, samples=1_000, seed=0)
    >>> bool(draws[first].between(0.4, 0.6).all())
    True
    """

    bounds: Mapping[str, tuple[float, float]] = attrs.field(converter=_to_probability_bounds)

    def draw_function(self, assessment: Assessment) -> Sampler:
        names = scenario_names_of(assessment, "IntervalProbabilities")
        _check_known(list(self.bounds), names, "IntervalProbabilities", "bounds")
        low = np.array([self.bounds.get(name, (0.0, 1.0))[0] for name in names])
        high = np.array([self.bounds.get(name, (0.0, 1.0))[1] for name in names])
        given = ", ".join(f"{name} {lo:g}-{hi:g}" for name, (lo, hi) in self.bounds.items())
        if low.sum() > 1.0 + 1e-12:
            raise ScenarioError(
                f"IntervalProbabilities: the lower bounds sum to {low.sum():.4g}, more than "
                f"1, so no probabilities meet them ({given}). Lower some of them."
            )
        if high.sum() < 1.0 - 1e-12:
            raise ScenarioError(
                f"IntervalProbabilities: the upper bounds sum to {high.sum():.4g}, less than "
                f"1, so no probabilities meet them ({given}). Raise some of them, or leave a "
                f"scenario unbounded."
            )

        def walk() -> Sampler:
            exact = sorted_draw(low, high)
            if exact is not None:
                return exact
            walked = walked_draw(low, high)
            if walked is None:  # pragma: no cover - bounded_draw handles a single point
                raise ScenarioError(
                    f"IntervalProbabilities: the bounds ({given}) leave the probabilities "
                    f"no room to vary. Widen them, or give the scenarios probabilities."
                )
            return walked

        return bounded_draw(low, high, walk)

    def in_words(self) -> str:
        return "within the probability bounds given"
