"""PackageAcceptability: how often each package is best, and each option in the best one."""

from __future__ import annotations

from typing import Any, TypeAlias

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
    percent,
    plain,
)
from powerbalance._version import __version__
from powerbalance.portfolio._robust_result import RobustPackages, package_label

__all__ = ["PACKAGE_SMAA_SCHEMA", "PackageAcceptability"]

IntArray: TypeAlias = npt.NDArray[np.int64]

PACKAGE_SMAA_SCHEMA = "powerbalance.portfolio.smaa/1"
"""The schema tag of :meth:`PackageAcceptability.to_dict`; it changes when the layout does.

Examples
--------
>>> PACKAGE_SMAA_SCHEMA.split("/")[-1]
'1'
"""

#: Packages listed in the rendered table at most; the frames and to_dict() hold all.
_LISTED = 20


@attrs.frozen
class PackageAcceptability(Rendered):
    """SMAA over packages: how often each package is the best, each option in the best one.

    Made by :func:`~powerbalance.portfolio.smaa`. Every weighting drawn has a best
    package, and it is always one of the non-dominated packages of :attr:`robust`
    (a tie goes to the one listed first there).

    Attributes
    ----------
    robust : RobustPackages
        The non-dominated packages the best one was sought among.
    samples, seed : int
        How many weightings were drawn, and the seed they were drawn from.
    counts : numpy.ndarray
        How many weightings made each non-dominated package the best.

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
    >>> info = pb.sensitivity.UniformWeights()
    >>> result = pb.portfolio.smaa(problem, weight_information=info, samples=10_000, seed=1)
    >>> result.option_shares.round(1).tolist()  # C is left out when X weighs 0.4 to 0.6
    [0.6, 0.6, 0.8]
    """

    robust: RobustPackages = attrs.field(repr=False)
    samples: int
    seed: int
    counts: IntArray = attrs.field(repr=False, eq=attrs.cmp_using(eq=np.array_equal))

    @property
    def package_shares(self) -> pd.Series:
        """Each non-dominated package's share of the weightings that make it the best."""
        names = [package_label(p) for p in self.robust.packages]
        return pd.Series(
            self.counts / self.samples, index=pd.Index(names, name="package"), name="best"
        )

    @property
    def option_shares(self) -> pd.Series:
        """Each option's share of the weightings whose best package holds it."""
        shares = (self.counts @ self.robust.masks.astype(np.int64)) / self.samples
        return pd.Series(
            shares, index=labels(self.robust.problem.options, "option"), name="in best package"
        )

    def summary(self) -> str:
        """Which package is most often best, and which options are most often in it.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("engage-or-contain").assessment
        >>> problem = pb.portfolio.Problem(
        ...     a, costs={"Engage": {"Money": 3}, "Contain": {"Money": 4}}, budget={"Money": 5}
        ... )
        >>> info = pb.sensitivity.UniformWeights()
        >>> pb.portfolio.smaa(problem, weight_information=info, samples=100, seed=0).summary()[:49]
        'Under 100 weightings drawn uniformly, the best pa'
        """
        shares = self.package_shares
        top = int(np.argmax(self.counts))
        options = self.option_shares
        always = [str(name) for name, share in options.items() if share == 1.0]
        never = [str(name) for name, share in options.items() if share == 0.0]
        sentences = [
            f"Under {self.samples:,} weightings {self.robust.weight_information.in_words()},"
            f" the best package is {package_label(self.robust.packages[top])} in "
            f"{percent(float(shares.iloc[top]))} of them ({len(self.counts):,} "
            f"non-dominated package{'s' if len(self.counts) != 1 else ''} in all)."
        ]
        if always:
            sentences.append(f"Always in the best package: {', '.join(always)}.")
        if never:
            sentences.append(f"Never in it: {', '.join(never)}.")
        return " ".join(sentences)

    def _document(self) -> Document:
        options = self.option_shares.sort_values(ascending=False, kind="stable")
        packages = self.package_shares.sort_values(ascending=False, kind="stable")
        name = self.robust.problem.assessment.name or "Assessment"
        return Document(
            f"{name}: how often each package is best",
            [
                Paragraph(self.summary()),
                Table(
                    "Options: share of weightings whose best package holds them",
                    ["Option", "In the best package"],
                    [[str(o), percent(float(s))] for o, s in options.items()],
                    "<>",
                ),
                Table(
                    "Packages: share of weightings under which each is the best",
                    ["Package", "Best"],
                    [[str(p), percent(float(s))] for p, s in packages.iloc[:_LISTED].items()],
                    "<>",
                ),
            ],
            f"Method: {full_name(self.robust.method)}, on the criteria that are not costs. "
            f"{self.samples:,} weightings, seed {self.seed}. powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data, tagged :data:`PACKAGE_SMAA_SCHEMA`.

        Keys: ``schema``; ``samples``; ``seed``; ``packages`` (records of ``options``,
        ``count`` and ``share``); ``option_shares`` (option -> share); ``robust`` (the
        non-dominated packages' own record); ``method``; ``summary``; ``version``.
        """
        data: dict[str, Any] = plain(
            {
                "schema": PACKAGE_SMAA_SCHEMA,
                "samples": self.samples,
                "seed": self.seed,
                "packages": [
                    {"options": list(p), "count": int(c), "share": c / self.samples}
                    for p, c in zip(self.robust.packages, self.counts, strict=True)
                ],
                "option_shares": dict(self.option_shares.items()),
                "robust": self.robust.to_dict(),
                "method": component(self.robust.method),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data
