"""The private exact linear-programming solver behind the Best-Worst Method."""

from fractions import Fraction

import numpy as np
import pytest

from powerbalance import _linprog
from powerbalance._linprog import linprog

F = Fraction


@pytest.fixture(params=[False, True], ids=["certified", "exact"])
def exact(request):
    return request.param


def test_wyndor_glass_hillier_lieberman(exact):
    # Hillier, F. S. and Lieberman, G. J., Introduction to Operations Research (the
    # Wyndor Glass Co. example): max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18;
    # optimum (2, 6) with value 36.
    result = linprog([-3, -5], a_ub=[[1, 0], [0, 2], [3, 2]], b_ub=[4, 12, 18], exact=exact)
    assert result.status == "optimal"
    assert result.x == (F(2), F(6))
    assert result.objective == F(-36)


def test_beale_1955_cycling_example_terminates_with_blands_rule(exact):
    # Beale, E. M. L. (1955). Cycling in the dual simplex algorithm. Naval Research
    # Logistics Quarterly 2(4), 269-275: the textbook LP on which Dantzig's largest-
    # coefficient rule cycles at a degenerate vertex. Its optimum is -5/4 at
    # x = (1, 0, 1, 0).
    c = [F(-3, 4), 20, F(-1, 2), 6]
    a_ub = [[F(1, 4), -8, -1, 9], [F(1, 2), -12, F(-1, 2), 3], [0, 0, 1, 0]]
    result = linprog(c, a_ub=a_ub, b_ub=[0, 0, 1], exact=exact)
    assert result.status == "optimal"
    assert result.objective == F(-5, 4)
    assert result.x == (F(1), F(0), F(1), F(0))


@pytest.mark.parametrize("n", [2, 3, 5])
def test_klee_minty_cube(n, exact):
    # Klee, V. and Minty, G. J. (1972): max sum_j 2^(n-j) x_j subject to
    # 2 sum_{j<i} 2^(i-j) x_j + x_i <= 5^i; the optimum is 5^n at (0, ..., 0, 5^n).
    c = [-(2 ** (n - j)) for j in range(1, n + 1)]
    a_ub = [
        [2 * 2 ** (i - j) if j < i else (1 if j == i else 0) for j in range(1, n + 1)]
        for i in range(1, n + 1)
    ]
    b_ub = [5**i for i in range(1, n + 1)]
    result = linprog(c, a_ub=a_ub, b_ub=b_ub, exact=exact)
    assert result.objective == -(5**n)
    assert result.x == (0,) * (n - 1) + (5**n,)


def test_degenerate_vertex_with_three_tight_constraints(exact):
    # min -x - y s.t. x <= 1, y <= 1, x + y <= 2: the optimum (1, 1) makes all three tight.
    result = linprog([-1, -1], a_ub=[[1, 0], [0, 1], [1, 1]], b_ub=[1, 1, 2], exact=exact)
    assert result.x == (1, 1)
    assert result.objective == -2


def test_degenerate_start_at_the_origin(exact):
    # x <= y <= 2x both pass through the starting vertex 0; with x + y <= 4 the
    # optimum of max x + 2y is (4/3, 8/3).
    a_ub = [[1, -1], [-2, 1], [1, 1]]
    result = linprog([-1, -2], a_ub=a_ub, b_ub=[0, 0, 4], exact=exact)
    assert result.x == (F(4, 3), F(8, 3))
    assert result.objective == F(-20, 3)


def test_infeasible(exact):
    assert linprog([1], a_ub=[[1], [-1]], b_ub=[1, -2], exact=exact).status == "infeasible"
    result = linprog([1, 1], a_eq=[[1, 1], [1, 1]], b_eq=[1, 2], exact=exact)
    assert result.status == "infeasible"
    assert result.x == ()
    assert result.objective is None


def test_unbounded(exact):
    assert linprog([-1, 0], a_ub=[[1, -1]], b_ub=[1], exact=exact).status == "unbounded"
    assert linprog([-1], exact=exact).status == "unbounded"


def test_no_constraints(exact):
    assert linprog([1, 2], exact=exact).x == (0, 0)


def test_redundant_equalities_are_dropped(exact):
    result = linprog([1, -1], a_eq=[[1, 1], [2, 2], [3, 3]], b_eq=[1, 2, 3], exact=exact)
    assert result.x == (0, 1)
    assert result.objective == -1


def test_negative_right_hand_sides_need_phase_one(exact):
    # x + y >= 2 written as -x - y <= -2, with x <= 3 and y >= 1/2.
    a_ub = [[-1, -1], [1, 0], [0, -1]]
    result = linprog([1, 3], a_ub=a_ub, b_ub=[-2, 3, F(-1, 2)], exact=exact)
    assert result.x == (F(3, 2), F(1, 2))
    assert result.objective == 3


def test_mixed_equalities_and_inequalities(exact):
    # min x1 + 2 x2 + 3 x3 s.t. x1 + x2 + x3 = 1, x1 - x2 <= 0: optimum x1 = x2 = 1/2.
    result = linprog(
        [1, 2, 3], a_ub=[[1, -1, 0]], b_ub=[0], a_eq=[[1, 1, 1]], b_eq=[1], exact=exact
    )
    assert result.x == (F(1, 2), F(1, 2), 0)
    assert result.objective == F(3, 2)


def test_floats_are_read_exactly():
    # 0.1 is the binary number nearest 0.1, not 1/10.
    result = linprog([-1], a_ub=[[1]], b_ub=[0.1])
    assert result.x == (Fraction(0.1),)
    assert result.x != (F(1, 10),)


def _random_problem(rng, n, n_ub, n_eq):
    # Feasible by construction (x0 satisfies everything) and bounded (sum x <= 50).
    x0 = rng.integers(0, 4, n)
    a_ub = rng.integers(-5, 6, (n_ub, n))
    b_ub = a_ub @ x0 + rng.integers(0, 3, n_ub)
    a_ub = np.vstack([a_ub, np.ones(n, dtype=np.int64)])
    b_ub = np.append(b_ub, 50)
    a_eq = rng.integers(-3, 4, (n_eq, n))
    b_eq = a_eq @ x0
    c = rng.integers(-5, 6, n)
    as_lists = [m.tolist() for m in (c, a_ub, b_ub, a_eq, b_eq)]
    return tuple(as_lists)


def _check_feasible(problem, x):
    _, a_ub, b_ub, a_eq, b_eq = problem
    assert all(v >= 0 for v in x)
    for row, rhs in zip(a_ub, b_ub, strict=True):
        assert sum(F(a) * v for a, v in zip(row, x, strict=True)) <= rhs
    for row, rhs in zip(a_eq, b_eq, strict=True):
        assert sum(F(a) * v for a, v in zip(row, x, strict=True)) == rhs


@pytest.mark.parametrize("seed", range(25))
def test_certified_and_exact_runs_agree_on_random_problems(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 7))
    problem = _random_problem(rng, n, int(rng.integers(1, 7)), int(rng.integers(0, 3)))
    certified = linprog(*problem)
    exact = linprog(*problem, exact=True)
    assert certified.status == exact.status == "optimal"
    assert certified.objective == exact.objective
    _check_feasible(problem, certified.x)
    _check_feasible(problem, exact.x)


def test_a_failed_exact_finish_falls_back_to_exact_pivoting(monkeypatch):
    monkeypatch.setattr(_linprog, "_finish_exactly", lambda *args: None)
    result = linprog([-3, -5], a_ub=[[1, 0], [0, 2], [3, 2]], b_ub=[4, 12, 18])
    assert result.x == (2, 6)


def test_a_stalled_floating_point_pass_falls_back_to_exact_pivoting(monkeypatch):
    original = _linprog._simplex

    def stalling(problem, *, exact):
        if not exact:
            raise _linprog._IterationLimitError
        return original(problem, exact=exact)

    monkeypatch.setattr(_linprog, "_simplex", stalling)
    assert linprog([1, 3], a_ub=[[-1, -1]], b_ub=[-2]).x == (2, 0)


def test_the_exact_finish_certifies_an_optimal_basis():
    # min -x - y s.t. x <= 1, y <= 1; basis {x, y} (columns 0, 1) is optimal.
    problem = _linprog._build_problem([-1, -1], [[1, 0], [0, 1]], [1, 1], [], [])
    assert _linprog._finish_exactly(problem, (0, 1), (0, 1)) == (1, 1)


def test_the_exact_finish_repairs_a_suboptimal_basis_with_primal_steps():
    # Basis {x, slack of row 2}: the vertex (1, 0) is feasible but y's bound has a
    # negative multiplier, so a primal step releases it.
    problem = _linprog._build_problem([-1, -1], [[1, 0], [0, 1]], [1, 1], [], [])
    assert _linprog._finish_exactly(problem, (0, 3), (0, 1)) == (1, 1)


def test_the_exact_finish_repairs_an_infeasible_basis_with_dual_steps():
    # min x + y s.t. x + y >= 1 (as -x - y <= -1), x <= 2: the basis {both slacks}
    # has vertex (0, 0), violating the first row, but non-negative multipliers.
    problem = _linprog._build_problem([1, 1], [[-1, -1], [1, 0]], [-1, 2], [], [])
    x = _linprog._finish_exactly(problem, (2, 3), (0, 1))
    assert x is not None
    assert sum(x) == 1
    assert min(x) >= 0


def test_the_exact_finish_gives_up_when_neither_side_is_feasible():
    # Vertex (0, 0) of basis {slacks} violates x + y >= 1 and, for min -x, has a
    # negative multiplier on x's bound.
    problem = _linprog._build_problem([-1, 0], [[-1, -1], [1, 0]], [-1, 2], [], [])
    assert _linprog._finish_exactly(problem, (2, 3), (0, 1)) is None


def test_near_consistent_problems_are_finished_without_the_slow_path(monkeypatch):
    # Ratios of random floats are consistent up to rounding, so the optimum is about
    # 1e-17: below floating-point resolution, the float basis is slightly infeasible
    # and the exact finish must repair it.
    def no_exact_run(problem, *, exact):
        if exact:
            raise AssertionError("the full exact run was used")
        return original(problem, exact=exact)

    original = _linprog._simplex
    monkeypatch.setattr(_linprog, "_simplex", no_exact_run)
    rng = np.random.default_rng(3)
    w = rng.uniform(1, 9, 6)
    best, worst = int(np.argmax(w)), int(np.argmin(w))
    rows = []
    for j in range(6):
        for left, right, factor in ((best, j, w[best] / w[j]), (j, worst, w[j] / w[worst])):
            for sign in (1, -1):
                row = [0.0] * 7
                row[left] += sign
                row[right] -= sign * factor
                row[6] = -1.0
                rows.append(row)
    result = linprog([0] * 6 + [1], rows, [0] * len(rows), [[1] * 6 + [0]], [1])
    assert 0 <= result.objective < 1e-15
    np.testing.assert_allclose([float(v) for v in result.x[:6]], w / w.sum(), rtol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"c": [float("nan")]}, "finite"),
        ({"c": [True]}, "real numbers"),
        ({"c": ["1"]}, "real numbers"),
        ({"c": [1, 1], "a_ub": [[1]], "b_ub": [1]}, "2 coefficients"),
        ({"c": [1], "a_ub": [[1]], "b_ub": [1, 2]}, "right-hand side"),
    ],
)
def test_invalid_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        linprog(**kwargs)
