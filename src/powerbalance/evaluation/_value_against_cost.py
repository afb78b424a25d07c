"""Value set against cost: the frontier table, its words, its blocks and its data.

One value class, :class:`ValueAgainstCost`, serves both
:func:`~powerbalance.evaluation.value_for_money` (whose result extends it with the
evaluation behind the value) and the report's section "Value for money" (one per
cost criterion), so both hold the same numbers and say the same things about them.
The value itself is the method's score on the assessment without its cost criteria,
under the weights renormalized over the rest (:func:`without_costs`), so that costs
are not counted twice.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._render import Block, Figure, Paragraph, Table, join_words, number
from powerbalance._render.svg_scatter import frontier_scatter
from powerbalance.evaluation._cost_effectiveness import DOMINATED, EFFICIENT, cost_effectiveness
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights

__all__ = ["ValueAgainstCost", "against_each_cost", "amount", "value_against_cost", "without_costs"]

FloatArray = npt.NDArray[np.float64]


def amount(value: float) -> str:
    """A cost or a ratio as a reader writes money: thousands separated, few decimals.

    Examples
    --------
    >>> amount(1166.666), amount(140), amount(0.125), amount(12.5)
    ('1,167', '140', '0.125', '12.5')
    """
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.3g}" if abs(value) >= 1 else f"{value:.3g}"


@attrs.frozen
class ValueAgainstCost:
    """Each option's value against one cost: the efficient frontier and its ICERs.

    Made by :func:`value_against_cost`; a report of an assessment with cost criteria
    holds one per cost (:attr:`powerbalance.evaluation.Report.value_for_money`), and
    :class:`~powerbalance.evaluation.ValueForMoney` is one with its evaluation.

    Attributes
    ----------
    table : pandas.DataFrame
        Index ``option``, cheapest first. Columns: ``value`` (the method's score on the
        criteria other than costs), ``cost``, ``status`` (``"efficient"``,
        ``"dominated"`` or ``"extendedly dominated"``), ``dominated_by`` (a tuple: the
        option that dominates it, or the two frontier options a mix of which does;
        empty on the frontier), ``compared_with`` (the next cheaper frontier option an
        efficient one is set against, or None), ``incremental_cost``,
        ``incremental_value`` and ``icer`` (the incremental cost per unit of value;
        NaN for the cheapest efficient option and off the frontier).
    cost : str
        The cost criterion, or ``""`` when the costs were given as a mapping.
    unit : str
        The cost's unit, if the criterion has one.

    Examples
    --------
    >>> import numpy as np
    >>> v = value_against_cost(["A", "B"], np.array([0.0, 1.0]), np.array([10.0, 50.0]),
    ...                        cost="Cost", unit="")
    >>> v.table.loc["B", ["value", "cost", "icer"]].tolist()
    [1.0, 50.0, 40.0]
    """

    table: pd.DataFrame = attrs.field(eq=False, repr=False)
    cost: str
    unit: str

    @property
    def frontier(self) -> tuple[str, ...]:
        """The efficient options, cheapest first.

        Examples
        --------
        >>> import numpy as np
        >>> value_against_cost(["A", "B", "C"], np.array([0.0, 1.0, 0.5]),
        ...                    np.array([10.0, 50.0, 60.0]), cost="", unit="").frontier
        ('A', 'B')
        """
        on = self.table["status"] == EFFICIENT
        return tuple(str(name) for name in self.table.index[on])

    def _money(self, value: float) -> str:
        return f"{amount(value)} {self.unit}" if self.unit else amount(value)

    def _step(self, option: str) -> str:
        row = self.table.loc[option].to_dict()
        return (
            f"{option} adds {number(float(row['incremental_value']))} of value for "
            f"{self._money(float(row['incremental_cost']))} more than {row['compared_with']}: "
            f"{self._money(float(row['icer']))} per unit"
        )

    def summary(self) -> str:
        """The frontier and its steps in words, then what is left off it and why.

        Examples
        --------
        >>> import numpy as np
        >>> v = value_against_cost(["A", "B", "C"], np.array([0.0, 1.0, 0.5]),
        ...                        np.array([10.0, 150.0, 160.0]), cost="", unit="")
        >>> print(v.summary())  # doctest: +NORMALIZE_WHITESPACE
        On value for money, 2 of the 3 options are efficient, cheapest first: A and B.
        B adds 1.000 of value for 140 more than A: 140 per unit. C is dominated by B.
        """
        frontier = self.frontier
        n = len(self.table)
        parts = [
            f"On value for money, {len(frontier)} of the {n} options "
            f"{'is' if len(frontier) == 1 else 'are'} efficient, cheapest first: "
            f"{join_words(list(frontier))}."
        ]
        icers = self.table["icer"]
        steps = [self._step(o) for o in frontier if not math.isnan(float(icers[o]))]
        if steps:
            parts.append("; ".join(steps) + ".")
        for option, row in self.table.iterrows():
            if row["status"] == DOMINATED:
                parts.append(f"{option} is dominated by {row['dominated_by'][0]}.")
            elif row["status"] != EFFICIENT:
                below, above = row["dominated_by"]
                parts.append(
                    f"{option} is extendedly dominated: a mix of {below} and {above} gives "
                    "more value for its cost."
                )
        return " ".join(parts)

    def blocks(self) -> list[Block]:
        """The words, the chart of value against cost and the table, in reading order.

        Examples
        --------
        >>> import numpy as np
        >>> v = value_against_cost(["A", "B"], np.array([0.0, 1.0]), np.array([10.0, 50.0]),
        ...                        cost="Cost", unit="£m")
        >>> [type(block).__name__ for block in v.blocks()]
        ['Paragraph', 'Figure', 'Table']
        """
        table = self.table
        cost_label = f"cost ({self.unit})" if self.unit else "cost"
        rows = [
            [
                str(option),
                number(row["value"]),
                amount(row["cost"]),
                str(row["status"]),
                " and ".join(row["dominated_by"]) or "",
                "" if math.isnan(row["icer"]) else amount(row["icer"]),
            ]
            for option, row in table.iterrows()
        ]
        figure = Figure(
            frontier_scatter(
                table["cost"].tolist(),
                table["value"].tolist(),
                [str(o) for o in table.index],
                (table["status"] == EFFICIENT).tolist(),
                x_label=cost_label,
                y_label="value",
                title="Value against cost",
            ),
            "Each option's value (the score on every criterion but cost) against its "
            "cost; the line joins the efficient options.",
        )
        return [
            Paragraph(self.summary()),
            figure,
            Table(
                "Value against cost, cheapest first (ICER: incremental cost per unit of value)",
                ["Option", "Value", cost_label.capitalize(), "Status", "Dominated by", "ICER"],
                rows,
                "<>><<>",
            ),
        ]

    def records(self) -> list[dict[str, Any]]:
        """One record per option, cheapest first: ``option`` and the columns of :attr:`table`.

        Examples
        --------
        >>> import numpy as np
        >>> v = value_against_cost(["A", "B"], np.array([0.0, 1.0]), np.array([10.0, 50.0]),
        ...                        cost="Cost", unit="")
        >>> [r["option"] for r in v.records()], v.records()[1]["icer"]
        (['A', 'B'], 40.0)
        """
        return [
            {str(key): item for key, item in record.items()}
            for record in self.table.reset_index().to_dict(orient="records")
        ]


def value_against_cost(
    names: tuple[str, ...] | list[str],
    value: FloatArray,
    amounts: FloatArray,
    *,
    cost: str,
    unit: str,
) -> ValueAgainstCost:
    """The frontier of ``value`` against ``amounts`` (one each per name) as a table.

    ``amounts`` must be non-negative and finite; the callers check them.

    Examples
    --------
    >>> import numpy as np
    >>> v = value_against_cost(["UC", "A", "B"], np.array([1.0, 1.5, 2.0]),
    ...                        np.array([5000.0, 12000.0, 10000.0]), cost="", unit="$")
    >>> v.frontier, v.table.loc["A", "dominated_by"]
    (('UC', 'B'), ('B',))
    """
    frontier = cost_effectiveness(value, amounts)
    order = [int(i) for i in frontier.order]
    incremental_cost = np.full(len(names), np.nan)
    incremental_value = np.full(len(names), np.nan)
    for i in order:
        before = int(frontier.previous[i])
        if before >= 0:
            incremental_cost[i] = amounts[i] - amounts[before]
            incremental_value[i] = value[i] - value[before]
    table = pd.DataFrame(
        {
            "value": value[order],
            "cost": amounts[order],
            "status": [frontier.status[i] for i in order],
            "dominated_by": [tuple(names[j] for j in frontier.by[i]) for i in order],
            "compared_with": [
                names[int(frontier.previous[i])] if frontier.previous[i] >= 0 else None
                for i in order
            ],
            "incremental_cost": incremental_cost[order],
            "incremental_value": incremental_value[order],
            "icer": frontier.icer[order],
        },
        index=pd.Index([names[i] for i in order], name="option"),
    )
    return ValueAgainstCost(table=table, cost=cost, unit=unit)


def without_costs(assessment: Assessment, weights: Weights) -> tuple[Assessment, Weights] | None:
    """The assessment without its cost criteria, and the weights renormalized over the rest.

    None when every criterion is a cost or the costs hold all the weight: there is then
    no value to set against them.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit"),
    ...                  pb.Criterion("Risk", area="X", kind="risk"),
    ...                  pb.Criterion("Cost", area="Y", kind="cost")], [[1, 2, 10], [3, 1, 50]])
    >>> part, rest = without_costs(a, pb.Weights.from_mapping({"Gain": 1, "Risk": 1, "Cost": 2}))
    >>> part.criterion_names, dict(rest)
    (('Gain', 'Risk'), {'Gain': 0.5, 'Risk': 0.5})
    """
    kept = [c.name for c in assessment.criteria if not c.is_cost]
    rest = {name: weights[name] for name in kept}
    if not kept or sum(rest.values()) <= 0:
        return None
    part = assessment if len(kept) == assessment.n_criteria else assessment.subset(criteria=kept)
    return part, Weights.from_mapping(rest)


def against_each_cost(assessment: Assessment, value: FloatArray) -> tuple[ValueAgainstCost, ...]:
    """``value`` against each cost criterion of ``assessment`` whose amounts allow it.

    A cost criterion with a negative or missing score (a saving, which value for money
    cannot set value against) is left out.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit"),
    ...                  pb.Criterion("Cost", area="Y", kind="cost"),
    ...                  pb.Criterion("Net outlay", area="Y", kind="cost")],
    ...     [[1, 10, -5], [3, 50, 5]])
    >>> [v.cost for v in against_each_cost(a, np.array([0.0, 1.0]))]
    ['Cost']
    """
    found = []
    for name in assessment.costs:
        amounts = np.array(assessment.scores[:, assessment.criterion_index(name)], dtype=np.float64)
        if np.isfinite(amounts).all() and (amounts >= 0).all():
            unit = assessment.criterion(name).unit
            found.append(
                value_against_cost(assessment.option_names, value, amounts, cost=name, unit=unit)
            )
    return tuple(found)
