"""A cost criterion (kind="cost") round-trips through every format, apart from the risks."""

from __future__ import annotations

import json

import pytest

import powerbalance as pb
from powerbalance.io import xmcda

LEAVES_OUT = pytest.mark.filterwarnings("ignore::powerbalance.errors.DataLossWarning")


def flood() -> pb.Assessment:
    return pb.Assessment(
        ["Wall", "Wetland", "Nothing"],
        [
            pb.Criterion("Homes protected", area="Safety", kind="benefit", unit="homes"),
            pb.Criterion("Flood risk left", area="Safety", kind="risk"),
            pb.Criterion("Capital cost", area="Money", kind="cost", unit="£m", scale=(0, 1000)),
        ],
        [[900, 2, 620], [700, 4, 380], [0, 9, 0]],
    )


@LEAVES_OUT
@pytest.mark.parametrize("name", ["flood.toml", "flood.json", "flood.xlsx", "flood.csv"])
def test_a_cost_criterion_round_trips_through_study_files_and_csv(tmp_path, name):
    a = flood()
    path = tmp_path / name
    pb.io.save(a, path)
    back = pb.io.load(path)
    assert [c.kind for c in back.criteria] == ["benefit", "risk", "cost"]
    assert back.criterion("Capital cost") == a.criterion("Capital cost")
    assert back.costs == ("Capital cost",)
    assert back.risks == ("Flood risk left",)


def test_the_study_file_says_cost(tmp_path):
    path = tmp_path / "flood.json"
    pb.io.save(flood(), path)
    kinds = [c["kind"] for c in json.loads(path.read_text(encoding="utf-8"))["criteria"]]
    assert kinds == ["benefit", "risk", "cost"]


def test_the_json_schema_accepts_cost_and_still_refuses_other_kinds(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    path = tmp_path / "flood.json"
    pb.io.save(flood(), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, pb.io.schema())
    document["criteria"][2]["kind"] = "expense"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, pb.io.schema())


@pytest.mark.parametrize("version", xmcda.VERSIONS)
@pytest.mark.parametrize("split", [False, True])
def test_a_cost_round_trips_through_xmcda_as_min_with_a_kind_keyword(tmp_path, version, split):
    a = flood()
    target = tmp_path / ("flood" if split else "flood.xml")
    xmcda.write(a, target, version=version, split=split)
    assert xmcda.read(target).assessment == a
    text = xmcda.to_xml(a, version=version)
    assert "<keyword>kind: cost</keyword>" in text
    assert text.count("<preferenceDirection>min</preferenceDirection>") == 2


def test_xmcda_from_another_tool_reads_min_as_a_risk():
    text = xmcda.to_xml(flood()).replace("<keyword>kind: cost</keyword>", "")
    assert [c.kind for c in xmcda.from_xml(text).assessment.criteria] == [
        "benefit",
        "risk",
        "risk",
    ]


def test_a_file_with_an_unknown_kind_names_the_three_kinds(tmp_path):
    path = tmp_path / "bad.json"
    pb.io.save(flood(), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["criteria"][2]["kind"] = "expense"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    with pytest.raises(pb.errors.StudyFileError) as caught:
        pb.io.load(path)
    (problem,) = caught.value.problems
    assert problem.path == "criteria[2].kind"
    assert "expected 'benefit' (higher is better), 'risk' or 'cost' (higher is worse)" in (
        problem.message
    )
