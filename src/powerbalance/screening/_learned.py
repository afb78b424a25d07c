"""LearnedSorting: an MR-Sort model inferred from examples, and what it restores."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pandas as pd

from powerbalance._labels import labels
from powerbalance._render import Document, Paragraph, Rendered, Table, join_words, number, plain
from powerbalance._version import __version__
from powerbalance.model import Assessment, Weights
from powerbalance.screening._mrsort import MRSort

__all__ = ["LEARNED_SCHEMA", "LearnedSorting"]

LEARNED_SCHEMA = "powerbalance.screening.learned/1"
"""The schema tag of :meth:`LearnedSorting.to_dict`; it changes when the layout does.

Examples
--------
>>> LEARNED_SCHEMA.split("/")[-1]
'1'
"""

#: Assignments not restored named in the summary at most; the table lists them all.
_NAMED = 5


@attrs.frozen
class LearnedSorting(Rendered):
    """An MR-Sort model learned from examples; see :func:`learn_mrsort`.

    Attributes
    ----------
    assessment : Assessment
        The assessment the examples come from.
    model : MRSort
        The learned model: categories, profiles in raw scores, threshold, vetoes.
    weights : Weights
        The learned weights, summing to 1; sort with them:
        ``pb.screening.sort(a, learned.model, weighting=learned.weights)``.
    examples : Mapping[str, str]
        The examples as given: option to category.
    assigned : Mapping[str, str]
        The category the learned model gives each example.
    margin : float
        The share of weight by which the restored examples clear the threshold
        (and, at least 1e-4, fall short of it): 0 when the examples allow none.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B", "C", "D"],
    ...     [pb.Criterion("Gain", area="E", kind="benefit")],
    ...     [[8], [8], [8], [2]],
    ... )
    >>> learned = pb.screening.learn_mrsort(
    ...     a, {"A": "yes", "B": "yes", "C": "no", "D": "no"}, categories=["no", "yes"]
    ... )
    >>> learned.restored, learned.not_restored
    (('A', 'B', 'D'), ('C',))
    """

    assessment: Assessment = attrs.field(repr=False)
    model: MRSort
    weights: Weights
    examples: Mapping[str, str] = attrs.field(repr=False)
    assigned: Mapping[str, str] = attrs.field(repr=False)
    margin: float = attrs.field(repr=False)

    @property
    def restored(self) -> tuple[str, ...]:
        """The examples the model puts in their given category, in the examples' order."""
        return tuple(o for o, category in self.examples.items() if self.assigned[o] == category)

    @property
    def not_restored(self) -> tuple[str, ...]:
        """The examples the model puts elsewhere, in the examples' order."""
        return tuple(o for o, category in self.examples.items() if self.assigned[o] != category)

    def to_frame(self) -> pd.DataFrame:
        """One row per example: its given category, the model's, and whether they agree.

        Returns
        -------
        pandas.DataFrame
            Index ``option`` (the examples in the order given); columns ``given``,
            ``sorted`` and ``restored`` (bool).
        """
        options = tuple(self.examples)
        return pd.DataFrame(
            {
                "given": [self.examples[o] for o in options],
                "sorted": [self.assigned[o] for o in options],
                "restored": [self.assigned[o] == self.examples[o] for o in options],
            },
            index=labels(options, "option"),
        )

    def model_frame(self) -> pd.DataFrame:
        """The learned model: one row per criterion, its weight, profiles and vetoes.

        Returns
        -------
        pandas.DataFrame
            Index ``criterion``; column ``weight``, then one column per category above
            the worst (its lower edge, raw scores), then ``veto <category>`` columns
            (the difference that bars an option, NaN for none) when the model has vetoes.
        """
        categories = self.model.categories[1:]
        criteria = self.weights.names
        data: dict[str, list[float]] = {"weight": [self.weights[c] for c in criteria]}
        for h, category in enumerate(categories):
            data[category] = [self.model.profiles[c][h] for c in criteria]
        if self.model.vetoes:
            for h, category in enumerate(categories):
                data[f"veto {category}"] = [
                    _or_nan(self.model.vetoes.get(c, (None,) * len(categories))[h])
                    for c in criteria
                ]
        return pd.DataFrame(data, index=labels(criteria, "criterion"))

    def _failure(self, option: str) -> str:
        return f"{option} (given {self.examples[option]!r}, sorted {self.assigned[option]!r})"

    def summary(self) -> str:
        """How many assignments the model restores, and which it cannot.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["A", "B", "C", "D"],
        ...     [pb.Criterion("Gain", area="E", kind="benefit")],
        ...     [[8], [8], [8], [2]],
        ... )
        >>> pb.screening.learn_mrsort(
        ...     a, {"A": "yes", "B": "yes", "C": "no", "D": "no"}, categories=["no", "yes"]
        ... ).summary()
        "The model restores 3 of 4 assignments; it cannot restore C (given 'no', sorted 'yes')."
        """
        total = len(self.examples)
        missed = self.not_restored
        if not missed:
            return f"The model restores all {total} assignments."
        named = [self._failure(option) for option in missed[:_NAMED]]
        if len(missed) > _NAMED:
            named.append(f"{len(missed) - _NAMED} more")
        return (
            f"The model restores {total - len(missed)} of {total} assignments; it cannot "
            f"restore {join_words(named)}."
        )

    def _document(self) -> Document:
        frame = self.model_frame()
        model_table = Table(
            f"Learned model (threshold {number(self.model.threshold)})",
            ["Criterion", *(_heading(str(column)) for column in frame.columns)],
            [
                [str(name), *(number(v) if v == v else "-" for v in row)]
                for name, row in zip(frame.index, frame.to_numpy(), strict=True)
            ],
            "<" + ">" * len(frame.columns),
        )
        example_table = Table(
            "Examples",
            ["Option", "Given", "Sorted", "Restored"],
            [
                [option, given, self.assigned[option], _yes(self.assigned[option] == given)]
                for option, given in self.examples.items()
            ],
            "<<<<",
        )
        name = self.assessment.name or "Assessment"
        return Document(
            f"{name}: a sorting model learned from examples",
            [Paragraph(self.summary()), model_table, example_table],
            f"MR-Sort inferred by mixed-integer programming (Leroy, Mousseau and Pirlot "
            f"2011), solved by HiGHS; margin {number(self.margin)} of the total weight. "
            f"powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data, tagged :data:`LEARNED_SCHEMA`.

        Keys: ``schema``; ``categories`` (worst first); ``weights`` (criterion ->
        weight); ``threshold``; ``profiles`` (criterion -> limits, raw scores);
        ``vetoes`` (criterion -> difference per profile, None for none);
        ``examples`` (records of ``option``, ``given``, ``sorted``, ``restored``);
        ``restored``, ``not_restored``; ``margin``; ``summary``; ``version``.
        """
        data: dict[str, Any] = plain(
            {
                "schema": LEARNED_SCHEMA,
                "categories": list(self.model.categories),
                "weights": dict(self.weights),
                "threshold": self.model.threshold,
                "profiles": {c: list(v) for c, v in self.model.profiles.items()},
                "vetoes": {c: list(v) for c, v in self.model.vetoes.items()},
                "examples": [
                    {
                        "option": option,
                        "given": given,
                        "sorted": self.assigned[option],
                        "restored": self.assigned[option] == given,
                    }
                    for option, given in self.examples.items()
                ],
                "restored": list(self.restored),
                "not_restored": list(self.not_restored),
                "margin": self.margin,
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _heading(column: str) -> str:
    if column == "weight":
        return "Weight"
    if column.startswith("veto "):
        return f"Veto of {column[5:]!r}"
    return f"{column!r} from"


def _or_nan(value: float | None) -> float:
    return float("nan") if value is None else value
