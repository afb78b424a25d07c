r"""The random index: how inconsistent random pairwise judgements are, by matrix order.

Saaty's consistency ratio divides the consistency index of a set of judgements by the
random index :math:`RI(n)`, the mean consistency index of random reciprocal matrices of
order :math:`n`,

.. math:: CR = \frac{CI}{RI(n)},

so that :math:`CR = 0.10` reads "a tenth as inconsistent as judgements made at
random", Saaty's limit of acceptable inconsistency. Every matrix of order 1 or 2 is
consistent, so :math:`RI(1) = RI(2) = 0`. Two published tables are built in
(:data:`RANDOM_INDICES`); an analyst may also give their own.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York.

Alonso, J. A. and Lamata, M. T. (2006). Consistency in the analytic hierarchy
process: a new approach. International Journal of Uncertainty, Fuzziness and
Knowledge-Based Systems 14(4), 445-459.

Examples
--------
>>> random_index(4)
0.9
>>> random_index(4, "alonso-lamata2006")
0.8815
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np

from powerbalance._validate import InstanceOf, OneOf, as_number, check, refuse
from powerbalance.errors import InvalidParameterError

__all__ = ["RANDOM_INDICES", "check_random_index_table", "random_index"]

RANDOM_INDICES: Mapping[str, Mapping[int, float]] = MappingProxyType(
    {
        "saaty1980": MappingProxyType(
            {
                1: 0.0,
                2: 0.0,
                3: 0.58,
                4: 0.90,
                5: 1.12,
                6: 1.24,
                7: 1.32,
                8: 1.41,
                9: 1.45,
                10: 1.49,
            }
        ),
        "alonso-lamata2006": MappingProxyType(
            {
                1: 0.0,
                2: 0.0,
                3: 0.5245,
                4: 0.8815,
                5: 1.1086,
                6: 1.2479,
                7: 1.3417,
                8: 1.4056,
                9: 1.4499,
                10: 1.4854,
                11: 1.5141,
                12: 1.5365,
                13: 1.5551,
                14: 1.5713,
                15: 1.5838,
            }
        ),
    }
)
"""Published random indices RI(n) by table name. Read-only.

RI(n) is the mean consistency index of random reciprocal matrices of order n.

``"saaty1980"``: Saaty (1980), n = 1..10, from random matrices with entries drawn
from the 1-9 scale and its reciprocals; the table behind Saaty's 10 % rule.

``"alonso-lamata2006"``: Alonso and Lamata (2006), n = 1..15, from 100,000 random
matrices per order (entries uniform on the 17 values 1/9, ..., 1/2, 1, 2, ..., 9).

Examples
--------
>>> sorted(RANDOM_INDICES)
['alonso-lamata2006', 'saaty1980']
>>> RANDOM_INDICES["saaty1980"][5], RANDOM_INDICES["alonso-lamata2006"][5]
(1.12, 1.1086)
"""


def check_random_index_table(
    value: str | Mapping[int, float],
    owner: str = "check_random_index_table",
    parameter: str = "random_index",
) -> str | Mapping[int, float]:
    """A random-index table checked: a published table's name, or a read-only ``{n: RI}``.

    Parameters
    ----------
    value : str or mapping of int to float
        The name of a table of :data:`RANDOM_INDICES`, or a mapping of matrix order (a
        whole number from 1) to random index (a finite number of at least 0).
    owner, parameter : str, optional
        Who takes the table and under what name, as a refusal's message opens
        (``"AHP: random_index ..."``).

    Returns
    -------
    str or mapping of int to float
        The name unchanged, or a read-only copy of the mapping.

    Raises
    ------
    InvalidParameterError
        An unknown table name, or a mapping with a key that is not an order or a value
        that is not a finite number of at least 0.

    Examples
    --------
    >>> check_random_index_table("saaty1980")
    'saaty1980'
    >>> dict(check_random_index_table({3: 0.5}))
    {3: 0.5}
    """
    check(
        owner,
        parameter,
        value,
        OneOf(*RANDOM_INDICES),
        InstanceOf(Mapping, description="a mapping of matrix order to random index"),
        fix="A table of your own reads like {3: 0.58, 4: 0.9}.",
    )
    if isinstance(value, str):
        return value
    table: dict[int, float] = {}
    for order, index in value.items():
        if isinstance(order, bool) or not isinstance(order, int | np.integer) or order < 1:
            raise refuse(
                owner,
                parameter,
                order,
                "keyed by matrix orders (whole numbers from 1)",
                fix="A table of your own reads like {3: 0.58, 4: 0.9}.",
            )
        number = _as_float(index)
        if number is None or not math.isfinite(number) or number < 0:
            raise refuse(owner, f"{parameter}[{order}]", index, "a finite number of at least 0")
        table[int(order)] = number
    return MappingProxyType(table)


def random_index(
    n: int, table: str | Mapping[int, float] = "saaty1980", *, owner: str = "random_index"
) -> float:
    r"""The random index :math:`RI(n)` that the consistency index is divided by.

    Parameters
    ----------
    n : int
        The order of the matrix (the number of criteria compared).
    table : str or mapping of int to float, default "saaty1980"
        A published table of :data:`RANDOM_INDICES` (``"saaty1980"`` for n up to 10,
        ``"alonso-lamata2006"`` for n up to 15) or your own ``{n: RI}``.
    owner : str, default "random_index"
        Who asks, as a refusal's message opens; a scheme names itself (``"AHP"``).

    Returns
    -------
    float
        :math:`RI(n)`; 0 for :math:`n \le 2`, whose matrices are always consistent.

    Raises
    ------
    InvalidParameterError
        The table is unknown or has no value for ``n``.

    References
    ----------
    Saaty (1980); Alonso and Lamata (2006); see :mod:`powerbalance.weighting.random_index`.

    Examples
    --------
    >>> random_index(8)
    1.41
    >>> random_index(12, "alonso-lamata2006")
    1.5365
    """
    parameter = "table" if owner == "random_index" else "random_index"
    checked = check_random_index_table(table, owner, parameter)
    values = RANDOM_INDICES[checked] if isinstance(checked, str) else checked
    if n <= 2:
        return 0.0
    if n not in values:
        name = repr(checked) if isinstance(checked, str) else "given"
        known = sorted(values)
        covers = f"it covers orders {known[0]} to {known[-1]}" if known else "it is empty"
        larger = max(RANDOM_INDICES["alonso-lamata2006"])
        other = (
            f"random_index='alonso-lamata2006' (orders up to {larger}), "
            if checked != "alonso-lamata2006" and n <= larger
            else ""
        )
        raise InvalidParameterError(
            f"{owner}: {parameter} must be a table with a value for {n} criteria; got the "
            f"table {name}, which has none ({covers}). Use {other}your own table as a "
            f"mapping {{order: index}}, or threshold=None to skip the consistency check."
        )
    value = float(values[n])
    if value <= 0:
        raise refuse(
            owner,
            f"{parameter}[{n}]",
            value,
            "positive for n >= 3",
            fix="The consistency index is divided by it.",
        )
    return value


def _as_float(value: object) -> float | None:
    return as_number(value)
