"""The conference view as a notebook widget, its weights synchronized with Python both ways.

The widget runs the conference page's own script (``conference.js``) in the notebook,
through anywidget. Its two synchronized traits are ``payload``, the data the view is
drawn from, and ``weights``: moving a slider sets ``weights`` in the kernel, and setting
``weights`` from Python moves the sliders.

This module needs anywidget (``pip install "powerbalance[widget]"``); use
:func:`powerbalance.brief.widget`, which says so when it is missing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, cast

import anywidget
import traitlets

from powerbalance._validate import (
    InstanceOf,
    as_number,
    check,
    did_you_mean,
    number_hint,
    quoted_list,
    refuse,
)
from powerbalance.brief._presets import as_study
from powerbalance.brief.conference._assets import script, stylesheet
from powerbalance.brief.conference._payload import study_payload
from powerbalance.errors import PowerbalanceError, WeightError
from powerbalance.evaluation import Report, evaluate
from powerbalance.methods import Method, MethodLike, resolve_method
from powerbalance.model import Assessment, Study, Weights
from powerbalance.weighting import WeightingLike

__all__ = ["ConferenceWidget"]

#: How far from 1 a total may be and still count as rounding, kept as given. The page
#: sends weights that sum to 1 but for the last bits; rescaling them would change them
#: by those bits and send them back to the page for nothing.
ROUNDING = 1e-12


class ConferenceWidget(anywidget.AnyWidget):
    """The decision-conference view in a notebook, its weights shared with Python.

    Built by :func:`powerbalance.brief.widget`, which takes the same arguments. Shown
    as a cell's output, it is the page of :func:`powerbalance.brief.interactive`:
    moving a slider updates :attr:`weights` in the kernel, and assigning
    :attr:`weights` moves the sliders. Observe the trait to react to the room:
    ``w.observe(callback, names="weights")``.

    Parameters
    ----------
    assessment_or_study : Study or Assessment
        What to decide on; a study's title and presets are used.
    weighting : WeightingScheme, str, Weights or callable, optional
        The starting weights, as for :func:`powerbalance.brief.interactive`.
    method : Method or str, default "weighted-sum"
        The aggregation method.

    Attributes
    ----------
    payload : dict
        The view's data (:func:`powerbalance.brief.conference.payload`); read only.
    weights : dict
        Criterion name -> weight, summing to 1, in the assessment's criterion order.
        Assign any non-negative weights for every criterion (points or percentages
        too); they are rescaled to sum to 1.

    Raises
    ------
    WeightError
        On assigning :attr:`weights` that miss a criterion, name one the assessment
        lacks, are negative, not finite, not numbers or all zero; the weights are
        left as they were.
    InvalidParameterError
        On assigning :attr:`weights` that are not a mapping.

    Examples
    --------
    >>> import powerbalance as pb
    >>> w = pb.brief.widget(pb.examples.load("engage-or-contain"))
    >>> w.weights
    {'Trade gains': 0.5, 'Conflict risk': 0.5}
    >>> w.weights = {"Trade gains": 1, "Conflict risk": 3}
    >>> w.weights
    {'Trade gains': 0.25, 'Conflict risk': 0.75}
    """

    _esm = script()
    _css = stylesheet()
    payload = traitlets.Dict(read_only=True).tag(sync=True)
    # Any mapping is taken (Weights too) and made a dict by the validator below, in the
    # house form of errors, where a Dict trait would refuse a mapping that is not a dict.
    weights = traitlets.Any({}).tag(sync=True)

    def __init__(
        self,
        assessment_or_study: Study | Assessment,
        *,
        weighting: WeightingLike | None = None,
        method: MethodLike = "weighted-sum",
    ) -> None:
        resolved = resolve_method(method, owner="widget")
        data = study_payload(
            assessment_or_study, weighting=weighting, method=resolved, owner="widget"
        )
        self._assessment = as_study(assessment_or_study, "widget").assessment
        self._method: Method = resolved
        # Set before the widget opens its channel to the view, which then starts with them.
        self.set_trait("payload", data)
        self.weights = dict(data["start"])
        super().__init__()

    @traitlets.validate("weights")
    def _valid_weights(self, proposal: Mapping[str, Any]) -> dict[str, float]:
        return checked_weights(self._assessment, proposal["value"])

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Take the state the view sends; weights it cannot have are sent back as they are.

        The view only sends weights it has checked, so this guards against a view of
        another version: the kernel's weights stay valid, and the view is told them.
        """
        if "weights" in sync_data:
            try:
                checked_weights(self._assessment, sync_data["weights"])
            except PowerbalanceError as error:
                self.log.warning("The view sent weights the kernel refuses: %s", error)
                sync_data = {key: value for key, value in sync_data.items() if key != "weights"}
                self.send_state("weights")
        super().set_state(sync_data)

    def report(self) -> Report:
        """The library's evaluation at the current weights, by the widget's method.

        Returns
        -------
        Report
            As :func:`powerbalance.evaluate` returns it.

        Examples
        --------
        >>> import powerbalance as pb
        >>> w = pb.brief.widget(pb.examples.load("engage-or-contain"))
        >>> w.weights = {"Trade gains": 1, "Conflict risk": 3}
        >>> w.report().weights
        Weights({'Trade gains': 0.25, 'Conflict risk': 0.75})
        >>> w.report().ranking["rank"].to_dict()
        {'Engage': 1, 'Contain': 2}
        """
        return evaluate(
            self._assessment, weighting=Weights.from_mapping(self.weights), method=self._method
        )


def checked_weights(
    assessment: Assessment, given: object, *, owner: str = "ConferenceWidget"
) -> dict[str, float]:
    """``given`` as weights of every criterion of ``assessment``, summing to 1.

    Weights that sum to 1 but for rounding are kept as given; others are rescaled.

    Raises
    ------
    InvalidParameterError
        ``given`` is not a mapping.
    WeightError
        It names a criterion the assessment lacks or misses one, or a weight is not a
        finite number of at least 0, or every weight is zero.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> checked_weights(a, {"Conflict risk": 30, "Trade gains": 10})
    {'Trade gains': 0.25, 'Conflict risk': 0.75}
    >>> try:
    ...     checked_weights(a, {"Trade gains": 1})
    ... except pb.errors.WeightError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    ConferenceWidget: weights must be one weight for each criterion of the assessment; got
    {'Trade gains': 1}. No weight is given for 'Conflict risk' (0 is allowed).
    """
    parameter = "weights"
    check(
        owner,
        parameter,
        given,
        InstanceOf(Mapping, description="a mapping of criterion name to weight"),
        fix="Such as {'Security': 3, 'Economic': 1}; the weights are the shares.",
    )
    given = cast(Mapping[str, object], given)
    names = assessment.criterion_names
    unknown = [name for name in given if name not in names]
    if unknown:
        raise refuse(
            owner,
            parameter,
            dict(given),
            "one weight for each criterion of the assessment",
            fix=f"{unknown[0]!r} is not one of its criteria ({quoted_list(names)})."
            + did_you_mean(str(unknown[0]), names),
            error=WeightError,
        )
    missing = [name for name in names if name not in given]
    if missing:
        raise refuse(
            owner,
            parameter,
            dict(given),
            "one weight for each criterion of the assessment",
            fix=f"No weight is given for {quoted_list(missing)} (0 is allowed).",
            error=WeightError,
        )
    values = []
    for name in names:
        number = as_number(given[name])
        if number is None or not math.isfinite(number) or number < 0:
            raise refuse(
                owner,
                f"{parameter}[{name!r}]",
                given[name],
                "a finite number of at least 0",
                fix=(number_hint(given[name]) or "Give 0 to ignore a criterion."),
                error=WeightError,
            )
        values.append(number)
    total = math.fsum(values)
    if total <= 0:
        raise refuse(
            owner,
            parameter,
            dict(given),
            "at least one positive weight",
            fix="Every weight is zero; give at least one criterion a positive weight.",
            error=WeightError,
        )
    scale = 1.0 if abs(total - 1.0) <= ROUNDING else total
    return {name: value / scale for name, value in zip(names, values, strict=True)}
