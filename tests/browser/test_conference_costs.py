"""The conference page of an assessment with a cost: drawn with the risks, named as a cost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from test_conference import Conference

import powerbalance as pb


def flood() -> pb.Assessment:
    return pb.Assessment(
        ["Wall", "Wetland", "Dredging", "Land-use rules", "Nothing"],
        [
            pb.Criterion("Homes protected", area="Safety", kind="benefit"),
            pb.Criterion("Habitat", area="Environment", kind="benefit"),
            pb.Criterion("Flood risk left", area="Safety", kind="risk"),
            pb.Criterion("Capital cost", area="Money", kind="cost", unit="£m"),
            pb.Criterion("Upkeep", area="Safety", kind="cost", unit="£m a year"),
        ],
        [
            [9000, 5, 1, 620, 9],
            [7000, 9, 5, 380, 4],
            [8000, 2, 3, 700, 12],
            [2000, 6, 7, 150, 1],
            [0, 4, 9, 0, 0],
        ],
    )


@pytest.mark.parametrize("method", ["weighted-sum", "topsis"])
def test_costs_are_drawn_with_the_risks_and_named_as_costs(
    browser: Any, tmp_path: Path, method: str
) -> None:
    a = flood()
    path = tmp_path / "flood.html"
    pb.brief.interactive(a, method=method).save(path)
    conference = Conference(browser, path)
    try:
        weights = np.random.default_rng(20).dirichlet(np.ones(a.n_criteria))
        conference.hook("setWeights", dict(zip(a.criterion_names, weights.tolist(), strict=True)))
        report = pb.evaluate(a, weighting=pb.Weights(a.criterion_names, weights), method=method)
        np.testing.assert_allclose(conference.hook("scores"), report.scores, rtol=0, atol=1e-9)
        shown = conference.hook("byArea")
        for option in a.option_names:
            for area in a.areas:
                for measure in ("benefit", "risk", "cost", "net"):
                    assert shown[option][area][measure] == pytest.approx(
                        report.by_area.loc[option, (area, measure)], abs=1e-9
                    )
        text = conference.page.locator(".pb-conference").inner_text()
        assert "Benefits, risks and costs by area" in text
        assert "risk or cost (to the left)" in text
        label = conference.page.locator(".pb-conf-bars").get_attribute("aria-label")
        assert "risks and costs (to the left)" in label
        assert conference.errors == []
    finally:
        conference.context.close()
