"""CategoryAcceptability: how often each option falls in each category; see acceptability()."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._labels import labels
from powerbalance._render import Document, Paragraph, Rendered, Table, join_words, percent, plain
from powerbalance._version import __version__
from powerbalance.model import Assessment
from powerbalance.screening._electre_tri import ElectreTriB
from powerbalance.screening._mrsort import MRSort
from powerbalance.screening._sorting_model import readonly_ints, same_array
from powerbalance.screening._why import model_in_words

if TYPE_CHECKING:
    from powerbalance.sensitivity.smaa._weights import WeightInformation

__all__ = ["ACCEPTABILITY_SCHEMA", "CategoryAcceptability"]

IntArray: TypeAlias = npt.NDArray[np.int64]

ACCEPTABILITY_SCHEMA = "powerbalance.screening.acceptability/1"
"""The schema tag of :meth:`CategoryAcceptability.to_dict`; it changes when the layout does.

Examples
--------
>>> ACCEPTABILITY_SCHEMA.split("/")[-1]
'1'
"""


def _counts(array: object) -> Any:
    return readonly_ints(array, np.int64)


@attrs.frozen
class CategoryAcceptability(Rendered):
    """How often each option falls in each category as weights and scores vary.

    Made by :func:`~powerbalance.screening.acceptability`: the category acceptability
    indices of SMAA-TRI (Tervonen et al. 2009), for MR-Sort as for ELECTRE TRI-B.

    Attributes
    ----------
    model : MRSort or ElectreTriB
        The sorting model.
    assessment : Assessment
        The options sorted.
    weight_information : WeightInformation
        What was known about the weights.
    samples, seed : int
        How many draws were sorted, and the seed they were drawn from.
    counts : numpy.ndarray of int, shape (options, categories)
        How many draws put each option in each category (worst category first).
    uncertain_cells : int
        How many scores were drawn from their distributions (0: scores as given).
    other_counts : numpy.ndarray of int or None
        ELECTRE TRI: the counts by the other assignment rule.
    disagreements : numpy.ndarray of int or None
        ELECTRE TRI: per option, the draws in which the two rules differ.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"],
    ...     [pb.Criterion("Gain", area="E", kind="benefit"),
    ...      pb.Criterion("Risk", area="S", kind="risk")],
    ...     [[8, 2], [6, 7]],
    ... )
    >>> model = pb.screening.MRSort(["reject", "accept"], {"Gain": 5, "Risk": 5}, threshold=0.6)
    >>> result = pb.screening.acceptability(a, model, samples=1_000, seed=3)
    >>> result.shares.round(1).to_dict(orient="index")  # B needs Gain to weigh 0.6
    {'A': {'reject': 0.0, 'accept': 1.0}, 'B': {'reject': 0.6, 'accept': 0.4}}
    """

    model: MRSort | ElectreTriB
    assessment: Assessment = attrs.field(repr=False)
    weight_information: WeightInformation
    samples: int
    seed: int
    counts: IntArray = attrs.field(
        converter=_counts,
        eq=attrs.cmp_using(eq=same_array),
        repr=False,
    )
    uncertain_cells: int = 0
    other_counts: IntArray | None = attrs.field(
        converter=_counts,
        eq=attrs.cmp_using(eq=same_array),
        default=None,
        repr=False,
    )
    disagreements: IntArray | None = attrs.field(
        converter=_counts,
        eq=attrs.cmp_using(eq=same_array),
        default=None,
        repr=False,
    )

    # -- the numbers ----------------------------------------------------------------------

    def _frame(self, counts: IntArray) -> pd.DataFrame:
        return pd.DataFrame(
            counts / self.samples,
            index=labels(self.assessment.option_names, "option"),
            columns=pd.Index(list(self.model.categories), name="category"),
        )

    @property
    def shares(self) -> pd.DataFrame:
        """The share of the draws putting each option (rows) in each category (columns).

        Categories worst first; every row sums to 1.
        """
        return self._frame(self.counts)

    @property
    def other_rule(self) -> str | None:
        """ELECTRE TRI: the name of the rule not used to assign (None for MR-Sort)."""
        if not isinstance(self.model, ElectreTriB):
            return None
        return "optimistic" if self.model.rule == "pessimistic" else "pessimistic"

    @property
    def other_shares(self) -> pd.DataFrame | None:
        """ELECTRE TRI: :attr:`shares` by the other assignment rule (None for MR-Sort)."""
        return None if self.other_counts is None else self._frame(self.other_counts)

    @property
    def disagreement(self) -> pd.Series | None:
        """ELECTRE TRI: per option, the share of draws in which the two rules differ."""
        if self.disagreements is None:
            return None
        return pd.Series(
            self.disagreements / self.samples,
            index=labels(self.assessment.option_names, "option"),
            name="rules disagree",
        )

    @property
    def central(self) -> Mapping[str, str]:
        """Each option's most likely category; a tie goes to the worse category."""
        names = self.model.categories
        most = np.argmax(self.counts, axis=1)  # the first, so the worse, of tied ones
        return MappingProxyType(
            {
                option: names[int(k)]
                for option, k in zip(self.assessment.option_names, most, strict=True)
            }
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per option: its share in each category, its most likely category.

        Returns
        -------
        pandas.DataFrame
            Index ``option``; a column per category (worst first) with the share of
            the draws, ``most likely``, and for ELECTRE TRI ``rules disagree`` (the
            share of draws the other rule sorts differently).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(["A"], [pb.Criterion("X", area="P", kind="benefit")], [[8]])
        >>> model = pb.screening.MRSort(["no", "yes"], {"X": 5})
        >>> pb.screening.acceptability(a, model, samples=10, seed=1).to_frame().columns.tolist()
        ['no', 'yes', 'most likely']
        """
        frame = self.shares
        frame.columns = pd.Index(list(frame.columns))
        frame["most likely"] = list(self.central.values())
        disagreement = self.disagreement
        if disagreement is not None:
            frame["rules disagree"] = disagreement.to_numpy()
        return frame

    # -- words and renderers --------------------------------------------------------------

    def _drawn_words(self) -> str:
        words = f"{self.samples:,} weightings {self.weight_information.in_words()}"
        if self.uncertain_cells:
            cells = self.uncertain_cells
            words += f", with {cells} uncertain score{'s' if cells != 1 else ''} drawn"
        return words

    def _option_words(self, i: int) -> str:
        option = self.assessment.option_names[i]
        names = self.model.categories
        row = self.counts[i]
        order = sorted(np.flatnonzero(row), key=lambda k: (-int(row[k]), int(k)))
        if len(order) == 1:
            return f"{option} is always {names[int(order[0])]!r}."
        parts = [f"{names[int(k)]!r} in {percent(row[k] / self.samples)}" for k in order]
        return f"{option} is {parts[0]} of the draws, {join_words(parts[1:])}."

    def summary(self) -> str:
        """How often each option falls in its categories, most likely first.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(["A", "B"], [pb.Criterion("X", area="P", kind="benefit")],
        ...                   [[8], [2]])
        >>> model = pb.screening.MRSort(["no", "yes"], {"X": 5})
        >>> print(pb.screening.acceptability(a, model, samples=100, seed=0).summary())
        Sorted by MR-Sort (majority threshold 50.0%) under 100 weightings drawn uniformly. A is
        always 'yes'. B is always 'no'.
        """
        parts = [f"Sorted by {model_in_words(self.model)} under {self._drawn_words()}."]
        parts += [self._option_words(i) for i in range(self.assessment.n_options)]
        disagreement = self.disagreement
        if disagreement is not None:
            differ = [(str(o), percent(float(share))) for o, share in disagreement.items() if share]
            if differ:
                (first, share), rest = differ[0], [f"{o} in {s}" for o, s in differ[1:]]
                parts.append(
                    f"The {self.other_rule} rule sorts {first} differently in {share} of "
                    f"the draws{', ' if rest else ''}{join_words(rest)}."
                )
            else:
                parts.append(f"The {self.other_rule} rule agrees in every draw.")
        return " ".join(parts)

    def _document(self) -> Document:
        names = list(self.model.categories)
        frame = self.to_frame()
        extra = ["rules disagree"] if "rules disagree" in frame.columns else []
        rows = [
            [
                str(option),
                *[percent(float(row[name])) for name in reversed(names)],
                str(row["most likely"]),
                *[percent(float(row[name])) for name in extra],
            ]
            for option, row in frame.iterrows()
        ]
        title = self.assessment.name or "Assessment"
        return Document(
            f"{title}: how often each option falls in each category",
            [
                Paragraph(self.summary()),
                Table(
                    "Share of the draws in each category, best first",
                    ["Option", *reversed(names), "Most likely", *extra],
                    rows,
                    "<" + ">" * len(names) + "<" + ">" * len(extra),
                ),
            ],
            f"Model: {model_in_words(self.model)}. {self._drawn_words()}, seed {self.seed}. "
            f"powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data, tagged :data:`ACCEPTABILITY_SCHEMA`.

        Keys: ``schema``; ``model`` (``kind``, ``words``, ``repr``); ``categories``
        (worst first); ``samples``; ``seed``; ``weight_information`` (its class and
        words); ``uncertain_cells``; ``options``: one record per option with its
        ``counts`` and ``shares`` (category -> value), ``most_likely`` and, for ELECTRE
        TRI, ``other_counts`` and ``disagreements``; ``other_rule``; ``summary``;
        ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(["A"], [pb.Criterion("X", area="P", kind="benefit")], [[8]])
        >>> model = pb.screening.MRSort(["no", "yes"], {"X": 5})
        >>> data = pb.screening.acceptability(a, model, samples=10, seed=1).to_dict()
        >>> data["schema"], data["options"][0]["counts"]
        ('powerbalance.screening.acceptability/1', {'no': 0, 'yes': 10})
        """
        names = list(self.model.categories)
        central = self.central
        options = []
        for i, option in enumerate(self.assessment.option_names):
            record: dict[str, Any] = {
                "option": option,
                "counts": dict(zip(names, self.counts[i].tolist(), strict=True)),
                "shares": dict(zip(names, (self.counts[i] / self.samples).tolist(), strict=True)),
                "most_likely": central[option],
            }
            if self.other_counts is not None and self.disagreements is not None:
                record["other_counts"] = dict(
                    zip(names, self.other_counts[i].tolist(), strict=True)
                )
                record["disagreements"] = int(self.disagreements[i])
            options.append(record)
        data: dict[str, Any] = plain(
            {
                "schema": ACCEPTABILITY_SCHEMA,
                "model": {
                    "kind": type(self.model).__name__,
                    "words": model_in_words(self.model),
                    "repr": repr(self.model),
                },
                "categories": names,
                "samples": self.samples,
                "seed": self.seed,
                "weight_information": {
                    "kind": type(self.weight_information).__name__,
                    "in_words": self.weight_information.in_words(),
                },
                "uncertain_cells": self.uncertain_cells,
                "options": options,
                "other_rule": self.other_rule,
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data
