"""compare() on the built-in study: ranks, correlations, consensus, renderers."""

import json

import numpy as np
import pytest

import powerbalance as pb


@pytest.fixture(scope="module")
def assessment():
    return pb.examples.load("great-power-cooperation").assessment


@pytest.fixture(scope="module")
def comparison(assessment):
    security_first = pb.weighting.ByArea(
        areas=pb.weighting.RankOrderCentroid(
            ["Security", ["Economic", "Diplomacy"], ["Technology", "Environment"]]
        )
    )
    return pb.compare(
        assessment,
        weightings={"equal": "equal", "security first": security_first},
        methods={"sum": pb.methods.WeightedSum(), "topsis": "topsis"},
    )


def test_ranks_equal_separate_evaluations(assessment, comparison):
    for weighting_label, scheme in comparison.weightings.items():
        for method_label, method in comparison.methods.items():
            report = pb.evaluate(assessment, weighting=scheme, method=method)
            column = comparison.ranks[(weighting_label, method_label)]
            assert column.to_dict() == report.ranking["rank"].to_dict()
            np.testing.assert_allclose(
                comparison.scores[(weighting_label, method_label)].loc[report.ranking.index],
                report.ranking["score"],
                rtol=1e-12,
            )


@pytest.mark.parametrize("kind", ["kendall", "spearman", "weighted-spearman", "ws"])
def test_correlations_are_labelled_and_one_on_the_diagonal(comparison, kind):
    table = comparison.correlation(kind)
    assert list(table.index) == list(comparison.ranks.columns)
    assert list(table.columns) == list(comparison.ranks.columns)
    np.testing.assert_allclose(np.diag(table.to_numpy()), 1.0)
    assert np.isfinite(table.to_numpy()).all()
    assert (table.to_numpy() <= 1 + 1e-12).all()


@pytest.mark.parametrize("rule", ["borda", "copeland"])
def test_consensus(comparison, rule):
    consensus = comparison.consensus(rule)
    assert list(consensus.columns) == ["rank", "points"]
    assert set(consensus.index) == set(comparison.assessment.option_names)
    assert consensus["rank"].is_monotonic_increasing


def test_renderers(comparison):
    text, markdown = comparison.to_text(), comparison.to_markdown()
    page = comparison.to_html(page=True)
    assert comparison._repr_html_() in page
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    for option in comparison.assessment.option_names:
        assert option in text
        assert option in markdown
        assert option in page
    assert all(len(line) <= 100 for line in text.splitlines())
    assert "Borda" in text
    assert "Kendall" in markdown
    data = json.loads(comparison.to_json())
    assert data == comparison.to_dict()
    assert set(data["correlation"]) == {"kendall", "spearman", "weighted-spearman", "ws"}
    assert set(data["consensus"]) == {"borda", "copeland"}


def test_defaults_compare_the_built_in_methods_under_equal_weights(assessment):
    comparison = pb.compare(assessment)
    methods = comparison.ranks.columns.get_level_values("method")
    assert list(methods) == ["weighted-sum", "weighted-product", "topsis", "vikor", "promethee"]
    assert set(comparison.ranks.columns.get_level_values("weighting")) == {"equal"}


def test_bad_arguments(assessment):
    with pytest.raises(pb.errors.UnknownNameError, match="Did you mean 'topsis'"):
        pb.compare(assessment, methods=["topsys"])
    with pytest.raises(pb.errors.InvalidParameterError, match="at least one"):
        pb.compare(assessment, methods=[])
    with pytest.raises(pb.errors.InvalidParameterError, match="a label"):
        pb.compare(assessment, methods=[pb.methods.TOPSIS()])
    with pytest.raises(pb.errors.InvalidParameterError, match="Assessment"):
        pb.compare(assessment.to_frame())


def test_vikor_and_promethee_columns_match_their_reports(assessment):
    comparison = pb.compare(
        assessment, weightings=["equal", "entropy"], methods=["vikor", "promethee"]
    )
    for (weighting, method), column in comparison.ranks.items():
        report = pb.evaluate(assessment, weighting=weighting, method=method)
        assert column.to_dict() == report.ranking["rank"].to_dict()


def test_summary_counts_shared_first_places():
    criteria = [pb.Criterion(name, area="All", kind="benefit") for name in ("C1", "C2")]
    # A and B tie under equal weights; A leads when C1 counts more, B when C2 does.
    a = pb.Assessment(["A", "B", "C"], criteria, [[3, 1], [1, 3], [0, 0]])
    c1_first = pb.weighting.Direct({"C1": 2, "C2": 1})
    c2_first = pb.weighting.Direct({"C1": 1, "C2": 2})

    def summary(weightings):
        return pb.compare(a, weightings=weightings, methods=["weighted-sum"]).summary()

    assert summary({"equal": "equal", "C1 first": c1_first}).startswith(
        "A ranks first in all 2 rankings, sharing first place with B in 1."
    )
    assert summary({"equal": "equal", "C1 first": c1_first, "C2 first": c2_first}).startswith(
        "The rankings disagree on the leader: of the 3 rankings, first place goes to A in 2 "
        "and B in 2 (shared in 1)."
    )


def _with_a_zero_cost():
    criteria = [
        pb.Criterion("Lives saved", area="Social", kind="benefit"),
        pb.Criterion("Capital cost", area="Economic", kind="risk"),
    ]
    return pb.Assessment(["Do nothing", "Wall", "Barrier"], criteria, [[0, 0], [6, 4], [9, 8]])


def test_a_default_method_that_cannot_rank_the_scores_is_left_out_with_the_reason():
    c = pb.compare(_with_a_zero_cost())
    assert list(c.methods) == ["weighted-sum", "topsis", "vikor", "promethee"]
    reason = c.left_out["weighted-product"]
    assert "'Capital cost'" in reason
    assert "'Do nothing' scores 0" in reason
    assert "The weighted-product method is left out: the 'linear' normalization" in c.summary()
    assert c.to_dict()["left_out"] == {"weighted-product": reason}


def test_a_method_asked_for_by_name_that_cannot_rank_the_scores_raises():
    with pytest.raises(pb.errors.NormalizationError, match="'Capital cost'"):
        pb.compare(_with_a_zero_cost(), methods=["weighted-sum", "weighted-product"])
