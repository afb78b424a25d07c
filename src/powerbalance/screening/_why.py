"""Why an option landed in its category, in words, for either sorting model."""

from __future__ import annotations

import attrs
import numpy as np

from powerbalance._render import join_words, number, percent
from powerbalance.model import Assessment
from powerbalance.screening._electre_tri import ElectreTriB
from powerbalance.screening._mrsort import MRSort
from powerbalance.screening._sorting_model import Evidence

__all__ = ["Explainer", "model_in_words"]


def model_in_words(model: MRSort | ElectreTriB) -> str:
    """The model and its main setting, as a reader sees it.

    Examples
    --------
    >>> model_in_words(MRSort(["no", "yes"], {"X": 1}, threshold=0.6))
    'MR-Sort (majority threshold 60.0%)'
    """
    if isinstance(model, MRSort):
        vetoes = f", vetoes on {join_words(list(model.vetoes))}" if model.vetoes else ""
        return f"MR-Sort (majority threshold {percent(model.threshold)}{vetoes})"
    return f"ELECTRE TRI-B ({model.rule} rule, cut {number(model.cut, 2)})"


def _score(value: float) -> str:
    return f"{value:g}"


@attrs.frozen
class Explainer:
    """Sentences on one sorting: the evidence against the profiles either side.

    Examples
    --------
    >>> import numpy as np
    >>> import powerbalance as pb
    >>> a = pb.Assessment(["A"], [pb.Criterion("X", area="P", kind="benefit")], [[8]])
    >>> model = pb.screening.MRSort(["no", "yes"], {"X": 5})
    >>> evidence = model.prepare(a).evidence(np.ones(1))
    >>> Explainer(model, a, np.ones(1), evidence).lower(0, 1)
    "At least as good as the lower edge of 'yes' on X (100.0% of the weight; 50.0% needed)."
    """

    model: MRSort | ElectreTriB
    assessment: Assessment
    weights: np.ndarray
    evidence: Evidence

    def _edge(self, h: int) -> str:
        return f"the lower edge of {self.model.categories[h + 1]!r}"

    def _criteria(self, i: int, h: int, low: float, high: float) -> list[str]:
        partial = self.evidence.partial[i, h]
        names = self.assessment.criterion_names
        return [names[j] for j in range(len(names)) if low <= partial[j] <= high]

    def _vetoes(self, i: int, h: int) -> list[str]:
        """Each criterion whose veto bars option i from profile h, with the numbers."""
        phrases = []
        names = self.assessment.criterion_names
        for j in np.flatnonzero(self.evidence.discordance[i, h] >= 1.0):
            criterion = names[j]
            score = float(self.assessment.scores[i, j])
            limit = self.model.profiles[criterion][h]
            if isinstance(self.model, MRSort):
                difference = self.model.vetoes[criterion][h]
            else:
                difference = self.model.veto[criterion]
            phrases.append(
                f"{criterion} ({_score(score)} is worse than the limit {_score(limit)} by "
                f"{_score(abs(score - limit))}, at least the veto {_score(difference or 0)})"
            )
        return phrases

    def _weakened(self, i: int, h: int) -> list[str]:
        """Criteria whose discordance lowers the credibility without a full veto."""
        d = self.evidence.discordance[i, h]
        overall = float(self.weights @ self.evidence.partial[i, h])
        names = self.assessment.criterion_names
        return [
            f"{names[j]} ({number(float(d[j]), 2)})" for j in range(len(d)) if overall < d[j] < 1
        ]

    def lower(self, i: int, position: int) -> str:
        """Why option i is not lower: the evidence against the edge below its category."""
        h = position - 1
        edge = self._edge(h)
        share = float(self.evidence.forward[i, h])
        if isinstance(self.model, MRSort):
            support = join_words(self._criteria(i, h, 1.0, 1.0))
            return (
                f"At least as good as {edge} on {support} ({percent(share)} of the weight; "
                f"{percent(self.model.threshold)} needed)."
            )
        if self.model.rule == "pessimistic":
            return (
                f"It outranks {edge} with credibility {number(share, 2)} "
                f"(cut {number(self.model.cut, 2)})."
            )
        back = float(self.evidence.backward[i, h])  # type: ignore[index]
        return (
            f"{edge[0].upper()}{edge[1:]} is not preferred to it: credibility of the option "
            f"over it {number(share, 2)}, of it over the option {number(back, 2)} "
            f"(cut {number(self.model.cut, 2)})."
        )

    def upper(self, i: int, position: int) -> str:
        """Why option i is not higher: the evidence against the edge above its category."""
        h = position
        edge = self._edge(h)
        share = float(self.evidence.forward[i, h])
        vetoes = self._vetoes(i, h)
        if isinstance(self.model, MRSort):
            support = self._criteria(i, h, 1.0, 1.0)
            majority = (
                f"only {join_words(support)} support{'s' if len(support) == 1 else ''} it"
                if support
                else "no criterion supports it"
            )
            sentence = (
                f"Not at least as good as {edge}: {majority} ({percent(share)} of the weight; "
                f"{percent(self.model.threshold)} needed)."
            )
            if share >= self.model.threshold - 1e-9 and vetoes:
                sentence = (
                    f"Barred from {self.model.categories[h + 1]!r} although "
                    f"{percent(share)} of the weight supports it "
                    f"({percent(self.model.threshold)} needed)."
                )
            if vetoes:
                sentence += f" Veto on {join_words(vetoes)}."
            return sentence
        against = self._criteria(i, h, 0.0, 0.0)
        opposed = f"; {join_words(against)} against it" if against else ""
        weakened = self._weakened(i, h)
        lowered = f"; discordance on {join_words(weakened)}" if weakened else ""
        vetoed = f" Veto on {join_words(vetoes)}." if vetoes else ""
        if self.model.rule == "pessimistic":
            return (
                f"It does not outrank {edge}: credibility {number(share, 2)}, below the cut "
                f"{number(self.model.cut, 2)}{opposed}{lowered}.{vetoed}"
            )
        back = float(self.evidence.backward[i, h])  # type: ignore[index]
        return (
            f"{edge[0].upper()}{edge[1:]} is preferred to it: credibility of it over the "
            f"option {number(back, 2)}, of the option over it {number(share, 2)} "
            f"(cut {number(self.model.cut, 2)}){opposed}{lowered}.{vetoed}"
        )
