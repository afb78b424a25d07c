"""No method hands out a score that is not a finite number, and every analysis says so.

The promise is kept at one place, :func:`powerbalance.methods.scored`, through which
every analysis scores; these tests hold each analysis to it with a plug-in method that
returns NaN, and the built-in methods to it on scores at the edge of the float range.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
import pytest

import powerbalance as pb
from powerbalance.errors import NormalizationError, PowerbalanceError, ScoreError


def _two_criteria(column: list[float]) -> pb.Assessment:
    return pb.Assessment(
        options=["High", "Low", "Zero"],
        criteria=[
            pb.Criterion("Huge", area="Economic", kind="benefit"),
            pb.Criterion("Plain", area="Security", kind="benefit"),
        ],
        scores=[[column[0], 1.0], [column[1], 2.0], [column[2], 3.0]],
    )


# --- VIKOR refuses what the others refuse ------------------------------------------


def test_vikor_refuses_scores_spanning_more_than_the_float_range():
    a = _two_criteria([1e308, -1e308, 0.0])
    with pytest.raises(NormalizationError) as caught:
        pb.methods.VIKOR().prepare(a)
    message = str(caught.value)
    assert "'Huge'" in message
    assert "'High'" in message
    assert "'Low'" in message
    assert "larger units" in message


@pytest.mark.parametrize("method", ["vikor", "topsis", "weighted-sum", "weighted-product"])
def test_no_built_in_method_ranks_on_nan_at_the_float_range(method):
    a = _two_criteria([1e308, -1e308, 0.0])
    with pytest.raises(PowerbalanceError):
        pb.evaluate(a, method=method)


def test_promethee_stays_finite_at_the_float_range():
    # PROMETHEE compares differences that it clips first: it ranks these scores.
    report = pb.evaluate(_two_criteria([1e308, -1e308, 0.0]), method="promethee")
    assert np.isfinite(report.scores).all()


# --- the overflow message names the cell that overflows ----------------------------


def test_topsis_overflow_names_the_option_whose_score_overflows():
    a = _two_criteria([0.0, 1e308, 1e308])
    with pytest.raises(NormalizationError) as caught:
        pb.methods.TOPSIS().prepare(a)
    message = str(caught.value)
    assert "'Huge'" in message
    assert "option 'Low' scores 1e+308" in message
    assert "'High'" not in message


def test_minmax_overflow_names_the_far_end_not_a_zero():
    a = _two_criteria([0.0, -1e308, 1e308])
    with pytest.raises(NormalizationError) as caught:
        pb.methods.WeightedSum().prepare(a)
    assert "option 'High' scores" not in str(caught.value)


# --- a plug-in that returns NaN is refused by every analysis -----------------------


@attrs.frozen
class _PreparedNaN:
    assessment: pb.Assessment
    normalized: Any
    additive: bool = False
    poisoned: int = 0

    def score(self, weights: Any) -> Any:
        batch = np.asarray(weights, dtype=np.float64)
        out = batch @ self.normalized.T
        out[:, self.poisoned] = np.nan
        return out

    def details(self, weights: Any) -> dict[str, Any]:
        return {}

    def contributions(self, weights: Any) -> Any:
        return self.normalized * np.asarray(weights)


@attrs.frozen
class NaNMethod:
    """Scores like a weighted sum of raw scores, but gives its first option NaN."""

    def prepare(self, assessment: pb.Assessment) -> _PreparedNaN:
        return _PreparedNaN(assessment, assessment.scores.copy())


ANALYSES: dict[str, Callable[[pb.Assessment, Any], object]] = {
    "evaluate": lambda a, m: pb.evaluate(a, method=m),
    "compare": lambda a, m: pb.compare(a, methods={"nan": m}),
    "stability": lambda a, m: pb.sensitivity.stability(a, method=m),
    "sweep": lambda a, m: pb.sensitivity.sweep(a, "Trade gains", method=m),
    "smaa": lambda a, m: pb.sensitivity.smaa(a, method=m, samples=50, seed=0),
}


@pytest.mark.parametrize("analysis", sorted(ANALYSES))
def test_every_analysis_refuses_a_plug_in_that_returns_nan(analysis):
    a = pb.examples.load("engage-or-contain").assessment
    with pytest.raises(ScoreError) as caught:
        ANALYSES[analysis](a, NaNMethod())
    message = str(caught.value)
    assert message.startswith(f"{analysis}: method must be")
    assert "NaNMethod()" in message
    assert "'Engage'" in message
    assert "nan" in message


def test_smaa_with_uncertain_scores_refuses_a_plug_in_that_returns_nan():
    a = pb.examples.load("engage-or-contain").assessment
    uniform = pb.model.uncertainty.Uniform(6.0, 8.0)
    a = attrs.evolve(a, uncertainty={("Engage", "Trade gains"): uniform})
    with pytest.raises(ScoreError, match=re.escape("NaNMethod()")):
        pb.sensitivity.smaa(a, method=NaNMethod(), samples=20, seed=0)


def test_the_culprit_cell_is_named_when_one_criterion_is_to_blame():
    a = pb.examples.load("engage-or-contain").assessment
    normalized = np.array([[np.inf, 0.5], [0.2, 0.4]])

    class Prepared:
        assessment = a

        def __init__(self) -> None:
            self.normalized = normalized

        def score(self, weights: Any) -> Any:
            with np.errstate(invalid="ignore"):
                return np.asarray(weights) @ normalized.T

    with pytest.raises(ScoreError) as caught:
        pb.methods.scored(Prepared(), np.array([[0.5, 0.5]]), method="plug-in")
    message = str(caught.value)
    assert "option 'Engage' on criterion 'Trade gains' (score 7)" in message


def test_finite_scores_pass_through_unchanged():
    a = pb.examples.load("great-power-cooperation").assessment
    prepared = pb.methods.TOPSIS().prepare(a)
    batch = np.full((3, a.n_criteria), 1.0)
    assert np.array_equal(
        pb.methods.scored(prepared, batch, method="topsis"), prepared.score(batch)
    )


@pytest.mark.parametrize("method", ["weighted-sum", "promethee", "topsis"])
def test_a_sweep_that_takes_all_weight_off_the_only_criterion_stays_finite(method):
    # The linear shortcut once divided the all-zero weight row by its sum, 0 / 0.
    a = pb.Assessment(
        options=["A", "B"],
        criteria=[pb.Criterion("Only", area="Economic", kind="benefit")],
        scores=[[1.0], [2.0]],
    )
    sweep = pb.sensitivity.sweep(a, "Only", method=method)
    assert np.isfinite(sweep.scores.to_numpy()).all()
    pb.sensitivity.stability(a, method=method)
