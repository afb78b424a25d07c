"""The weighting-scheme contract and the function that applies any accepted form of one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol, TypeAlias, runtime_checkable

from powerbalance import registry as registries
from powerbalance._validate import Function, InstanceOf, check, did_you_mean, quoted_list, shown
from powerbalance.errors import WeightError
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights
from powerbalance.registry import Registry

__all__ = [
    "WeightingLike",
    "WeightingScheme",
    "apply_weighting",
    "check_criterion_names",
    "registry",
    "resolve_weighting",
]


@runtime_checkable
class WeightingScheme(Protocol):
    """Anything that turns an assessment into weights.

    A scheme is configured when it is built (with the analyst's judgements) and
    applied to data later, so one scheme can weigh many assessments.

    Examples
    --------
    >>> import powerbalance as pb
    >>> class FirstOnly:
    ...     def weigh(self, assessment):
    ...         names = assessment.criterion_names
    ...         return pb.Weights.from_mapping({n: float(n == names[0]) for n in names})
    >>> isinstance(FirstOnly(), WeightingScheme)
    True
    """

    def weigh(self, assessment: Assessment, /) -> Weights:
        """Return one weight for every criterion of ``assessment``."""
        ...


WeightingLike: TypeAlias = (
    WeightingScheme | str | Weights | Callable[[Assessment], Mapping[str, float]]
)
"""What is accepted wherever a weighting scheme is.

A scheme, the registered name of a parameterless scheme, fixed weights, or a plain
callable returning a mapping of criterion name to weight (rescaled to sum to 1).

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> equal = pb.weighting.Equal().weigh(a)
>>> same = [
...     pb.weighting.Equal(),                           # a scheme
...     "equal",                                        # a registered name
...     equal,                                          # fixed weights
...     lambda a: {c: 2.0 for c in a.criterion_names},  # a function
... ]
>>> all(apply_weighting(w, a) == equal for w in same)
True
"""

registry: Registry[WeightingScheme] = registries.weightings
"""The default registry of named weighting schemes.

Packages add their own through the entry-point group ``powerbalance.weightings``.

Examples
--------
>>> {"equal", "entropy", "critic", "std-dev", "merec"} <= set(registry.names())
True
>>> registry.create("entropy")
Entropy(normalization='minmax')
"""


def resolve_weighting(
    weighting: WeightingLike, *, owner: str = "resolve_weighting", parameter: str = "weighting"
) -> WeightingScheme | Weights | Callable[[Assessment], Mapping[str, float]]:
    """Turn a registered name into its scheme; pass anything else through, checked.

    ``owner`` and ``parameter`` (such as ``"evaluate"`` and ``"weighting"``) open the
    message of a refused weighting.

    Examples
    --------
    >>> type(resolve_weighting("equal")).__name__
    'Equal'
    """
    # The common forms first: checking them against the protocol below costs more
    # than a small evaluation.
    if type(weighting) is str:
        return registry.create(weighting)
    if isinstance(weighting, Weights):
        return weighting
    check(
        owner,
        parameter,
        weighting,
        InstanceOf(WeightingScheme, description="a weighting scheme such as Equal()"),
        InstanceOf(str, description="a registered name such as 'equal'"),
        InstanceOf(Weights, description="a Weights object"),
        Function(description="a function of the assessment returning a mapping of weights"),
    )
    if isinstance(weighting, str):
        return registry.create(weighting)
    return weighting


def apply_weighting(weighting: WeightingLike, assessment: Assessment) -> Weights:
    """Weigh ``assessment`` with any accepted form of weighting scheme.

    Parameters
    ----------
    weighting : WeightingScheme, str, Weights or callable
        A scheme, the registered name of a parameterless scheme (``"equal"``), fixed
        weights, or a function ``assessment -> Mapping[str, float]`` whose values are
        rescaled to sum to 1.
    assessment : Assessment
        The assessment to weigh.

    Returns
    -------
    Weights
        One weight for every criterion of ``assessment``.

    Raises
    ------
    WeightError
        The scheme returned weights that do not match the assessment's criteria.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> dict(apply_weighting(lambda a: {"Trade gains": 1, "Conflict risk": 1}, a))
    {'Trade gains': 0.5, 'Conflict risk': 0.5}
    """
    scheme = resolve_weighting(weighting)
    if isinstance(scheme, Weights):
        weights = scheme
    elif isinstance(scheme, WeightingScheme):
        weights = scheme.weigh(assessment)
    else:
        result = scheme(assessment)
        if isinstance(result, Weights):
            weights = result
        elif isinstance(result, Mapping):
            weights = Weights.from_mapping(result)
        else:
            raise WeightError(
                f"The weighting function {getattr(scheme, '__name__', scheme)!r} must "
                f"return a mapping of criterion name to weight; it returned {result!r}."
            )
    if not isinstance(weights, Weights):
        raise WeightError(
            f"The weighting scheme {scheme!r} must return a Weights object from "
            f"weigh(assessment); it returned {weights!r}."
        )
    # Fails with a message naming the criteria if the scheme weighed different ones.
    weights.aligned(assessment)
    return weights


def check_criterion_names(given: Iterable[str], criteria: Sequence[str], scheme: str) -> None:
    """Check that a scheme's inputs name exactly the assessment's criteria.

    Raises
    ------
    WeightError
        A name is not a criterion (with a did-you-mean hint), or a criterion is missing.

    Examples
    --------
    >>> check_criterion_names(["a", "b"], ["b", "a"], "Direct")
    >>> check_criterion_names(["a"], ["a", "b"], "Direct")
    Traceback (most recent call last):
    ...
    powerbalance.errors.WeightError: Direct: every criterion of the assessment must appear; ...
    """
    given_names = list(given)
    known = set(criteria)
    for name in given_names:
        if name not in known:
            raise WeightError(
                f"{scheme}: every name must be a criterion of the assessment; got {shown(name)}."
                + did_you_mean(str(name), criteria)
            )
    present = set(given_names)
    missing = [name for name in criteria if name not in present]
    if missing:
        raise WeightError(
            f"{scheme}: every criterion of the assessment must appear; got none for "
            f"criterion {quoted_list(missing)}. Give it 0, or leave it out of the assessment "
            f"with subset()."
        )
