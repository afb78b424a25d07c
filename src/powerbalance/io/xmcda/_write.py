"""Writing an assessment (with weights and results) as XMCDA 4.0.0 or 3.1.1 elements.

The elements are built as a small tree and serialized by hand, so writing needs
nothing beyond the standard library; every document written validates against the
official XSD of its version (the test suite checks this).

Examples
--------
>>> import powerbalance as pb
>>> a = pb.Assessment(
...     ["Engage", "Contain"],
...     [pb.Criterion("Conflict risk", area="Security", kind="risk")],
...     [[4], [6]],
... )
>>> elements = build(a, version="4.0.0")
>>> [element.tag for element in elements]
['alternatives', 'criteria', 'criteriaSets', 'performanceTable', 'criteriaScales']
>>> print(serialize(elements[1:2], version="4.0.0"))
<?xml version="1.0" encoding="UTF-8"?>
<xmcda xmlns="http://www.decision-deck.org/2021/XMCDA-4.0.0">
  <criteria>
    <criterion id="Conflict_risk" name="Conflict risk"/>
  </criteria>
</xmcda>
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from powerbalance._validate import did_you_mean
from powerbalance.errors import InvalidParameterError, UnknownNameError
from powerbalance.io._kept import warn_lost
from powerbalance.io.xmcda._vocabulary import (
    AREA,
    BASELINE,
    HIGH_ANCHOR,
    KIND,
    LOW_ANCHOR,
    NAMESPACES,
    ROOT_TAGS,
    SCORES,
    UNIT,
    VALUE_FUNCTIONS,
    WEIGHTS,
    item_tag,
    make_ids,
)
from powerbalance.model import Assessment, Criterion
from powerbalance.model.study import Study
from powerbalance.model.value import Piecewise
from powerbalance.model.weights import Weights

__all__ = ["Node", "build", "document_text", "results_series", "serialize", "weights_for"]

# Characters XML 1.0 cannot hold at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Node:
    """An element to write: a tag, attributes, and either children or text.

    Examples
    --------
    >>> Node("real", text="1.5").tag
    'real'
    """

    __slots__ = ("attributes", "children", "tag", "text")

    def __init__(
        self,
        tag: str,
        *children: Node | None,
        text: str | None = None,
        **attributes: str | None,
    ) -> None:
        self.tag = tag
        self.children = [child for child in children if child is not None] if children else []
        self.text = text
        self.attributes = (
            {key: value for key, value in attributes.items() if value} if attributes else {}
        )


def _checked(what: str, text: str) -> str:
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise InvalidParameterError(
            f"{what} contains the character U+{ord(bad.group()):04X}, which an XML "
            f"document cannot hold; got {text!r}. Remove the character."
        )
    return text


def _real(what: str, number: float) -> Node:
    value = float(number)
    if not math.isfinite(value):
        raise InvalidParameterError(f"{what} must be a finite number; got {value!r}.")
    # repr() gives the shortest text that reads back as the same float, and it is a
    # valid xs:double for every finite float.
    return Node("real", text=repr(value))


def _values(what: str, number: float) -> Node:
    return Node("values", Node("value", _real(what, number)))


def _description(what: str, comment: str = "", keywords: Sequence[str] = ()) -> Node | None:
    if not comment and not keywords:
        return None
    return Node(
        "description",
        Node("comment", text=_checked(what, comment)) if comment else None,
        *(Node("keyword", text=_checked(what, keyword)) for keyword in keywords),
    )


def results_series(results: object, assessment: Assessment) -> pd.Series:
    """Results as a float Series indexed by option name, checked against the assessment.

    ``results`` is a :class:`~powerbalance.Report` (its scores), a Series or a mapping
    of option name to number.

    Raises
    ------
    UnknownNameError
        A result names an option the assessment does not have.
    InvalidParameterError
        A result is not a finite number, or ``results`` is of another type.

    Examples
    --------
    >>> import powerbalance as pb
    >>> tiny = pb.examples.load("engage-or-contain").assessment
    >>> results_series({"Contain": 0.25}, tiny).to_dict()
    {'Contain': 0.25}
    """
    # Imported here: the report module imports much of the package.
    from powerbalance.evaluation.report import Report

    if isinstance(results, Report):
        series = pd.Series(results.scores, index=list(results.assessment.option_names))
    elif isinstance(results, pd.Series):
        series = results
    elif isinstance(results, Mapping):
        series = pd.Series(dict(results), dtype=object)
    else:
        raise InvalidParameterError(
            f"results must be a Report, a pandas Series or a mapping of option name to "
            f"score; got {type(results).__name__}."
        )
    names = assessment.option_names
    values: list[float] = []
    for name, value in series.items():
        if name not in names:
            raise UnknownNameError(
                f"results has a value for {name!r}, which is not an option of the "
                f"assessment." + did_you_mean(str(name), names)
            )
        if isinstance(value, bool | np.bool_) or not isinstance(
            value, int | float | np.integer | np.floating
        ):
            raise InvalidParameterError(
                f"The result of option {name!r} must be a number; got {value!r}."
            )
        if not math.isfinite(float(value)):
            raise InvalidParameterError(
                f"The result of option {name!r} must be a finite number; got {value!r}."
            )
        values.append(float(value))
    if len(set(series.index)) != len(series):
        raise InvalidParameterError("results names an option twice; give one value each.")
    return pd.Series(
        values, index=pd.Index([str(n) for n in series.index], name="option"), name="score"
    )


def weights_for(weights: Weights | Mapping[str, float], assessment: Assessment) -> Weights:
    """Weights checked to name exactly the assessment's criteria.

    A mapping of criterion name to non-negative points is rescaled to sum to 1.

    Raises
    ------
    WeightError
        A weight is missing, names an unknown criterion, or is invalid.

    Examples
    --------
    >>> import powerbalance as pb
    >>> tiny = pb.examples.load("engage-or-contain").assessment
    >>> dict(weights_for({"Trade gains": 3, "Conflict risk": 1}, tiny))
    {'Trade gains': 0.75, 'Conflict risk': 0.25}
    """
    checked = weights if isinstance(weights, Weights) else Weights.from_mapping(weights)
    checked.aligned(assessment)
    return checked


def document_text(
    study: Study,
    *,
    version: str,
    weights: Weights | None = None,
    results: pd.Series | None = None,
    file: object = None,
) -> str:
    """A study's assessment (with weights and results) as one XMCDA document's text.

    Warns
    -----
    DataLossWarning
        The study holds what XMCDA cannot (its texts, score distributions, value
        functions other than linear and piecewise linear ones); the rest is written.
    """
    warn_lost(study, "xml", file=file)
    elements = build(study.assessment, version=version, weights=weights, results=results)
    return serialize(elements, version=version)


def build(
    assessment: Assessment,
    *,
    version: str,
    weights: Weights | None = None,
    results: pd.Series | None = None,
) -> list[Node]:
    """The root elements of an XMCDA document, in the order the schema requires.

    What XMCDA cannot hold (score distributions, value functions other than linear and
    piecewise linear ones) is left out; :func:`document_text` warns of it.
    """
    option_ids = make_ids(assessment.option_names, prefix="a")
    criterion_ids = make_ids(assessment.criterion_names, prefix="c")
    option_id = dict(zip(assessment.option_names, option_ids, strict=True))
    criterion_id = dict(zip(assessment.criterion_names, criterion_ids, strict=True))

    elements: list[Node | None] = [
        _alternatives(assessment, option_ids),
        _baseline(assessment, option_id),
        _criteria(assessment, criterion_ids),
        _areas(assessment, criterion_id),
        _performance_table(assessment, option_ids, criterion_ids),
        _results(results, option_id, version) if results is not None and len(results) else None,
        _value_functions(assessment, criterion_ids, version),
        _scales(assessment, criterion_ids, version),
        _weights(weights, assessment, criterion_id, version) if weights is not None else None,
    ]
    return [element for element in elements if element is not None]


def _alternatives(assessment: Assessment, ids: Sequence[str]) -> Node:
    return Node(
        "alternatives",
        *(
            Node(
                "alternative",
                _description(f"The description of option {option.name!r}", option.description),
                id=identifier,
                name=_checked("An option's name", option.name),
            )
            for option, identifier in zip(assessment.options, ids, strict=True)
        ),
    )


def _baseline(assessment: Assessment, option_id: Mapping[str, str]) -> Node | None:
    if assessment.baseline is None:
        return None
    return Node(
        "alternativesSets",
        Node(
            "alternativesSet",
            Node("element", Node("alternativeID", text=option_id[assessment.baseline])),
            id="baseline",
            name="Baseline",
            mcdaConcept=BASELINE,
        ),
    )


def _criteria(assessment: Assessment, ids: Sequence[str]) -> Node:
    def criterion(criterion: Criterion, identifier: str) -> Node:
        what = f"The description or unit of criterion {criterion.name!r}"
        keywords = [f"{UNIT} {criterion.unit}"] if criterion.unit else []
        if criterion.is_cost:
            keywords.append(f"{KIND} cost")
        return Node(
            "criterion",
            _description(what, criterion.description, keywords),
            id=identifier,
            name=_checked("A criterion's name", criterion.name),
        )

    return Node(
        "criteria",
        *(criterion(c, i) for c, i in zip(assessment.criteria, ids, strict=True)),
    )


def _areas(assessment: Assessment, criterion_id: Mapping[str, str]) -> Node:
    areas = assessment.areas
    area_ids = make_ids([f"area {area}" for area in areas], prefix="area")
    return Node(
        "criteriaSets",
        *(
            Node(
                "criteriaSet",
                *(
                    Node("element", Node("criterionID", text=criterion_id[name]))
                    for name in assessment.criteria_in(area)
                ),
                id=identifier,
                name=_checked("An area's name", area),
                mcdaConcept=AREA,
            )
            for area, identifier in zip(areas, area_ids, strict=True)
        ),
    )


def _performance_table(
    assessment: Assessment, option_ids: Sequence[str], criterion_ids: Sequence[str]
) -> Node:
    notes = assessment.notes
    rows = []
    for i, option in enumerate(assessment.options):
        cells = []
        for j, criterion in enumerate(assessment.criteria):
            note = notes.get((option.name, criterion.name), "")
            what = f"The score of option {option.name!r} on criterion {criterion.name!r}"
            cells.append(
                Node(
                    "performance",
                    _description(f"The note on {what[4:]}", note),
                    Node("criterionID", text=criterion_ids[j]),
                    _values(what, assessment.scores[i, j]),
                )
            )
        rows.append(
            Node("alternativePerformances", Node("alternativeID", text=option_ids[i]), *cells)
        )
    return Node(
        "performanceTable",
        _description("The assessment's description", assessment.description),
        *rows,
        name=_checked("The assessment's name", assessment.name),
    )


def _results(results: pd.Series, option_id: Mapping[str, str], version: str) -> Node:
    return Node(
        "alternativesValues",
        *(
            Node(
                item_tag("alternativesValues", version),
                Node("alternativeID", text=option_id[str(name)]),
                _values(f"The result of option {name!r}", float(value)),
            )
            for name, value in results.items()
        ),
        mcdaConcept=SCORES,
    )


def _value_functions(
    assessment: Assessment, criterion_ids: Sequence[str], version: str
) -> Node | None:
    items = []
    for criterion, identifier in zip(assessment.criteria, criterion_ids, strict=True):
        function = criterion.value_function
        if not isinstance(function, Piecewise):
            continue
        what = f"A point of the value function of criterion {criterion.name!r}"

        def point(tag: str, raw: float, value: float, what: str = what) -> Node:
            return Node(
                tag,
                Node("abscissa", _real(what, raw)),
                Node("ordinate", _real(what, value)),
            )

        segments = [
            Node("segment", point("head", *head), point("tail", *tail))
            for head, tail in zip(function.points, function.points[1:], strict=False)
        ]
        items.append(
            Node(
                item_tag("criteriaFunctions", version),
                Node("criterionID", text=identifier),
                Node("functions", Node("function", Node("piecewiseLinear", *segments))),
            )
        )
    if not items:
        return None
    return Node("criteriaFunctions", *items, mcdaConcept=VALUE_FUNCTIONS)


def _scales(assessment: Assessment, criterion_ids: Sequence[str], version: str) -> Node:
    def scale(criterion: Criterion, identifier: str) -> Node:
        what = f"The scale of criterion {criterion.name!r}"
        low = high = None
        if criterion.scale is not None:
            low = Node("minimum", _real(what, criterion.scale[0]))
            high = Node("maximum", _real(what, criterion.scale[1]))
        anchors = criterion.anchors
        keywords = [f"{LOW_ANCHOR} {anchors[0]}", f"{HIGH_ANCHOR} {anchors[1]}"] if anchors else []
        quantitative = Node(
            "quantitative",
            Node("preferenceDirection", text="min" if criterion.lower_is_better else "max"),
            low,
            high,
        )
        return Node(
            item_tag("criteriaScales", version),
            _description(f"An anchor of criterion {criterion.name!r}", keywords=keywords),
            Node("criterionID", text=identifier),
            Node("scales", Node("scale", quantitative)),
        )

    return Node(
        "criteriaScales",
        *(scale(c, i) for c, i in zip(assessment.criteria, criterion_ids, strict=True)),
    )


def _weights(
    weights: Weights, assessment: Assessment, criterion_id: Mapping[str, str], version: str
) -> Node:
    aligned = weights.aligned(assessment)
    return Node(
        "criteriaValues",
        *(
            Node(
                item_tag("criteriaValues", version),
                Node("criterionID", text=criterion_id[name]),
                _values(f"The weight of criterion {name!r}", weight),
            )
            for name, weight in zip(assessment.criterion_names, aligned, strict=True)
        ),
        mcdaConcept=WEIGHTS,
    )


# -- serializing ---------------------------------------------------------------------

_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        # A parser turns literal tabs and line breaks in attributes into spaces.
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


def _start(tag: str, attributes: Mapping[str, str]) -> str:
    if not attributes:
        return f"<{tag}"
    text = "".join(
        f' {key}="{value.translate(_ATTRIBUTE_ESCAPES)}"' for key, value in attributes.items()
    )
    return f"<{tag}{text}"


def _write(node: Node, depth: int, lines: list[str], tag: str | None = None) -> None:
    name = tag or node.tag
    indent = "  " * depth
    start = _start(name, node.attributes)
    if node.children:
        lines.append(f"{indent}{start}>")
        for child in node.children:
            _write(child, depth + 1, lines)
        lines.append(f"{indent}</{name}>")
    elif node.text:
        lines.append(f"{indent}{start}>{node.text.translate(_TEXT_ESCAPES)}</{name}>")
    else:
        lines.append(f"{indent}{start}/>")


def serialize(elements: Sequence[Node], *, version: str) -> str:
    """The XMCDA document holding ``elements``, as text.

    In 4.0.0 every element is in the XMCDA namespace (the default namespace); in 3.x
    only the root ``<xmcda:XMCDA>`` is, its descendants are unqualified, as the 3.x
    schemas require.

    Examples
    --------
    >>> print(serialize([Node("criteria", Node("criterion", id="c1"))], version="3.1.1"))
    <?xml version="1.0" encoding="UTF-8"?>
    <xmcda:XMCDA xmlns:xmcda="http://www.decision-deck.org/2019/XMCDA-3.1.1">
      <criteria>
        <criterion id="c1"/>
      </criteria>
    </xmcda:XMCDA>
    """
    namespace = NAMESPACES[version]
    major = version[0]
    if major == "4":
        root = Node(ROOT_TAGS[major], *elements, xmlns=namespace)
        tag = None
    else:
        root = Node(ROOT_TAGS[major], *elements, **{"xmlns:xmcda": namespace})
        tag = f"xmcda:{ROOT_TAGS[major]}"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    _write(root, 0, lines, tag)
    return "\n".join(lines) + "\n"
