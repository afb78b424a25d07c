r"""Objective weights: weights read from the scores themselves, not from the analyst.

A criterion on which the options differ a lot can separate them, so it gets more
weight; a criterion on which they all score alike gets less. Four schemes measure
"differ a lot" in four ways:

================  ==============================================  =========================
scheme            information in criterion *j*                    source
================  ==============================================  =========================
:class:`Entropy`  :math:`1 - E_j`, one minus the Shannon entropy  Zeleny (1982); Hwang and
                  of the column's shares                          Yoon (1981)
:class:`CRITIC`   :math:`\sigma_j \sum_k (1 - r_{jk})`: spread    Diakoulaki, Mavrotas and
                  times conflict with the other criteria          Papayannakis (1995)
:class:`StdDev`   :math:`\sigma_j`, the standard deviation        Diakoulaki et al. (1995);
                                                                  Jahan and Edwards (2013)
:class:`MEREC`    :math:`E_j`, how much the options' overall      Keshavarz-Ghorabaee
                  performance changes when *j* is removed         et al. (2021)
================  ==============================================  =========================

Each weight is the criterion's information divided by the total, so the weights are
non-negative and sum to 1.

**Variants.** The literature disagrees on details that change the numbers. Each such
choice is a keyword parameter whose value shows in the scheme's ``repr``, so the variant
that produced a set of weights is on record: ``Entropy(normalization='minmax')``. The
parameters and their defaults are documented on each class.

**Population or sample standard deviation.** :class:`StdDev` and :class:`CRITIC` use the
population standard deviation, :math:`\sigma_j = \sqrt{\tfrac1n \sum_i (v_{ij} -
\bar v_j)^2}`. The weights do not depend on this choice: the sample standard deviation
(divisor :math:`n - 1`) is larger by :math:`\sqrt{n / (n - 1)}` for every criterion
alike, and that common factor cancels when the weights are rescaled to sum to 1. (A
paper's intermediate :math:`\sigma_j` or :math:`C_j` may differ from ours by that factor;
its weights do not.)

**Criteria without spread.** A criterion on which every option scores the same carries
no information about the options and gets weight 0 under every scheme here, without
any 0/0. Under :class:`Entropy`, :class:`CRITIC` and :class:`StdDev` the other criteria
keep exactly the weights they would have without it; under :class:`MEREC` they do not
quite, because its formula divides by the number of criteria. If no criterion carries
information (every criterion is constant, for instance with a single option), the data
give no reason to prefer any criterion and every scheme returns equal weights. If some
criteria vary but the formula still gives each of them 0 (CRITIC when the varying
criteria are all perfectly correlated, :math:`r = 1`, e.g. with two options where one
is better on everything), the varying criteria share the weight equally, the constant
ones get 0, and a :class:`~powerbalance.errors.DegenerateCriterionWarning` says so.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> for scheme in (Entropy(), CRITIC(), StdDev(), MEREC()):
...     w = scheme.weigh(a)
...     top = max(w, key=w.get)
...     print(f"{type(scheme).__name__:8} {top}: {w[top]:.3f}")
Entropy  Joint emissions reduction: 0.125
CRITIC   Technology leakage: 0.118
StdDev   Joint emissions reduction: 0.096
MEREC    Conflicts de-escalated: 0.113
"""

from __future__ import annotations

import warnings
from typing import TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from powerbalance._validate import Boolean, check, quoted_list
from powerbalance.errors import (
    DegenerateCriterionWarning,
    NormalizationError,
)
from powerbalance.model import Assessment
from powerbalance.model._rescored import as_benefits
from powerbalance.model.normalize import (
    Normalization,
    check_normalization,
    normalization_field,
    normalize,
)
from powerbalance.model.weights import Weights
from powerbalance.weighting._base import registry
from powerbalance.weighting._inputs import file_input

__all__ = ["CRITIC", "MEREC", "Entropy", "StdDev"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

#: Below this, ``1 - r`` between two criteria is rounding, not conflict.
_CORRELATION_TOLERANCE = 1e-12


# -- shared helpers -------------------------------------------------------------------------


def _varies(assessment: Assessment) -> BoolArray:
    """Which criteria separate at least two options (by their raw scores)."""
    low, high = assessment.observed_range
    return np.asarray(high > low, dtype=np.bool_)


def _weights_from_information(
    scheme: str, assessment: Assessment, information: FloatArray, varies: BoolArray
) -> Weights:
    """Rescale per-criterion information to weights; equal weights when there is none.

    See the module documentation for what happens when no criterion carries
    information.
    """
    information = np.where(varies, np.clip(information, 0.0, None), 0.0)
    total = float(information.sum())
    if total > 0.0 and np.isfinite(total):
        return Weights(assessment.criterion_names, information / total)
    if varies.any():
        pool = varies.astype(np.float64)
        if assessment.n_criteria > 1:
            varying = [c.name for c, v in zip(assessment.criteria, varies, strict=True) if v]
            warnings.warn(
                f"{scheme}: the scores give no criterion any information to weigh by "
                f"(the criteria that vary, {quoted_list(varying)}, are perfectly "
                f"correlated), so they share the weight equally and constant criteria "
                f"get 0. Choose the weights with a subjective scheme instead.",
                DegenerateCriterionWarning,
                stacklevel=3,
            )
    else:
        pool = np.ones(assessment.n_criteria)
    return Weights(assessment.criterion_names, pool / pool.sum())


def _check_non_negative(
    scheme: str, assessment: Assessment, values: FloatArray, variant: str, requirement: str
) -> None:
    """Raise a NormalizationError naming the first option and criterion with a negative value."""
    if values.min() >= 0:
        return
    row, column = (int(i) for i in np.argwhere(values < 0)[0])
    criterion = assessment.criteria[column]
    raise NormalizationError(
        f"{scheme}({variant}) needs {requirement}, but option "
        f"{assessment.options[row].name!r} scores {assessment.scores[row, column]:g} on "
        f"{criterion.kind} criterion {criterion.name!r}. Use {scheme}(normalization='minmax'), "
        f"which is defined for any scores, or shift the criterion's scale so that it starts "
        f"at zero or above."
    )


def _population_std(values: FloatArray) -> FloatArray:
    """Column standard deviations with divisor n (see the module documentation)."""
    return np.asarray(values.std(axis=0, ddof=0), dtype=np.float64)


def _validate_normalization_or_none(
    instance: object, attribute: attrs.Attribute[Normalization | None], value: object
) -> None:
    if value is not None:
        check_normalization(value)


def _validate_bool(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    check(type(instance).__name__, attribute.name, value, Boolean())


# -- entropy --------------------------------------------------------------------------------


def _entropy_information(values: FloatArray, varies: BoolArray) -> FloatArray:
    """Degree of diversification :math:`1 - E_j` of each column of non-negative values."""
    n = values.shape[0]
    information = np.zeros(values.shape[1])
    if n < 2 or not varies.any():
        return information
    columns = values if varies.all() else values[:, varies]
    shares = columns / columns.sum(axis=0)
    # 0 ln 0 = 0, the limit of p ln p as p -> 0: the log is left at 0 there.
    logs = np.log(shares, out=np.zeros_like(shares), where=shares > 0)
    entropy = -np.einsum("ij,ij->j", shares, logs) / np.log(n)
    information[varies] = 1.0 - entropy
    return information


@registry.register("entropy")
@attrs.frozen
class Entropy:
    r"""Entropy weights: more weight where the options' shares of a criterion are unequal.

    Each column of values :math:`v_{ij}` (option *i*, criterion *j*; see
    ``normalization``) is turned into shares, whose Shannon entropy, scaled to run from
    0 to 1, measures how evenly the criterion spreads over the options:

    .. math::

        p_{ij} = \frac{v_{ij}}{\sum_{i=1}^{n} v_{ij}}, \qquad
        E_j = -\frac{1}{\ln n} \sum_{i=1}^{n} p_{ij} \ln p_{ij}, \qquad
        w_j = \frac{1 - E_j}{\sum_{k=1}^{m} (1 - E_k)}

    with :math:`0 \ln 0 = 0` (the limit of :math:`p \ln p`). A criterion on which every
    option has the same share has :math:`E_j = 1` and weight 0; one on which a single
    option has everything has :math:`E_j = 0` and the most weight.

    Parameters
    ----------
    normalization : {"minmax", "max", "vector", "sum", "linear"} or None, default "minmax"
        The values whose shares are taken.

        - A name: the direction-aware normalized scores of
          :func:`powerbalance.model.normalize.normalize`, so that a larger share is better on
          every criterion. ``"minmax"`` (the default) measures each option from the
          worst end of the criterion's declared scale, or from the worst option when
          there is no scale. It is the default because it is defined for any scores
          (negative ones included) and, on a scale that starts at 0, a benefit's shares
          are exactly the classic shares :math:`x_{ij} / \sum_i x_{ij}` while a risk's
          are the shares of its distance from the worst end of the scale. Without a
          declared scale the worst option's share is 0. The ratio normalizations
          (``"sum"``, ``"linear"``, ``"max"``, ``"vector"``) all give a benefit the
          classic shares, since shares do not change when a column is multiplied by a
          constant; they differ in how they turn a risk around.
        - ``None``: the raw scores, whatever the criterion's kind. This is the original
          entropy weighting (Zeleny 1982; Hwang and Yoon 1981), and the one much
          software computes (pymcdm's ``entropy_weights``, for instance); use it to
          reproduce published numbers. Entropy measures how unequal a column is, not
          which end is better, so no risk is turned around. It needs non-negative
          scores on a ratio scale (where 0 means none of the quantity); zeros are
          allowed, by the :math:`0 \ln 0 = 0` convention.

    Raises
    ------
    InvalidParameterError
        ``normalization`` is not one of the names above or None.
    NormalizationError
        Raised by :meth:`weigh`: a value whose share is taken is negative (a negative
        score with ``normalization=None`` or ``"vector"``), naming the option and
        criterion; or the chosen normalization is undefined for a criterion (e.g.
        ``"sum"`` on a risk scored 0).

    See Also
    --------
    CRITIC, StdDev, MEREC

    References
    ----------
    Hwang, C.-L. and Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
    Applications*. Lecture Notes in Economics and Mathematical Systems 186. Springer.

    Zeleny, M. (1982). *Multiple Criteria Decision Making*. McGraw-Hill.

    Shannon, C. E. (1948). A mathematical theory of communication. Bell System Technical
    Journal 27(3), 379-423.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     options=["A", "B", "C"],
    ...     criteria=[pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10)),
    ...               pb.Criterion("Harm", area="Security", kind="risk", scale=(0, 10)),
    ...               pb.Criterion("Flat", area="Security", kind="benefit", scale=(0, 10))],
    ...     scores=[[1, 5, 3], [2, 6, 3], [9, 5, 3]],
    ... )
    >>> Entropy().weigh(a)
    Weights({'Gain': 0.9863, 'Harm': 0.0137, 'Flat': 0})
    >>> Entropy(normalization=None).weigh(a)
    Weights({'Gain': 0.9899, 'Harm': 0.01006, 'Flat': 0})
    """

    normalization: Normalization | None = attrs.field(
        default="minmax",
        kw_only=True,
        validator=_validate_normalization_or_none,
        metadata=file_input("normalization"),
    )

    def weigh(self, assessment: Assessment) -> Weights:
        """Entropy weights for the criteria of ``assessment``."""
        if self.normalization is None:
            values = np.array(assessment.scores, dtype=np.float64)
            variant = "normalization=None"
            requirement = "non-negative scores, since it takes shares of the raw scores"
        else:
            values = normalize(assessment, self.normalization)
            variant = f"normalization={self.normalization!r}"
            requirement = "non-negative normalized values to take shares of"
        _check_non_negative("Entropy", assessment, values, variant, requirement)
        varies = _varies(assessment)
        information = _entropy_information(values, varies)
        return _weights_from_information("Entropy", assessment, information, varies)


# -- CRITIC ---------------------------------------------------------------------------------


def _critic_information(values: FloatArray, varies: BoolArray) -> FloatArray:
    r"""CRITIC's :math:`C_j = \sigma_j \sum_k (1 - r_{jk})` over the varying columns."""
    information = np.zeros(values.shape[1])
    if not varies.any():
        return information
    columns = values if varies.all() else values[:, varies]
    centred = columns - columns.mean(axis=0)
    norms = np.sqrt(np.einsum("ij,ij->j", centred, centred))
    # Pearson correlations from the centred columns' inner products; the population
    # standard deviation is the centred norm over sqrt(n).
    correlation = np.clip((centred.T @ centred) / np.outer(norms, norms), -1.0, 1.0)
    conflict = 1.0 - correlation
    conflict[conflict < _CORRELATION_TOLERANCE] = 0.0
    information[varies] = norms / np.sqrt(columns.shape[0]) * conflict.sum(axis=0)
    return information


@registry.register("critic")
@attrs.frozen
class CRITIC:
    r"""CRITIC weights: spread of each criterion times its conflict with the others.

    CRITIC (CRiteria Importance Through Intercriteria Correlation; Diakoulaki, Mavrotas
    and Papayannakis 1995) rewards a criterion for separating the options (its standard
    deviation) and for telling something the other criteria do not (low or negative
    correlation with them). On the normalized values :math:`v_{ij}`:

    .. math::

        \sigma_j = \sqrt{\frac{1}{n} \sum_{i=1}^{n} (v_{ij} - \bar v_j)^2}, \qquad
        C_j = \sigma_j \sum_{k=1}^{m} (1 - r_{jk}), \qquad
        w_j = \frac{C_j}{\sum_{k=1}^{m} C_k}

    where :math:`r_{jk}` is the Pearson correlation of criteria *j* and *k* over the
    options. The population standard deviation is used; the sample one gives the same
    weights (see the module documentation). A criterion without spread has
    :math:`\sigma_j = 0`, so weight 0, and no correlation: it is left out of the other
    criteria's sums, which keeps their weights as they would be without it.

    Parameters
    ----------
    normalization : {"minmax", "max", "vector", "sum", "linear"}, default "minmax"
        How scores are made comparable before :math:`\sigma_j` is taken (see
        :func:`powerbalance.model.normalize.normalize`). The default is Diakoulaki et al.'s:
        min-max, from the criterion's declared scale when it has one (so a criterion
        whose options span little of its scale counts as less spread), otherwise from
        the observed range. The correlations do not depend on it unless it is a
        ratio normalization of a risk (``"sum"``, ``"linear"``).
    invert_risks : bool, default True
        Whether risks are turned around (higher is better on every criterion) before the
        correlations are taken. With True, Diakoulaki et al.'s formulation, two criteria
        conflict when an option that is good on one is bad on the other; a benefit that
        rises with a risk therefore conflicts with it. With False the scores are
        normalized as if every criterion were a benefit, so the correlation with a risk
        has the opposite sign; some papers and software do this (pymcdm's
        ``critic_weights`` takes no criterion kinds), and it is offered to reproduce
        them. The standard deviations are the same either way for an affine
        normalization ("minmax", "max", "vector").

    Raises
    ------
    InvalidParameterError
        ``normalization`` is not a known name, or ``invert_risks`` is not a bool.
    NormalizationError
        Raised by :meth:`weigh`: the normalization is undefined for a criterion's scores
        (e.g. ``"sum"`` on a risk scored 0).

    Warns
    -----
    DegenerateCriterionWarning
        Raised by :meth:`weigh`: the criteria that vary are all perfectly correlated
        (:math:`r = 1`), so every :math:`C_j` is 0 and they share the weight equally.

    See Also
    --------
    StdDev : the spread alone, without the correlation term.

    References
    ----------
    Diakoulaki, D., Mavrotas, G. and Papayannakis, L. (1995). Determining objective
    weights in multiple criteria problems: the CRITIC method. Computers & Operations
    Research 22(7), 763-770.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     options=["A", "B", "C", "D"],
    ...     criteria=[pb.Criterion("Gain", area="Economic", kind="benefit"),
    ...               pb.Criterion("Reach", area="Economic", kind="benefit"),
    ...               pb.Criterion("Harm", area="Security", kind="risk")],
    ...     scores=[[1, 2, 1], [2, 4, 3], [3, 5, 2], [4, 9, 4]],
    ... )
    >>> CRITIC().weigh(a)
    Weights({'Gain': 0.2486, 'Reach': 0.2532, 'Harm': 0.4982})
    >>> CRITIC(invert_risks=False).weigh(a)
    Weights({'Gain': 0.33, 'Reach': 0.2169, 'Harm': 0.4531})
    """

    normalization: Normalization = normalization_field("minmax")
    invert_risks: bool = attrs.field(
        default=True, kw_only=True, validator=_validate_bool, metadata=file_input("bool")
    )

    def weigh(self, assessment: Assessment) -> Weights:
        """CRITIC weights for the criteria of ``assessment``."""
        # Without inverting, the same scores read as benefits: shared, not checked again.
        source = assessment if self.invert_risks else as_benefits(assessment)
        values = normalize(source, self.normalization)
        # A column that varies by less than rounding after normalization has no usable
        # correlation; it is treated as constant.
        varies = _varies(assessment) & (np.ptp(values, axis=0) > 0)
        information = _critic_information(values, varies)
        return _weights_from_information("CRITIC", assessment, information, varies)


# -- standard deviation ---------------------------------------------------------------------


@registry.register("std-dev")
@attrs.frozen
class StdDev:
    r"""Standard-deviation weights: proportional to how far the options spread on a criterion.

    .. math::

        \sigma_j = \sqrt{\frac{1}{n} \sum_{i=1}^{n} (v_{ij} - \bar v_j)^2}, \qquad
        w_j = \frac{\sigma_j}{\sum_{k=1}^{m} \sigma_k}

    on the values :math:`v_{ij}` chosen by ``normalization``. The population standard
    deviation is used; the sample one (divisor :math:`n - 1`) gives the same weights
    (see the module documentation). A criterion without spread gets weight 0.

    Parameters
    ----------
    normalization : {"minmax", "max", "vector", "sum", "linear"} or None, default "minmax"
        - A name: the direction-aware normalized scores of
          :func:`powerbalance.model.normalize.normalize`. The default ``"minmax"`` (the values
          CRITIC uses, Diakoulaki et al. 1995; Jahan and Edwards' 2013 example is min-max
          normalized too) measures each criterion on its declared scale, or on its
          observed range when it has none. It is the
          default because the weights then do not depend on the units the scores are
          given in, and, when all criteria share one declared scale (such as 0-10
          judgements), they equal the raw-score weights.
        - ``None``: the raw scores. The weights then depend on the units: a criterion
          scored in millions outweighs one scored 0-10 whatever their spread. Offered to
          reproduce software and papers that use it (pymcdm's
          ``standard_deviation_weights``); sensible only when every criterion is on the
          same scale.

        Turning a risk around does not change its spread under the affine
        normalizations ("minmax", "max", "vector"); it does under "sum" and "linear",
        which take reciprocals.

    Raises
    ------
    InvalidParameterError
        ``normalization`` is not one of the names above or None.
    NormalizationError
        Raised by :meth:`weigh`: the normalization is undefined for a criterion's scores.

    See Also
    --------
    CRITIC : the spread combined with the conflict between criteria.

    References
    ----------
    Diakoulaki, D., Mavrotas, G. and Papayannakis, L. (1995). Determining objective
    weights in multiple criteria problems: the CRITIC method. Computers & Operations
    Research 22(7), 763-770.

    Jahan, A. and Edwards, K. L. (2013). Weighting of dependent and target-based criteria
    for optimal decision-making in materials selection process: biomedical applications.
    Materials & Design 49, 1000-1008.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     options=["A", "B", "C"],
    ...     criteria=[pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10)),
    ...               pb.Criterion("Harm", area="Security", kind="risk", scale=(0, 10))],
    ...     scores=[[2, 5], [4, 6], [9, 7]],
    ... )
    >>> StdDev().weigh(a)
    Weights({'Gain': 0.7829, 'Harm': 0.2171})
    """

    normalization: Normalization | None = attrs.field(
        default="minmax",
        kw_only=True,
        validator=_validate_normalization_or_none,
        metadata=file_input("normalization"),
    )

    def weigh(self, assessment: Assessment) -> Weights:
        """Standard-deviation weights for the criteria of ``assessment``."""
        if self.normalization is None:
            values = np.array(assessment.scores, dtype=np.float64)
        else:
            values = normalize(assessment, self.normalization)
        varies = _varies(assessment)
        information = np.where(varies, _population_std(values), 0.0)
        return _weights_from_information("StdDev", assessment, information, varies)


# -- MEREC ----------------------------------------------------------------------------------


def _merec_information(ratios: FloatArray) -> FloatArray:
    r"""MEREC's removal effects :math:`E_j` from the normalized ratios :math:`n_{ij}`."""
    n_criteria = ratios.shape[1]
    magnitude = np.abs(np.log(ratios))
    total = magnitude.sum(axis=1)
    performance = np.log1p(total / n_criteria)
    without = np.log1p((total[:, None] - magnitude) / n_criteria)
    return np.asarray(np.abs(without - performance[:, None]).sum(axis=0), dtype=np.float64)


@registry.register("merec")
@attrs.frozen
class MEREC:
    r"""MEREC weights: how much the options' overall performance changes without a criterion.

    MEREC (MEthod based on the Removal Effects of Criteria; Keshavarz-Ghorabaee et al.
    2021) scores each option's overall performance with a logarithmic measure, removes
    each criterion in turn, and weighs a criterion by the total change its removal
    causes. It uses its own normalization, a ratio to the best option in which smaller
    is better:

    .. math::

        n_{ij} = \begin{cases}
            \min_k x_{kj} / x_{ij} & \text{benefit} \\
            x_{ij} / \max_k x_{kj} & \text{risk}
        \end{cases}

        S_i = \ln\Bigl(1 + \frac{1}{m} \sum_{j} \lvert \ln n_{ij} \rvert\Bigr), \qquad
        S'_{ij} = \ln\Bigl(1 + \frac{1}{m} \sum_{k \ne j} \lvert \ln n_{ik} \rvert\Bigr)

        E_j = \sum_{i=1}^{n} \lvert S'_{ij} - S_i \rvert, \qquad
        w_j = \frac{E_j}{\sum_{k=1}^{m} E_k}

    The ratios use the observed lowest and highest scores, not a declared scale. A
    criterion without spread has :math:`n_{ij} = 1`, so removing it changes nothing and
    its weight is 0; because :math:`m` counts it, it still shifts the other weights
    slightly. MEREC has no variants: it is parameterless.

    Raises
    ------
    NormalizationError
        Raised by :meth:`weigh`: a score is zero or negative, where the ratios and
        their logarithms are undefined; the message names the option and criterion.

    See Also
    --------
    Entropy, CRITIC, StdDev

    References
    ----------
    Keshavarz-Ghorabaee, M., Amiri, M., Zavadskas, E. K., Turskis, Z. and
    Antucheviciene, J. (2021). Determination of objective weights using a new method
    based on the removal effects of criteria (MEREC). Symmetry 13(4), 525.

    Examples
    --------
    The illustrative example of Keshavarz-Ghorabaee et al. (2021):

    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     options=["A1", "A2", "A3", "A4", "A5"],
    ...     criteria=[pb.Criterion("C1", area="X", kind="benefit"),
    ...               pb.Criterion("C2", area="X", kind="benefit"),
    ...               pb.Criterion("C3", area="X", kind="risk"),
    ...               pb.Criterion("C4", area="X", kind="risk")],
    ...     scores=[[450, 8000, 54, 145], [10, 9100, 2, 160], [100, 8200, 31, 153],
    ...             [220, 9300, 1, 162], [5, 8400, 23, 158]],
    ... )
    >>> MEREC().weigh(a)
    Weights({'C1': 0.5752, 'C2': 0.0141, 'C3': 0.4016, 'C4': 0.00912})
    """

    def weigh(self, assessment: Assessment) -> Weights:
        """MEREC weights for the criteria of ``assessment``."""
        scores = assessment.scores
        not_positive = scores <= 0
        if not_positive.any():
            row, column = (int(i) for i in np.argwhere(not_positive)[0])
            criterion = assessment.criteria[column]
            raise NormalizationError(
                f"MEREC needs positive scores (it takes ratios to the lowest or highest "
                f"score and their logarithms), but option {assessment.options[row].name!r} "
                f"scores {scores[row, column]:g} on criterion {criterion.name!r}. Shift "
                f"the criterion's scores so that they start above zero (e.g. rate 1-11 "
                f"instead of 0-10), or use Entropy() or CRITIC(), which accept any scores."
            )
        # Each option's ratio to the worst option (1 for the worst, smaller for better).
        low, high = assessment.observed_range
        ratios = np.where(assessment.lower_is_better, scores / high, low / scores)
        varies = _varies(assessment)
        information = _merec_information(ratios)
        return _weights_from_information("MEREC", assessment, information, varies)
