"""Stability and SMAA say what their figures mean, and name method and weights in words."""

from __future__ import annotations

import numpy as np
import pytest

import powerbalance as pb
from powerbalance.sensitivity.smaa._explain import reading_notes, tied


@pytest.fixture(scope="module")
def assessment():
    return pb.examples.load("great-power-cooperation").assessment


def _words(text: str) -> str:
    return " ".join(text.split())


def test_smaa_says_what_a_confidence_factor_is(assessment):
    result = pb.sensitivity.smaa(assessment, samples=1_000, seed=1)
    text = _words(result.to_text())
    assert (
        "Confidence: the confidence factor, how often the option ranks first when the weights"
        in text
    )
    assert "with the scores fixed it is either 1 or 0" in text
    assert "not that it often ranks first" in text
    assert "Holistic: every rank the option takes" in text
    assert _words(reading_notes(uncertain_cells=0, ties=False)[2]) in _words(result.to_markdown())


def test_with_uncertain_scores_the_factor_is_explained_as_a_share_of_draws():
    note = reading_notes(uncertain_cells=3, ties=False)[2]
    assert "share of fresh score draws" in note
    assert "either 1 or 0" not in note


def test_ties_are_explained_only_when_weightings_left_options_tied(assessment):
    assert tied(np.array([[0, 6], [3, 0]]), 10)
    assert not tied(np.array([[0, 6], [4, 0]]), 10)
    clones = pb.Assessment(
        ["A", "B", "C"],
        [
            pb.Criterion("X", area="P", kind="benefit"),
            pb.Criterion("Y", area="Q", kind="benefit"),
        ],
        [[1, 2], [1, 2], [2, 1]],
    )
    text = _words(pb.sensitivity.smaa(clones, samples=200, seed=1).to_text())
    assert "Ties: some weightings scored options equally" in text
    plain = _words(pb.sensitivity.smaa(assessment, samples=200, seed=1).to_text())
    assert "Ties:" not in plain


def test_provenance_names_method_and_weights_in_words(assessment):
    smaa = _words(pb.sensitivity.smaa(assessment, samples=200, seed=1).to_text())
    assert "Method: weighted sum, min-max normalization. Weights: uniform weights" in smaa
    stable = _words(pb.sensitivity.stability(assessment, method="vikor").to_text())
    assert "Method: VIKOR, v 0.5. Weighting: equal." in stable
    sweep = _words(pb.sensitivity.sweep(assessment, "Security", points=5).to_text())
    assert "Method: weighted sum, min-max normalization. Weighting: equal." in sweep
    for text in (smaa, stable, sweep):
        assert "WeightedSum(" not in text
        assert "Equal()" not in text
