"""plot.categories: the options of a sorting in their ordered categories."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

import powerbalance as pb
from powerbalance import plot
from powerbalance.errors import InvalidParameterError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CATEGORIES = ["reject", "consider", "recommend"]


@pytest.fixture(scope="module")
def sorting():
    a = pb.examples.load("great-power-cooperation").assessment
    profiles = {c.name: [4, 6] if c.kind == "benefit" else [6, 4] for c in a.criteria}
    model = pb.screening.MRSort(
        CATEGORIES, profiles, threshold=0.6, vetoes={"Alliances strained": 3}
    )
    return pb.screening.sort(a, model)


def _band_texts(ax) -> list[str]:
    return [text.get_text() for text in ax.texts]


def test_categories_draws_one_band_per_category_worst_at_the_bottom(sorting, tmp_path):
    before = plt.get_fignums()
    figure = plot.categories(sorting)
    assert plt.get_fignums() == before
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    assert len(ax.patches) == len(CATEGORIES)
    assert [label.get_text() for label in ax.get_yticklabels()] == CATEGORIES
    bottoms = [patch.get_y() for patch in ax.patches]
    assert bottoms == sorted(bottoms)  # the worst category lowest
    path = tmp_path / "categories.png"
    figure.savefig(path)
    assert path.read_bytes()[:8] == PNG_MAGIC


def test_categories_writes_each_option_in_its_category_s_band(sorting):
    ax = plot.categories(sorting).axes[0]
    texts = _band_texts(ax)
    assert len(texts) == len(CATEGORIES)
    for position, category in enumerate(CATEGORIES):
        options = sorting.by_category[category]
        shown = texts[position]
        assert ax.texts[position].get_position()[1] == position
        for option in options:
            assert option in shown
        assert shown.count("   ") + shown.count("\n") == max(len(options) - 1, 0)
    assert "Broad partnership (vetoed)" in texts[CATEGORIES.index("consider")]
    assert ax.get_title().endswith(
        "MR-Sort (majority threshold 60.0%, vetoes on Alliances strained)"
    )


def test_categories_says_none_for_an_empty_category():
    a = pb.Assessment(["A", "B"], [pb.Criterion("X", area="P", kind="benefit")], [[8], [9]])
    sorting = pb.screening.sort(a, pb.screening.MRSort(["no", "maybe", "yes"], {"X": [2, 5]}))
    ax = plot.categories(sorting).axes[0]
    assert _band_texts(ax) == ["none", "none", "A   B"]


def test_categories_wraps_a_full_band_onto_several_lines():
    names = [f"A rather long option name number {k}" for k in range(8)]
    a = pb.Assessment(names, [pb.Criterion("X", area="P", kind="benefit")], [[8]] * 8)
    sorting = pb.screening.sort(a, pb.screening.MRSort(["no", "yes"], {"X": 5}))
    ax = plot.categories(sorting).axes[0]
    lines = ax.texts[1].get_text().split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 95 for line in lines)


def test_categories_draws_electre_tri_too():
    a = pb.Assessment(["A", "B"], [pb.Criterion("X", area="P", kind="benefit")], [[8], [2]])
    model = pb.screening.ElectreTriB(["no", "yes"], {"X": 5})
    ax = plot.categories(pb.screening.sort(a, model)).axes[0]
    assert _band_texts(ax) == ["B", "A"]
    assert "ELECTRE TRI-B" in ax.get_title()


def test_categories_draws_into_given_axes(sorting):
    figure, ax = plt.subplots()
    try:
        assert plot.categories(sorting, ax=ax) is figure
        assert ax.get_title().startswith("Options by category")
    finally:
        plt.close(figure)


def test_categories_needs_a_sorting(sorting):
    with pytest.raises(InvalidParameterError, match=r"pb\.screening\.sort"):
        plot.categories(sorting.model)
    with pytest.raises(InvalidParameterError, match="'ax'"):
        plot.categories(sorting, ax="axes")  # type: ignore[arg-type]
