"""The evidence of a brief, section by section, after its bottom line.

Each function builds one :class:`~powerbalance._render.Section` from what the brief
holds; the results' own tables and explanations are reused, so a brief says what the
report, the stability analysis and SMAA say, in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from powerbalance._render import (
    Block,
    Notes,
    Paragraph,
    Section,
    Table,
    full_name,
    in_words,
    join_words,
    number,
)
from powerbalance.brief._consequences import amount, consequence_blocks
from powerbalance.brief._presets import weighting_words
from powerbalance.evaluation import Comparison, Report
from powerbalance.evaluation._report_document import (
    area_section,
    ranking_table,
    scale_lines,
    tie_note,
)
from powerbalance.model import Assessment, Study
from powerbalance.sensitivity import SMAAResult, Stability

__all__ = [
    "areas",
    "comparison_section",
    "consequences",
    "criteria",
    "method",
    "options",
    "ranking",
    "scales",
    "smaa_section",
    "stability_section",
    "top_two",
]


def ranking(report: Report) -> Section:
    """The ranking table, and what a shared rank means when there is one.

    Examples
    --------
    >>> import powerbalance as pb
    >>> ranking(pb.evaluate(pb.examples.load().assessment)).heading
    'Ranking'
    """
    blocks: list[Block] = [ranking_table(report.ranking, "Score and rank of every option")]
    tie = tie_note(report.ranking)
    if tie is not None:
        blocks.append(tie)
    return Section("Ranking", blocks)


def areas(report: Report) -> Section:
    """Benefits and risks (and costs) by area, with why net values do not add up to the score.

    Examples
    --------
    >>> import powerbalance as pb
    >>> areas(pb.evaluate(pb.examples.load().assessment)).heading
    'Benefits and risks by area'
    """
    a = report.assessment
    return area_section(
        assessment=a,
        weights=report.weights,
        ranking=report.ranking,
        by_area=report.by_area,
        net_vs_baseline=None if a.baseline is None else report.net_by_area_vs_baseline,
        method=in_words(report.method),
    )


def top_two(report: Report) -> Section | None:
    """What the first option gains and gives up against the second; None with one option.

    Examples
    --------
    >>> import powerbalance as pb
    >>> top_two(pb.evaluate(pb.examples.load().assessment)).heading
    'The top two options'
    """
    names = [str(name) for name in report.ranking.index]
    if len(names) < 2:
        return None
    return Section("The top two options", report.tradeoffs(names[0], names[1])._blocks())


def consequences(assessment: Assessment) -> Section:
    """The scores in the analyst's own units, with ranges, notes and distributions.

    Examples
    --------
    >>> import powerbalance as pb
    >>> consequences(pb.examples.load().assessment).heading
    "Consequences, in the analyst's units"
    """
    return Section("Consequences, in the analyst's units", consequence_blocks(assessment))


def scales(study: Study) -> Section | None:
    """How the scores' scales read: the study's description of them and the anchors.

    Examples
    --------
    >>> import powerbalance as pb
    >>> [type(b).__name__ for b in scales(pb.examples.load()).blocks]
    ['Paragraph', 'Notes']
    """
    blocks: list[Block] = []
    if study.scale_description:
        blocks.append(Paragraph(study.scale_description))
    lines = scale_lines(study.assessment)
    if lines:
        blocks.append(Notes("What the worst and best scores stand for", lines))
    return Section("Scales", blocks) if blocks else None


def options(assessment: Assessment) -> Section:
    """Every option, with its description, and which is the baseline.

    Examples
    --------
    >>> import powerbalance as pb
    >>> print(options(pb.examples.load().assessment).blocks[0].text)
    The baseline, which every other option is compared with, is Status quo.
    """
    blocks: list[Block] = []
    if assessment.baseline is not None:
        blocks.append(
            Paragraph(
                f"The baseline, which every other option is compared with, is "
                f"{assessment.baseline}."
            )
        )
    items = [f"{o.name}: {o.description}" if o.description else o.name for o in assessment.options]
    blocks.append(Notes("", items))
    return Section("The options", blocks)


def _range_words(scale: tuple[float, float] | None) -> str:
    return "" if scale is None else f", scale {amount(scale[0])} to {amount(scale[1])}"


def criteria(assessment: Assessment) -> Section:
    """Every criterion: its area, whether higher is better, its unit, scale and meaning.

    Examples
    --------
    >>> import powerbalance as pb
    >>> print(criteria(pb.examples.load("engage-or-contain").assessment).blocks[0].items[0])
    Trade gains (Economic; a benefit, higher is better; in 0-10 judgement)
    """
    items = []
    for c in assessment.criteria:
        kind = (
            "a risk, lower is better"
            if c.is_risk
            else "a cost, lower is better"
            if c.is_cost
            else "a benefit, higher is better"
        )
        unit = f"; in {c.unit}" if c.unit else ""
        text = f"{c.name} ({c.area}; {kind}{unit}{_range_words(c.scale)})"
        items.append(f"{text}: {c.description}" if c.description else text)
    return Section("The criteria", [Notes("", items)])


def stability_section(stability: Stability) -> Section:
    """How far each weight can move before the ranking changes.

    Examples
    --------
    >>> import powerbalance as pb
    >>> s = pb.sensitivity.stability(pb.examples.load().assessment)
    >>> stability_section(s).heading
    'How far each weight can move'
    """
    return Section("How far each weight can move", stability._document().blocks)


def smaa_section(result: SMAAResult) -> Section:
    """How often each option ranks first over every weighting drawn, and how to read it.

    The result's own page follows its headline with a chart of every option's rank
    acceptabilities, then the tables; the section holds the same.

    Examples
    --------
    >>> import powerbalance as pb
    >>> r = pb.sensitivity.smaa(pb.examples.load().assessment, samples=100, seed=1)
    >>> section = smaa_section(r)
    >>> section.heading
    'Over many weightings at once (SMAA)'
    >>> [type(block).__name__ for block in section.blocks][:3]
    ['Paragraph', 'Figure', 'Table']
    """
    return Section("Over many weightings at once (SMAA)", result._document().blocks)


def comparison_section(comparison: Comparison) -> Section:
    """How each option ranks across several weightings and methods, and whether they agree.

    The comparison's own page lists every ranking; a brief gives each option's range
    of ranks and how often it comes first, in the order of the Borda consensus.

    Examples
    --------
    >>> import powerbalance as pb
    >>> c = pb.compare(pb.examples.load().assessment, methods=["weighted-sum", "topsis"])
    >>> section = comparison_section(c)
    >>> section.heading
    'Under other weightings and methods'
    >>> section.blocks[1].header
    ('Option', 'Consensus rank', 'Best rank', 'Worst rank', 'First in')
    """
    ranks = comparison.ranks
    borda = comparison.consensus("borda")["rank"].sort_values(kind="stable")
    count = ranks.shape[1]
    weightings = join_words([repr(label) for label in comparison.weightings])
    methods = join_words([in_words(method) for method in comparison.methods.values()])
    table = Table(
        f"Ranks of each option over {count} rankings",
        ["Option", "Consensus rank", "Best rank", "Worst rank", "First in"],
        [
            [
                str(option),
                str(borda[option]),
                str(int(ranks.loc[option].min())),
                str(int(ranks.loc[option].max())),
                f"{int((ranks.loc[option] == 1).sum())} of {count}",
            ]
            for option in borda.index
        ],
    )
    note = Paragraph(
        f"The rankings are those of the weightings {weightings}, each by {methods}. "
        "The consensus rank is by Borda count over all the rankings. Where an option's "
        "best and worst ranks are close, the choice of weighting and method hardly moves "
        "it; where they are far apart, that choice decides its place."
    )
    return Section(
        "Under other weightings and methods", [Paragraph(comparison.summary()), table, note]
    )


def method(report: Report, presets: Mapping[str, Any]) -> Section:
    """The method and the weighting, in words, and the weight of every criterion.

    Examples
    --------
    >>> import powerbalance as pb
    >>> section = method(pb.evaluate(pb.examples.load().assessment), {})
    >>> print(section.blocks[0].text)
    The options were scored by weighted sum, min-max normalization, with equal weights.
    """
    a = report.assessment
    vector = report.weights.aligned(a)
    table = Table(
        "Weight of each criterion",
        ["Criterion", "Area", "Kind", "Weight"],
        [
            [c.name, c.area, c.kind, number(float(w))]
            for c, w in zip(a.criteria, vector, strict=True)
        ],
        "<<<>",
    )
    words = weighting_words(report.weighting, presets)
    if words.startswith("the study's"):
        words += f" ({full_name(report.weighting)})"
    text = f"The options were scored by {full_name(report.method)}, with {words}."
    return Section("Method and weighting", [Paragraph(text), table])
