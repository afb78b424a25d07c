"""Value for money: each option's value without its costs, against its cost.

:func:`value_for_money` scores the options on every criterion but the costs (weights
renormalized over the rest), sets that value against each option's cost, drops the
options that are dominated or extendedly dominated as cost-effectiveness analysis
does (:mod:`~powerbalance.evaluation._cost_effectiveness`), and gives the incremental
cost per unit of value along the efficient frontier.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.Assessment(
...     ["Wall", "Wetland", "Nothing"],
...     [pb.Criterion("Homes protected", area="Safety", kind="benefit"),
...      pb.Criterion("Habitat", area="Environment", kind="benefit"),
...      pb.Criterion("Cost", area="Money", kind="cost", unit="£m")],
...     [[900, 2, 620], [700, 9, 380], [0, 5, 0]],
... )
>>> vfm = pb.evaluation.value_for_money(a)
>>> vfm.frontier
('Nothing', 'Wetland')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np
import pandas as pd

from powerbalance._render.document import Document
from powerbalance._render.result import Rendered, plain
from powerbalance._render.words import component, full_name, in_words
from powerbalance._validate import as_number, did_you_mean, quoted_list, refuse
from powerbalance._version import __version__
from powerbalance.errors import InvalidParameterError, UnknownNameError
from powerbalance.evaluation._value_against_cost import (
    ValueAgainstCost,
    value_against_cost,
    without_costs,
)
from powerbalance.evaluation.evaluate import check_assessment
from powerbalance.evaluation.report import Report, build_report
from powerbalance.methods import MethodLike, resolve_method
from powerbalance.model import Assessment
from powerbalance.weighting import WeightingLike, apply_weighting, resolve_weighting

__all__ = ["VALUE_FOR_MONEY_SCHEMA", "ValueForMoney", "value_for_money"]

VALUE_FOR_MONEY_SCHEMA = "powerbalance.evaluation.value_for_money/1"
"""The schema tag of :meth:`ValueForMoney.to_dict`.

Examples
--------
>>> VALUE_FOR_MONEY_SCHEMA
'powerbalance.evaluation.value_for_money/1'
"""

_OWNER = "value_for_money"


@attrs.frozen
class ValueForMoney(ValueAgainstCost, Rendered):
    """Value against cost, the efficient frontier and its ICERs; see :func:`value_for_money`.

    It renders as every result does (:meth:`summary`, ``print``, :meth:`to_markdown`,
    :meth:`to_html` with the chart of value against cost, :meth:`to_dict`,
    :meth:`to_json`). It is the value against cost that a report shows for each cost
    criterion (:attr:`Report.value_for_money`), with the evaluation behind the value.

    Attributes
    ----------
    table : pandas.DataFrame
        Index ``option``, cheapest first. Columns: ``value`` (the method's score on the
        criteria other than costs), ``cost``, ``status`` (``"efficient"``,
        ``"dominated"`` or ``"extendedly dominated"``), ``dominated_by`` (a tuple: the
        option that dominates it, or the two frontier options a mix of which does;
        empty on the frontier), ``compared_with`` (the next cheaper frontier option an
        efficient one is set against, or None), ``incremental_cost``,
        ``incremental_value`` and ``icer`` (the incremental cost per unit of value;
        NaN for the cheapest efficient option and off the frontier).
    cost : str
        The cost criterion, or ``""`` when the costs were given as a mapping.
    unit : str
        The cost's unit, if the criterion has one.
    report : Report
        The evaluation of the options on the criteria other than costs.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit"),
    ...                  pb.Criterion("Cost", area="Y", kind="cost")], [[1, 10], [3, 50]])
    >>> vfm = pb.evaluation.value_for_money(a)
    >>> vfm.table.loc["B", ["value", "cost", "icer"]].tolist()
    [1.0, 50.0, 40.0]
    """

    report: Report = attrs.field(eq=False, repr=False)

    def _document(self) -> Document:
        provenance = (
            f"Method: {full_name(self.report.method)}. "
            f"Weighting: {full_name(self.report.weighting)}, renormalized over the criteria "
            f"other than costs. powerbalance {__version__}."
        )
        return Document(
            f"Value for money under {in_words(self.report.method)}", self.blocks(), provenance
        )

    def to_frame(self) -> pd.DataFrame:
        """:attr:`table` (a copy).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit"),
        ...                  pb.Criterion("Cost", area="Y", kind="cost")], [[1, 10], [3, 50]])
        >>> list(pb.evaluation.value_for_money(a).to_frame().columns)[:3]
        ['value', 'cost', 'status']
        """
        return self.table.copy()

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data (JSON-ready), tagged :data:`VALUE_FOR_MONEY_SCHEMA`.

        Keys: ``schema``; ``cost`` and ``unit``; ``method`` and ``weighting``
        (``name``, ``description``, ``words``, ``parameters``); ``weights`` (over the
        criteria other than costs); ``options``: one record per option, cheapest
        first, with ``option`` and the columns of :attr:`table` (NaN as null);
        ``frontier``; ``summary``; ``version``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["A", "B"], [pb.Criterion("Gain", area="X", kind="benefit"),
        ...                  pb.Criterion("Cost", area="Y", kind="cost")], [[1, 10], [3, 50]])
        >>> d = pb.evaluation.value_for_money(a).to_dict()
        >>> d["schema"], d["options"][1]["icer"], d["frontier"]
        ('powerbalance.evaluation.value_for_money/1', 40.0, ['A', 'B'])
        """
        data: dict[str, Any] = plain(
            {
                "schema": VALUE_FOR_MONEY_SCHEMA,
                "cost": self.cost,
                "unit": self.unit,
                "method": component(self.report.method),
                "weighting": component(self.report.weighting),
                "weights": dict(self.report.weights.items()),
                "options": self.records(),
                "frontier": list(self.frontier),
                "summary": self.summary(),
                "version": __version__,
            }
        )
        return data


def _costs(assessment: Assessment, cost: object) -> tuple[np.ndarray, str, str]:
    """The cost of each option, the cost criterion's name (or "") and its unit."""
    owner = _OWNER
    if isinstance(cost, Mapping):
        options = assessment.option_names
        unknown = [str(k) for k in cost if k not in options]
        if unknown:
            raise refuse(
                owner,
                "cost",
                cost,
                "a mapping from each option to its cost",
                fix=f"{quoted_list(unknown)} is not an option of the assessment."
                + did_you_mean(unknown[0], options),
                error=UnknownNameError,
            )
        missing = [o for o in options if o not in cost]
        if missing:
            raise refuse(
                owner,
                "cost",
                cost,
                "a mapping from each option to its cost",
                fix=f"It leaves out {quoted_list(missing)}.",
            )
        amounts = [as_number(cost[o]) for o in options]
        values = np.array([np.nan if a is None else a for a in amounts], dtype=np.float64)
        name, unit = "", ""
    else:
        costs = assessment.costs
        if cost is None:
            if len(costs) != 1:
                raise refuse(
                    owner,
                    "cost",
                    cost,
                    "the name of a cost criterion or a mapping from option to cost",
                    fix=(
                        "The assessment has no cost criterion: declare one with "
                        "pb.Criterion(name, area=..., kind='cost'), or pass "
                        "cost={option: amount, ...}."
                        if not costs
                        else f"The assessment has several cost criteria "
                        f"({quoted_list(costs)}): name the one to use."
                    ),
                )
            cost = costs[0]
        if not isinstance(cost, str) or cost not in costs:
            known = assessment.criterion_names
            fix = (
                f"{cost!r} is a {assessment.criterion(cost).kind}, not a cost."
                if isinstance(cost, str) and cost in known
                else f"The cost criteria are {quoted_list(costs)}."
                + (did_you_mean(cost, costs) if isinstance(cost, str) else "")
                if costs
                else "The assessment has no cost criterion."
            )
            error = (
                UnknownNameError
                if isinstance(cost, str) and cost not in known
                else InvalidParameterError
            )
            raise refuse(owner, "cost", cost, "the name of a cost criterion", fix=fix, error=error)
        values = np.array(assessment.scores[:, assessment.criterion_index(cost)], dtype=np.float64)
        name, unit = cost, assessment.criterion(cost).unit
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        refused = [o for o, b in zip(assessment.option_names, bad, strict=True) if b]
        shown = {
            o: float(v) for o, v, b in zip(assessment.option_names, values, bad, strict=True) if b
        }
        raise refuse(
            owner,
            "cost",
            name or cost,
            "non-negative finite amounts",
            fix=f"{quoted_list(refused)} cost {shown}; a cost is what an option spends, "
            "at least 0. A saving belongs to a benefit criterion.",
        )
    return values, name, unit


def value_for_money(
    assessment: Assessment,
    *,
    weighting: WeightingLike = "equal",
    method: MethodLike = "weighted-sum",
    cost: str | Mapping[str, float] | None = None,
) -> ValueForMoney:
    """Each option's value without its costs against its cost: the efficient frontier.

    The value is ``method``'s score on the assessment without its cost criteria, under
    the weights ``weighting`` gives the whole assessment renormalized over the other
    criteria, so that costs are not counted twice. Options that another beats on both
    value and cost are *dominated*; of the rest, one whose incremental cost per unit
    of value exceeds that of the next dearer option is *extendedly dominated* (a mix
    of its two neighbours does better). Along the efficient frontier that remains,
    each option's ICER is its extra cost over the next cheaper efficient option
    divided by its extra value.

    Parameters
    ----------
    assessment : Assessment
        The options, criteria and scores, with at least one criterion that is not a
        cost.
    weighting : WeightingScheme, str, Weights or callable, default "equal"
        As for :func:`~powerbalance.evaluation.evaluate`.
    method : Method or str, default "weighted-sum"
        As for :func:`~powerbalance.evaluation.evaluate`.
    cost : str or mapping, optional
        The cost criterion to set value against (default: the assessment's only one),
        or a mapping from every option to its cost.

    Returns
    -------
    ValueForMoney

    Raises
    ------
    InvalidParameterError
        There is no cost criterion and no mapping, or several and none named; a
        named criterion is not a cost; a cost is negative or not a finite number; or
        every criterion is a cost.
    UnknownNameError
        ``cost`` names no criterion, or its mapping names an option the assessment
        does not have.

    References
    ----------
    Drummond, M. F., Sculpher, M. J., Claxton, K., Stoddart, G. L. and Torrance, G. W.
    (2015). *Methods for the Economic Evaluation of Health Care Programmes*, 4th ed.
    Oxford University Press.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["Wall", "Wetland", "Nothing"],
    ...     [pb.Criterion("Homes protected", area="Safety", kind="benefit"),
    ...      pb.Criterion("Habitat", area="Environment", kind="benefit"),
    ...      pb.Criterion("Cost", area="Money", kind="cost", unit="£m")],
    ...     [[900, 2, 620], [700, 9, 380], [0, 5, 0]],
    ... )
    >>> print(value_for_money(a).summary())  # doctest: +NORMALIZE_WHITESPACE
    On value for money, 2 of the 3 options are efficient, cheapest first: Nothing and
    Wetland. Wetland adds 0.675 of value for 380 £m more than Nothing: 563 £m per unit.
    Wall is dominated by Wetland.
    """
    check_assessment(_OWNER, assessment)
    scheme = resolve_weighting(weighting, owner=_OWNER)
    resolved_method = resolve_method(method, owner=_OWNER)
    amounts, name, unit = _costs(assessment, cost)
    kept = [c.name for c in assessment.criteria if not c.is_cost]
    if not kept:
        raise refuse(
            _OWNER,
            "assessment",
            assessment,
            "an assessment with a criterion other than costs",
            fix="Value is measured on the benefits and risks: add at least one.",
        )
    split = without_costs(assessment, apply_weighting(scheme, assessment))
    if split is None:
        raise refuse(
            _OWNER,
            "weighting",
            weighting,
            "a weighting that gives some weight to a criterion other than costs",
            fix=f"Every weight is on the costs; weigh at least one of {quoted_list(kept)}.",
            error=InvalidParameterError,
        )
    report = build_report(*split, resolved_method, scheme)
    found = value_against_cost(
        assessment.option_names, report.scores, amounts, cost=name, unit=unit
    )
    return ValueForMoney(table=found.table, cost=name, unit=unit, report=report)
