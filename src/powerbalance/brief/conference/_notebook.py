"""widget(): the conference view in a notebook, or a clear word when anywidget is missing."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from powerbalance.errors import MissingDependencyError
from powerbalance.methods import MethodLike
from powerbalance.model import Assessment, Study
from powerbalance.weighting import WeightingLike

if TYPE_CHECKING:
    from powerbalance.brief.conference._widget import ConferenceWidget

__all__ = ["MISSING_ANYWIDGET", "widget"]

#: The message when anywidget is not installed.
MISSING_ANYWIDGET = (
    "pb.brief.widget needs anywidget, which comes with powerbalance's 'widget' extra: "
    'pip install "powerbalance[widget]". Without it, pb.brief.interactive(...) makes the '
    "same view as a page to open in a browser."
)


def widget(
    assessment_or_study: Study | Assessment,
    *,
    weighting: WeightingLike | None = None,
    method: MethodLike = "weighted-sum",
) -> ConferenceWidget:
    """The decision-conference view as a notebook widget, its weights shared with Python.

    The view is the page of :func:`interactive`, run in the notebook by anywidget:
    moving a slider updates the widget's ``weights`` in the kernel, and assigning
    ``weights`` from Python moves the sliders. ``widget.report()`` evaluates at the
    current weights.

    Parameters
    ----------
    assessment_or_study : Study or Assessment
        What to decide on; a study's title and presets are used.
    weighting : WeightingScheme, str, Weights or callable, optional
        The starting weights, as for :func:`powerbalance.evaluate`, or the name of one
        of the study's presets. By default the study's first preset, or equal weights
        when it has none.
    method : Method or str, default "weighted-sum"
        The aggregation method. The view re-ranks under the weighted sum, the weighted
        product and TOPSIS; under any other method it shows the library's ranking at
        the starting weights and the stability bands.

    Returns
    -------
    ConferenceWidget
        Show it as a cell's output; read or assign its ``weights``, a dict of
        criterion name -> weight summing to 1.

    Raises
    ------
    MissingDependencyError
        anywidget is not installed: ``pip install "powerbalance[widget]"``.
    InvalidParameterError
        An argument is not of the accepted forms.
    UnknownNameError
        ``weighting`` names no preset of the study and no registered scheme, or
        ``method`` no registered method.
    PowerbalanceError
        For any other problem in the inputs, as :func:`powerbalance.evaluate` raises it.

    Examples
    --------
    >>> import powerbalance as pb
    >>> w = pb.brief.widget(pb.examples.load(), method="topsis")
    >>> w.payload["method"]["name"], round(sum(w.weights.values()), 12)
    ('topsis', 1.0)
    >>> w.weights = {name: 1 for name in w.weights}    # equal weights, rescaled
    >>> w.report().ranking.index[0]
    'Targeted cooperation'
    """
    try:
        module = importlib.import_module("powerbalance.brief.conference._widget")
    except ImportError as error:
        if error.name is None or error.name.partition(".")[0] not in {
            "anywidget",
            "ipywidgets",
            "traitlets",
            "comm",
        }:
            raise
        raise MissingDependencyError(MISSING_ANYWIDGET) from error
    made: ConferenceWidget = module.ConferenceWidget(
        assessment_or_study, weighting=weighting, method=method
    )
    return made
