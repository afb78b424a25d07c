r"""Uncertain scores: a distribution for a cell of the options x criteria table.

A score is a judgement, and analysts often know it only to within a range: "6, but
anywhere from 4 to 8". An :class:`~powerbalance.Assessment` keeps its point scores
and, for any cell, a distribution of the plausible scores::

    Assessment(..., uncertainty={("Engage", "Trade gains"): Triangular(4, 6, 8)})

Reports use the point scores; :func:`powerbalance.sensitivity.smaa.smaa` draws every uncertain
cell from its distribution, jointly with the weights, and so shows how far the
ranking depends on the scores as well as on the weights.

============================  ==========================================================
distribution                  density on its support
============================  ==========================================================
``Uniform(low, high)``        flat: every score in the interval equally plausible
``Triangular(low, mode,       rises linearly from ``low`` to ``mode``, falls to
high)``                       ``high``
``PERT(low, mode, high)``     Beta on ``[low, high]`` with
                              :math:`\alpha = 1 + 4\frac{mode - low}{high - low}`,
                              :math:`\beta = 1 + 4\frac{high - mode}{high - low}`
``Normal(mean, sd, low,       normal, truncated to ``[low, high]``; the bounds default
high)``                       to the ends of the criterion's scale
============================  ==========================================================

The PERT distribution is the Beta distribution of the programme evaluation and
review technique, with the shape parameter 4 of Malcolm, Roseboom, Clark and Fazar
(1959, Operations Research 7(5), 646-669) in the form given by Vose (2008, *Risk
Analysis*, 3rd ed., Wiley, section 9.1.2): its mean is :math:`(low + 4\,mode + high)/6`.
It puts less weight on the tails than the triangular distribution with the same three
points.

Examples
--------
>>> import numpy as np
>>> d = Triangular(low=4, mode=6, high=8)
>>> draws = d.sample(np.random.default_rng(0), 100_000)
>>> bool(4 <= draws.min() and draws.max() <= 8), round(float(draws.mean()), 1)
(True, 6.0)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance import registry as registries
from powerbalance._validate import InstanceOf, Interval, check, refuse, to_float
from powerbalance.errors import InvalidParameterError
from powerbalance.registry import Registry

__all__ = [
    "PERT",
    "Distribution",
    "Normal",
    "Triangular",
    "Uniform",
    "registry",
    "sample_cells",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: A truncated normal keeps at least this share of its mass inside its bounds; with
#: less, rejection sampling would mostly reject, and the distribution is better
#: described as uniform or triangular on the bounds.
MIN_NORMAL_MASS = 1e-3


def _finite(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    check(type(instance).__name__, attribute.name, value, Interval())


def _optional_finite(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    if value is not None:
        _finite(instance, attribute, value)


def _optional_float(value: Any) -> Any:
    return None if value is None else to_float(value)


def _number(*, default: Any = attrs.NOTHING) -> Any:
    return attrs.field(default=default, converter=to_float, validator=_finite)


class Distribution:
    """What is known about one score: a distribution on an interval of the scale.

    Subclasses are frozen attrs classes with a vectorized :meth:`sample`.

    Examples
    --------
    >>> isinstance(Uniform(1, 2), Distribution)
    True
    """

    @property
    def support(self) -> tuple[float, float]:
        """The lowest and highest score the distribution can give."""
        raise NotImplementedError

    def bounded(self, scale: tuple[float, float] | None) -> Distribution:
        """The distribution as it applies on a criterion with the given scale.

        Only :class:`Normal` without bounds of its own depends on the scale: it is
        truncated to it.
        """
        return self

    def sample(self, rng: np.random.Generator, size: int) -> FloatArray:
        """``size`` independent draws, as :func:`sample_cells` makes them.

        Examples
        --------
        >>> import numpy as np
        >>> Uniform(2, 3).sample(np.random.default_rng(1), 2).round(3)
        array([2.512, 2.95 ])
        >>> draws = PERT(0, 3, 12).sample(np.random.default_rng(3), 200_000)
        >>> round(float(draws.mean()), 1)
        4.0
        >>> draws = Normal(9, 2, low=0, high=10).sample(np.random.default_rng(4), 1000)
        >>> bool(draws.max() <= 10)
        True
        """
        return sample_cells([self], rng, size)[:, 0]

    def describe(self) -> str:
        """A short description for reports, e.g. ``triangular 4 to 8 (mode 6)``."""
        raise NotImplementedError


@attrs.frozen
class Uniform(Distribution):
    """Every score from ``low`` to ``high`` equally plausible: an interval judgement.

    Examples
    --------
    >>> Uniform(low=4, high=8).describe()
    'uniform 4 to 8'
    """

    low: float = _number()
    high: float = _number()

    def __attrs_post_init__(self) -> None:
        _check_order(self, (("low", self.low), ("high", self.high)))

    @property
    def support(self) -> tuple[float, float]:
        """``(low, high)``.

        Examples
        --------
        >>> Uniform(0, 1).support
        (0.0, 1.0)
        """
        return (self.low, self.high)

    def describe(self) -> str:
        """``uniform low to high``."""
        return f"uniform {self.low:g} to {self.high:g}"


@attrs.frozen
class _ThreePoint(Distribution):
    """A distribution given by its lowest, most plausible and highest score."""

    low: float = _number()
    mode: float = _number()
    high: float = _number()

    def __attrs_post_init__(self) -> None:
        _check_order(self, (("low", self.low), ("mode", self.mode), ("high", self.high)))

    @property
    def support(self) -> tuple[float, float]:
        """``(low, high)``.

        Examples
        --------
        >>> Triangular(0, 1, 3).support
        (0.0, 3.0)
        """
        return (self.low, self.high)


@attrs.frozen
class Triangular(_ThreePoint):
    """Scores from ``low`` to ``high``, ``mode`` the most plausible.

    Examples
    --------
    >>> Triangular(low=4, mode=6, high=8).describe()
    'triangular 4 to 8 (mode 6)'
    """

    def describe(self) -> str:
        """``triangular low to high (mode m)``."""
        return f"triangular {self.low:g} to {self.high:g} (mode {self.mode:g})"


@attrs.frozen
class PERT(_ThreePoint):
    """The PERT (Beta) distribution through ``low``, ``mode`` and ``high``.

    Parameters
    ----------
    low, mode, high : float
        The lowest, most plausible and highest score.

    Examples
    --------
    >>> d = PERT(low=0, mode=3, high=12)
    >>> d.mean
    4.0
    """

    @property
    def mean(self) -> float:
        """The mean, (low + 4 mode + high) / 6."""
        return (self.low + 4.0 * self.mode + self.high) / 6.0

    def describe(self) -> str:
        """``PERT low to high (mode m)``."""
        return f"PERT {self.low:g} to {self.high:g} (mode {self.mode:g})"


@attrs.frozen
class Normal(Distribution):
    """A normal distribution of scores, truncated to ``[low, high]``.

    Parameters
    ----------
    mean, sd : float
        Of the normal before truncation; ``sd`` positive.
    low, high : float, optional
        Where it is cut off. Left out, they are the ends of the criterion's scale (on
        a criterion without a scale, the distribution is not truncated there).

    Raises
    ------
    InvalidParameterError
        ``sd`` is not positive, ``low`` is not below ``high``, or less than 0.1% of
        the normal lies between them.

    Examples
    --------
    >>> Normal(mean=6, sd=1, low=0, high=10).describe()
    'normal mean 6, sd 1, 0 to 10'
    """

    mean: float = _number()
    sd: float = _number()
    low: float | None = attrs.field(
        default=None, converter=_optional_float, validator=_optional_finite
    )
    high: float | None = attrs.field(
        default=None, converter=_optional_float, validator=_optional_finite
    )

    def __attrs_post_init__(self) -> None:
        check(
            "Normal",
            "sd",
            self.sd,
            Interval(0, None, closed="neither"),
            fix="For a score known exactly, leave the cell without a distribution.",
        )
        low, high = self.support
        if low >= high:
            raise refuse(
                "Normal",
                "high",
                high,
                f"above low ({low:g})",
                fix="Give the bounds in the order low, high.",
            )
        if self._mass() < MIN_NORMAL_MASS:
            raise refuse(
                "Normal",
                "mean",
                self.mean,
                f"a number that leaves at least {MIN_NORMAL_MASS:.1%} of the normal between "
                f"{low:g} and {high:g}",
                fix=f"Only {self._mass():.2g} of a normal with sd {self.sd:g} lies between "
                f"them; move the mean inside the bounds, or describe the score as "
                f"Uniform({low:g}, {high:g}).",
            )

    @property
    def support(self) -> tuple[float, float]:
        """``(low, high)``, infinite where not bounded.

        Examples
        --------
        >>> Normal(0, 1).support
        (-inf, inf)
        """
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        return (low, high)

    def bounded(self, scale: tuple[float, float] | None) -> Normal:
        """Truncated to the scale's ends where it has no bounds of its own.

        Examples
        --------
        >>> Normal(5, 2).bounded((0, 10)).support
        (0.0, 10.0)
        """
        if scale is None or (self.low is not None and self.high is not None):
            return self
        return attrs.evolve(
            self,
            low=scale[0] if self.low is None else self.low,
            high=scale[1] if self.high is None else self.high,
        )

    def _mass(self) -> float:
        low, high = self.support
        root = self.sd * math.sqrt(2.0)
        return 0.5 * (math.erf((high - self.mean) / root) - math.erf((low - self.mean) / root))

    def describe(self) -> str:
        """``normal mean m, sd s[, low to high]``."""
        text = f"normal mean {self.mean:g}, sd {self.sd:g}"
        if self.low is not None or self.high is not None:
            low, high = self.support
            text += f", {low:g} to {high:g}"
        return text


def _check_order(instance: object, points: tuple[tuple[str, float], ...]) -> None:
    names = [name for name, _ in points]
    values = [value for _, value in points]
    if any(a > b for a, b in itertools.pairwise(values)) or values[0] >= values[-1]:
        given = ", ".join(f"{name}={value:g}" for name, value in points)
        raise InvalidParameterError(
            f"{type(instance).__name__}: {', '.join(names[:-1])} and {names[-1]} must be in "
            f"order, {' <= '.join(names)} with low below high; got {given}. Give the "
            f"points in the order {', '.join(names)}."
        )


def check_uncertainty(value: object) -> Mapping[tuple[str, str], Distribution]:
    """Check that every value of an uncertainty mapping is a :class:`Distribution`.

    Examples
    --------
    >>> len(check_uncertainty({("A", "X"): Uniform(0, 1)}))
    1
    """
    if not isinstance(value, Mapping):
        raise refuse(
            "Assessment",
            "uncertainty",
            value,
            "a mapping of (option, criterion) pairs to distributions",
            fix="Such as {('Engage', 'Trade gains'): Uniform(4, 8)}.",
        )
    for key, distribution in value.items():
        check(
            "Assessment",
            f"uncertainty[{key!r}]",
            distribution,
            InstanceOf(
                Distribution,
                description="a distribution from powerbalance.model.uncertainty (Uniform, "
                "Triangular, PERT or Normal)",
            ),
        )
    return value


def sample_cells(
    distributions: Sequence[Distribution], rng: np.random.Generator, size: int
) -> FloatArray:
    """Draw ``size`` values of each distribution at once: shape (size, len(distributions)).

    Distributions of one kind are drawn together in one vectorized call, kinds in a
    fixed order, so the draws depend only on the generator and the distributions.
    Give each :class:`Normal` its bounds first (:meth:`Distribution.bounded`).

    Examples
    --------
    >>> import numpy as np
    >>> cells = [Uniform(0, 1), Triangular(0, 1, 2), Uniform(5, 6)]
    >>> draws = sample_cells(cells, np.random.default_rng(0), 1_000)
    >>> draws.shape, bool((draws[:, 2] >= 5).all())
    ((1000, 3), True)
    """
    kinds = (Uniform, Triangular, PERT, Normal)
    for position, d in enumerate(distributions):
        if type(d) not in kinds:
            raise refuse(
                "sample_cells",
                f"distributions[{position}]",
                d,
                "Uniform, Triangular, PERT or Normal from powerbalance.model.uncertainty",
                fix="Only these can be drawn from; describe the score with one of them.",
            )
    out = np.empty((size, len(distributions)), dtype=np.float64)
    for kind in kinds:
        columns = [j for j, d in enumerate(distributions) if type(d) is kind]
        if not columns:
            continue
        group = [distributions[j] for j in columns]

        def field(name: str, group: list[Distribution] = group) -> FloatArray:
            return np.array([getattr(d, name) for d in group], dtype=np.float64)

        shape = (size, len(columns))
        if kind is Uniform:
            out[:, columns] = rng.uniform(field("low"), field("high"), shape)
        elif kind is Triangular:
            out[:, columns] = rng.triangular(field("low"), field("mode"), field("high"), shape)
        elif kind is PERT:
            low, mode, high = field("low"), field("mode"), field("high")
            span = high - low
            alpha = 1.0 + 4.0 * (mode - low) / span
            beta = 1.0 + 4.0 * (high - mode) / span
            out[:, columns] = low + span * rng.beta(alpha, beta, shape)
        else:
            normals = [d for d in group if isinstance(d, Normal)]
            out[:, columns] = _truncated_normals(normals, rng, shape)
    return out


def _truncated_normals(
    group: Sequence[Normal], rng: np.random.Generator, shape: tuple[int, int]
) -> FloatArray:
    """Normal draws per column, those outside a column's bounds drawn again."""
    bounds = np.array([d.support for d in group], dtype=np.float64)
    mean = np.broadcast_to(np.array([d.mean for d in group]), shape)
    sd = np.broadcast_to(np.array([d.sd for d in group]), shape)
    low = np.broadcast_to(bounds[:, 0], shape)
    high = np.broadcast_to(bounds[:, 1], shape)
    values = rng.normal(mean, sd)
    outside = np.flatnonzero((values < low) | (values > high))
    flat = values.reshape(-1)
    while outside.size:
        again = rng.normal(mean.reshape(-1)[outside], sd.reshape(-1)[outside])
        flat[outside] = again
        keep = (again < low.reshape(-1)[outside]) | (again > high.reshape(-1)[outside])
        outside = outside[keep]
    return values


registry: Registry[Distribution] = registries.distributions
"""The score distributions by the name a study file's score cell gives (``distribution``).

Examples
--------
>>> registry.get("pert") is PERT
True
>>> registry.names()
('normal', 'pert', 'triangular', 'uniform')
"""

registry.add("uniform", Uniform)
registry.add("triangular", Triangular)
registry.add("pert", PERT)
registry.add("normal", Normal)
