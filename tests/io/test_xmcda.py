"""XMCDA export and import, checked against the real thing.

The reference is Decision Deck's own library ``xmcda`` (PyPI, by S. Bigaret) and the
official XSD schemas it ships: every document we write validates against the schema
of its version, ``xmcda`` reads what we write, and we read what ``xmcda`` writes, with
the same alternatives, criteria, preference directions, performances and weights.
"""

import io
import math
import tempfile
import warnings
from importlib import resources

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import (
    InvalidParameterError,
    PowerbalanceWarning,
    StudyFileError,
    UnknownNameError,
    WeightError,
)
from powerbalance.io import xmcda
from powerbalance.testing.strategies import assessments

lxml_etree = pytest.importorskip("lxml.etree")
reference = pytest.importorskip("xmcda")
from xmcda import schemas  # noqa: E402
from xmcda.alternatives import Alternative  # noqa: E402
from xmcda.alternatives_values import AlternativesValues, AlternativeValues  # noqa: E402
from xmcda.criteria import Criterion as XCriterion  # noqa: E402
from xmcda.criteria_scales import CriteriaScales, CriterionScales  # noqa: E402
from xmcda.criteria_values import CriteriaValues, CriterionValues  # noqa: E402
from xmcda.performance_table import PerformanceTable  # noqa: E402
from xmcda.scales import PreferenceDirection, QuantitativeScale, Scales  # noqa: E402
from xmcda.value import Value, Values  # noqa: E402
from xmcda.XMCDA import XMCDA  # noqa: E402


def example() -> pb.Assessment:
    """The built-in assessment without its scenarios, which XMCDA cannot hold."""
    return attrs.evolve(pb.examples.load().assessment, scenarios=())


SCHEMAS = {"4.0.0": schemas.XMCDA_4_0_0, "3.1.1": schemas.XMCDA_3_1_1}
XMCDA_4 = "http://www.decision-deck.org/2021/XMCDA-4.0.0"


# -- fixtures and helpers --------------------------------------------------------------


def official_schema(version):
    """The official XSD of ``version``, as shipped in the ``xmcda`` package."""
    xsd = resources.files("xmcda").joinpath("xsd", f"XMCDA-{version}.xsd").read_bytes()
    parser = lxml_etree.XMLParser(no_network=True, resolve_entities=False)
    return lxml_etree.XMLSchema(lxml_etree.parse(io.BytesIO(xsd), parser))


def rich_assessment():
    """The built-in study plus what XMCDA can also carry: a piecewise value function,
    odd characters in names and texts, and an option without a description."""
    a = example()
    first = attrs.evolve(
        a.criteria[0],
        value_function=pb.value.Piecewise(points=[(0, 0), (2.5, 40), (10, 100)]),
    )
    odd = pb.Criterion(
        'Odd "name" <&> \u00e9\U0001f600\ttab',
        area="Area: with & odd <chars>",
        kind="risk",
        description="  two\nlines & a \r return ",
        unit="% of GDP",
    )
    scores = np.column_stack([a.scores, np.linspace(-1.5, 2e-7, a.n_options)])
    options = [*a.options[:-1], pb.Option("Status quo")]
    return attrs.evolve(
        a,
        options=options,
        criteria=[first, *a.criteria[1:], odd],
        scores=scores,
        notes={**a.notes, ("Confrontation", odd.name): "why & how"},
        name="great power <cooperation>",
    )


@pytest.fixture(scope="module")
def rich():
    return rich_assessment()


@pytest.fixture(scope="module")
def rich_report(rich):
    return pb.evaluate(rich, method="topsis")


@pytest.fixture
def reference_version():
    """Switch the xmcda library's (thread-local) version, and switch it back."""

    def switch(version):
        reference.set_version(SCHEMAS[version])

    yield switch
    reference.reset_version()


def names_by_id(elements):
    return {element.id: element.name for element in elements}


# -- (1) our documents validate against the official schemas ---------------------------


@pytest.mark.parametrize("version", xmcda.VERSIONS)
def test_combined_export_validates_against_the_official_xsd(rich, rich_report, version, tmp_path):
    schema = official_schema(version)
    path = tmp_path / "study.xml"
    xmcda.write(rich, path, version=version, weights=rich_report.weights, results=rich_report)
    document = lxml_etree.parse(str(path))
    assert schema.validate(document), schema.error_log
    assert document.getroot().nsmap[document.getroot().prefix] == SCHEMAS[version].id


@pytest.mark.parametrize("version", xmcda.VERSIONS)
def test_split_export_validates_file_by_file(rich, rich_report, version, tmp_path):
    schema = official_schema(version)
    written = xmcda.write(
        rich,
        tmp_path,
        version=version,
        weights=rich_report.weights,
        results=rich_report,
        split=True,
    )
    assert {p.name for p in written} == {
        "alternatives.xml", "alternativesSets.xml", "criteria.xml", "criteriaSets.xml",
        "performanceTable.xml", "alternativesValues.xml", "criteriaFunctions.xml",
        "criteriaScales.xml", "weights.xml",
    }  # fmt: skip
    for path in written:
        assert schema.validate(lxml_etree.parse(str(path))), (path.name, schema.error_log)


@pytest.mark.parametrize("version", xmcda.VERSIONS)
def test_minimal_export_validates(version):
    a = pb.Assessment(["A"], [pb.Criterion("x", area="a", kind="benefit")], [[1]])
    schema = official_schema(version)
    assert schema.validate(lxml_etree.fromstring(xmcda.to_xml(a, version=version).encode()))


@pytest.mark.parametrize("version", xmcda.VERSIONS)
def test_the_schemas_do_reject_a_broken_export(version):
    """The validation above is not vacuous: a document in the wrong order fails."""
    text = xmcda.to_xml(example(), version=version)
    alternatives = text[text.index("  <alternatives>") : text.index("</alternatives>\n") + 16]
    broken = text.replace(alternatives, "").replace(
        "</criteriaScales>\n", "</criteriaScales>\n" + alternatives
    )
    assert not official_schema(version).validate(lxml_etree.fromstring(broken.encode()))


# -- (2) the xmcda library reads what we write ----------------------------------------


def check_reference_reading(x, assessment, weights):
    assert [a.name for a in x.alternatives] == list(assessment.option_names)
    assert [c.name for c in x.criteria] == list(assessment.criterion_names)
    ids = {c.id: c.name for c in x.criteria}
    alternative_names = names_by_id(x.alternatives)

    (scales,) = x.criteria_scales_list
    directions = {ids[s.criterion.id]: s.scales[0].preference_direction for s in scales}
    for criterion in assessment.criteria:
        expected = PreferenceDirection.MIN if criterion.lower_is_better else PreferenceDirection.MAX
        assert directions[criterion.name] == expected
        scale = next(s.scales[0] for s in scales if ids[s.criterion.id] == criterion.name)
        if criterion.scale is None:
            assert (scale.minimum, scale.maximum) == (None, None)
        else:
            assert (scale.minimum.v, scale.maximum.v) == criterion.scale

    (table,) = x.performance_tables
    frame = assessment.to_frame()
    read = {
        (alternative_names[a.id], ids[c.id]): table[a][c]
        for a in table.alternatives()
        for c in table.criteria()
    }
    assert len(read) == frame.size
    for (option, criterion), value in read.items():
        assert value == frame.loc[option, criterion]

    (values,) = x.criteria_values_list
    assert values.mcda_concept == "weights"
    read_weights = {ids[v.criterion.id]: v.values[0].v for v in values}  # noqa: PD011
    assert read_weights == dict(weights)


@pytest.mark.parametrize("version", xmcda.VERSIONS)
def test_the_xmcda_library_reads_our_combined_file(
    rich, rich_report, version, tmp_path, reference_version
):
    path = tmp_path / "study.xml"
    xmcda.write(rich, path, version=version, weights=rich_report.weights, results=rich_report)
    reference_version(version)
    x = reference.XMCDA.load(path)
    check_reference_reading(x, rich, rich_report.weights)

    (results,) = x.alternatives_values_list
    names = names_by_id(x.alternatives)
    assert {names[v.alternative.id]: v.values[0].v for v in results} == dict(  # noqa: PD011
        zip(rich.option_names, rich_report.scores, strict=True)
    )
    # (xmcda 0.3 resolves a criteria set's members to bare ids, without names.)
    criterion_names = names_by_id(x.criteria)
    areas = {s.name: [criterion_names[c.id] for c in s] for s in x.criteria_sets}
    assert areas == {area: list(rich.criteria_in(area)) for area in rich.areas}
    assert {s.mcda_concept for s in x.criteria_sets} == {"area"}
    (function,) = x.criteria_functions_list[0]
    segments = function.functions[0].segments
    ends = [(s.head, s.tail) for s in segments]
    assert [(h.abscissa.v, h.ordinate.v, t.abscissa.v, t.ordinate.v) for h, t in ends] == [
        (0.0, 0.0, 2.5, 40.0),
        (2.5, 40.0, 10.0, 100.0),
    ]


@pytest.mark.parametrize("version", xmcda.VERSIONS)
def test_the_xmcda_library_reads_our_split_files(
    rich, rich_report, version, tmp_path, reference_version
):
    written = xmcda.write(rich, tmp_path, version=version, weights=rich_report.weights, split=True)
    reference_version(version)
    x = reference.XMCDA.XMCDA()
    for path in sorted(written):  # one file after another, as a diviz module reads them
        x.load(path)
    check_reference_reading(x, rich, rich_report.weights)


# -- (3) we read what the xmcda library writes ----------------------------------------


def reference_document(direction_of, weights=None, results=None):
    """An XMCDA object built with the xmcda library: 3 alternatives, 3 criteria."""
    x = XMCDA()
    alternatives = [Alternative(id=f"a{i}", name=f"Option {i}") for i in range(1, 4)]
    alternatives.append(Alternative(id="a4"))  # no name: the id is the name
    x.alternatives.extend(alternatives)
    criteria = [
        XCriterion(id="g1", name="Cost"),
        XCriterion(id="g2", name="Quality"),
        XCriterion(id="g3"),
    ]
    x.criteria.extend(criteria)
    table = PerformanceTable()
    for i, alternative in enumerate(alternatives):
        for j, criterion in enumerate(criteria):
            table[alternative][criterion] = [10.5 * i + j, i - j, 3 * i][j] + (1 if j == 2 else 0)
    x.performance_tables.append(table)
    scales = CriteriaScales()
    for criterion in criteria:
        direction = direction_of.get(criterion.id)
        scale = QuantitativeScale(preference_direction=direction or PreferenceDirection.UNSET)
        if criterion.id == "g1":
            scale.minimum, scale.maximum = Value(0.0), Value(100.0)
        scales.append(CriterionScales(criterion=criterion, scales=Scales()))
        scales[-1].scales.append(scale)
    x.criteria_scales_list.append(scales)
    if weights is not None:
        values = CriteriaValues(mcda_concept="weights")
        for criterion, weight in zip(criteria, weights, strict=True):
            values.append(CriterionValues(criterion=criterion, values=Values(weight)))
        x.criteria_values_list.append(values)
    if results is not None:
        values = AlternativesValues()
        for alternative, result in zip(alternatives, results, strict=True):
            values.append(AlternativeValues(alternative=alternative, values=Values(result)))
        x.alternatives_values_list.append(values)
    return x, table


def written_by_reference(x, version):
    stream = io.BytesIO()
    x.write(stream, schema=SCHEMAS[version])
    return stream.getvalue()


DIRECTIONS = {"g1": PreferenceDirection.MIN, "g2": PreferenceDirection.MAX}


def check_our_reading(document, table, weights):
    a = document.assessment
    assert a.option_names == ("Option 1", "Option 2", "Option 3", "a4")
    assert a.criterion_names == ("Cost", "Quality", "g3")
    # g3 states no direction (allowed in 4.0.0): a benefit, by the documented default.
    assert [c.kind for c in a.criteria] == ["risk", "benefit", "benefit"]
    assert [c.scale for c in a.criteria] == [(0.0, 100.0), None, None]
    assert set(a.areas) == {xmcda.DEFAULT_AREA}
    expected = np.array(
        [[table[alt][crit] for crit in table.criteria()] for alt in table.alternatives()]
    )
    np.testing.assert_array_equal(a.scores, expected)
    if weights is None:
        assert document.weights is None
    else:
        assert dict(document.weights) == pytest.approx(
            dict(zip(a.criterion_names, np.array(weights) / sum(weights), strict=True))
        )


@pytest.mark.parametrize("version", xmcda.VERSIONS)
def test_we_read_a_combined_file_written_by_the_xmcda_library(version, tmp_path):
    directions = DIRECTIONS if version == "4.0.0" else {**DIRECTIONS, "g3": PreferenceDirection.MAX}
    x, table = reference_document(directions, weights=[2, 1, 1], results=[0.5, 0.25, 1, 0])
    path = tmp_path / "from-xmcda.xml"
    path.write_bytes(written_by_reference(x, version))
    document = xmcda.read(path)
    assert document.version == version
    check_our_reading(document, table, [2, 1, 1])
    assert document.results.to_dict() == {
        "Option 1": 0.5,
        "Option 2": 0.25,
        "Option 3": 1.0,
        "a4": 0.0,
    }


@pytest.mark.parametrize("version", xmcda.VERSIONS)
def test_we_read_split_files_written_by_the_xmcda_library(version, tmp_path):
    directions = DIRECTIONS if version == "4.0.0" else {**DIRECTIONS, "g3": PreferenceDirection.MAX}
    x, table = reference_document(directions, weights=[0.5, 0.25, 0.25])
    for tag, name in [
        ("alternatives", "alternatives.xml"),
        ("criteria", "criteria.xml"),
        ("performanceTable", "performanceTable.xml"),
        ("criteriaScales", "criteriaScales.xml"),
        ("criteriaValues", "weights.xml"),
    ]:
        stream = io.BytesIO()
        x.write(stream, tags=tag, schema=SCHEMAS[version])
        (tmp_path / name).write_bytes(stream.getvalue())
    check_our_reading(xmcda.read(tmp_path), table, [0.5, 0.25, 0.25])
    # The inputs a module takes, without the weights, give no weights.
    chosen = [
        tmp_path / n
        for n in ("alternatives.xml", "criteria.xml", "performanceTable.xml", "criteriaScales.xml")
    ]
    check_our_reading(xmcda.read(chosen), table, None)


# -- (5) the built-in study through XMCDA 4.0.0 keeps its ranking ------------------


@pytest.mark.parametrize(
    ("weighting", "method"),
    [
        ("equal", "weighted-sum"),
        ("equal", "topsis"),
        (
            pb.weighting.RankOrderCentroid(sorted(example().criterion_names)),
            "weighted-product",
        ),
        ("entropy", "topsis"),
        ("critic", "vikor"),
        ("equal", "promethee"),
    ],
)
def test_built_in_study_round_trip_keeps_the_ranking(weighting, method, tmp_path):
    a = example()
    path = tmp_path / "study.xml"
    before = pb.evaluate(a, weighting=weighting, method=method)
    xmcda.write(a, path, version="4.0.0", weights=before.weights, results=before)
    document = xmcda.read(path)
    assert document.assessment == a
    after = pb.evaluate(document.assessment, weighting=weighting, method=method)
    pd.testing.assert_frame_equal(after.ranking, before.ranking)
    # Evaluating with the weights that travelled in the file gives the same ranking.
    fixed = pb.evaluate(document.assessment, weighting=document.weights, method=method)
    assert list(fixed.ranking.index) == list(before.ranking.index)
    np.testing.assert_allclose(fixed.ranking["score"], before.ranking["score"], rtol=1e-12)
    assert document.weights.to_series().to_numpy() == pytest.approx(
        before.weights.to_series().to_numpy(), rel=1e-15
    )
    # The results read back are the report's scores.
    np.testing.assert_array_equal(
        document.results.loc[list(a.option_names)].to_numpy(), before.scores
    )


@pytest.mark.parametrize("version", xmcda.VERSIONS)
@pytest.mark.parametrize("split", [False, True])
def test_everything_xmcda_can_hold_round_trips(rich, rich_report, version, split, tmp_path):
    target = tmp_path / ("study" if split else "study.xml")
    xmcda.write(
        rich, target, version=version, weights=rich_report.weights, results=rich_report, split=split
    )
    document = xmcda.read(target)
    assert document.assessment == rich
    assert document.version == version
    assert dict(document.weights) == pytest.approx(dict(rich_report.weights), rel=1e-15)
    pd.testing.assert_series_equal(
        document.results,
        pd.Series(
            rich_report.scores, index=pd.Index(rich.option_names, name="option"), name="score"
        ),
    )


# -- (6) random assessments round-trip --------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=assessments(), version=st.sampled_from(xmcda.VERSIONS), data=st.data())
def test_random_assessments_round_trip(a, version, data):
    weights = data.draw(
        st.none()
        | st.just(pb.Weights.from_mapping({c: 1 + i for i, c in enumerate(a.criterion_names)}))
    )
    document = xmcda.from_xml(xmcda.to_xml(a, version=version, weights=weights))
    assert document.assessment == a
    if weights is None:
        assert document.weights is None
    else:
        assert document.weights.names == weights.names
        np.testing.assert_allclose(document.weights.array, weights.array, rtol=1e-15)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=assessments(), version=st.sampled_from(xmcda.VERSIONS))
def test_random_assessments_round_trip_through_split_files(a, version):
    with tempfile.TemporaryDirectory() as folder:
        xmcda.write(a, folder, version=version, split=True)
        assert xmcda.read(folder).assessment == a


# -- what is carried, and how -----------------------------------------------------------


def test_names_become_ids_and_travel_whole():
    a = pb.Assessment(
        ["Status quo", "Status-quo", "Status quo?", "2030 plan", "\u00e9t\u00e9"],
        [pb.Criterion("Gain: total", area="E", kind="benefit")],
        [[1], [2], [3], [4], [5]],
    )
    text = xmcda.to_xml(a)
    root = lxml_etree.fromstring(text.encode())
    ids = [e.get("id") for e in root.iter(f"{{{XMCDA_4}}}alternative")]
    assert ids == ["Status_quo", "Status-quo", "Status_quo_2", "a_2030_plan", "t"]
    assert xmcda.from_xml(text).assessment == a


def test_areas_are_criteria_sets_marked_area():
    a = example()
    root = lxml_etree.fromstring(xmcda.to_xml(a).encode())
    sets = root.findall(f"{{{XMCDA_4}}}criteriaSets/{{{XMCDA_4}}}criteriaSet")
    assert [(s.get("name"), s.get("mcdaConcept")) for s in sets] == [
        (area, "area") for area in a.areas
    ]


def test_a_file_without_areas_puts_every_criterion_in_the_default_area():
    a = example()
    text = xmcda.to_xml(a)
    without = text[: text.index("  <criteriaSets>")] + text[text.index("</criteriaSets>\n") + 16 :]
    read = xmcda.from_xml(without).assessment
    assert read.areas == ("General",) == (xmcda.DEFAULT_AREA,)
    assert [attrs.evolve(c, area="x") for c in read.criteria] == [
        attrs.evolve(c, area="x") for c in a.criteria
    ]


def test_what_xmcda_cannot_hold_is_left_out_with_a_warning():
    a = example()
    exponential = attrs.evolve(a.criteria[0], value_function=pb.value.Exponential(rho=3))
    b = attrs.evolve(a, criteria=[exponential, *a.criteria[1:]])
    with pytest.warns(PowerbalanceWarning, match=r"cannot hold the value function Exponential"):
        text = xmcda.to_xml(b)
    assert xmcda.from_xml(text).assessment == a
    linear = attrs.evolve(
        a, criteria=[attrs.evolve(a.criteria[0], value_function=pb.value.Linear()), *a.criteria[1:]]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert xmcda.from_xml(xmcda.to_xml(linear)).assessment == a  # linear is the default


def test_score_distributions_are_left_out_with_a_warning():
    uncertainty = pytest.importorskip("powerbalance.model.uncertainty")
    a = example()
    score = float(a.scores[0, 0])
    b = attrs.evolve(
        a,
        uncertainty={
            (a.option_names[0], a.criterion_names[0]): uncertainty.Uniform(score - 1, score + 1)
        },
    )
    with pytest.warns(PowerbalanceWarning, match="score distributions of 1 cell;"):
        text = xmcda.to_xml(b)
    assert xmcda.from_xml(text).assessment == a


def test_results_may_be_a_report_a_series_or_a_mapping():
    a = example()
    report = pb.evaluate(a)
    as_series = pd.Series(report.scores, index=list(a.option_names))
    texts = {xmcda.to_xml(a, results=results) for results in (report, as_series, dict(as_series))}
    assert len(texts) == 1
    partial = xmcda.from_xml(xmcda.to_xml(a, results={"Confrontation": -1.5})).results
    assert partial.to_dict() == {"Confrontation": -1.5}


@pytest.mark.parametrize(
    ("keywords", "error", "match"),
    [
        (
            {"version": "4.0"},
            InvalidParameterError,
            r"one of '4.0.0', '3.1.1'.*Did you mean '4.0.0'",
        ),
        ({"weights": {"Nope": 1}}, WeightError, "not a criterion"),
        ({"results": {"Nope": 1.0}}, UnknownNameError, "not an option"),
        ({"results": {"Status quo": math.nan}}, InvalidParameterError, "finite"),
        ({"results": {"Status quo": "high"}}, InvalidParameterError, "must be a number"),
        ({"results": [1.0]}, InvalidParameterError, "Report, a pandas Series or a mapping"),
    ],
)
def test_bad_export_arguments_are_refused(keywords, error, match):
    with pytest.raises(error, match=match):
        xmcda.to_xml(example(), **keywords)


def test_text_that_xml_cannot_hold_is_refused():
    a = pb.Assessment(["A\x01"], [pb.Criterion("x", area="a", kind="benefit")], [[1]])
    with pytest.raises(InvalidParameterError, match=r"U\+0001"):
        xmcda.to_xml(a)


def test_save_and_load_are_what_pb_io_calls(tmp_path):
    a = example()
    path = tmp_path / "study.xml"
    assert xmcda.save(a, path) is None
    assert xmcda.load(path) == a
    xmcda.save(a, path, version="3.1.1")
    assert "XMCDA-3.1.1" in path.read_text(encoding="utf-8")
    assert xmcda.load(path, max_bytes=10**7) == a


def test_from_xml_takes_text_not_paths(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"use read\(path\)"):
        xmcda.from_xml(tmp_path / "study.xml")


def test_a_root_without_namespace_is_explained():
    with pytest.raises(StudyFileError, match=r"in no namespace\. Declare the XMCDA namespace"):
        xmcda.from_xml("<xmcda/>")


def test_keywords_are_matched_without_regard_to_case():
    a = pb.Assessment(["A"], [pb.Criterion("x", area="a", kind="benefit", unit="kg")], [[1]])
    text = xmcda.to_xml(a).replace("<keyword>unit: kg", "<keyword>Unit:kg")
    assert xmcda.from_xml(text).assessment == a


def test_the_document_is_a_frozen_value():
    a = example()
    document = xmcda.XMCDADocument(a, results={"Status quo": 1.0})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        document.weights = None
    handed_out = document.results
    handed_out.iloc[0] = 99.0
    assert document.results.iloc[0] == 1.0
    assert document == xmcda.XMCDADocument(a, results=pd.Series({"Status quo": 1.0}))
    assert document != xmcda.XMCDADocument(a, results={"Status quo": 2.0})
    with pytest.raises(WeightError):
        xmcda.XMCDADocument(a, weights=pb.Weights.from_mapping({"x": 1}))


# -- reading files from other tools -------------------------------------------------------


def document(body, version="4.0.0"):
    if version == "4.0.0":
        return f'<xmcda xmlns="{XMCDA_4}">\n{body}\n</xmcda>\n'
    namespace = next(s.id for s in schemas.XMCDA_3_xsds if s.id.endswith(version))
    return f'<xmcda:XMCDA xmlns:xmcda="{namespace}">\n{body}\n</xmcda:XMCDA>\n'


def e(tag, *content, **attributes):
    """An element as text: e("criterion", id="g") is '<criterion id="g"/>'."""
    start = tag + "".join(f' {k}="{v}"' for k, v in attributes.items())
    inner = "".join(content)
    return f"<{start}>{inner}</{tag}>" if inner else f"<{start}/>"


def real(x):
    return e("real", str(x))


def values(number):
    return e("values", e("value", number))


def performance(criterion, value):
    return e("performance", e("criterionID", criterion), values(value))


def row(alternative, *cells):
    return e("alternativePerformances", e("alternativeID", alternative), *cells)


def table(*rows):
    return e("performanceTable", *rows)


ONE_CELL = table(row("x", performance("g", real(1))))


def point(tag, x, y):
    return e(tag, e("abscissa", real(x)), e("ordinate", real(y)))


def quantitative(*content, **attributes):
    return e("scale", e("quantitative", *content), **attributes)


def scales_of(criterion, *scales):
    return e("criterionScales", e("criterionID", criterion), e("scales", *scales))


def test_numbers_may_be_integers_rationals_or_reals_and_ids_are_names_without_definitions():
    quarter = e("rational", e("numerator", "-1"), e("denominator", "4"))
    text = document(
        table(
            row("x", performance("g", e("integer", "3")), performance("h", real(" 1.5E1 "))),
            row("y", performance("g", quarter), performance("h", real(".5"))),
        )
    )
    a = xmcda.from_xml(text).assessment
    assert a.option_names == ("x", "y")
    assert a.criterion_names == ("g", "h")
    np.testing.assert_array_equal(a.scores, [[3.0, 15.0], [-0.25, 0.5]])


@pytest.mark.parametrize("version", ["3.0.0", "3.0.2", "3.1.0"])
def test_older_3x_namespaces_are_read(version):
    assert xmcda.from_xml(document(ONE_CELL, version)).version == version


def test_inactive_alternatives_and_criteria_are_left_out():
    inactive = e("active", "false")
    text = document(
        e("alternatives", e("alternative", id="x"), e("alternative", inactive, id="y"))
        + e("criteria", e("criterion", id="g"), e("criterion", e("active", "0"), id="h"))
        + table(
            row("x", performance("g", real(1)), performance("h", real(2))),
            row("y", performance("g", real(3))),
        )
        + e("criteriaValues", e("criterionValues", e("criterionID", "g"), values(real(2))))
    )
    document_read = xmcda.from_xml(text)
    assert document_read.assessment.option_names == ("x",)
    assert document_read.assessment.criterion_names == ("g",)
    assert dict(document_read.weights) == {"g": 1.0}


def test_scale_references_and_open_heads_are_followed():
    segments = [
        e("segment", point("head", 0, 0), point("tail", 2, 80)),
        e("segment", e("head"), point("tail", 4, 100)),  # an empty head: the last tail
    ]
    function = e("function", e("piecewiseLinear", *segments))
    text = document(
        e("criteria", e("criterion", id="g"), e("criterion", id="h"))
        + table(
            row("x", performance("g", real(1)), performance("h", real(2))),
            row("y", performance("g", real(3)), performance("h", real(1))),
        )
        + e(
            "criteriaFunctions",
            e("criterionFunctions", e("criterionID", "g"), e("functions", function)),
            mcdaConcept="valueFunctions",
        )
        + e(
            "criteriaScales",
            scales_of(
                "g",
                quantitative(
                    e("preferenceDirection", "max"),
                    e("minimum", real(0)),
                    e("maximum", real(4)),
                    id="s",
                ),
            ),
            scales_of("h", e("scaleID", "s")),
        )
    )
    a = xmcda.from_xml(text).assessment
    assert [c.scale for c in a.criteria] == [(0.0, 4.0), (0.0, 4.0)]
    assert a.criteria[0].value_function == pb.value.Piecewise(points=[(0, 0), (2, 80), (4, 100)])
    assert a.criteria[1].value_function is None


def test_functions_of_other_tools_are_not_taken_for_value_functions():
    a = example()
    b = attrs.evolve(
        a,
        criteria=[
            attrs.evolve(
                a.criteria[0], value_function=pb.value.Piecewise(points=[(0, 0), (10, 100)])
            ),
            *a.criteria[1:],
        ],
    )
    text = xmcda.to_xml(b).replace(
        'mcdaConcept="valueFunctions"', 'mcdaConcept="marginalUtilities"'
    )
    assert xmcda.from_xml(text).assessment == a


def test_several_unmarked_weight_lists_are_ambiguous():
    a = example()
    text = xmcda.to_xml(a, weights=pb.evaluate(a).weights)
    start, end = text.index("  <criteriaValues"), text.index("</criteriaValues>\n") + 18
    unmarked = text[start:end].replace(' mcdaConcept="weights"', "")
    with pytest.raises(
        StudyFileError, match=r"found 2 unmarked ones.*Mark the one with the weights"
    ):
        xmcda.from_xml(text[:start] + unmarked + unmarked + text[end:])
    # One of them marked: that one is the weights.
    marked = xmcda.from_xml(text[:start] + unmarked + text[start:end] + text[end:])
    assert marked.weights == xmcda.from_xml(text).weights


# -- errors: every problem, with file, line, column and element path ---------------------


def test_every_problem_of_an_inconsistent_file_is_reported_with_its_place(tmp_path):
    up = quantitative(e("preferenceDirection", "up"), e("minimum", real(0)), e("maximum", real(10)))
    body = "\n".join(
        [
            e(
                "alternatives",
                e("alternative", id="x", name="X"),
                e("alternative", id="y", name="X"),
            ),
            e("criteria", e("criterion", id="g"), e("criterion", id="h")),
            "<performanceTable>",
            row("x", performance("g", real("one")), performance("h", e("NA"))),
            row("y", performance("g", real(20)), performance("k", real(1))),
            "</performanceTable>",
            e("criteriaScales", scales_of("g", up)),
        ]
    )
    path = tmp_path / "inconsistent.xml"
    path.write_text(document(body), encoding="utf-8")
    with pytest.raises(StudyFileError) as caught:
        xmcda.read(path)
    problems = caught.value.problems
    first_row = "/xmcda/performanceTable/alternativePerformances[1]"
    second_row = "/xmcda/performanceTable/alternativePerformances[2]"
    assert [(p.line, p.path) for p in problems] == [
        (2, "/xmcda/alternatives/alternative[2]"),
        (5, f"{first_row}/performance[1]/values/value/real"),
        (5, f"{first_row}/performance[2]/values/value/NA"),
        (6, second_row),
        (6, f"{second_row}/performance[1]"),
        (6, f"{second_row}/performance[2]/criterionID"),
        (8, "/xmcda/criteriaScales/criterionScales/scales/scale/quantitative/preferenceDirection"),
    ]
    assert all(p.file == str(path) and p.column >= 1 for p in problems)
    messages = [p.message for p in problems]
    assert "found the name 'X' again" in messages[0]
    assert "expected a number (xs:double); found 'one'" in messages[1]
    assert "found <NA/>" in messages[2]
    assert "found none on 'h'" in messages[3]
    assert "within the scale of criterion 'g', 0 to 10; found 20" in messages[4]
    assert "expected the id of one of the criteria ('g', 'h'); found 'k'" in messages[5]
    assert "expected 'min' or 'max'; found 'up'" in messages[6]
    text = str(caught.value)
    assert text.startswith(f"{path}: 7 problems\n")
    assert f"{path}:5:" in text


def test_a_performance_outside_its_scale_is_reported_where_it_is():
    ten = quantitative(e("minimum", real(0)), e("maximum", real(10)))
    body = (
        e("criteria", e("criterion", id="g"))
        + table(row("x", performance("g", real(20))))
        + e("criteriaScales", scales_of("g", ten))
    )
    with pytest.raises(StudyFileError, match=r"scale of criterion 'g', 0 to 10; found 20"):
        xmcda.from_xml(document(body))


def area(name, *criteria):
    elements = [e("element", e("criterionID", c)) for c in criteria]
    return e("criteriaSet", *elements, id=name, mcdaConcept="area")


BASELINE_Q = e(
    "alternativesSets",
    e(
        "alternativesSet",
        e("element", e("alternativeID", "q")),
        id="b",
        mcdaConcept="baseline",
    ),
)
NEGATIVE_WEIGHT = e("criteriaValues", e("criterionValues", e("criterionID", "g"), values(real(-1))))


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            '<xmcda xmlns="urn:other"/>',
            r"expected an XMCDA document.*found <xmcda> in namespace 'urn:other'",
        ),
        (
            '<XMCDA xmlns="http://www.decision-deck.org/2012/XMCDA-2.2.1"/>',
            "XMCDA 2 is not supported",
        ),
        (
            f'<XMCDA xmlns="{XMCDA_4}"/>',
            "expected the root element <xmcda> of XMCDA 4.0.0; found <XMCDA>",
        ),
        (document("<alternatives/>"), r"expected a <performanceTable>.*found none in '<string>'"),
        (document(ONE_CELL + ONE_CELL), "expected one <performanceTable>; found another"),
        (
            document(table(row("x", performance("g", real(1)), performance("g", real(2))))),
            "found another",
        ),
        (
            document(e("criteriaSets", area("e", "g"), area("s", "g")) + ONE_CELL),
            r"expected criterion 'g' in one area; found it in 'e'",
        ),
        (document(BASELINE_Q + ONE_CELL), "found 'q'"),
        (
            document(ONE_CELL + NEGATIVE_WEIGHT),
            r"points\['g'\] must be a finite number of at least 0; got -1.0",
        ),
        (
            document(table(row("x", performance("g", real("INF"))))),
            "expected a finite number; found 'INF'",
        ),
        (
            document(table(row("x", performance("g", real(1) + real(2))))),
            "expected one number",
        ),
    ],
    ids=[
        "namespace",
        "xmcda-2",
        "root",
        "no-table",
        "two-tables",
        "cell-twice",
        "two-areas",
        "baseline",
        "negative-weight",
        "infinite",
        "two-numbers",
    ],
)
def test_inconsistent_documents_are_refused_with_what_was_expected_and_found(text, match):
    with pytest.raises(StudyFileError, match=match):
        xmcda.from_xml(text)


def test_a_flood_of_problems_is_cut_short():
    rows = [row(f"a{i}", performance("g", real("x"))) for i in range(300)]
    with pytest.raises(StudyFileError) as caught:
        xmcda.from_xml(document(table(*rows)))
    problems = caught.value.problems
    assert len(problems) == 201
    assert problems[-1].message.startswith("and 100 more problems")
