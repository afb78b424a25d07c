"""The conference page's data: what it shows, and the weight-independent arrays it scores with.

The page scores the options itself, as the library's prepared kernels do, from the
arrays that :meth:`prepare` builds once per assessment: the normalized matrix (and its
logarithm for the weighted product, the ideal and anti-ideal points for TOPSIS). Only
the weight-dependent step runs in the browser, so the page's scores are the library's
to rounding.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._render import colours_for, full_name, in_words
from powerbalance._render.palette import text_on
from powerbalance._validate import InstanceOf, check
from powerbalance._version import __version__
from powerbalance.brief._presets import as_study, study_weighting, weighting_words
from powerbalance.evaluation import evaluate
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.methods import Method, MethodLike, PreparedMethod, registry, resolve_method
from powerbalance.methods.additive import PreparedWeightedProduct, PreparedWeightedSum
from powerbalance.methods.distance import PreparedTOPSIS
from powerbalance.methods.ranking import TIE_TOLERANCE
from powerbalance.model import Assessment
from powerbalance.sensitivity import Stability
from powerbalance.sensitivity import stability as run_stability
from powerbalance.weighting import WeightingLike, resolve_weighting

__all__ = ["PAYLOAD_SCHEMA", "payload", "study_payload", "unused_name"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

PAYLOAD_SCHEMA = "powerbalance.brief.conference/1"
"""The schema tag of :func:`payload`; it changes when the layout does.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("engage-or-contain").assessment
>>> payload(a, weights="equal", method="topsis")["schema"] == PAYLOAD_SCHEMA
True
"""

#: The prepared kernels the page ports, by the name the page knows each one by.
KERNELS: dict[type, str] = {
    PreparedWeightedSum: "weighted-sum",
    PreparedWeightedProduct: "weighted-product",
    PreparedTOPSIS: "topsis",
}


def payload(
    assessment: Assessment,
    *,
    weights: WeightingLike,
    method: MethodLike = "weighted-sum",
    title: str = "",
    weighting_words: str = "",
    preset_name: str = "conference",
    owner: str = "payload",
) -> dict[str, Any]:
    """The data of a conference page (or widget) for one assessment, method and weights.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores.
    weights : Weights, WeightingScheme, str or callable
        The starting weights, or any weighting :func:`powerbalance.evaluate` takes.
    method : Method or str, default "weighted-sum"
        The aggregation method. The page scores the weighted sum, the weighted product
        and TOPSIS itself; for any other it shows the library's ranking at the starting
        weights and the stability intervals.
    title : str, optional
        The page's heading; by default the assessment's name.
    weighting_words : str, optional
        What the starting weights are, as a sentence says it (``"the study's
        'security-first' preset"``); by default the weighting's name in words.
    preset_name : str, default "conference"
        The name of the ``[presets.NAME]`` block the page offers to paste into a study file.
    owner : str, default "payload"
        The function the caller is, as an error message opens.

    Returns
    -------
    dict
        Plain JSON-ready data, tagged :data:`PAYLOAD_SCHEMA`. Keys:

        - ``schema``, ``version``, ``title``;
        - ``options``: ``name`` and ``description`` of each option; ``baseline``;
        - ``criteria``: ``name``, ``area``, ``kind``, ``unit``, ``description``;
        - ``areas``: ``name``, ``colour`` (the brief's), ``ink`` (text and stripes on
          that colour) and ``criteria`` (positions in ``criteria``);
        - ``start``: criterion -> starting weight (summing to 1);
        - ``weighting``: ``words``; ``preset_name``;
        - ``method``: ``name`` (registered name, or the class name), ``words``,
          ``full_name``, ``scored`` (whether the page scores it) and ``reason`` (why
          not, or null);
        - ``kernel``: null, or ``kind`` (``"weighted-sum"``, ``"weighted-product"``,
          ``"topsis"``), ``normalized`` (options x criteria, the method's normalized
          scores), and ``log_normalized`` (weighted product) or ``ideal`` and
          ``anti_ideal`` (TOPSIS);
        - ``tie_tolerance``: scores closer than this times the largest magnitude tie;
        - ``start_ranking``: ``option``, ``rank``, ``score`` in rank order, the
          library's at the starting weights;
        - ``stability``: ``leader``, ``tied``, ``exact``, ``summary``, ``critical`` and
          ``intervals`` (each as :class:`~powerbalance.sensitivity.StabilityInterval`),
          at the starting weights.

    Raises
    ------
    InvalidParameterError
        ``assessment``, ``weights`` or ``method`` is not of an accepted form.
    UnknownNameError
        ``weights`` or ``method`` names no registered scheme or method.
    PowerbalanceError
        Anything :func:`powerbalance.evaluate` raises for these inputs.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> data = payload(a, weights="equal", method="weighted-sum")
    >>> data["kernel"]["kind"], data["start"], data["start_ranking"][0]["option"]
    ('weighted-sum', {'Trade gains': 0.5, 'Conflict risk': 0.5}, 'Engage')
    >>> payload(a, weights="equal", method="vikor")["method"]["scored"]
    False
    """
    check_assessment(owner, assessment)
    check(owner, "title", title, InstanceOf(str))
    check(owner, "weighting_words", weighting_words, InstanceOf(str))
    check(owner, "preset_name", preset_name, InstanceOf(str))
    scheme = resolve_weighting(weights, owner=owner, parameter="weights")
    resolved = resolve_method(method, owner=owner)
    report = evaluate(assessment, weighting=scheme, method=resolved)
    stable = run_stability(assessment, weighting=report.weights, method=resolved)
    kernel, reason = _kernel(report.prepared, resolved)
    a = assessment
    colours = colours_for(a.areas)
    ranking = report.ranking
    return {
        "schema": PAYLOAD_SCHEMA,
        "version": __version__,
        "title": title or a.name or "Decision conference",
        "options": [{"name": o.name, "description": o.description} for o in a.options],
        "baseline": a.baseline,
        "criteria": [
            {
                "name": c.name,
                "area": c.area,
                "kind": c.kind,
                "unit": c.unit,
                "description": c.description,
            }
            for c in a.criteria
        ],
        "areas": [
            {
                "name": area,
                "colour": colours[area],
                "ink": text_on(colours[area]),
                "criteria": [a.criterion_names.index(name) for name in a.criteria_in(area)],
            }
            for area in a.areas
        ],
        "start": {name: float(w) for name, w in report.weights.items()},
        "weighting": {"words": weighting_words or full_name(report.weighting)},
        "preset_name": preset_name,
        "method": {
            "name": registry.name_of(type(resolved)) or type(resolved).__name__,
            "words": in_words(resolved),
            "full_name": full_name(resolved),
            "scored": kernel is not None,
            "reason": reason,
        },
        "kernel": kernel,
        "tie_tolerance": TIE_TOLERANCE,
        "start_ranking": [
            {"option": str(option), "rank": int(row["rank"]), "score": float(row["score"])}
            for option, row in ranking.iterrows()
        ],
        "stability": _stability(stable),
    }


def _kernel(prepared: PreparedMethod, method: Method) -> tuple[dict[str, Any] | None, str | None]:
    """The weight-independent arrays of a kernel the page ports, or None and why not."""
    kind = KERNELS.get(type(prepared))
    if kind is None:
        return None, (
            f"The page cannot score {in_words(method)} itself: it re-ranks the options "
            f"only under the weighted sum, the weighted product and TOPSIS."
        )
    arrays: dict[str, FloatArray] = {"normalized": np.asarray(prepared.normalized)}
    if isinstance(prepared, PreparedWeightedProduct):
        arrays["log_normalized"] = np.asarray(prepared.log_normalized)
    if isinstance(prepared, PreparedTOPSIS):
        arrays["ideal"] = np.asarray(prepared.ideal)
        arrays["anti_ideal"] = np.asarray(prepared.anti_ideal)
    if not all(np.isfinite(values).all() for values in arrays.values()):
        return None, (
            f"The page cannot score {in_words(method)} here: some normalized scores are "
            f"not finite numbers."
        )
    data: dict[str, Any] = {"kind": kind}
    data.update({name: values.tolist() for name, values in arrays.items()})
    return data, None


def _stability(stable: Stability) -> dict[str, Any]:
    critical = stable.critical
    return {
        "leader": stable.leader,
        "tied": list(stable.tied),
        "exact": stable.exact,
        "summary": stable.summary(),
        "critical": None if critical is None else _plain(attrs.asdict(critical)),
        "intervals": [_plain(attrs.asdict(interval)) for interval in stable.intervals],
    }


def _plain(record: Mapping[str, Any]) -> dict[str, Any]:
    """Tuples as lists and numpy numbers as Python's, for JSON."""
    return {key: _value(value) for key, value in record.items()}


def _value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def study_payload(
    assessment_or_study: object, *, weighting: WeightingLike | None, method: MethodLike, owner: str
) -> dict[str, Any]:
    """The payload of a study (or an assessment) from the weights a caller asked for.

    ``weighting`` is a scheme, the name of one of the study's presets, or None for its
    first preset; the page and the notebook widget both start from this.

    Examples
    --------
    >>> import powerbalance as pb
    >>> data = study_payload(pb.examples.load(), weighting=None, method="topsis", owner="x")
    >>> data["weighting"]["words"], data["preset_name"]
    ("the study's 'security-first' weights", 'conference')
    """
    study = as_study(assessment_or_study, owner)
    scheme = resolve_weighting(study_weighting(study, weighting), owner=owner)
    return payload(
        study.assessment,
        weights=scheme,
        method=method,
        title=study.title or study.assessment.name,
        weighting_words=weighting_words(scheme, study.presets),
        preset_name=unused_name("conference", study.presets),
        owner=owner,
    )


def unused_name(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... : the first not in ``taken``.

    Examples
    --------
    >>> unused_name("conference", {"conference", "equal"})
    'conference-2'
    """
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
