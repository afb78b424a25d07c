"""The category acceptability chart: one stacked bar per option, best category first."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere

import matplotlib.pyplot as plt
import numpy as np
import pytest
from acceptability_cases import ELECTRE, MRSORT
from acceptability_cases import assessment as _assessment
from matplotlib.figure import Figure

import powerbalance as pb
from powerbalance import plot
from powerbalance.errors import InvalidParameterError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def result():
    return pb.screening.acceptability(_assessment(uncertain=True), MRSORT, samples=2_000, seed=1)


def test_each_option_gets_a_bar_of_its_category_shares(result, tmp_path):
    before = plt.get_fignums()
    figure = plot.category_acceptability(result)
    assert plt.get_fignums() == before
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    assert [c.get_label() for c in ax.containers] == ["recommend", "consider", "reject"]
    # The best placed option on top, and every bar adds up to 100%.
    top = ax.get_yticklabels()[0].get_text()
    assert top == "Engage"
    widths = np.sum([[bar.get_width() for bar in c] for c in ax.containers], axis=0)
    np.testing.assert_allclose(widths, 100.0)
    engage = [c[0].get_width() for c in ax.containers]
    np.testing.assert_allclose(engage, 100 * result.shares.loc["Engage"].to_numpy()[::-1])
    path = tmp_path / "categories.png"
    figure.savefig(path)
    assert path.read_bytes()[:8] == PNG_MAGIC


def test_the_chart_draws_into_given_axes():
    result = pb.screening.acceptability(_assessment(), ELECTRE, samples=300, seed=2)
    figure, ax = plt.subplots()
    try:
        assert plot.category_acceptability(result, ax=ax) is figure
        assert ax.get_title().startswith("Category acceptability")
        assert "ELECTRE TRI-B" in ax.get_title()
    finally:
        plt.close(figure)


def test_the_chart_needs_a_category_acceptability():
    a = _assessment()
    with pytest.raises(InvalidParameterError, match=r"powerbalance\.screening\.acceptability"):
        plot.category_acceptability(pb.screening.sort(a, MRSORT))
