"""RobustPackages: the non-dominated packages under incomplete weights, and core indices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._labels import labels
from powerbalance._render import (
    Document,
    Paragraph,
    Rendered,
    Table,
    component,
    full_name,
    join_words,
    number,
    percent,
    plain,
)
from powerbalance._version import __version__
from powerbalance.methods import Method
from powerbalance.portfolio._problem import Problem
from powerbalance.portfolio._values import Valuation

if TYPE_CHECKING:
    from powerbalance.sensitivity.smaa import WeightInformation

__all__ = ["ROBUST_SCHEMA", "RobustPackages", "package_label"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

ROBUST_SCHEMA = "powerbalance.portfolio.robust/1"
"""The schema tag of :meth:`RobustPackages.to_dict`; it changes when the layout does.

Examples
--------
>>> ROBUST_SCHEMA.split("/")[-1]
'1'
"""

#: Packages listed in the rendered table at most; to_frame() and to_dict() hold all.
_LISTED = 30


def package_label(options: tuple[str, ...]) -> str:
    """A package's name: its options joined by " + ", or "(empty)".

    Examples
    --------
    >>> package_label(("A", "B")), package_label(())
    ('A + B', '(empty)')
    """
    return " + ".join(options) if options else "(empty)"


@attrs.frozen
class RobustPackages(Rendered):
    """The packages no other beats under every weighting allowed, and each option's core index.

    Made by :func:`~powerbalance.portfolio.robust`. A package is non-dominated when no
    feasible package is worth at least as much at every extreme weighting of the
    weight information and more at one (Robust Portfolio Modelling: Liesiö, Mild and
    Salo 2007). The core index of an option is the share of non-dominated packages
    that hold it: a core option (1) belongs in the package whatever the weights
    allowed, an exterior one (0) in none, a borderline one depends on them. The
    packages are listed by their value at the mean of the extreme weightings, best
    first.

    Attributes
    ----------
    problem : Problem
        The options, costs, budgets and interactions.
    weight_information : WeightInformation
        What is known about the weights of the criteria that are not costs.
    extreme_points : pandas.DataFrame
        The extreme weightings, one row each, a column per criterion (costs left out).
    masks : numpy.ndarray
        Packages x options: True where the package holds the option.
    values : numpy.ndarray
        Packages x extreme points: each package's value at each extreme weighting.
    algorithm : str
        ``"dynamic programming"`` or ``"enumeration"``.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B", "C"],
    ...     [pb.Criterion("X", area="P", kind="benefit", scale=(0, 10)),
    ...      pb.Criterion("Y", area="Q", kind="benefit", scale=(0, 10))],
    ...     [[10, 0], [0, 10], [4, 4]],
    ... )
    >>> problem = pb.portfolio.Problem(a, costs={o: {"Money": 1} for o in "ABC"},
    ...                                budget={"Money": 2})
    >>> result = pb.portfolio.robust(problem, weight_information=pb.sensitivity.UniformWeights())
    >>> result.packages
    (('A', 'B'), ('A', 'C'), ('B', 'C'))
    >>> result.core_index.round(3).tolist()
    [0.667, 0.667, 0.667]
    """

    problem: Problem = attrs.field(repr=False)
    weight_information: WeightInformation
    extreme_points: pd.DataFrame = attrs.field(repr=False, eq=False)
    masks: BoolArray = attrs.field(repr=False, eq=attrs.cmp_using(eq=np.array_equal))
    values: FloatArray = attrs.field(repr=False, eq=attrs.cmp_using(eq=np.array_equal))
    algorithm: str
    valuation: Valuation = attrs.field(repr=False, eq=False)

    # -- the numbers ----------------------------------------------------------------------

    @property
    def method(self) -> Method:
        """The aggregation method that values the options."""
        return self.valuation.method

    @property
    def packages(self) -> tuple[tuple[str, ...], ...]:
        """The non-dominated packages, each as its options in the assessment's order."""
        names = self.problem.options
        return tuple(
            tuple(name for name, c in zip(names, row, strict=True) if c) for row in self.masks
        )

    @property
    def core_index(self) -> pd.Series:
        """Each option's share of the non-dominated packages that hold it, 0 to 1."""
        share = self.masks.mean(axis=0) if len(self.masks) else np.zeros(self.masks.shape[1])
        return pd.Series(share, index=labels(self.problem.options, "option"), name="core index")

    def _with(self, test: object) -> tuple[str, ...]:
        kept = np.asarray(test, dtype=bool)
        return tuple(name for name, t in zip(self.problem.options, kept, strict=True) if t)

    @property
    def core(self) -> tuple[str, ...]:
        """The options in every non-dominated package (core index 1)."""
        return self._with(self.masks.all(axis=0))

    @property
    def exterior(self) -> tuple[str, ...]:
        """The options in no non-dominated package (core index 0)."""
        return self._with(~self.masks.any(axis=0))

    @property
    def borderline(self) -> tuple[str, ...]:
        """The options in some non-dominated packages but not all."""
        return self._with(self.masks.any(axis=0) & ~self.masks.all(axis=0))

    def to_frame(self) -> pd.DataFrame:
        """One row per non-dominated package: the options it holds and its value range.

        Returns
        -------
        pandas.DataFrame
            Index ``package`` (1, 2, ... best at the mean weighting first); a boolean
            column per option, then ``size``, ``lowest``, ``mean`` and ``highest``
            (its value over the extreme weightings, and at their mean).
        """
        frame = pd.DataFrame(
            self.masks,
            index=pd.RangeIndex(1, len(self.masks) + 1, name="package"),
            columns=list(self.problem.options),
        )
        frame["size"] = self.masks.sum(axis=1)
        frame["lowest"] = self.values.min(axis=1, initial=np.inf)
        frame["mean"] = self.values.mean(axis=1)
        frame["highest"] = self.values.max(axis=1, initial=-np.inf)
        return frame

    # -- words and renderers --------------------------------------------------------------

    def _grouped(self) -> str:
        index = self.core_index
        parts = []
        if self.core:
            parts.append(f"Core (in every one): {join_words(list(self.core))}.")
        if self.borderline:
            shares = [f"{name} ({percent(float(index[name]))})" for name in self.borderline]
            parts.append(f"Borderline: {join_words(shares)}.")
        if self.exterior:
            parts.append(f"Exterior (in none): {join_words(list(self.exterior))}.")
        return " ".join(parts)

    def summary(self) -> str:
        """How many packages are non-dominated, and which options are core, borderline, exterior.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> problem = pb.portfolio.Problem(
        ...     a, costs={"Engage": {"Money": 3}, "Contain": {"Money": 4}}, budget={"Money": 5}
        ... )
        >>> info = pb.sensitivity.UniformWeights()
        >>> pb.portfolio.robust(problem, weight_information=info).summary().split(":")[0]
        'One package is non-dominated with the weights drawn uniformly (2 extreme weightings)'
        """
        count = len(self.masks)
        words = {1: "One package is", 2: "Two packages are", 3: "Three packages are"}
        opening = words.get(count, f"{count:,} packages are")
        k = len(self.extreme_points)
        return (
            f"{opening} non-dominated with the weights {self.weight_information.in_words()} "
            f"({k} extreme weighting{'s' if k != 1 else ''}): no other package is worth at "
            f"least as much under every weighting allowed and more under one. "
            f"{self._grouped()}"
        ).strip()

    def _document(self) -> Document:
        index = self.core_index
        options = self.problem.options
        order = np.lexsort((np.arange(len(options)), -index.to_numpy()))
        core_table = Table(
            "Core index (share of the non-dominated packages holding each option)",
            ["Option", "Core index", "Class"],
            [
                [
                    options[i],
                    percent(float(index.iloc[i])),
                    "core"
                    if index.iloc[i] == 1
                    else "exterior"
                    if index.iloc[i] == 0
                    else "borderline",
                ]
                for i in order
            ],
            "<><",
        )
        listed = self.packages[:_LISTED]
        package_table = Table(
            "Non-dominated packages (best at the mean extreme weighting first)"
            + (
                f"; the first {_LISTED} of {len(self.masks):,}" if len(self.masks) > _LISTED else ""
            ),
            ["#", "Package", "Lowest value", "Mean", "Highest"],
            [
                [
                    str(p + 1),
                    package_label(package),
                    number(float(self.values[p].min())),
                    number(float(self.values[p].mean())),
                    number(float(self.values[p].max())),
                ]
                for p, package in enumerate(listed)
            ],
            "><>>>",
        )
        name = self.problem.assessment.name or "Assessment"
        return Document(
            f"{name}: robust packages",
            [Paragraph(self.summary()), core_table, package_table],
            f"Method: {full_name(self.method)}, on the criteria that are not costs. Found "
            f"exactly by {self.algorithm} over the {len(self.extreme_points)} extreme "
            f"weightings (Liesiö, Mild and Salo 2007). powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data, tagged :data:`ROBUST_SCHEMA`.

        Keys: ``schema``; ``packages`` (records of ``options`` and ``values``, one
        value per extreme weighting); ``core_index`` (option -> share); ``core``,
        ``borderline``, ``exterior``; ``extreme_points`` (records criterion ->
        weight); ``weight_information`` (its class and words); ``algorithm``;
        ``method``; ``summary``; ``version``.
        """
        data: dict[str, Any] = plain(
            {
                "schema": ROBUST_SCHEMA,
                "packages": [
                    {"options": list(package), "values": self.values[p].tolist()}
                    for p, package in enumerate(self.packages)
                ],
                "core_index": dict(zip(self.problem.options, self.core_index, strict=True)),
                "core": list(self.core),
                "borderline": list(self.borderline),
                "exterior": list(self.exterior),
                "extreme_points": self.extreme_points.to_dict(orient="records"),
                "weight_information": {
                    "kind": type(self.weight_information).__name__,
                    "in_words": self.weight_information.in_words(),
                },
                "algorithm": self.algorithm,
                "method": component(self.method),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data
