"""A study written from scratch: every text, unit, anchor, note and range the analyst wrote
appears in the brief's HTML, text and JSON."""

from __future__ import annotations

import html
import json

import pytest

import powerbalance as pb
from powerbalance.model.uncertainty import PERT, Normal, Triangular, Uniform

OPTIONS = {
    "Raise the river wall": "Build the existing wall 1.5 m higher along the whole waterfront.",
    "Restore the wetlands": "Buy back farmland upstream and let it flood in a storm.",
    "Managed retreat": "Move the homes most at risk out of the flood plain over ten years.",
    "Do nothing": "Keep the present defences and their maintenance budget.",
}

CRITERIA = [
    pb.Criterion(
        "Capital cost",
        area="Economic",
        kind="risk",
        unit="£m",
        description="Money spent before the defence works, at today's prices.",
        scale=(0, 400),
        anchors=("nothing to spend", "the whole borrowing limit"),
    ),
    pb.Criterion(
        "Lives protected",
        area="Safety",
        kind="benefit",
        unit="lives",
        description="Expected deaths avoided in a once-a-century flood.",
        scale=(0, 60),
        anchors=("no one safer", "every death in the 1953 flood avoided"),
    ),
    pb.Criterion(
        "Years of protection",
        area="Safety",
        kind="benefit",
        unit="years",
        description="How long the defence holds before it must be rebuilt.",
    ),
    pb.Criterion(
        "Habitat lost",
        area="Environment",
        kind="risk",
        unit="hectares",
        description="Salt marsh and meadow destroyed by the works.",
    ),
]

SCORES = [
    [180, 40, 50, 12],
    [95, 28, 80, 0.5],
    [260, 52, 100, 3],
    [0, 0, 10, 0],
]

NOTES = {
    ("Raise the river wall", "Capital cost"): "Contractor's estimate from the 2025 tender.",
    ("Restore the wetlands", "Lives protected"): "Modelled by the Environment Agency.",
    ("Managed retreat", "Years of protection"): "Homes moved stay safe for a century.",
    ("Do nothing", "Habitat lost"): "No works, so no habitat is touched.",
}

UNCERTAINTY = {
    ("Raise the river wall", "Capital cost"): Triangular(150, 180, 260),
    ("Restore the wetlands", "Capital cost"): Uniform(70, 140),
    ("Restore the wetlands", "Lives protected"): PERT(15, 28, 45),
    ("Managed retreat", "Habitat lost"): Normal(3, 1, low=0, high=8),
}

#: Each uncertain cell's distribution, as the brief lists it (its range in words).
RANGES = [
    "triangular 150 to 260 (mode 180)",
    "uniform 70 to 140",
    "PERT 15 to 45 (mode 28)",
    "normal mean 3, sd 1, 0 to 8",
]

DISCLAIMER = "Draft for the flood committee; the costs are estimates, not quotes."


@pytest.fixture(scope="module")
def study():
    assessment = pb.Assessment(
        [pb.Option(name, description=text) for name, text in OPTIONS.items()],
        CRITERIA,
        SCORES,
        notes=NOTES,
        uncertainty=UNCERTAINTY,
        name="flood-defence",
        description="Which defence should the city build against a once-a-century flood?",
        baseline="Do nothing",
    )
    return pb.Study(
        assessment,
        title="Flood defence for Riverton",
        author="City engineering office",
        date="March 2027",
        disclaimer=DISCLAIMER,
        scale_description="Costs and habitat are measured; lives and years are modelled.",
    )


@pytest.fixture(scope="module")
def brief(study):
    return pb.brief.build(study, smaa=500, seed=3)


@pytest.fixture(scope="module")
def renderings(brief):
    page = brief.to_html(page=True)
    return {
        "html": " ".join(html.unescape(page).split()),
        "text": " ".join(brief.to_text().split()),
        "json": " ".join(json.dumps(json.loads(brief.to_json()), ensure_ascii=False).split()),
    }


def _expected(study) -> list[str]:
    a = study.assessment
    texts = [
        study.title,
        study.author,
        study.date,
        study.disclaimer,
        study.description,
        study.scale_description,
        a.baseline,
    ]
    texts += list(OPTIONS) + list(OPTIONS.values())
    for criterion in CRITERIA:
        texts += [criterion.name, criterion.unit, criterion.description]
        if criterion.anchors:
            texts += list(criterion.anchors)
    texts += list(NOTES.values())
    texts += RANGES
    return texts


@pytest.mark.parametrize("fmt", ["html", "text", "json"])
def test_everything_the_analyst_wrote_is_in_the_brief(fmt, study, renderings):
    shown = renderings[fmt]
    missing = [text for text in _expected(study) if " ".join(text.split()) not in shown]
    assert missing == []


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_units_head_the_columns_and_ranges_stand_in_the_cells(fmt, renderings):
    shown = renderings[fmt]
    for header in ("Capital cost (£m)", "Lives protected (lives)", "Years of protection (years)"):
        assert header in shown
    for cell in ("180 (150 to 260) [1]", "95 (70 to 140)", "28 (15 to 45) [2]", "3 (0 to 8)"):
        assert cell in shown


def test_cells_carry_their_range_and_note_number(brief):
    tables = [
        block
        for section in brief._document().blocks
        if getattr(section, "heading", "") == "Consequences, in the analyst's units"
        for block in section.blocks
        if hasattr(block, "rows")
    ]
    cells = {
        row[0]: row[1:] for table in tables for row in table.rows if table.caption == "Economic"
    }
    assert cells["Raise the river wall"] == ("180 (150 to 260) [1]",)
    assert cells["Restore the wetlands"] == ("95 (70 to 140)",)
    assert cells["Do nothing (baseline)"] == ("0",)


def test_notes_are_numbered_in_the_json_as_in_the_renderings(brief, renderings):
    data = json.loads(brief.to_json())
    first = data["notes"][0]
    assert first == {
        "number": 1,
        "option": "Raise the river wall",
        "criterion": "Capital cost",
        "text": NOTES[("Raise the river wall", "Capital cost")],
    }
    assert f"[1] Raise the river wall, Capital cost: {first['text']}" in renderings["text"]
    ranges = {(u["option"], u["criterion"]): (u["low"], u["high"]) for u in data["uncertainty"]}
    assert ranges[("Managed retreat", "Habitat lost")] == (0.0, 8.0)
    assert data["scores"]["Managed retreat"]["Lives protected"] == 52.0


def test_the_disclaimer_comes_before_anything_else(brief, renderings):
    text = brief.to_text()
    assert text.splitlines()[2].startswith(f"Disclaimer: {DISCLAIMER[:40]}")
    assert renderings["html"].index(DISCLAIMER) < renderings["html"].index("<table")
