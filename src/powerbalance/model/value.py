r"""Value functions: a criterion's raw performance as a 0-100 preference value.

A value function says how much each level of performance on one criterion is worth,
on a scale fixed by two anchors given in the criterion's own units: ``worst``, the
level worth 0, and ``best``, the level worth 100. For a benefit ``worst < best``; for
a risk, where lower is better, ``worst > best``. Between the anchors the value moves
steadily from 0 to 100, never turning back, so a risk's value falls as the risk rises.

Three shapes are offered, all used the same way, ``function.values(performance,
worst, best)``:

- :class:`Linear` -- equal steps in performance are worth equal steps in value.
- :class:`Piecewise` -- straight lines through points the analyst elicited.
- :class:`Exponential` -- Kirkwood's (1997) smooth curve with one parameter, for
  diminishing or increasing returns.

Any object with a matching ``values`` method is a value function (see
:class:`ValueFunction`).

Every function checks its input the same way. Performance must be finite numbers
between the anchors; a number within a relative 1e-12 of an anchor (measured against
the larger anchor's magnitude) counts as on it, so that rounding in a spreadsheet does
not make a score fall off its own scale. Anything else raises
:class:`~powerbalance.errors.InvalidScoreError` naming the value.

References
----------
Kirkwood, C. W. (1997). Strategic Decision Making: Multiobjective Decision Analysis
with Spreadsheets. Duxbury Press, Belmont, chapter 4.

Examples
--------
>>> risk = Linear()
>>> risk.values([0, 25, 100], worst=100, best=0)
array([100.,  75.,   0.])
>>> Exponential(rho=5).values([0, 5, 10], worst=0, best=10).round(2)
array([  0.  ,  73.11, 100.  ])
"""

from __future__ import annotations

import itertools
import math
from typing import Protocol, TypeAlias, runtime_checkable

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance import registry as registries
from powerbalance._validate import Interval, as_number, check, refuse, to_float
from powerbalance.errors import InvalidParameterError, InvalidScoreError
from powerbalance.registry import Registry

__all__ = ["Exponential", "Linear", "Piecewise", "ValueFunction", "registry"]

#: Relative distance (against the larger anchor's magnitude) within which a number
#: counts as lying on an anchor.
_ANCHOR_TOLERANCE = 1e-12

#: Absolute slack, on the 0-100 scale, for the values a :class:`Piecewise` gives its
#: end points.
_VALUE_TOLERANCE = 1e-9

FloatArray: TypeAlias = npt.NDArray[np.float64]
Point: TypeAlias = tuple[float, float]


@runtime_checkable
class ValueFunction(Protocol):
    """What a value function provides: one vectorized ``values`` method.

    ``values(performance, worst, best)`` takes raw performance of any shape and the
    scale's two anchors in the criterion's units (``worst`` worth 0, ``best`` worth
    100) and returns float64 values of the same shape, from 0 to 100, monotone (up to
    floating-point rounding) from ``worst`` to ``best``. It must not modify
    ``performance``, and it raises :class:`~powerbalance.errors.InvalidScoreError` for
    performance outside the anchors.

    Examples
    --------
    >>> isinstance(Linear(), ValueFunction)
    True
    >>> class Step:
    ...     def values(self, performance, worst, best):
    ...         import numpy as np
    ...         return np.where(np.asarray(performance) == best, 100.0, 0.0)
    >>> isinstance(Step(), ValueFunction)
    True
    """

    def values(self, performance: npt.ArrayLike, worst: float, best: float) -> FloatArray:
        """Values from 0 (at ``worst``) to 100 (at ``best``) for ``performance``."""
        ...


# -- shared checks --------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:.12g}"


def _check_anchors(owner: str, worst: float, best: float) -> tuple[float, float]:
    """The anchors as floats: finite, distinct and with a finite distance between them."""
    anchors = []
    for name, anchor in (("worst", worst), ("best", best)):
        check(owner, name, anchor, Interval(), fix="Give the anchor in the criterion's units.")
        anchors.append(float(anchor))
    worst, best = anchors
    if worst == best:
        raise refuse(
            owner,
            "best",
            best,
            f"a level other than worst ({_number(worst)})",
            fix="A value function needs two different levels. Give the level worth 0 as "
            "worst and the level worth 100 as best.",
        )
    if not math.isfinite(best - worst):
        raise refuse(
            owner,
            "best",
            best,
            f"within computing distance of worst ({_number(worst)})",
            fix="The scale is too wide to compute with; express the performance in larger units.",
        )
    return worst, best


def _position(index: tuple[int, ...]) -> str:
    return f" at position {index[0] if len(index) == 1 else index}" if index else ""


def _not_numbers(owner: str, given: npt.NDArray[np.generic]) -> InvalidScoreError:
    if given.ndim == 0:
        sample = repr(given.item())
    else:
        shown = ", ".join(repr(item) for item in given.ravel()[:3].tolist())
        sample = f"[{shown}{', ...' if given.size > 3 else ''}]"
    return InvalidScoreError(
        f"{owner}: performance must be numbers in the criterion's units; got {sample}. "
        "Convert the scores to numbers first."
    )


def _on_scale(owner: str, performance: npt.ArrayLike, worst: float, best: float) -> FloatArray:
    """A float64 copy of ``performance``, checked to lie between the anchors.

    Numbers within the anchor tolerance outside the scale are moved onto the anchor.
    """
    try:
        given = np.asarray(performance)
    except ValueError:
        raise InvalidScoreError(
            f"{owner}: performance must be numbers in a regular array (every row the same "
            f"length); got {performance!r:.80}."
        ) from None
    if given.dtype.kind not in "iufO":
        raise _not_numbers(owner, given)
    try:
        x = np.array(given, dtype=np.float64, copy=True)
    except (TypeError, ValueError):
        raise _not_numbers(owner, given) from None
    finite = np.isfinite(x)
    if not finite.all():
        index = tuple(int(i) for i in np.argwhere(~finite)[0])
        raise InvalidScoreError(
            f"{owner}: performance must be finite numbers; got {float(x[index])!r}"
            f"{_position(index)}. Every score needs a finite value; fill in or correct it."
        )
    low, high = min(worst, best), max(worst, best)
    tolerance = _ANCHOR_TOLERANCE * max(abs(worst), abs(best))
    outside = (x < low - tolerance) | (x > high + tolerance)
    if outside.any():
        index = tuple(int(i) for i in np.argwhere(outside)[0])
        others = int(outside.sum()) - 1
        more = f" (and {others} more)" if others else ""
        raise InvalidScoreError(
            f"{owner}: performance must lie on the scale from worst {_number(worst)} to best "
            f"{_number(best)}; got {_number(float(x[index]))}{_position(index)}{more}. Widen "
            "the scale (move the anchor) or correct the score."
        )
    np.clip(x, low, high, out=x)
    return x


def _progress(x: FloatArray, worst: float, best: float) -> tuple[FloatArray, float]:
    """How far each performance lies from ``worst`` towards ``best``, and the full span.

    Both are non-negative; ``x == best`` gives exactly the span.
    """
    if best > worst:
        return x - worst, best - worst
    return worst - x, worst - best


def _finish(value: npt.ArrayLike) -> FloatArray:
    """Values clipped to 0-100 (against rounding), as a float64 array even for 0-d input."""
    return np.asarray(np.clip(np.asarray(value, dtype=np.float64), 0.0, 100.0), dtype=np.float64)


# -- linear ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Linear:
    r"""The straight line from worst (0) to best (100); the default value function.

    .. math::

        v(x) = 100 \, \frac{x - \text{worst}}{\text{best} - \text{worst}}

    Equal steps in performance are worth equal steps in value anywhere on the scale.

    Examples
    --------
    >>> Linear().values([0, 5, 10], worst=0, best=10)
    array([  0.,  50., 100.])
    >>> Linear().values([[2.0, 4.0]], worst=4, best=2)
    array([[100.,   0.]])
    """

    def values(self, performance: npt.ArrayLike, worst: float, best: float) -> FloatArray:
        """Values from 0 (at ``worst``) to 100 (at ``best``), same shape as ``performance``.

        Raises
        ------
        InvalidScoreError
            A performance is not a finite number or lies outside the anchors.
        InvalidParameterError
            The anchors are not finite or are equal.
        """
        worst, best = _check_anchors("Linear", worst, best)
        progress, span = _progress(_on_scale("Linear", performance, worst, best), worst, best)
        return _finish(100.0 * (progress / span))


# -- piecewise linear -----------------------------------------------------------------


def _to_points(value: object) -> tuple[Point, ...] | object:
    """Points as (raw, value) float pairs sorted by raw.

    Anything else is left as given for the validator to explain.
    """
    try:
        pairs = [tuple(point) for point in value]  # type: ignore[attr-defined]
    except TypeError:
        return value
    points: list[Point] = []
    for pair in pairs:
        numbers = [as_number(n) for n in pair]
        if len(numbers) != 2 or numbers[0] is None or numbers[1] is None:
            return value
        points.append((numbers[0], numbers[1]))
    return tuple(sorted(points))


def _validate_points(
    instance: Piecewise, attribute: attrs.Attribute[object], value: object
) -> None:
    example = "Such as [(0, 0), (50, 80), (100, 100)]."
    # The converter makes float pairs of anything that is pairs of numbers.
    if not isinstance(value, tuple) or not all(
        isinstance(point, tuple) and len(point) == 2 and all(isinstance(n, float) for n in point)
        for point in value
    ):
        raise refuse(
            "Piecewise", "points", value, "(raw performance, value) pairs of numbers", fix=example
        )
    if len(value) < 2:
        raise refuse(
            "Piecewise",
            "points",
            value,
            "at least two points, one at each anchor of the scale",
            fix=example,
        )
    for raw, val in value:
        if not math.isfinite(raw):
            raise InvalidParameterError(
                f"Piecewise: every raw performance must be a finite number; got {raw!r} "
                f"(with value {_number(val)}). Give every point a finite raw performance."
            )
        if not (0.0 <= val <= 100.0):
            raise InvalidParameterError(
                f"Piecewise: every value must be a number from 0 to 100; got {val!r} at raw "
                f"performance {_number(raw)}. Rescale the values to run from 0 to 100."
            )
    for (raw, val), (next_raw, next_val) in itertools.pairwise(value):
        if raw == next_raw:
            raise InvalidParameterError(
                f"Piecewise: every raw performance must be given once; got {_number(raw)} "
                f"twice (with values {_number(val)} and {_number(next_val)}). Give each raw "
                "level one value."
            )
    steps = [next_val - val for (_, val), (_, next_val) in itertools.pairwise(value)]
    direction = next((math.copysign(1.0, step) for step in steps if step != 0), 0.0)
    for step, (first, second) in zip(steps, itertools.pairwise(value), strict=True):
        if step * direction < 0:
            rising = "rise" if direction > 0 else "fall"
            raise InvalidParameterError(
                f"Piecewise: the values must {rising} steadily with raw performance, as the "
                f"first points do; got ({_number(first[0])}, {_number(first[1])}) followed "
                f"by ({_number(second[0])}, {_number(second[1])}). A value function may not "
                "turn back; correct one of these points."
            )


@attrs.frozen(kw_only=True)
class Piecewise:
    """Straight lines through elicited points: raw performance -> value from 0 to 100.

    Use it when the value of performance was elicited point by point, for instance by
    bisection ("which level is halfway in value between worst and best?") or by rating
    a few reference levels directly, or to encode a threshold beyond which further
    performance is worth little. Between points the value is interpolated linearly.

    Parameters
    ----------
    points : iterable of (float, float)
        ``(raw performance, value)`` pairs in any order; they are sorted by raw
        performance. Two points at least; raw levels finite and all different; values
        from 0 to 100, either never falling or never rising with raw performance.
        The lowest and highest raw levels must be the scale's anchors, valued 0 at
        ``worst`` and 100 at ``best`` (checked by :meth:`values`, which is given the
        anchors).

    Raises
    ------
    InvalidParameterError
        Fewer than two points, a raw level that is not finite or given twice, a value
        outside 0-100, or values that turn back.

    References
    ----------
    von Winterfeldt, D. and Edwards, W. (1986). Decision Analysis and Behavioral
    Research. Cambridge University Press.

    Examples
    --------
    >>> concave = Piecewise(points=[(0, 0), (10, 60), (20, 90), (30, 100)])
    >>> concave.values([0, 5, 15, 30], worst=0, best=30)
    array([  0.,  30.,  75., 100.])
    >>> risk = Piecewise(points=[(1, 100), (5, 20), (10, 0)])
    >>> risk.values([1, 3, 10], worst=10, best=1)
    array([100.,  60.,   0.])
    """

    points: tuple[Point, ...] = attrs.field(converter=_to_points, validator=_validate_points)

    def values(self, performance: npt.ArrayLike, worst: float, best: float) -> FloatArray:
        """Interpolated values from 0 (at ``worst``) to 100 (at ``best``).

        Raises
        ------
        InvalidScoreError
            A performance is not a finite number or lies outside the anchors.
        InvalidParameterError
            The anchors are not finite or are equal, or the points do not fit them: the
            lowest and highest raw levels are not the anchors, the values rise towards
            the wrong anchor, or the value at ``worst`` is not 0 or at ``best`` not 100.
        """
        worst, best = _check_anchors("Piecewise", worst, best)
        raw = np.array([point[0] for point in self.points], dtype=np.float64)
        value = np.array([point[1] for point in self.points], dtype=np.float64)
        self._check_fit(raw, value, worst, best)
        # The end points carry exactly 0 and 100, and sit exactly on the anchors.
        low, high = min(worst, best), max(worst, best)
        raw[0], raw[-1] = low, high
        if best > worst:
            value[0], value[-1] = 0.0, 100.0
        else:
            value[0], value[-1] = 100.0, 0.0
        x = _on_scale("Piecewise", performance, worst, best)
        return _finish(np.interp(x, raw, value))

    def _check_fit(self, raw: FloatArray, value: FloatArray, worst: float, best: float) -> None:
        scale = f"the scale from worst {_number(worst)} to best {_number(best)}"
        tolerance = _ANCHOR_TOLERANCE * max(abs(worst), abs(best))
        low, high = min(worst, best), max(worst, best)
        if abs(raw[0] - low) > tolerance or abs(raw[-1] - high) > tolerance:
            raise InvalidParameterError(
                f"Piecewise: the points must run from {_number(low)} to {_number(high)}, the "
                f"ends of {scale}; got points from raw performance {_number(raw[0])} to "
                f"{_number(raw[-1])}. Make the lowest and highest points the scale's two "
                "anchors."
            )
        rises_with_raw = value[-1] > value[0]
        if rises_with_raw != (best > worst):
            points_say = "higher" if rises_with_raw else "lower"
            scale_says = "higher" if best > worst else "lower"
            raise InvalidParameterError(
                f"Piecewise: the points must give more value to {scale_says} performance, as "
                f"{scale} does; got points that give more value to {points_say} performance. "
                "Reverse the points' values or swap the anchors."
            )
        at_worst, at_best = (value[0], value[-1]) if best > worst else (value[-1], value[0])
        if abs(at_worst) > _VALUE_TOLERANCE or abs(at_best - 100.0) > _VALUE_TOLERANCE:
            raise InvalidParameterError(
                f"Piecewise: the points must give 0 at worst and 100 at best on {scale}; got "
                f"{_number(at_worst)} at worst and {_number(at_best)} at best. Rescale the "
                "values so that the anchors get 0 and 100."
            )


# -- exponential ----------------------------------------------------------------------


def _to_rho(value: object) -> float | object:
    return to_float(value)


def _validate_rho(instance: Exponential, attribute: attrs.Attribute[float], value: object) -> None:
    expected = "a finite number other than 0, in the criterion's units"
    if not isinstance(value, float):
        raise refuse("Exponential", "rho", value, expected, fix="Such as Exponential(rho=25).")
    if value == 0 or not math.isfinite(value):
        raise refuse(
            "Exponential",
            "rho",
            value,
            expected,
            fix="A positive rho bends the curve upwards (diminishing returns), a negative "
            "one downwards; for a straight line (an infinite rho) use Linear().",
        )


def _exponential_share(progress: FloatArray, span: float, rho: float) -> FloatArray:
    """Kirkwood's curve as a share from 0 to 1 of the way from worst to best.

    With ``a = progress / rho`` and ``s = span / rho`` the share is
    ``expm1(-a) / expm1(-s)``. For negative ``rho`` that form overflows when ``|s|``
    is large; multiplying above and below by ``exp(-|s|)`` gives the equivalent
    ``exp(-(span - progress) / |rho|) * expm1(-progress / |rho|) / expm1(-span / |rho|)``,
    whose exponentials all have arguments at or below 0.
    """
    size = abs(rho)
    if span / size < 2.0**-53:
        # The curve is a straight line to within rounding (and expm1 would underflow).
        return progress / span
    # For a bend far sharper than the scale, progress / size may overflow to infinity;
    # expm1(-inf) = -1 and exp(-inf) = 0 are then the right limits.
    with np.errstate(over="ignore"):
        ratio = np.expm1(-progress / size) / math.expm1(-span / size)
        if rho > 0:
            return np.asarray(ratio, dtype=np.float64)
        return np.asarray(np.exp(-(span - progress) / size) * ratio, dtype=np.float64)


def _solve_share(z: float) -> float:
    """The ``k > 0`` with ``expm1(-z k) / expm1(-k) == 1/2``, for ``0 < z < 1/2``.

    The share is 1/2 - z below 0 at ``k -> 0`` and at least ``1 - exp(-z k)`` for every
    ``k``, so ``k = ln 2 / z`` brackets the root from above. Bisection to full precision.
    """
    low, high = 0.0, math.log(2.0) / z
    for _ in range(4000):
        middle = 0.5 * (low + high)
        if middle in (low, high):
            break
        if math.expm1(-z * middle) / math.expm1(-middle) < 0.5:
            low = middle
        else:
            high = middle
    return 0.5 * (low + high)


@attrs.frozen(kw_only=True)
class Exponential:
    r"""Kirkwood's exponential value function: a smooth curve with one parameter, rho.

    For a benefit (value rises with performance) on the scale from *low* = ``worst``
    to *high* = ``best`` (Kirkwood 1997, chapter 4, "monotonically increasing"):

    .. math::

        v(x) = 100 \, \frac{1 - e^{-(x - \text{low}) / \rho}}
                           {1 - e^{-(\text{high} - \text{low}) / \rho}}

    and for a risk (value falls as performance rises; *high* = ``worst``, *low* =
    ``best``, "monotonically decreasing"):

    .. math::

        v(x) = 100 \, \frac{1 - e^{-(\text{high} - x) / \rho}}
                           {1 - e^{-(\text{high} - \text{low}) / \rho}}

    The sign convention is Kirkwood's, and it is the same for benefits and risks: rho
    is in the criterion's units, and

    - ``rho > 0``: the curve lies above the straight line (it is concave in *x*). The
      first steps away from the worst level are worth the most: diminishing returns
      as performance improves. The smaller ``rho`` is against the width of the scale,
      the stronger the bend.
    - ``rho < 0``: the curve lies below the straight line (convex): little value until
      performance comes close to the best level.
    - as ``|rho|`` grows the curve tends to :class:`Linear`, which is Kirkwood's
      ``rho = infinity``. Use :class:`Linear` for that case; ``rho`` here must be finite.

    Changing the sign of ``rho`` mirrors the curve: :math:`v_{-\rho}(x) = 100 -
    v_{\rho}(x')`, where *x'* is *x* reflected about the middle of the scale. The values
    are computed with ``expm1`` and in a form whose exponentials cannot overflow, so they
    stay accurate for a nearly straight curve and for a very sharp bend alike.

    Parameters
    ----------
    rho : float
        Kirkwood's exponential constant, in the criterion's units; finite and not 0.
        :meth:`from_midvalue` finds it from the level an analyst values at 50.

    Raises
    ------
    InvalidParameterError
        ``rho`` is not a number, is 0, infinite or NaN.

    References
    ----------
    Kirkwood, C. W. (1997). Strategic Decision Making: Multiobjective Decision Analysis
    with Spreadsheets. Duxbury Press, Belmont, chapter 4 (exponential single dimensional
    value functions and their midvalues).

    Examples
    --------
    >>> concave = Exponential(rho=5)
    >>> concave.values([0, 2.5, 5, 7.5, 10], worst=0, best=10).round(2)
    array([  0.  ,  45.51,  73.11,  89.85, 100.  ])
    >>> Exponential(rho=-5).values([0, 2.5, 5, 7.5, 10], worst=0, best=10).round(2)
    array([  0.  ,  10.15,  26.89,  54.49, 100.  ])
    >>> concave.values([10, 5, 0], worst=10, best=0).round(2)  # a risk
    array([  0.  ,  73.11, 100.  ])
    """

    rho: float = attrs.field(converter=_to_rho, validator=_validate_rho)

    @classmethod
    def from_midvalue(cls, midvalue: float, *, worst: float, best: float) -> Exponential:
        r"""The exponential value function that gives ``midvalue`` a value of 50.

        The midvalue is the level of performance the analyst judges halfway in value
        between worst and best: moving from worst to the midvalue is worth as much as
        moving from the midvalue to best (Kirkwood 1997, chapter 4). With the midvalue a
        share :math:`z` of the way from worst to best, rho solves

        .. math::

            \frac{1 - e^{-z s}}{1 - e^{-s}} = \frac{1}{2}, \qquad
            \rho = \frac{|\text{best} - \text{worst}|}{s},

        found by bisection to full floating-point precision. A midvalue nearer to worst
        than halfway gives ``rho > 0`` (diminishing returns); nearer to best gives
        ``rho < 0``.

        Parameters
        ----------
        midvalue : float
            The level worth 50, strictly between the anchors and not exactly halfway.
        worst, best : float
            The scale's anchors, worth 0 and 100.

        Raises
        ------
        InvalidParameterError
            The anchors are not finite or are equal; the midvalue is not a finite number
            strictly between them; or the midvalue is exactly halfway, in which case the
            value function is the straight line: use :class:`Linear` instead.

        Examples
        --------
        >>> f = Exponential.from_midvalue(3, worst=0, best=10)
        >>> round(f.rho, 4)
        5.5522
        >>> f.values([3], worst=0, best=10).round(10)
        array([50.])
        >>> round(Exponential.from_midvalue(7, worst=0, best=10).rho, 4)
        -5.5522
        >>> round(Exponential.from_midvalue(7, worst=10, best=0).rho, 4)  # a risk
        5.5522
        """
        owner = "Exponential.from_midvalue"
        worst, best = _check_anchors(owner, worst, best)
        check(owner, "midvalue", midvalue, Interval(), fix="Give it in the criterion's units.")
        midvalue = float(midvalue)
        low, high = min(worst, best), max(worst, best)
        between = f"worst {_number(worst)} and best {_number(best)}"
        if not (low < midvalue < high):
            raise refuse(
                owner,
                "midvalue",
                midvalue,
                f"strictly between {between}",
                fix="It is the level worth 50, halfway in value between them.",
            )
        share = (midvalue - worst) / (best - worst)
        if share == 0.5:
            raise refuse(
                owner,
                "midvalue",
                midvalue,
                f"a level other than halfway between {between}",
                fix="Halfway, equal steps are worth equal value: use Linear() instead of "
                "Exponential.",
            )
        span = high - low
        curvature = _solve_share(min(share, 1.0 - share))
        rho = span / curvature
        if not math.isfinite(rho):
            raise refuse(
                owner,
                "midvalue",
                midvalue,
                f"far enough from halfway between {between} to bend the curve",
                fix="So close to halfway the curve is a straight line: use Linear() "
                "instead of Exponential.",
            )
        return cls(rho=rho if share < 0.5 else -rho)

    def values(self, performance: npt.ArrayLike, worst: float, best: float) -> FloatArray:
        """Values from 0 (at ``worst``) to 100 (at ``best``) on Kirkwood's curve.

        Raises
        ------
        InvalidScoreError
            A performance is not a finite number or lies outside the anchors.
        InvalidParameterError
            The anchors are not finite or are equal.
        """
        worst, best = _check_anchors("Exponential", worst, best)
        progress, span = _progress(_on_scale("Exponential", performance, worst, best), worst, best)
        return _finish(100.0 * _exponential_share(progress, span, self.rho))


registry: Registry[ValueFunction] = registries.value_functions
"""The value functions by the shape a study file names (``value_function = {shape = ...}``).

Examples
--------
>>> registry.get("piecewise") is Piecewise
True
>>> registry.create("linear")
Linear()
"""

registry.add("linear", Linear)
registry.add("piecewise", Piecewise)
registry.add("exponential", Exponential)
