"""plot.frontier: the best package at each budget, drawn from the Frontier's own numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

import powerbalance as pb
from powerbalance import plot
from powerbalance.errors import InvalidParameterError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def curve():
    study = pb.examples.load("great-power-cooperation")
    return pb.portfolio.frontier(study.portfolio, resource="Money")


def test_frontier_draws_the_best_package_at_each_budget(curve, tmp_path):
    before = plt.get_fignums()
    figure = plot.frontier(curve)
    assert plt.get_fignums() == before
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    (line,) = [line for line in ax.lines if line.get_label() == "best package by budget"]
    np.testing.assert_allclose(line.get_xdata(), curve.costs)
    np.testing.assert_allclose(line.get_ydata(), curve.values)
    assert ax.get_xlabel() == "Money used by the package"
    path = tmp_path / "frontier.png"
    figure.savefig(path)
    assert path.read_bytes()[:8] == PNG_MAGIC


def test_frontier_labels_each_package_by_what_it_changes(curve):
    ax = plot.frontier(curve).axes[0]
    labels = [text.get_text() for text in ax.texts]
    assert len(labels) == len(curve.packages)
    assert labels[0] == " + ".join(curve.packages[0].options)
    last, before = curve.packages[-1], curve.packages[-2]
    added = [name for name in last.options if name not in before.options]
    assert labels[-1].splitlines()[: len(added)] == [f"+ {name}" for name in added]


def test_frontier_marks_the_problem_s_budget(curve):
    ax = plot.frontier(curve).axes[0]
    (line,) = [line for line in ax.lines if line.get_label().startswith("budget")]
    assert line.get_xdata()[0] == curve.problem.budget["Money"]


def test_frontier_draws_into_given_axes(curve):
    figure, ax = plt.subplots()
    try:
        assert plot.frontier(curve, ax=ax) is figure
        assert ax.get_title().startswith("The best package at each budget of Money")
    finally:
        plt.close(figure)


def test_frontier_needs_a_frontier(curve):
    with pytest.raises(InvalidParameterError, match=r"pb\.portfolio\.frontier"):
        plot.frontier(curve.packages[-1])  # type: ignore[arg-type]
