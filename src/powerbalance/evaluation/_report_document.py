"""What a report shows and stores: its document and its plain data, built from its frames.

:class:`~powerbalance.evaluation.report.Report` computes; this module arranges what
it computed into the blocks every renderer understands and into the layout of
:data:`~powerbalance.evaluation.report.REPORT_SCHEMA`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from powerbalance._render import (
    Block,
    Document,
    Figure,
    Heading,
    Notes,
    Paragraph,
    Table,
    component,
    number,
    plain,
    signed,
)
from powerbalance._render.svg import contribution_bars
from powerbalance._version import __version__
from powerbalance.evaluation.tradeoffs import Tradeoff
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights

__all__ = ["report_data", "report_document", "scale_lines"]

_MEASURES = ("benefit", "risk", "net")


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


def _ranking_table(ranking: pd.DataFrame) -> Table:
    extra = [c for c in ranking.columns if c not in ("rank", "score")]
    return Table(
        "Ranking",
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
    provenance: str,
) -> Document:
    """The report's document: summary, ranking, bars by area, tables, top two, scales.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> [type(block).__name__ for block in report._document().blocks][:3]
    ['Paragraph', 'Table', 'Heading']
    """
    benefit = pd.DataFrame(by_area.xs("benefit", axis=1, level="measure"))
    risk = pd.DataFrame(by_area.xs("risk", axis=1, level="measure"))
    net = by_area.xs("net", axis=1, level="measure")
    blocks: list[Block] = [
        Paragraph(summary),
        _ranking_table(ranking),
        Heading("Benefits and risks by area"),
        Figure(
            contribution_bars(benefit, risk),
            "Weighted benefits (to the right) and risks (to the left) of every option, "
            "stacked by area; the numbers are in the table of net value by area.",
        ),
    ]
    if net_vs_baseline is not None and assessment.baseline is not None:
        blocks.append(_baseline_table(assessment.baseline, ranking, net_vs_baseline))
    blocks.append(
        Table(
            "Net value by area (weighted benefit minus weighted risk)",
            ["Option", *map(str, net.columns)],
            [[str(option), *(signed(v) for v in row)] for option, row in net.iterrows()],
        )
    )
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
    if tradeoff is not None:
        blocks += [Heading("The top two options"), *tradeoff._blocks()]
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
) -> dict[str, Any]:
    """The report's plain data, in the layout its ``to_dict()`` documents.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> report.to_dict()["frontier"]
    ['Engage']
    """
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
                area: {m: by_area.loc[option, (area, m)] for m in _MEASURES}
                for area in assessment.areas
            }
            for option in by_area.index
        },
        "benefit_risk": {
            str(option): {
                "benefit": row["benefit"],
                "risk": row["risk"],
                "efficient": bool(row["efficient"]),
            }
            for option, row in benefit_risk.iterrows()
        },
        "frontier": list(frontier),
        "dominance": [] if dominance is None else dominance.to_dict(orient="records"),
        "sensitivity": sensitivity,
        "summary": summary,
        "input_hash": input_hash,
        "version": __version__,
    }
    result: dict[str, Any] = plain(data)
    return result
