r"""Hit-and-run: uniform draws from a polytope of weight vectors given by linear constraints.

The region is :math:`\{w : A_{ub} w \le b_{ub},\; A_{eq} w = b_{eq}\}` (the weight
simplex and whatever is known on top of it). From a point inside, one step of
hit-and-run (Smith 1984) picks a direction uniformly at random within the region's
affine hull (a standard normal vector projected on the null space of :math:`A_{eq}`),
finds the chord through the point in that direction, and moves to a point uniform on the
chord. The chain's stationary distribution is uniform on the region.

To keep SMAA's draws independent (so that the Monte Carlo standard errors hold) and
reproducible block by block, every weight vector is the end of its own chain: all
chains of a block start at the same interior point, the centre of the largest ball
inside the region (from a linear program), and walk the same number of steps, by
default :math:`\lceil \ln(d + 1)\, d^3 / 4 \rceil` (at least 100) in *d* dimensions:
the thinning that Tervonen, van Valkenhoef, Basturk and Postmus (2013) recommend
between retained samples of one chain. The chains of a block step together, as
matrix operations on all of them at once.

References
----------
Smith, R. L. (1984). Efficient Monte Carlo procedures for generating points
uniformly distributed over bounded regions. Operations Research 32(6), 1296-1308.

Tervonen, T., van Valkenhoef, G., Basturk, N. and Postmus, D. (2013). Hit-And-Run
enables efficient weight generation for simulation-based multiple criteria decision
analysis. European Journal of Operational Research 224(3), 552-559.
"""

from __future__ import annotations

import math
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._linprog import linprog

__all__ = ["Polytope", "default_steps"]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Below this radius (in weight units) of the largest ball inside the region, the
#: region is taken to have no interior: the constraints pin the weights down.
_MIN_RADIUS = 1e-9
#: The slacks are recomputed from scratch every this many steps, so that rounding in
#: their running update cannot build up.
_REFRESH = 64


def default_steps(dimension: int) -> int:
    """Steps each chain walks: ceil(ln(d + 1) d^3 / 4), at least 100.

    Examples
    --------
    >>> default_steps(2), default_steps(12), default_steps(19)
    (100, 1109, 5137)
    """
    return max(100, math.ceil(math.log(dimension + 1) * dimension**3 / 4))


@attrs.frozen
class Polytope:
    r"""The region :math:`A_{ub} w \le b_{ub}, A_{eq} w = b_{eq}`, with a start inside it.

    Build it with :meth:`of`, which finds the start and raises if there is none.

    Examples
    --------
    >>> import numpy as np
    >>> # Two weights summing to 1, the first at most 0.25.
    >>> p = Polytope.of(a_ub=np.array([[-1.0, 0], [0, -1], [1, 0]]), b_ub=np.array([0, 0, 0.25]),
    ...                 a_eq=np.ones((1, 2)), b_eq=np.ones(1))
    >>> w = p.sample(np.random.default_rng(0), 10_000)
    >>> bool((w[:, 0] <= 0.25).all()), round(float(w[:, 0].mean()), 1)
    (True, 0.1)
    """

    a_ub: FloatArray = attrs.field(eq=False)
    b_ub: FloatArray = attrs.field(eq=False)
    projector: FloatArray = attrs.field(eq=False)
    start: FloatArray = attrs.field(eq=False)
    dimension: int
    steps: int

    @classmethod
    def of(
        cls,
        a_ub: FloatArray,
        b_ub: FloatArray,
        a_eq: FloatArray,
        b_eq: FloatArray,
        steps: int | None = None,
    ) -> Polytope | None:
        """The region with its start point, or None if it has no interior.

        Every row of ``a_ub`` must bound a variable that is also non-negative (the
        weights): the start is found by a linear program in non-negative variables.
        """
        m = a_ub.shape[1]
        # Directions within the affine hull: the null space of a_eq.
        rank = np.linalg.matrix_rank(a_eq) if len(a_eq) else 0
        projector = np.eye(m) - np.linalg.pinv(a_eq) @ a_eq if len(a_eq) else np.eye(m)
        dimension = m - int(rank)
        # The largest ball within the hull: max r with a_i w + r |P a_i| <= b_i for every
        # inequality row a_i, and a_eq w = b_eq.
        norms = np.linalg.norm(a_ub @ projector, axis=1)
        ball_ub = np.hstack([a_ub, norms[:, None]])
        ball_eq = np.hstack([a_eq, np.zeros((len(a_eq), 1))])
        cost = np.zeros(m + 1)
        cost[-1] = -1.0
        # r <= 1 keeps the program bounded when a row has no extent in the hull.
        cap = np.zeros((1, m + 1))
        cap[0, -1] = 1.0
        result = linprog(
            cost.tolist(),
            np.vstack([ball_ub, cap]).tolist(),
            [*b_ub.tolist(), 1.0],
            ball_eq.tolist(),
            b_eq.tolist(),
        )
        if result.status != "optimal" or result.x is None:
            return None
        point = np.array([float(v) for v in result.x[:m]])
        radius = float(result.x[m])
        if radius < _MIN_RADIUS or dimension == 0:
            return None
        return cls(
            a_ub=a_ub,
            b_ub=b_ub,
            projector=projector,
            start=point,
            dimension=dimension,
            steps=default_steps(dimension) if steps is None else steps,
        )

    def sample(self, rng: np.random.Generator, count: int) -> FloatArray:
        """``count`` independent draws, one chain each, all chains stepping together.

        Examples
        --------
        >>> import numpy as np
        >>> simplex = Polytope.of(-np.eye(3), np.zeros(3), np.ones((1, 3)), np.ones(1))
        >>> w = simplex.sample(np.random.default_rng(1), 20_000)
        >>> w.mean(axis=0).round(2).tolist()
        [0.33, 0.33, 0.33]
        """
        points = np.tile(self.start, (count, 1))
        # Directions are first isotropic within the hull; then, twice, shaped by the
        # spread the chains have reached (hit-and-run in coordinates where the region
        # is round, which mixes far faster in long, thin regions such as orders of
        # importance). The shape is fixed for each stretch of steps, so each stretch is
        # a hit-and-run chain of its own with the uniform distribution as its
        # stationary distribution.
        shape = self.projector
        stretches = (self.steps // 8, self.steps // 8, self.steps - 2 * (self.steps // 8))
        for number, steps in enumerate(stretches):
            points = self._walk(points, shape, steps, rng)
            if number < 2 and count > 2 * self.dimension:
                shape = self._shape(points)
        return points

    def _shape(self, points: FloatArray) -> FloatArray:
        """A square root of the chains' covariance within the hull, kept well-conditioned."""
        covariance = self.projector @ np.cov(points, rowvar=False) @ self.projector
        values, vectors = np.linalg.eigh(covariance)
        scale = values.max()
        if not np.isfinite(scale) or scale <= 0:
            return self.projector
        # Directions the chains have barely explored still get a share, and directions
        # outside the hull (eigenvalue 0) none.
        inside = np.abs(vectors.T @ self.projector @ vectors).diagonal() > 0.5
        roots = np.where(inside, np.sqrt(np.maximum(values, 1e-6 * scale)), 0.0)
        return np.asarray((vectors * roots) @ vectors.T, dtype=np.float64)

    def _walk(
        self, points: FloatArray, shape: FloatArray, steps: int, rng: np.random.Generator
    ) -> FloatArray:
        count = len(points)
        slack = self.b_ub - points @ self.a_ub.T
        for step in range(steps):
            directions = rng.standard_normal(points.shape) @ shape
            rates = directions @ self.a_ub.T
            with np.errstate(divide="ignore", invalid="ignore"):
                limits = slack / rates
            # Moving by t along a direction uses up t * rate of each slack: rows with a
            # positive rate cap t from above, rows with a negative rate from below.
            upper = np.where(rates > 0, limits, np.inf).min(axis=1)
            lower = np.where(rates < 0, limits, -np.inf).max(axis=1)
            upper = np.maximum(upper, 0.0)
            lower = np.minimum(lower, 0.0)
            t = lower + (upper - lower) * rng.random(count)
            points += t[:, None] * directions
            if (step + 1) % _REFRESH == 0:
                slack = self.b_ub - points @ self.a_ub.T
            else:
                slack -= t[:, None] * rates
            np.maximum(slack, 0.0, out=slack)
        return points
