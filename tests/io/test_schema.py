"""The JSON Schema that ships in the package describes every file powerbalance writes."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from samples import PRESETS, rich_assessments, small_assessment

import powerbalance as pb


@pytest.fixture(scope="module")
def validator():
    schema = pb.io.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def parsed(path):
    text = path.read_text(encoding="utf-8")
    return tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)


def test_schema_is_a_fresh_copy_each_time():
    first = pb.io.schema()
    first["title"] = "changed"
    assert pb.io.schema()["title"] != "changed"


def test_the_built_in_study_validates(validator):
    for name in pb.examples.names():
        validator.validate(tomllib.loads(pb.examples.text(name)))


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_files_written_with_every_preset_validate(tmp_path, validator, suffix):
    assessment = small_assessment()
    path = tmp_path / f"presets{suffix}"
    pb.io.save(assessment, path, presets=PRESETS)
    validator.validate(parsed(path))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=rich_assessments())
def test_files_written_from_random_assessments_validate(tmp_path, validator, a):
    for suffix in (".toml", ".json"):
        path = tmp_path / f"random{suffix}"
        pb.io.save(a, path, presets={"equal": "equal"})
        validator.validate(parsed(path))


def test_the_schema_rejects_what_the_reader_rejects(validator):
    document = tomllib.loads(pb.examples.text("great-power-cooperation"))
    document["criteria"][0]["knd"] = "risk"
    assert not validator.is_valid(document)
    document = tomllib.loads(pb.examples.text("great-power-cooperation"))
    document["options"][0]["scores"]["Trade tensions eased"]["distribution"] = "lognormal"
    assert not validator.is_valid(document)
    document = tomllib.loads(pb.examples.text("great-power-cooperation"))
    document["presets"]["security-first"]["areas"]["scheme"] = "direct"
    assert not validator.is_valid(document)


FORMATS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def blocks(language: str) -> list[str]:
    text = FORMATS_PAGE.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_the_example_file_in_the_docs_reads_and_validates(tmp_path, validator):
    (example,) = blocks("toml")
    validator.validate(tomllib.loads(example))
    path = tmp_path / "port.toml"
    path.write_text(example, encoding="utf-8")
    study = pb.io.read(path)
    a = study.assessment
    assert a.baseline == "Do nothing"
    assert a.criterion("Jobs created").value_function == pb.value.Exponential(rho=800)
    assert sorted(study.presets) == ["council", "estuary-trust", "growth"]
    assert len(a.uncertainty) == 3
    # The same assessment in the wide CSV example of the page.
    wide = next(block for block in blocks("text") if block.startswith("area,"))
    (tmp_path / "port.csv").write_text(wide, encoding="utf-8")
    table = pb.io.load(tmp_path / "port.csv")
    np.testing.assert_array_equal(table.scores, a.scores)
    assert [c.kind for c in table.criteria] == [c.kind for c in a.criteria]
