"""Where an option fails: the scenarios in which it loses first place, to whom and why."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._render import gains_and_losses, join_words, margin, plain
from powerbalance.evaluation import Report
from powerbalance.methods.ranking import rank_and_order

__all__ = ["Failure", "failures_of"]


def _plain_mapping(values: Mapping[str, float]) -> dict[str, float]:
    return {str(key): float(value) for key, value in values.items()}


@attrs.frozen
class Failure:
    """One scenario in which an option loses first place.

    Attributes
    ----------
    option : str
        The option that fails.
    scenario : str
        The scenario in which it does.
    rank : int
        Its rank there (1 is best; ties share the better rank).
    winner : str
        The option first in that scenario (the first in the assessment's order when
        several tie).
    deficit : float
        The winner's score minus the option's, in that scenario.
    by_area : mapping of str to float
        The winner's weighted contributions minus the option's, net per area, in that
        scenario (positive where the winner does better); from
        :meth:`powerbalance.Report.tradeoffs`.

    Examples
    --------
    >>> f = Failure("A", "Storm", 2, "B", 0.1, {"Security": 0.12, "Economic": -0.02})
    >>> print(f.sentence())  # doctest: +NORMALIZE_WHITESPACE
    In Storm, A falls to rank 2 behind B (by 0.100): B does better on Security (+0.120);
    A keeps an edge on Economic (+0.020).
    """

    option: str
    scenario: str
    rank: int
    winner: str
    deficit: float
    by_area: Mapping[str, float] = attrs.field(converter=_plain_mapping)

    def sentence(self) -> str:
        """The failure in one sentence: where, to whom and through which areas.

        Examples
        --------
        >>> print(Failure("A", "Calm", 1, "B", 0.0, {}).sentence())
        In Calm, A shares first place with B.
        """
        if self.rank == 1:
            return f"In {self.scenario}, {self.option} shares first place with {self.winner}."
        sentence = (
            f"In {self.scenario}, {self.option} falls to rank {self.rank} behind "
            f"{self.winner} (by {margin(self.deficit)})"
        )
        gains = gains_and_losses(self.by_area)[0]
        # The option's own edges, signed from its side so that they read as gains.
        edges = gains_and_losses({area: -d for area, d in self.by_area.items()})[0]
        if gains:
            sentence += f": {self.winner} does better on {join_words(gains[:2])}"
        if edges:
            sentence += f"{';' if gains else ':'} {self.option} keeps an edge on "
            sentence += join_words(edges[:2])
        return sentence + "."

    def to_dict(self) -> dict[str, Any]:
        """The failure as plain data, with its sentence.

        Examples
        --------
        >>> Failure("A", "Calm", 2, "B", 0.5, {"Security": 0.5}).to_dict()["winner"]
        'B'
        """
        data: dict[str, Any] = plain({**attrs.asdict(self), "sentence": self.sentence()})
        return data


def failures_of(
    option: int,
    scores: npt.NDArray[np.float64],
    reports: Sequence[Report],
    scenarios: Sequence[str],
) -> tuple[Failure, ...]:
    """Every scenario in which option ``option`` (a row of ``scores``) is not alone first.

    ``scores`` is options x scenarios; ``reports`` are the evaluations of each scenario,
    whose trade-offs by area say why the winner wins. A scenario in which the option
    shares first place is listed too (as a tie), so that no loss of sole first place
    goes unsaid.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> report = pb.evaluate(a)
    >>> scores = report.scores[:, None]
    >>> [f.winner for f in failures_of(1, scores, [report], ["Central"])]
    ['Engage']
    """
    names = reports[0].assessment.option_names if reports else ()
    found = []
    for j, scenario in enumerate(scenarios):
        ranks, order = rank_and_order(scores[:, j])
        rank = int(ranks[option])
        leaders = [int(i) for i in order if ranks[i] == 1 and i != option]
        if rank == 1 and not leaders:
            continue
        winner = leaders[0]
        tradeoff = reports[j].tradeoffs(names[winner], names[option])
        found.append(
            Failure(
                option=names[option],
                scenario=scenario,
                rank=rank,
                winner=names[winner],
                deficit=float(scores[winner, j] - scores[option, j]),
                by_area={str(k): float(v) for k, v in tradeoff.by_area().items()},
            )
        )
    return tuple(found)
