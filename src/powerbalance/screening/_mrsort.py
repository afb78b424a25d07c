"""MR-Sort: majority-rule sorting with vetoes (Leroy, Mousseau and Pirlot 2011).

An option is at least as good as a profile when the criteria on which it scores at
least as well as the profile carry at least the share ``threshold`` of the weight,
and no veto forbids it. It goes to the category just above the highest profile it is
at least as good as.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._frozen import FrozenMap
from powerbalance._validate import Interval, as_number, check, refuse
from powerbalance.model import Assessment
from powerbalance.screening._sorting_model import (
    TOLERANCE,
    Evidence,
    check_known,
    oriented_profiles,
    oriented_scores,
    to_categories,
    to_profiles,
    weight_rows,
)

__all__ = ["MRSort", "PreparedMRSort"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]
IntArray: TypeAlias = npt.NDArray[np.intp]


def _to_vetoes(
    value: object, categories: tuple[str, ...], known: Sequence[str]
) -> Mapping[str, tuple[float | None, ...]]:
    """``{criterion: difference or [difference or None per profile]}``, one per profile."""
    if value is None:
        return FrozenMap({})
    limits = len(categories) - 1
    expected = "a mapping of criterion name to a positive difference, or one per profile"
    if not isinstance(value, Mapping):
        raise refuse("MRSort", "vetoes", value, expected, fix="Such as {'Conflict risk': 3}.")
    check_known("MRSort", "vetoes", list(value), known)
    vetoes: dict[str, tuple[float | None, ...]] = {}
    for criterion, given in value.items():
        row: Any = [given] * limits if as_number(given) is not None else given
        edges = [f"the lower edge of {name!r}" for name in categories[1:]]
        if isinstance(row, str) or not isinstance(row, Sequence) or len(row) != limits:
            raise refuse(
                "MRSort",
                f"vetoes[{criterion!r}]",
                given,
                f"a positive difference, or {limits} (one per profile, None for no veto)",
                fix=f"The profiles are {', '.join(edges)}.",
            )
        differences: list[float | None] = []
        for difference in row:
            if difference is not None:
                check(
                    "MRSort",
                    f"vetoes[{criterion!r}]",
                    difference,
                    Interval(0, None, closed="neither"),
                    fix="A veto is the difference by which an option worse than the profile "
                    "is barred from it, in the criterion's own units.",
                )
                differences.append(float(difference))
            else:
                differences.append(None)
        vetoes[criterion] = tuple(differences)
    return FrozenMap(vetoes)


@attrs.frozen(init=False)
class MRSort:
    r"""Majority-rule sorting into ordered categories, with vetoes.

    Parameters
    ----------
    categories : sequence of str
        The category names, worst first; at least two.
    profiles : mapping of str to sequence of float
        For every criterion of the assessment, the lower edge of each category above
        the worst (``len(categories) - 1`` limits, in raw scores), nested: no limit
        worse than the one before it in the criterion's direction (on a risk or a
        cost, lower is better). With two categories a single number will do.
    threshold : float, default 0.5
        The majority threshold :math:`\lambda`, greater than 0 and at most 1: the share of
        weight that must support "at least as good as the profile".
    vetoes : mapping of str to float or sequence of float or None, optional
        For a criterion, the difference by which an option worse than a profile on it
        is barred from the category above, whatever the majority: one for every
        profile, or one per profile (None for no veto there).

    Notes
    -----
    With weights :math:`w_j` summing to 1, option :math:`a` is at least as good as
    profile :math:`b_h` when

    .. math:: \sum_{j:\, a_j \succeq b_{hj}} w_j \ge \lambda
              \quad\text{and no } j \text{ with } b_{hj} - a_j \ge v_{hj},

    differences taken in the criterion's better direction. The profiles are scanned
    from the lowest; the first one the option is not at least as good as puts it in
    the category just below (Leroy, Mousseau and Pirlot 2011; Bouyssou and Marchant
    2007). Comparisons with :math:`\lambda` allow a rounding slack of 1e-9.

    References
    ----------
    Leroy, A., Mousseau, V. and Pirlot, M. (2011). Learning the parameters of a
    multiple criteria sorting method. *Algorithmic Decision Theory*, LNCS 6992,
    219-233. Bouyssou, D. and Marchant, T. (2007). An axiomatic approach to
    noncompensatory sorting methods in MCDM, II: more than two categories. *European
    Journal of Operational Research* 178, 246-276.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B", "C"],
    ...     [pb.Criterion("Gain", area="E", kind="benefit"),
    ...      pb.Criterion("Risk", area="S", kind="risk")],
    ...     [[8, 2], [6, 9], [5, 4]],
    ... )
    >>> model = pb.screening.MRSort(
    ...     ["reject", "consider", "recommend"],
    ...     {"Gain": [4, 7], "Risk": [6, 3]},
    ...     threshold=0.5,
    ...     vetoes={"Risk": 2},
    ... )
    >>> model.prepare(a).assign([[0.5, 0.5]]).tolist()
    [[2, 0, 1]]
    """

    categories: tuple[str, ...]
    profiles: Mapping[str, tuple[float, ...]]
    threshold: float
    vetoes: Mapping[str, tuple[float | None, ...]]

    def __init__(
        self,
        categories: Sequence[str],
        profiles: Mapping[str, Sequence[float] | float],
        *,
        threshold: float = 0.5,
        vetoes: Mapping[str, float | Sequence[float | None]] | None = None,
    ) -> None:
        names = to_categories("MRSort", categories)
        limits = to_profiles("MRSort", profiles, names)
        check(
            "MRSort",
            "threshold",
            threshold,
            Interval(0, 1, closed="right"),
            fix="It is the share of weight (weights sum to 1) that must support an option "
            "against a profile; 0.5 is a simple majority, 1 unanimity.",
        )
        self.__attrs_init__(
            names, limits, float(threshold), _to_vetoes(vetoes, names, list(limits))
        )

    def __repr__(self) -> str:
        vetoes = f", vetoes={dict(self.vetoes)!r}" if self.vetoes else ""
        return (
            f"MRSort({list(self.categories)!r}, {dict(self.profiles)!r}, "
            f"threshold={self.threshold:g}{vetoes})"
        )

    def prepare(self, assessment: Assessment) -> PreparedMRSort:
        """Compare every option with every profile, once.

        Raises
        ------
        UnknownNameError
            The profiles name a criterion the assessment lacks, or leave one out.
        InvalidParameterError
            A criterion's limits are not nested in its direction.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> model = MRSort(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
        >>> model.prepare(a).n_categories
        2
        """
        profiles = oriented_profiles("MRSort", self.profiles, self.categories, assessment)
        scores = oriented_scores(assessment)
        # gap[i, h, j] > 0: option i is better than profile h on criterion j.
        gap = scores[:, None, :] - profiles[None, :, :]
        veto = np.full(profiles.shape, np.inf)
        for criterion, differences in self.vetoes.items():
            j = assessment.criterion_index(criterion)
            veto[:, j] = [np.inf if d is None else d for d in differences]
        # A rounding slack relative to the difference, as for the majority threshold.
        slack = np.minimum(veto * (1.0 - TOLERANCE), veto - TOLERANCE)
        vetoing = -gap >= slack[None, :, :]
        return PreparedMRSort(self, assessment, (gap >= 0).astype(np.float64), vetoing)


@attrs.frozen(eq=False)
class PreparedMRSort:
    """An :class:`MRSort` bound to one assessment (see :meth:`MRSort.prepare`).

    Attributes
    ----------
    model : MRSort
        The model.
    assessment : Assessment
        The assessment.
    concordant : numpy.ndarray of shape (n, p, m)
        1 where the option is at least as good as the profile on the criterion.
    vetoing : numpy.ndarray of shape (n, p, m)
        True where the criterion's veto bars the option from the profile.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> prepared = MRSort(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5}).prepare(a)
    >>> prepared.concordant[:, 0, :].tolist()
    [[1.0, 1.0], [0.0, 0.0]]
    """

    model: MRSort
    assessment: Assessment = attrs.field(repr=False)
    concordant: FloatArray = attrs.field(repr=False)
    vetoing: BoolArray = attrs.field(repr=False)

    @property
    def n_categories(self) -> int:
        """The number of categories."""
        return len(self.model.categories)

    def support(self, weights: npt.ArrayLike) -> FloatArray:
        """The share of weight supporting each option against each profile, (k, n, p).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> model = MRSort(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
        >>> model.prepare(a).support([[0.25, 0.75]]).tolist()
        [[[1.0], [0.0]]]
        """
        batch = weight_rows(weights, self.assessment.criterion_names)
        n, p, m = self.concordant.shape
        flat = batch @ self.concordant.reshape(n * p, m).T
        return np.asarray(flat.reshape(len(batch), n, p), dtype=np.float64)

    def assign(self, weights: npt.ArrayLike) -> IntArray:
        """Category positions (0 = worst) for a batch of weights, shape (k, n).

        Parameters
        ----------
        weights : array-like of shape (k, m)
            Weight vectors in the assessment's criterion order; each row is rescaled
            to sum to 1.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> model = MRSort(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
        >>> model.prepare(a).assign([[1, 0], [0, 1]]).tolist()
        [[1, 0], [1, 0]]
        """
        support = self.support(weights)
        vetoed: BoolArray = np.asarray(self.vetoing.any(axis=2), dtype=np.bool_)
        outranks = (support >= self.model.threshold - TOLERANCE) & ~vetoed[None]
        p = outranks.shape[2]
        first_failed = np.argmin(outranks, axis=2)
        return np.asarray(np.where(outranks.all(axis=2), p, first_failed), dtype=np.intp)

    def evidence(self, weights: npt.ArrayLike) -> Evidence:
        """The support and the vetoes behind the sorting with one weight vector.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> model = MRSort(["no", "yes"], {"Trade gains": 5, "Conflict risk": 5})
        >>> model.prepare(a).evidence([0.5, 0.5]).forward.tolist()
        [[1.0], [0.0]]
        """
        row = np.asarray(weights, dtype=np.float64).reshape(1, -1)
        return Evidence(
            self.support(row)[0],
            None,
            self.concordant,
            self.vetoing.astype(np.float64),
        )
