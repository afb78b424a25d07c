"""Every brief of a drawn assessment renders in every format, and its JSON round-trips."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.model.uncertainty import Uniform
from powerbalance.testing import strategies as pbst

TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda text: text.strip() != "")


@st.composite
def studies(draw: st.DrawFn) -> pb.Study:
    """A drawn assessment given the analyst's material: texts, units, notes, ranges, baseline."""
    a = draw(pbst.assessments(max_options=5, max_criteria=4))
    criteria = [
        attrs.evolve(
            c,
            unit=draw(st.sampled_from(["", "£m", "lives", "years"])),
            description=draw(st.sampled_from(["", "What it measures."])),
        )
        for c in a.criteria
    ]
    options = [
        pb.Option(name, description=draw(st.sampled_from(["", "What it does."])))
        for name in a.option_names
    ]
    cells = [(o, c.name) for o in a.option_names for c in criteria]
    noted = draw(st.lists(st.sampled_from(cells), unique=True, max_size=3))
    # Ranges only where no declared scale bounds them: the scores are positive.
    open_cells = [(o, c.name) for o in a.option_names for c in criteria if c.scale is None]
    uncertain = (
        draw(st.lists(st.sampled_from(open_cells), unique=True, max_size=2)) if open_cells else []
    )

    def spread(option: str, criterion: str) -> Uniform:
        score = float(a.scores[a.option_index(option), a.criterion_index(criterion)])
        return Uniform(score * 0.5, score * 1.5)

    assessment = pb.Assessment(
        options,
        criteria,
        a.scores,
        notes={cell: draw(TEXT) for cell in noted},
        uncertainty={cell: spread(*cell) for cell in uncertain},
        description=draw(st.sampled_from(["", "Which option?"])),
        baseline=draw(st.one_of(st.none(), st.sampled_from(a.option_names))),
    )
    return pb.Study(
        assessment,
        title=draw(st.sampled_from(["", "A drawn study"])),
        disclaimer=draw(st.sampled_from(["", "Drawn at random; not advice."])),
        author=draw(st.sampled_from(["", "Hypothesis"])),
        date=draw(st.sampled_from(["", "today"])),
    )


class _Balanced(HTMLParser):
    VOID = frozenset({"meta", "br", "rect", "line", "path", "polyline", "circle", "use", "stop"})

    def __init__(self):
        super().__init__()
        self.open = []

    def handle_starttag(self, tag, attributes):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attributes):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.open, tag
        assert self.open[-1] == tag, (self.open[-5:], tag)
        self.open.pop()


def _refuse(constant: str) -> None:
    raise AssertionError(f"the JSON holds {constant}, which JSON has no number for")


@settings(max_examples=40)
@given(
    study=studies(),
    method=pbst.methods(),
    stability=st.booleans(),
    smaa=st.sampled_from([None, 64]),
)
def test_every_brief_renders_in_every_format(study, method, stability, smaa):
    brief = pb.brief.build(study, method=method, stability=stability, smaa=smaa, seed=0)
    text = brief.to_text()
    markdown = brief.to_markdown()
    fragment = brief.to_html()
    page = brief.to_html(page=True)
    assert brief.summary() == f"{brief.recommendation()} {brief.robustness()}"
    assert " ".join(brief.recommendation().split()) in " ".join(text.split())
    assert brief.recommendation() in markdown
    assert fragment in page
    assert page.startswith("<!DOCTYPE html>")
    parser = _Balanced()
    parser.feed(fragment)
    assert parser.open == []
    if study.disclaimer:
        assert text.splitlines()[2] == f"Disclaimer: {study.disclaimer}"
    data = json.loads(brief.to_json(), parse_constant=_refuse)
    assert data == brief.to_dict()
    assert data["schema"] == pb.brief.BRIEF_SCHEMA
    assert [note["number"] for note in data["notes"]] == list(range(1, len(data["notes"]) + 1))
