"""Sorting: each option's category, the evidence behind it, and why in words."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._labels import labels
from powerbalance._render import Document, Paragraph, Rendered, Table, join_words, number, plain
from powerbalance._validate import did_you_mean, refuse
from powerbalance._version import __version__
from powerbalance.errors import UnknownNameError
from powerbalance.model import Assessment, Weights
from powerbalance.screening._electre_tri import ElectreTriB
from powerbalance.screening._mrsort import MRSort
from powerbalance.screening._sorting_model import Evidence, readonly_ints, same_array
from powerbalance.screening._why import Explainer, model_in_words

__all__ = ["SORTING_SCHEMA", "Sorting"]

IntArray: TypeAlias = npt.NDArray[np.intp]

SORTING_SCHEMA = "powerbalance.screening.sorting/1"
"""The schema tag of :meth:`Sorting.to_dict`; it changes when the layout does.

Examples
--------
>>> SORTING_SCHEMA.split("/")[-1]
'1'
"""


@attrs.frozen
class Sorting(Rendered):
    """Options sorted into ordered categories, with the reasons; see :func:`sort`.

    Attributes
    ----------
    model : MRSort or ElectreTriB
        The sorting model.
    weights : Weights
        The weights it was applied with.
    assessment : Assessment
        The options sorted.
    positions : numpy.ndarray of int
        Each option's category position (0 = the worst), in the assessment's order.
    evidence : Evidence
        Support (MR-Sort) or credibilities (ELECTRE TRI) against every profile.
    other : numpy.ndarray of int or None
        ELECTRE TRI only: the positions under the other assignment rule.

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
    ...     ["reject", "consider", "recommend"], {"Gain": [4, 7], "Risk": [6, 3]},
    ...     vetoes={"Risk": 2},
    ... )
    >>> sorting = pb.screening.sort(a, model)
    >>> dict(sorting.categories)
    {'A': 'recommend', 'B': 'reject', 'C': 'consider'}
    >>> sorting.by_category["recommend"]
    ('A',)
    """

    model: MRSort | ElectreTriB
    weights: Weights
    assessment: Assessment = attrs.field(repr=False)
    positions: IntArray = attrs.field(converter=readonly_ints, eq=attrs.cmp_using(eq=same_array))
    evidence: Evidence = attrs.field(repr=False, eq=False)
    other: IntArray | None = attrs.field(
        converter=readonly_ints, eq=attrs.cmp_using(eq=same_array), default=None, repr=False
    )

    # -- the numbers ----------------------------------------------------------------------

    @property
    def categories(self) -> Mapping[str, str]:
        """Each option's category name, in the assessment's order."""
        names = self.model.categories
        return MappingProxyType(
            {
                option: names[int(position)]
                for option, position in zip(
                    self.assessment.option_names, self.positions, strict=True
                )
            }
        )

    @property
    def by_category(self) -> Mapping[str, tuple[str, ...]]:
        """The options in each category, worst category first (empty ones included)."""
        options = self.assessment.option_names
        return MappingProxyType(
            {
                name: tuple(o for o, p in zip(options, self.positions, strict=True) if p == c)
                for c, name in enumerate(self.model.categories)
            }
        )

    @property
    def rules(self) -> Mapping[str, IntArray] | None:
        """ELECTRE TRI: positions under the ``"pessimistic"`` and ``"optimistic"`` rules."""
        if not isinstance(self.model, ElectreTriB) or self.other is None:
            return None
        own, other = (
            self.model.rule,
            ("optimistic" if self.model.rule == "pessimistic" else "pessimistic"),
        )
        return MappingProxyType({own: self.positions, other: self.other})

    @property
    def incomparable(self) -> tuple[str, ...]:
        """ELECTRE TRI: the options the two rules put in different categories."""
        if self.other is None:
            return ()
        differ = self.positions != self.other
        return tuple(o for o, d in zip(self.assessment.option_names, differ, strict=True) if d)

    @property
    def vetoed(self) -> tuple[str, ...]:
        """The options a veto keeps out of the category just above their own."""
        out = []
        top = len(self.model.categories) - 1
        for i, option in enumerate(self.assessment.option_names):
            c = int(self.positions[i])
            if c < top and (self.evidence.discordance[i, c] >= 1.0).any():
                out.append(option)
        return tuple(out)

    def _index(self, option: str) -> int:
        options = self.assessment.option_names
        if option not in options:
            raise refuse(
                "Sorting.why",
                "option",
                option,
                "an option of the assessment",
                fix=did_you_mean(str(option), options).strip()
                or f"The options are {join_words([repr(o) for o in options[:8]])}.",
                error=UnknownNameError,
            )
        return options.index(option)

    def why(self, option: str) -> str:
        """Why the option is in its category, in words.

        Which criteria supported it against the lower edge of its category and of the
        next one up, with their weight share against the threshold (MR-Sort) or the
        credibility against the cut (ELECTRE TRI), and which veto fired.

        Raises
        ------
        UnknownNameError
            ``option`` is not an option of the assessment.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["A", "B"],
        ...     [pb.Criterion("Gain", area="E", kind="benefit"),
        ...      pb.Criterion("Risk", area="S", kind="risk")],
        ...     [[8, 2], [9, 9]],
        ... )
        >>> model = pb.screening.MRSort(["reject", "recommend"], {"Gain": 5, "Risk": 5},
        ...                             vetoes={"Risk": 3})
        >>> for sentence in pb.screening.sort(a, model).why("B").split(". "):
        ...     print(sentence)
        B is sorted into 'reject' by MR-Sort (majority threshold 50.0%, vetoes on Risk)
        Barred from 'recommend' although 50.0% of the weight supports it (50.0% needed)
        Veto on Risk (9 is worse than the limit 5 by 4, at least the veto 3).
        """
        i = self._index(option)
        c = int(self.positions[i])
        names = self.model.categories
        explain = Explainer(
            self.model, self.assessment, self.weights.aligned(self.assessment), self.evidence
        )
        parts = [f"{option} is sorted into {names[c]!r} by {model_in_words(self.model)}."]
        if c > 0:
            parts.append(explain.lower(i, c))
        if c < len(names) - 1:
            parts.append(explain.upper(i, c))
        if self.other is not None and int(self.other[i]) != c:
            other = "optimistic" if self.model.rule == "pessimistic" else "pessimistic"  # type: ignore[union-attr]
            parts.append(
                f"The {other} rule puts it in {names[int(self.other[i])]!r}: it is "
                "incomparable with the profiles between."
            )
        return " ".join(parts)

    def to_frame(self) -> pd.DataFrame:
        """One row per option: its category and the evidence against each profile.

        Returns
        -------
        pandas.DataFrame
            Index ``option``. Columns ``category`` (name) and ``position`` (0 = worst);
            for ELECTRE TRI ``pessimistic`` and ``optimistic`` (the category under each
            rule); then per category above the worst, ``support <category>`` (MR-Sort:
            the share of weight at least as good as its lower edge) or
            ``credibility <category>`` and ``reverse credibility <category>`` (ELECTRE
            TRI: of the option outranking the edge, and the reverse); and ``veto``
            (the criteria whose veto fired against the edge just above, or "").

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(["A"], [pb.Criterion("X", area="P", kind="benefit")], [[8]])
        >>> model = pb.screening.MRSort(["no", "yes"], {"X": 5})
        >>> list(pb.screening.sort(a, model).to_frame().columns)
        ['category', 'position', 'support yes', 'veto']
        """
        names = self.model.categories
        columns: dict[str, Any] = {
            "category": [names[int(p)] for p in self.positions],
            "position": self.positions.astype(np.int64),
        }
        rules = self.rules
        if rules is not None:
            for rule in ("pessimistic", "optimistic"):
                columns[rule] = [names[int(p)] for p in rules[rule]]
        for h, category in enumerate(names[1:]):
            if self.evidence.backward is None:
                columns[f"support {category}"] = self.evidence.forward[:, h]
            else:
                columns[f"credibility {category}"] = self.evidence.forward[:, h]
                columns[f"reverse credibility {category}"] = self.evidence.backward[:, h]
        columns["veto"] = [self._veto_text(i) for i in range(self.assessment.n_options)]
        return pd.DataFrame(columns, index=labels(self.assessment.option_names, "option"))

    def _veto_text(self, i: int) -> str:
        c = int(self.positions[i])
        if c >= len(self.model.categories) - 1:
            return ""
        fired = np.flatnonzero(self.evidence.discordance[i, c] >= 1.0)
        return ", ".join(self.assessment.criterion_names[j] for j in fired)

    # -- words and renderers --------------------------------------------------------------

    def summary(self) -> str:
        """The categories, best first, with their options; incomparable and vetoed ones.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(["A", "B"], [pb.Criterion("X", area="P", kind="benefit")],
        ...                   [[8], [2]])
        >>> print(pb.screening.sort(a, pb.screening.MRSort(["no", "yes"], {"X": 5})).summary())
        Sorted 2 options into 2 categories by MR-Sort (majority threshold 50.0%). yes: A. no: B.
        """
        n = self.assessment.n_options
        k = len(self.model.categories)
        parts = [
            f"Sorted {n} option{'s' if n != 1 else ''} into {k} categories by "
            f"{model_in_words(self.model)}."
        ]
        for category, options in reversed(list(self.by_category.items())):
            if options:
                parts.append(f"{category}: {join_words(list(options))}.")
        if self.incomparable:
            other = "optimistic" if self.model.rule == "pessimistic" else "pessimistic"  # type: ignore[union-attr]
            shown = [
                f"{o} ({self.model.categories[int(self.other[self.assessment.option_index(o)])]})"  # type: ignore[index]
                for o in self.incomparable
            ]
            parts.append(
                f"The {other} rule sorts these differently, as each is incomparable with a "
                f"profile: {join_words(shown)}."
            )
        if self.vetoed:
            parts.append(f"A veto keeps {join_words(list(self.vetoed))} out of the next category.")
        return " ".join(parts)

    def _document(self) -> Document:
        names = self.model.categories
        groups = Table(
            "Categories, best first",
            ["Category", "Options"],
            [
                [category, join_words(list(options)) or "-"]
                for category, options in reversed(list(self.by_category.items()))
            ],
            "<<",
        )
        frame = self.to_frame()
        evidence_columns = [
            c for c in frame.columns if c.startswith(("support ", "credibility ", "reverse "))
        ]
        rule_columns = [c for c in ("pessimistic", "optimistic") if c in frame.columns]
        header = ["Option", "Category", *rule_columns, *evidence_columns, "Veto"]
        rows = [
            [
                str(option),
                str(row["category"]),
                *[str(row[c]) for c in rule_columns],
                *[number(float(row[c]), 2) for c in evidence_columns],
                str(row["veto"]) or "-",
            ]
            for option, row in frame.iterrows()
        ]
        what = "support: the share of weight" if self.evidence.backward is None else "credibility"
        options = Table(
            f"Each option against the lower edge of each category ({what})",
            header,
            rows,
            "<<" + "<" * len(rule_columns) + ">" * len(evidence_columns) + "<",
        )
        weights = ", ".join(f"{c} {number(w, 2)}" for c, w in self.weights.items())
        title = self.assessment.name or "Assessment"
        return Document(
            f"{title}: sorting into {join_words([repr(n) for n in names])}",
            [Paragraph(self.summary()), groups, options],
            f"Model: {model_in_words(self.model)}. Weights: {weights}. powerbalance {__version__}.",
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as plain Python data, tagged :data:`SORTING_SCHEMA`.

        Keys: ``schema``; ``model`` (``kind``, ``words``, ``repr``); ``categories``
        (names, worst first); ``weights`` (criterion -> weight); ``options``: one
        record per option with the columns of :meth:`to_frame`; ``by_category``;
        ``summary``; ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(["A"], [pb.Criterion("X", area="P", kind="benefit")], [[8]])
        >>> data = pb.screening.sort(a, pb.screening.MRSort(["no", "yes"], {"X": 5})).to_dict()
        >>> data["schema"], data["options"][0]["category"]
        ('powerbalance.screening.sorting/1', 'yes')
        """
        frame = self.to_frame().reset_index()
        data: dict[str, Any] = plain(
            {
                "schema": SORTING_SCHEMA,
                "model": {
                    "kind": type(self.model).__name__,
                    "words": model_in_words(self.model),
                    "repr": repr(self.model),
                },
                "categories": list(self.model.categories),
                "weights": dict(self.weights),
                "options": frame.to_dict(orient="records"),
                "by_category": dict(self.by_category),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data
