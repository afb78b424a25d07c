"""What both sorting models share: the batch contract, categories, profiles and checks.

A sorting model is configured with its categories (worst first) and the profiles that
separate them, and bound to an assessment once with ``prepare(assessment)``: the
comparisons with the profiles do not depend on the weights, so they are made there.
The prepared model's ``assign(W)`` then sorts every option for a batch of weight
vectors at once, which is what robust sorting (many sampled weightings) and model
learning (many candidate models) need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeAlias, runtime_checkable

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._frozen import FrozenMap
from powerbalance._validate import as_number, did_you_mean, quoted_list, refuse, shown
from powerbalance.errors import UnknownNameError, WeightError
from powerbalance.methods import check_weight_batch
from powerbalance.model import Assessment

__all__ = [
    "TOLERANCE",
    "Evidence",
    "PreparedSorting",
    "SortingModel",
    "check_criteria",
    "check_known",
    "oriented_profiles",
    "oriented_scores",
    "readonly_ints",
    "same_array",
    "to_categories",
    "to_profiles",
    "weight_rows",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.intp]

TOLERANCE = 1e-9
"""Slack in comparisons with the majority threshold or the cut.

Published data have credibilities exactly equal to the cut (the Loulouka data set has
five at 0.76), and a sum of weights can land a rounding error below it.

Examples
--------
>>> 0.1 + 0.2 >= 0.3 - TOLERANCE
True
"""


def same_array(a: object, b: object) -> bool:
    """Whether two optional arrays are equal: the comparison of a result's array fields."""
    return bool(a is b or (a is not None and b is not None and np.array_equal(a, b)))  # type: ignore[arg-type]


def readonly_ints(array: object, dtype: type = np.intp) -> Any:
    """A read-only integer copy of ``array``, or None: the converter of a result's arrays.

    Examples
    --------
    >>> readonly_ints([1, 2]).flags.writeable, readonly_ints(None)
    (False, None)
    """
    if array is None:
        return None
    copy: npt.NDArray[Any] = np.array(array, dtype=dtype)
    copy.flags.writeable = False
    return copy


@runtime_checkable
class PreparedSorting(Protocol):
    """A sorting model bound to one assessment, the weight-independent work done.

    Attributes
    ----------
    n_categories : int
        The number of categories; positions run from 0 (the worst) to
        ``n_categories - 1``.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"], [pb.Criterion("X", area="P", kind="benefit")], [[8], [2]]
    ... )
    >>> model = pb.screening.MRSort(["low", "high"], {"X": [5]}, threshold=1)
    >>> prepared = model.prepare(a)
    >>> isinstance(prepared, PreparedSorting), prepared.n_categories
    (True, 2)
    >>> prepared.assign(np.ones((3, 1))).tolist()
    [[1, 0], [1, 0], [1, 0]]
    """

    @property
    def n_categories(self) -> int:
        """The number of categories."""
        ...

    def assign(self, weights: npt.ArrayLike, /) -> IntArray:
        """Category positions (0 = worst), shape (k, n), for weights of shape (k, m)."""
        ...


@runtime_checkable
class SortingModel(Protocol):
    """A sorting model: ordered categories and a way to prepare it for an assessment.

    Examples
    --------
    >>> import powerbalance as pb
    >>> isinstance(pb.screening.MRSort(["no", "yes"], {"X": [1]}), SortingModel)
    True
    """

    @property
    def categories(self) -> tuple[str, ...]:
        """The category names, worst first."""
        ...

    def prepare(self, assessment: Assessment, /) -> PreparedSorting:
        """Bind the model to ``assessment``."""
        ...


@attrs.frozen
class Evidence:
    """What a sorting rests on for one weighting, per option and profile.

    Profiles are indexed from 0: profile ``h`` is the lower edge of category ``h + 1``.

    Attributes
    ----------
    forward : numpy.ndarray of shape (n, p)
        The option against each profile: the share of weight supporting "at least as
        good as the profile" (MR-Sort) or the credibility of that statement (ELECTRE
        TRI).
    backward : numpy.ndarray of shape (n, p) or None
        The credibility of "the profile is at least as good as the option" (ELECTRE
        TRI only).
    partial : numpy.ndarray of shape (n, p, m)
        Each criterion's agreement with "at least as good as the profile", 0 to 1.
    discordance : numpy.ndarray of shape (n, p, m)
        Each criterion's opposition to it, 0 to 1; 1 is a veto.

    Examples
    --------
    >>> import numpy as np
    >>> e = Evidence(np.ones((1, 1)), None, np.ones((1, 1, 1)), np.zeros((1, 1, 1)))
    >>> e.forward.shape
    (1, 1)
    """

    forward: FloatArray
    backward: FloatArray | None
    partial: FloatArray
    discordance: FloatArray


def to_categories(owner: str, value: object) -> tuple[str, ...]:
    """The category names as a tuple, checked: at least two, distinct, non-blank text.

    Examples
    --------
    >>> to_categories("MRSort", ["reject", "consider", "recommend"])
    ('reject', 'consider', 'recommend')
    """
    expected = "at least two distinct category names, worst first"
    if isinstance(value, str) or not isinstance(value, Sequence):
        fix = "List them worst first, such as ['reject', 'consider', 'recommend']."
        raise refuse(owner, "categories", value, expected, fix=fix)
    names = tuple(value)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            fix = "Name each category with non-blank text."
            raise refuse(owner, "categories", value, expected, fix=fix)
    if len(names) < 2:
        fix = "Sorting needs at least two categories to tell options apart."
        raise refuse(owner, "categories", value, expected, fix=fix)
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        fix = f"{quoted_list(repeated)} is listed twice; name each category once."
        raise refuse(owner, "categories", value, expected, fix=fix)
    return names


def to_profiles(
    owner: str, value: object, categories: tuple[str, ...]
) -> Mapping[str, tuple[float, ...]]:
    """The profiles as a read-only mapping of criterion to limits, checked.

    Each criterion needs one finite limit per boundary between categories
    (``len(categories) - 1``), the lower edge of each category above the worst.
    Whether they are nested is checked in :func:`oriented_profiles`, when the
    criterion's direction is known.

    Examples
    --------
    >>> dict(to_profiles("MRSort", {"X": [1, 2]}, ("a", "b", "c")))
    {'X': (1.0, 2.0)}
    """
    limits = len(categories) - 1
    expected = f"a mapping of criterion name to {limits} limit{'s' if limits > 1 else ''}"
    edges = quoted_list(categories[1:])
    if not isinstance(value, Mapping) or not value:
        fix = (
            f"Give each criterion the lower edge of {edges}, in raw scores, such as "
            f"{{'Trade gains': {[float(h + 4) for h in range(limits)]}}}."
        )
        raise refuse(owner, "profiles", value, expected, fix=fix)
    profiles: dict[str, tuple[float, ...]] = {}
    for criterion, given in value.items():
        if not isinstance(criterion, str):
            raise refuse(owner, "profiles", value, expected, fix="Key them by criterion name.")
        row = [given] if limits == 1 and as_number(given) is not None else given
        each = f"{limits} limit{'s' if limits > 1 else ''}, the lower edge of {edges}"
        if isinstance(row, str) or not isinstance(row, Sequence) or len(row) != limits:
            fix = "Give one number per category above the worst, in raw scores, worst first."
            raise refuse(owner, f"profiles[{criterion!r}]", given, each, fix=fix)
        numbers = [as_number(limit) for limit in row]
        for limit, number in zip(row, numbers, strict=True):
            if number is None or not np.isfinite(number):
                fix = f"Every limit must be a finite number; {shown(limit)} is not."
                raise refuse(owner, f"profiles[{criterion!r}]", given, each, fix=fix)
        profiles[criterion] = tuple(float(number) for number in numbers)  # type: ignore[arg-type]
    return FrozenMap(profiles)


def check_known(owner: str, parameter: str, names: Sequence[str], known: Sequence[str]) -> None:
    """Refuse a name in ``names`` that is not among the profiles' criteria.

    Examples
    --------
    >>> check_known("MRSort", "vetoes", ["X"], ["X", "Y"])
    """
    for name in names:
        if name not in known:
            raise refuse(
                owner,
                parameter,
                name,
                f"a criterion of the profiles ({quoted_list(known)})",
                fix=did_you_mean(str(name), known).strip()
                or "Give profiles for the criterion first.",
                error=UnknownNameError,
            )


def check_criteria(owner: str, profiles: Mapping[str, object], assessment: Assessment) -> None:
    """Refuse profiles that name a criterion the assessment lacks, or leave one out.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> check_criteria("MRSort", {"Trade gains": (1,), "Conflict risk": (2,)}, a)
    """
    criteria = assessment.criterion_names
    for name in profiles:
        if name not in criteria:
            raise refuse(
                owner,
                "profiles",
                name,
                f"criteria of the assessment ({quoted_list(criteria)})",
                fix=did_you_mean(name, criteria).strip()
                or "Give profiles only for the assessment's criteria.",
                error=UnknownNameError,
            )
    missing = [name for name in criteria if name not in profiles]
    if missing:
        raise refuse(
            owner,
            "profiles",
            sorted(profiles),
            "limits for every criterion of the assessment",
            fix=f"Add limits for {quoted_list(missing)}; every criterion is compared with "
            "the profiles.",
            error=UnknownNameError,
        )


def oriented_scores(assessment: Assessment) -> FloatArray:
    """The scores with lower-is-better criteria negated, so higher is better throughout.

    Examples
    --------
    >>> import powerbalance as pb
    >>> oriented_scores(pb.examples.load("engage-or-contain").assessment).tolist()
    [[7.0, -4.0], [3.0, -6.0]]
    """
    sign = np.where(assessment.lower_is_better, -1.0, 1.0)
    return np.asarray(assessment.scores * sign, dtype=np.float64)


def oriented_profiles(
    owner: str,
    profiles: Mapping[str, tuple[float, ...]],
    categories: tuple[str, ...],
    assessment: Assessment,
) -> FloatArray:
    """The profiles as a (p, m) array, higher is better, checked to be nested.

    Raises
    ------
    InvalidParameterError
        A criterion's limits get better and then worse, so a higher category's lower
        edge would be worse than a lower one's.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> oriented_profiles("MRSort", {"Trade gains": (5,), "Conflict risk": (5,)},
    ...                   ("no", "yes"), a).tolist()
    [[5.0, -5.0]]
    """
    check_criteria(owner, profiles, assessment)
    lower = assessment.lower_is_better
    table = np.empty((len(categories) - 1, assessment.n_criteria))
    for j, criterion in enumerate(assessment.criterion_names):
        limits = np.asarray(profiles[criterion], dtype=np.float64)
        oriented = -limits if lower[j] else limits
        for h in range(1, len(limits)):
            if oriented[h] < oriented[h - 1]:
                way = "not increase (lower is better)" if lower[j] else "not decrease"
                raise refuse(
                    owner,
                    f"profiles[{criterion!r}]",
                    list(profiles[criterion]),
                    "nested limits, each category's lower edge no worse than the one below",
                    fix=f"The lower edge of {categories[h + 1]!r} ({limits[h]:g}) is worse "
                    f"than that of {categories[h]!r} ({limits[h - 1]:g}) on {criterion!r}; "
                    f"its limits must {way} from worst category to best.",
                )
        table[:, j] = oriented
    return table


def weight_rows(weights: npt.ArrayLike, criteria: Sequence[str]) -> FloatArray:
    """A batch of weight vectors of shape (k, m), each row rescaled to sum to 1.

    Examples
    --------
    >>> weight_rows([[1, 3]], ["X", "Y"]).tolist()
    [[0.25, 0.75]]
    """
    batch = check_weight_batch(weights, criteria)
    totals = batch.sum(axis=1, keepdims=True)
    if (totals <= 0).any():
        row = int(np.flatnonzero(totals[:, 0] <= 0)[0])
        raise WeightError(
            f"Weight vector {row} gives every criterion the weight 0; a sorting model "
            "needs some weight to compare an option with its profiles."
        )
    return np.asarray(batch / totals, dtype=np.float64)
