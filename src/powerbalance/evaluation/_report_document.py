"""What a report shows and stores: its document and its plain data, built from its frames.

:class:`~powerbalance.evaluation.report.Report` computes; this module arranges what
it computed into the blocks every renderer understands and into the layout of
:data:`~powerbalance.evaluation.report.REPORT_SCHEMA`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from powerbalance._render import (
    Block,
    Document,
    Figure,
    Notes,
    Paragraph,
    Section,
    Table,
    component,
    number,
    plain,
    signed,
)
from powerbalance._render.svg import contribution_bars
from powerbalance._version import __version__
from powerbalance.evaluation._value_against_cost import ValueAgainstCost
from powerbalance.evaluation.tradeoffs import Tradeoff
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights

__all__ = [
    "area_section",
    "net_explanation",
    "ranking_table",
    "report_data",
    "report_document",
    "scale_lines",
    "tie_note",
    "value_for_money_section",
]

_MEASURES = ("benefit", "risk", "net")


def _against(assessment: Assessment) -> str:
    """What is set against benefit: ``"risk"``, or ``"risk and cost"`` with costs."""
    return "risk and cost" if assessment.is_cost.any() else "risk"


def scale_lines(assessment: Assessment) -> list[str]:
    """One line per criterion saying what its worst and best ends stand for.

    Empty when no criterion has anchors: the scales then say nothing beyond the scores.

    Examples
    --------
    >>> import powerbalance as pb
    >>> scale_lines(pb.examples.load("engage-or-contain").assessment)
    []
    """
    if not any(c.anchors for c in assessment.criteria):
        return []
    lines = []
    for criterion in assessment.criteria:
        ends = criterion.worst_and_best
        if ends is None:
            lines.append(f"{criterion.name}: local scale, from the worst to the best option.")
            continue
        (worst, worst_text), (best, best_text) = ends
        worst_words = f" ({worst_text})" if worst_text else ""
        best_words = f" ({best_text})" if best_text else ""
        lines.append(f"{criterion.name}: worst {worst:g}{worst_words}, best {best:g}{best_words}.")
    return lines


def ranking_table(ranking: pd.DataFrame, caption: str = "Ranking") -> Table:
    """The ranking as a table: rank, option, score and the method's extra columns.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> ranking_table(report.ranking).header
    ('Rank', 'Option', 'Score')
    """
    extra = [c for c in ranking.columns if c not in ("rank", "score")]
    return Table(
        caption,
        ["Rank", "Option", "Score", *(str(c).replace("_", " ") for c in extra)],
        [
            [
                str(rank),
                str(option),
                number(score),
                *(
                    (signed if column == "vs_baseline" else number)(v)
                    for column, v in zip(extra, ranking.loc[option, extra], strict=True)
                ),
            ]
            for option, rank, score in zip(
                ranking.index, ranking["rank"], ranking["score"], strict=True
            )
        ],
        ">" + "<" + ">" * (1 + len(extra)),
    )


def tie_note(ranking: pd.DataFrame) -> Paragraph | None:
    """What a shared rank means, when the ranking has one; None when it has none.

    Examples
    --------
    >>> import pandas as pd
    >>> ranking = pd.DataFrame({"rank": [1, 1, 3], "score": [0.5, 0.5, 0.2]})
    >>> tie_note(ranking).text.startswith("Options with the same rank tie")
    True
    """
    if ranking["rank"].is_unique:
        return None
    return Paragraph(
        "Options with the same rank tie: their scores are equal (to within rounding), so "
        "these scores and weights do not separate them. Any change of weight can decide "
        "between them, or what the scores leave out."
    )


def net_explanation(
    assessment: Assessment, weights: Weights, ranking: pd.DataFrame, net: pd.DataFrame, method: str
) -> str:
    """Why the net values by area do not add up to the score, in words.

    ``method`` is the method as a sentence names it (``"the weighted sum"``). Where
    the score is a sum of weighted normalized scores, the difference is the total
    weight of the risk (and cost) criteria, the same for every option; elsewhere the
    score is not a sum at all.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> text = net_explanation(
    ...     report.assessment, report.weights, report.ranking, report.net_by_area,
    ...     "the weighted sum",
    ... )
    >>> "plus the total weight of the risk criteria (0.500)" in text
    True
    """
    vector = weights.aligned(assessment)
    lower = assessment.lower_is_better
    risk_weight = float(vector[lower].sum())
    totals = net.loc[ranking.index].to_numpy().sum(axis=1) + risk_weight
    adds_up = bool(np.allclose(ranking["score"].to_numpy(), totals, rtol=0.0, atol=1e-9))
    against = _against(assessment)
    if not adds_up:
        return (
            f"Net value by area is weighted benefit minus weighted {against} on the "
            f"method's normalized scale (1 = best). Under {method} the score is not a sum "
            "of weighted parts, so the net values do not add up to it: they show where "
            "each option gains and loses, not how its score is made up."
        )
    if not lower.any():
        return (
            "Net value by area is the weighted benefit of the area's criteria; an "
            "option's net values add up to its score."
        )
    if not assessment.is_cost.any():
        return (
            "Net value by area is weighted benefit minus weighted risk, where a risk counts "
            "the part of its weight an option loses by falling short of the risk's best "
            "(lowest) score. The score instead credits each risk with the weight an option "
            "keeps, so it equals the sum of the net values plus the total weight of the "
            f"risk criteria ({number(risk_weight)}), the same for every option: the net "
            "values do not add up to the score, but their differences between options are "
            "the differences in score."
        )
    kinds = "risk and cost" if assessment.is_risk.any() else "cost"
    return (
        f"Net value by area is weighted benefit minus weighted {against}, where a risk or "
        "a cost counts the part of its weight an option loses by falling short of its "
        "best (lowest) score. The score instead credits each with the weight an option "
        "keeps, so it equals the sum of the net values plus the total weight of the "
        f"{kinds} criteria ({number(risk_weight)}), the same for every option: the net "
        "values do not add up to the score, but their differences between options are "
        "the differences in score."
    )


def _baseline_table(baseline: str, ranking: pd.DataFrame, net_vs_baseline: pd.DataFrame) -> Table:
    others = ranking.drop(index=baseline)
    net = net_vs_baseline.drop(index=baseline)
    differences = others["vs_baseline"].to_numpy()
    return Table(
        f"Against the baseline, {baseline} (differences in score and in net value by area)",
        ["Option", "Score", *map(str, net.columns)],
        [
            [str(option), signed(difference), *map(signed, row)]
            for (option, row), difference in zip(net.iterrows(), differences, strict=True)
        ],
    )


def area_section(
    *,
    assessment: Assessment,
    weights: Weights,
    ranking: pd.DataFrame,
    by_area: pd.DataFrame,
    net_vs_baseline: pd.DataFrame | None,
    method: str,
) -> Section:
    """Benefits, risks (and costs) by area: why net differs from the score, the table, bars.

    The explanation and the table of net values come before the bars, so that a
    rendering without figures (text, Markdown) goes straight from the heading to them;
    then the differences from the baseline, if there is one, and the weights by area.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> section = area_section(
    ...     assessment=report.assessment, weights=report.weights, ranking=report.ranking,
    ...     by_area=report.by_area, net_vs_baseline=None, method="the weighted sum",
    ... )
    >>> [type(block).__name__ for block in section.blocks]
    ['Paragraph', 'Table', 'Figure', 'Table']
    """
    benefit = pd.DataFrame(by_area.xs("benefit", axis=1, level="measure"))
    risk = pd.DataFrame(by_area.xs("risk", axis=1, level="measure"))
    net = pd.DataFrame(by_area.xs("net", axis=1, level="measure"))
    cost = (
        pd.DataFrame(by_area.xs("cost", axis=1, level="measure"))
        if "cost" in by_area.columns.get_level_values("measure")
        else None
    )
    against = _against(assessment)
    left = "risks and costs" if cost is not None else "risks"
    blocks: list[Block] = [
        Paragraph(net_explanation(assessment, weights, ranking, net, method)),
        Table(
            f"Net value by area (weighted benefit minus weighted {against})",
            ["Option", *map(str, net.columns)],
            [[str(option), *(signed(v) for v in row)] for option, row in net.iterrows()],
        ),
        Figure(
            contribution_bars(benefit, risk, cost),
            f"Weighted benefits (to the right) and {left} (to the left) of every option, "
            "stacked by area; the numbers are in the table of net value by area.",
        ),
    ]
    if net_vs_baseline is not None and assessment.baseline is not None:
        blocks.append(_baseline_table(assessment.baseline, ranking, net_vs_baseline))
    blocks.append(
        Table(
            "Weights by area",
            ["Area", "Weight", "Criteria"],
            [
                [area, number(weight), str(len(assessment.criteria_in(area)))]
                for area, weight in zip(assessment.areas, weights.by_area(assessment), strict=True)
            ],
        )
    )
    heading = (
        "Benefits, risks and costs by area" if cost is not None else "Benefits and risks by area"
    )
    return Section(heading, blocks)


def value_for_money_section(analyses: Sequence[ValueAgainstCost]) -> Section | None:
    """The section "Value for money": what value is, then per cost its words, chart and table.

    None when there is nothing to set against a cost; with several costs, one part each.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit"),
    ...                  pb.Criterion("Cost", area="Y", kind="cost")], [[1, 10], [3, 50]])
    >>> section = value_for_money_section(pb.evaluate(a).value_for_money)
    >>> section.heading, [type(b).__name__ for b in section.blocks]
    ('Value for money', ['Paragraph', 'Paragraph', 'Figure', 'Table'])
    >>> value_for_money_section(()) is None
    True
    """
    if not analyses:
        return None
    blocks: list[Block] = [
        Paragraph(
            "Value is each option's score on every criterion but the costs, under the "
            "report's weights renormalized over them. An option is dominated when another "
            "gives at least as much value for no more cost; extendedly dominated when a "
            "mix of two others would give more value for its cost. The ICER is the extra "
            "cost per unit of extra value of each efficient option over the next cheaper one."
        )
    ]
    for analysis in analyses:
        if len(analyses) == 1:
            blocks += analysis.blocks()
        else:
            blocks.append(Section(f"Against {analysis.cost}", analysis.blocks()))
    return Section("Value for money", blocks)


def report_document(
    *,
    title: str,
    summary: str,
    assessment: Assessment,
    weights: Weights,
    ranking: pd.DataFrame,
    by_area: pd.DataFrame,
    net_vs_baseline: pd.DataFrame | None,
    tradeoff: Tradeoff | None,
    method: str,
    provenance: str,
    value_for_money: Sequence[ValueAgainstCost] = (),
) -> Document:
    """The report's document: the summary first, then ranking, areas, top two, scales.

    With cost criteria, the value for money (:func:`value_for_money_section`) follows
    the top two.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> [type(block).__name__ for block in report._document().blocks][:3]
    ['Paragraph', 'Table', 'Section']
    """
    blocks: list[Block] = [Paragraph(summary), ranking_table(ranking)]
    tie = tie_note(ranking)
    if tie is not None:
        blocks.append(tie)
    blocks.append(
        area_section(
            assessment=assessment,
            weights=weights,
            ranking=ranking,
            by_area=by_area,
            net_vs_baseline=net_vs_baseline,
            method=method,
        )
    )
    if tradeoff is not None:
        blocks.append(Section("The top two options", tradeoff._blocks()))
    section = value_for_money_section(value_for_money)
    if section is not None:
        blocks.append(section)
    scales = scale_lines(assessment)
    if scales:
        blocks.append(Notes("Scales (what the worst and best scores stand for)", scales))
    return Document(title, blocks, provenance)


def report_data(
    *,
    schema: str,
    assessment: Assessment,
    method: object,
    weighting: object,
    weights: Weights,
    ranking: pd.DataFrame,
    contributions: pd.DataFrame,
    by_area: pd.DataFrame,
    benefit_risk: pd.DataFrame,
    frontier: tuple[str, ...],
    dominance: pd.DataFrame | None,
    sensitivity: list[dict[str, Any]],
    summary: str,
    input_hash: str,
    value_for_money: Sequence[ValueAgainstCost] | None = None,
) -> dict[str, Any]:
    """The report's plain data, in the layout its ``to_dict()`` documents.

    ``value_for_money`` is None without a cost criterion, and the key is then left out.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> report.to_dict()["frontier"]
    ['Engage']
    """
    has_cost = bool(assessment.is_cost.any())
    measures = ("benefit", "risk", "cost", "net") if has_cost else _MEASURES
    burdens = ("benefit", "risk", "cost") if has_cost else ("benefit", "risk")
    data = {
        "schema": schema,
        "assessment": {
            "name": assessment.name,
            "options": list(assessment.option_names),
            "baseline": assessment.baseline,
            "criteria": [
                {
                    "name": c.name,
                    "area": c.area,
                    "kind": c.kind,
                    "scale": c.scale,
                    "anchors": c.anchors,
                }
                for c in assessment.criteria
            ],
        },
        "method": component(method),
        "weighting": component(weighting),
        "weights": dict(weights.items()),
        "ranking": ranking.reset_index().to_dict(orient="records"),
        "contributions": {option: row.to_dict() for option, row in contributions.iterrows()},
        "by_area": {
            option: {
                area: {m: by_area.loc[option, (area, m)] for m in measures}
                for area in assessment.areas
            }
            for option in by_area.index
        },
        "benefit_risk": {
            str(option): {
                **{column: row[column] for column in burdens},
                "efficient": bool(row["efficient"]),
            }
            for option, row in benefit_risk.iterrows()
        },
        "frontier": list(frontier),
        "dominance": [] if dominance is None else dominance.to_dict(orient="records"),
        "sensitivity": sensitivity,
        **(
            {}
            if value_for_money is None
            else {
                "value_for_money": [
                    {
                        "cost": v.cost,
                        "unit": v.unit,
                        "options": v.records(),
                        "frontier": list(v.frontier),
                        "summary": v.summary(),
                    }
                    for v in value_for_money
                ]
            }
        ),
        "summary": summary,
        "input_hash": input_hash,
        "version": __version__,
    }
    result: dict[str, Any] = plain(data)
    return result
