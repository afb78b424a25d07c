"""The brief across the study's futures: a section, and a clause for its robustness sentence.

Both speak of the recommended option first: the rules' choices say which option holds
up across the futures, but the reader holds a recommendation and needs to know where
it fails, to whom and through which areas.
"""

from __future__ import annotations

from powerbalance._render import Block, Paragraph, Section, Table, join_words
from powerbalance.scenarios import Failure, ScenarioAnalysis

__all__ = ["futures_clause", "futures_section"]


def _losses(analysis: ScenarioAnalysis, option: str) -> list[Failure]:
    """The futures in which ``option`` is not first (a shared first place is no loss)."""
    return [f for f in analysis.failures(option) if f.rank > 1]


def _futures(count: int) -> str:
    return "the study's one future" if count == 1 else f"the study's {count} futures"


def futures_clause(analysis: ScenarioAnalysis, leader: str | None, *, subject: str = "it") -> str:
    """How the recommended option fares across the futures, as a clause of one sentence.

    Empty when there is no single recommended option (``leader`` is None).

    Examples
    --------
    >>> import powerbalance as pb
    >>> study = pb.examples.load()
    >>> analysis = pb.scenarios.evaluate(study.assessment, weighting="equal")
    >>> futures_clause(analysis, "Technology investment")
    "it loses first place in 2 of the study's 4 futures, to Targeted cooperation"
    """
    if leader is None:
        return ""
    count = len(analysis.scenarios)
    lost = _losses(analysis, leader)
    if not lost:
        where = "in the study's one future" if count == 1 else f"in all {_futures(count)}"
        return f"{subject} ranks first {where}"
    winners = list(dict.fromkeys(f.winner for f in lost))
    return (
        f"{subject} loses first place in {len(lost)} of {_futures(count)}, to {join_words(winners)}"
    )


def _where_it_fails(analysis: ScenarioAnalysis, option: str) -> str:
    count = len(analysis.scenarios)
    lost = _losses(analysis, option)
    if not lost:
        shared = [f.scenario for f in analysis.failures(option)]
        sentence = f"{option}, recommended here, ranks first in every future"
        if shared:
            sentence += f", sharing first place in {join_words(shared)}"
        return sentence + "."
    names = [f.scenario for f in lost]
    # Scenario names may hold commas; semicolons then keep them apart.
    listed = "; ".join(names) if any("," in name for name in names) else join_words(names)
    opening = (
        f"{option}, recommended here, ranks first in {count - len(lost)} of {count} "
        f"futures and loses first place in {listed}."
    )
    return " ".join([opening, *(f.sentence() for f in lost)])


def futures_section(analysis: ScenarioAnalysis, leader: str | None) -> Section:
    """Which option each rule chooses across the futures, and where the recommendation fails.

    The rules' choices and whether they agree; where the recommended option
    (``leader``; every option some rule chooses when there is none) loses first place,
    to whom and through which areas; how to read regret; then the analysis's own
    tables of scores and ranks, regret and the rules.

    Examples
    --------
    >>> import powerbalance as pb
    >>> study = pb.examples.load()
    >>> analysis = pb.scenarios.evaluate(study.assessment)
    >>> section = futures_section(analysis, "Targeted cooperation")
    >>> section.heading
    'Across the futures'
    >>> print(section.blocks[1].text[:73])
    Targeted cooperation, recommended here, ranks first in 2 of 4 futures and
    """
    count = len(analysis.scenarios)
    given = (
        "with the probabilities the study gives"
        if analysis.probabilities is not None
        else "with no probabilities given"
    )
    agreement = analysis.agreement
    blocks: list[Block] = [
        Paragraph(
            f"Across {_futures(count)} ({given}), each scored with this brief's weights and "
            f"method, {agreement[0].lower()}{agreement[1:]}"
        )
    ]
    if leader is not None:
        blocks.append(Paragraph(_where_it_fails(analysis, leader)))
    else:
        blocks += [Paragraph(f.sentence()) for f in analysis.failures() if f.rank > 1]
    blocks.append(
        Paragraph(
            "An option's regret in a future is the best score there minus its own: what "
            "choosing it would cost if that future came about. Maximin chooses the option "
            "whose worst score is best; minimax regret the one whose largest regret is "
            "smallest; Hurwicz weighs each option's best and worst scores; satisficing "
            "counts the futures in which an option comes within the margin of the best."
        )
    )
    blocks += [block for block in analysis._document().blocks if isinstance(block, Table)]
    return Section("Across the futures", blocks)
