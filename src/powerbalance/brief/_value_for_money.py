"""The brief's value for money: each option's value against each of its costs.

Shown only when the assessment has a cost criterion; the value is scored under the
brief's own weights and method, renormalized over the criteria other than costs.
"""

from __future__ import annotations

from typing import Any

from powerbalance._render import Block, Paragraph, Section
from powerbalance.evaluation import Report, ValueForMoney, value_for_money

__all__ = ["value_for_money_analyses", "value_for_money_data", "value_for_money_section"]


def value_for_money_analyses(report: Report) -> list[ValueForMoney]:
    """One analysis per cost criterion of the report's assessment, under its weights.

    The costs :attr:`Report.value_for_money <powerbalance.evaluation.Report.value_for_money>`
    sets value against: none without a cost criterion, when every criterion is a cost,
    or when the costs hold all the weight (there is then no value to set against them);
    a cost criterion with a negative score (a saving, which value for money cannot set
    value against) is left out.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit"),
    ...                  pb.Criterion("Cost", area="Y", kind="cost")], [[1, 10], [3, 50]])
    >>> [v.cost for v in value_for_money_analyses(pb.evaluate(a))]
    ['Cost']
    >>> value_for_money_analyses(pb.evaluate(pb.examples.load().assessment))
    []
    """
    return [
        value_for_money(
            report.assessment, weighting=report.weights, method=report.method, cost=found.cost
        )
        for found in report.value_for_money
    ]


def value_for_money_section(analyses: list[ValueForMoney]) -> Section | None:
    """The section "Value for money": per cost, its words, chart and table.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit"),
    ...                  pb.Criterion("Cost", area="Y", kind="cost")], [[1, 10], [3, 50]])
    >>> section = value_for_money_section(value_for_money_analyses(pb.evaluate(a)))
    >>> section.heading, [type(b).__name__ for b in section.blocks]
    ('Value for money', ['Paragraph', 'Paragraph', 'Figure', 'Table'])
    """
    if not analyses:
        return None
    blocks: list[Block] = [
        Paragraph(
            "Value is each option's score on every criterion but the costs, under the "
            "brief's weights renormalized over them. An option is dominated when another "
            "gives at least as much value for no more cost; extendedly dominated when a "
            "mix of two others would give more value for its cost. The ICER is the extra "
            "cost per unit of extra value of each efficient option over the next cheaper one."
        )
    ]
    for analysis in analyses:
        inner = list(analysis._document().blocks)
        if len(analyses) == 1:
            blocks += inner
        else:
            blocks.append(Section(f"Against {analysis.cost}", inner))
    return Section("Value for money", blocks)


def value_for_money_data(analyses: list[ValueForMoney]) -> list[dict[str, Any]]:
    """Each analysis's ``to_dict()``, for the brief's data.

    Examples
    --------
    >>> value_for_money_data([])
    []
    """
    return [analysis.to_dict() for analysis in analyses]
