"""The bottom line of a brief: the recommendation in one paragraph, robustness in one sentence.

A reader who stops after these two has the answer and how far to trust it; everything
after them in the brief is the evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from powerbalance._render import (
    ahead,
    gains_and_losses,
    in_words,
    join_words,
    number,
    signed,
)
from powerbalance.brief._futures import futures_clause
from powerbalance.brief._presets import weighting_words
from powerbalance.evaluation import Report
from powerbalance.scenarios import ScenarioAnalysis
from powerbalance.sensitivity import SMAAResult, Stability

__all__ = ["recommendation", "robustness"]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def recommendation(report: Report, presets: Mapping[str, Any]) -> str:
    """Which option comes first, under what, by how much, and what it gains and gives up.

    A tie for first place is said to be one: the scores and weights do not separate
    the options, so no one of them is recommended over the others.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment)
    >>> print(recommendation(report, {}))  # doctest: +NORMALIZE_WHITESPACE
    Engage ranks first of 2 options under the weighted sum with equal weights: a score of
    1.000, 1.000 ahead of Contain (0.000). Engage: Open markets and talk. In net value by area
    against Contain, it gains most on Economic (+0.500) and Security (+0.500).
    """
    ranking = report.ranking
    names = [str(name) for name in ranking.index]
    scores = ranking["score"]
    method = in_words(report.method)
    weights = weighting_words(report.weighting, presets)
    leader = names[0]
    if len(names) == 1:
        return (
            f"{leader} is the only option assessed (score {number(scores.iloc[0])} under "
            f"{method} with {weights}), so there is nothing to choose between."
        )
    tied = [name for name in names if ranking.loc[name, "rank"] == 1]
    if len(tied) > 1:
        return (
            f"No single option comes first: {join_words(tied)} tie for first place under "
            f"{method} with {weights} (score {number(scores.iloc[0])}). These scores and "
            f"weights do not separate them, so the choice between them rests on what the "
            f"scores leave out, or on a change of weights."
        )
    runner_up = names[1]
    lead = float(scores.iloc[0] - scores.iloc[1])
    sentences = [
        f"{leader} ranks first of {len(names)} options under {method} with {weights}: a "
        f"score of {number(scores.iloc[0])}, {ahead(lead, runner_up)} "
        f"({number(scores.iloc[1])})."
    ]
    description = report.assessment.option(leader).description
    if description:
        sentences.append(_sentence(f"{leader}: {description}"))
    net = report.net_by_area
    gains, losses = gains_and_losses((net.loc[leader] - net.loc[runner_up]).to_dict())
    if gains or losses:
        parts = []
        if gains:
            parts.append(f"gains most on {join_words(gains[:2])}")
        if losses:
            parts.append(f"gives up most on {join_words(losses[:2])}")
        sentences.append(f"In net value by area against {runner_up}, it {' and '.join(parts)}.")
    baseline = report.assessment.baseline
    if baseline is not None:
        if baseline == leader:
            sentences.append(f"It is the baseline: no option improves on {baseline}.")
        else:
            versus = float(ranking["vs_baseline"].loc[leader])
            sentences.append(f"Against the baseline, {baseline}, its score is {signed(versus)}.")
    return " ".join(sentences)


def robustness(
    stability: Stability | None,
    smaa: SMAAResult | None,
    *,
    leader: str | None = None,
    scenarios: ScenarioAnalysis | None = None,
) -> str:
    """How robust the ranking is, in one sentence, from the analyses the brief holds.

    ``leader`` is the recommended option: the SMAA clause says how often it ranks
    first, and names the option that ranks first more often if one does; the clause
    on the futures (``scenarios``) says in how many of them it loses first place, and
    to whom.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load().assessment
    >>> print(robustness(pb.sensitivity.stability(a), None))  # doctest: +NORMALIZE_WHITESPACE
    Targeted cooperation remains first unless the weight of Innovation leadership rises above
    0.125 (from 0.077), when Technology investment takes over.
    >>> print(robustness(None, None))  # doctest: +NORMALIZE_WHITESPACE
    No sensitivity analysis was run, so how far the ranking depends on the weights is not
    known.
    """
    stable = stability.robustness_sentence() if stability is not None else ""
    sampled = smaa.robustness_sentence(leader=leader) if smaa is not None else ""
    if stable and sampled:
        # One sentence: the SMAA clause ("Over 2,000 weightings ...") joins the stability one.
        sentence = f"{stable.rstrip('.')}; {sampled[0].lower()}{sampled[1:]}"
    elif stable or sampled:
        sentence = stable or sampled
    else:
        sentence = (
            "No sensitivity analysis was run, so how far the ranking depends on the weights "
            "is not known."
        )
    if scenarios is None:
        return sentence
    # "It" would refer to nothing after the sentence that no analysis was run.
    subject = "it" if stable or sampled else (leader or "")
    clause = futures_clause(scenarios, leader, subject=subject)
    return f"{sentence.rstrip('.')}; {clause}." if clause else sentence
