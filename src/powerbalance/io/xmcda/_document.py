"""What an XMCDA document holds for powerbalance: an assessment, weights and results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

import attrs
import pandas as pd

from powerbalance.errors import InvalidParameterError
from powerbalance.io.xmcda._vocabulary import NAMESPACES
from powerbalance.io.xmcda._write import results_series, weights_for
from powerbalance.model import Assessment
from powerbalance.model.weights import Weights

if TYPE_CHECKING:
    from powerbalance.evaluation.report import Report

__all__ = ["XMCDADocument"]


def _validate_assessment(
    instance: XMCDADocument, attribute: attrs.Attribute[Assessment], value: object
) -> None:
    if not isinstance(value, Assessment):
        raise InvalidParameterError(
            f"XMCDADocument: assessment must be an Assessment; got {type(value).__name__}."
        )


def _validate_version(
    instance: XMCDADocument, attribute: attrs.Attribute[str], value: object
) -> None:
    if value not in NAMESPACES:
        raise InvalidParameterError(
            f"XMCDADocument: version must be one of {', '.join(map(repr, NAMESPACES))}; "
            f"got {value!r}."
        )


def _series_eq(a: pd.Series | None, b: pd.Series | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.equals(b)) and list(a.index) == list(b.index)


@attrs.frozen
class XMCDADocument:
    """The content of one or more XMCDA files, as powerbalance objects.

    Made by :func:`powerbalance.io.xmcda.read`; build one by hand to hold an
    assessment together with its weights and results.

    Parameters
    ----------
    assessment : Assessment
        The alternatives (options), criteria and performance table (scores).
    weights : Weights, optional
        Criterion weights (XMCDA ``criteriaValues``), one for every criterion.
    results : pandas.Series, Report or mapping of str to float, optional
        A value per option (XMCDA ``alternativesValues``), such as a report's scores;
        any subset of the options. Stored as a float Series indexed by option name;
        :attr:`results` hands out a copy.
    version : str, default "4.0.0"
        The XMCDA version the document was read from.

    Raises
    ------
    WeightError
        The weights do not name exactly the assessment's criteria.
    UnknownNameError
        A result names an option the assessment does not have.

    Examples
    --------
    >>> import powerbalance as pb
    >>> from powerbalance.io.xmcda import XMCDADocument
    >>> a = pb.examples.load().assessment
    >>> report = pb.evaluate(a)
    >>> document = XMCDADocument(a, weights=report.weights, results=report)
    >>> document.results.idxmax()
    'Targeted cooperation'
    >>> document.weights == report.weights
    True
    """

    assessment: Assessment = attrs.field(validator=_validate_assessment)
    weights: Weights | None = attrs.field(default=None, kw_only=True)
    _results: pd.Series | Report | Mapping[str, float] | None = attrs.field(
        default=None, kw_only=True, alias="results", eq=attrs.cmp_using(eq=_series_eq), repr=False
    )
    version: str = attrs.field(default="4.0.0", kw_only=True, validator=_validate_version)

    def __attrs_post_init__(self) -> None:
        if self.weights is not None:
            object.__setattr__(self, "weights", weights_for(self.weights, self.assessment))
        if self._results is not None:
            object.__setattr__(self, "_results", results_series(self._results, self.assessment))

    @property
    def results(self) -> pd.Series | None:
        """The results, a new float Series indexed by ``option`` and named ``score``.

        None when the document holds no results.

        Examples
        --------
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> XMCDADocument(tiny, results={"Engage": 1.0}).results.to_dict()
        {'Engage': 1.0}
        """
        return None if self._results is None else cast(pd.Series, self._results).copy()
