"""Every result serializes: ``to_json()`` for every scheme and method, no non-finite number.

A property over random valid assessments runs every analysis with every built-in
parameterless scheme, schemes with judgements built for the drawn criteria (AHP, BWM,
Direct) and every built-in method, and parses each result's JSON back with NaN and
Infinity refused. Reproducers pin the cases once found broken: an AHP without a
consistency threshold, fixed weights, and the command line's JSON with an AHP or a
BWM preset.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import PowerbalanceError, PowerbalanceWarning
from powerbalance.testing.strategies import assessments

PARAMETERLESS = ("equal", "entropy", "critic", "std-dev", "merec")
METHODS = ("weighted-sum", "weighted-product", "topsis", "vikor", "promethee")


def _refuse_constant(name: str) -> Any:
    raise AssertionError(f"the JSON holds the non-finite number {name}")


def _walk_finite(value: Any, where: str = "$") -> None:
    if isinstance(value, float):
        assert math.isfinite(value), f"{where} is {value}"
    elif isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), f"{where} has the key {key!r}"
            _walk_finite(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk_finite(item, f"{where}[{index}]")
    else:
        assert value is None or isinstance(value, str | int | bool), f"{where}: {value!r}"


def assert_serializes(result: Any) -> None:
    """``result.to_json()`` parses back, with no NaN or infinity anywhere in it."""
    text = result.to_json()
    assert isinstance(text, str)
    _walk_finite(json.loads(text, parse_constant=_refuse_constant))


def _judged_schemes(criteria: tuple[str, ...], ratios: list[int]) -> dict[str, Any]:
    """AHP, BWM and Direct schemes for these criteria, built from the drawn ratios."""
    schemes: dict[str, Any] = {
        "direct": pb.weighting.Direct(
            {c: ratio for c, ratio in zip(criteria, ratios, strict=False)}
        )
    }
    if len(criteria) >= 2:
        chain = {
            (first, second): ratio
            for first, second, ratio in zip(criteria, criteria[1:], ratios, strict=False)
        }
        schemes["ahp"] = pb.weighting.AHP(chain, threshold=None)
        best, worst = criteria[0], criteria[-1]
        top = max(ratios)
        schemes["bwm"] = pb.weighting.BestWorst(
            best=best,
            worst=worst,
            best_to_others={
                c: (1 if c == best else min(r, top)) for c, r in zip(criteria, ratios, strict=False)
            }
            | {worst: top},
            others_to_worst={
                c: (1 if c == worst else max(1, top - r + 1))
                for c, r in zip(criteria, ratios, strict=False)
            }
            | {best: top},
        )
    return schemes


def _usable(make: Any) -> Any | None:
    """``make()``, or None when it refuses the drawn data with a PowerbalanceError."""
    try:
        return make()
    except PowerbalanceError:
        return None


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    a=assessments(max_options=5, max_criteria=4),
    ratios=st.lists(st.integers(1, 9), min_size=4, max_size=4),
    pick=st.data(),
)
def test_every_result_serializes_without_a_non_finite_number(a, ratios, pick):
    with warnings.catch_warnings():
        # Degenerate criteria and inconsistent judgements warn; the results still stand.
        warnings.simplefilter("ignore", PowerbalanceWarning)
        schemes: dict[str, Any] = {
            name: pb.weighting.registry.create(name) for name in PARAMETERLESS
        }
        schemes |= _judged_schemes(a.criterion_names, ratios)
        schemes = {
            label: scheme
            for label, scheme in schemes.items()
            if _usable(lambda s=scheme: pb.weighting.apply_weighting(s, a)) is not None
        }
        created = {name: pb.methods.registry.create(name) for name in METHODS}
        methods = {
            name: method
            for name, method in created.items()
            if _usable(lambda m=method: m.prepare(a)) is not None
        }
        if not schemes or not methods:
            return
        for scheme in schemes.values():
            for method in methods.values():
                assert_serializes(pb.evaluate(a, weighting=scheme, method=method))
        assert_serializes(pb.compare(a, weightings=schemes, methods=methods))
        scheme = schemes[pick.draw(st.sampled_from(sorted(schemes)), label="scheme")]
        method = methods[pick.draw(st.sampled_from(sorted(methods)), label="method")]
        criterion = pick.draw(st.sampled_from(a.criterion_names), label="criterion")
        assert_serializes(pb.sensitivity.stability(a, weighting=scheme, method=method))
        assert_serializes(
            pb.sensitivity.sweep(a, criterion, weighting=scheme, method=method, points=11)
        )
        assert_serializes(pb.sensitivity.smaa(a, method=method, samples=40, seed=0))


# --- reproducers ----------------------------------------------------------------


def test_a_report_under_an_ahp_without_a_threshold_serializes():
    a = pb.examples.load("great-power-cooperation").assessment
    names = a.criterion_names
    chain = {(first, second): 2 for first, second in itertools.pairwise(names)}
    report = pb.evaluate(a, weighting=pb.weighting.AHP(chain, threshold=None))
    assert_serializes(report)
    assert_serializes(pb.compare(a, weightings={"ahp": pb.weighting.AHP(chain, threshold=None)}))


def test_a_report_under_fixed_weights_serializes():
    a = pb.examples.load("engage-or-contain").assessment
    weights = pb.Weights.from_mapping({"Trade gains": 0.25, "Conflict risk": 0.75})
    assert_serializes(pb.evaluate(a, weighting=weights))
    assert_serializes(pb.sensitivity.stability(a, weighting=weights))
    assert_serializes(pb.sensitivity.sweep(a, "Trade gains", weighting=weights))


@pytest.fixture
def study_with_judged_presets(tmp_path: Path) -> Path:
    study = pb.examples.load("engage-or-contain")
    presets = {
        "ahp": pb.weighting.AHP({("Trade gains", "Conflict risk"): 3}, threshold=None),
        "bwm": pb.weighting.BestWorst(
            best="Trade gains",
            worst="Conflict risk",
            best_to_others={"Trade gains": 1, "Conflict risk": 3},
            others_to_worst={"Trade gains": 3, "Conflict risk": 1},
        ),
    }
    path = tmp_path / "judged.toml"
    pb.io.write(attrs.evolve(study, presets=presets), path)
    return path


@pytest.mark.parametrize("preset", ["ahp", "bwm"])
def test_the_command_line_prints_json_under_a_judged_preset(study_with_judged_presets, preset):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "powerbalance",
            "report",
            str(study_with_judged_presets),
            "--weighting",
            preset,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    document = json.loads(result.stdout, parse_constant=_refuse_constant)
    _walk_finite(document)
    assert document["schema"].startswith("powerbalance.evaluation.report/")
