r"""SMAA-2: how often each option wins when the weights, and the scores, are uncertain.

Stochastic multicriteria acceptability analysis (Lahdelma and Salminen 2001) replaces
one weight vector by a distribution of weight vectors that expresses what is known
about the weights: nothing (:class:`UniformWeights`), a ranking of the criteria
(:class:`OrdinalWeights`), bounds on each weight (:class:`IntervalWeights`), bounds,
a ranking and linear constraints such as :math:`w_1 \ge w_3 + w_4` together
(:class:`ConstrainedWeights` with :class:`WeightConstraint`, sampled by hit-and-run), or a
weight vector known to within a spread (:class:`PerturbedWeights`). :func:`smaa`
draws weight vectors from it, scores every option under each with the chosen
method, and counts how often each option takes each rank. With :math:`b_i^r` the
share of weight vectors under which option *i* ranks *r*-th, SMAA-2 reports

- the rank acceptability indices :math:`b_i^r` (:attr:`SMAAResult.acceptability`);
- the central weight vector of each option, the mean of the weight vectors under
  which it ranks first: the typical weighting of someone who prefers it
  (:attr:`SMAAResult.central_weights`);
- the confidence factor, whether the option ranks first under its own central
  weights (:attr:`SMAAResult.confidence`);
- the pairwise winning indices, how often one option scores above another
  (:attr:`SMAAResult.winning`);
- the holistic acceptability index, a weighted sum of the rank acceptabilities that
  credits second and lower places too (:attr:`SMAAResult.holistic`).

Scores are taken as given unless the assessment gives some of them a distribution
(``Assessment(..., uncertainty=...)``, :mod:`powerbalance.model.uncertainty`): then each
weight vector is paired with a fresh draw of those scores, so that the indices
reflect both uncertainties at once.

Reproducibility: random numbers are drawn in blocks of :data:`BLOCK` weight vectors,
block *b* from its own generator ``SeedSequence(seed, spawn_key=(b, 0))``, so that
the same seed gives the same weight vectors, and bit for bit the same result, however
many vectors are processed at once (``chunk_size``).

References
----------
Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability
analysis for group decision making. Operations Research 49(3), 444-454.

Examples
--------
>>> import powerbalance as pb
>>> result = smaa(pb.examples.load("great-power-cooperation").assessment, samples=2_000, seed=7)
>>> result.acceptability.sum(axis=1).round(12).unique().tolist()
[1.0]
"""

from powerbalance.sensitivity.smaa._constraint import WeightConstraint
from powerbalance.sensitivity.smaa._result import PAIRWISE_LIMIT, SMAA_SCHEMA, SMAAResult
from powerbalance.sensitivity.smaa._run import smaa
from powerbalance.sensitivity.smaa._streams import BLOCK
from powerbalance.sensitivity.smaa._weights import (
    MIN_ACCEPTANCE,
    ConstrainedWeights,
    IntervalWeights,
    OrdinalWeights,
    PerturbedWeights,
    UniformWeights,
    WeightInformation,
)

__all__ = [
    "BLOCK",
    "MIN_ACCEPTANCE",
    "PAIRWISE_LIMIT",
    "SMAA_SCHEMA",
    "ConstrainedWeights",
    "IntervalWeights",
    "OrdinalWeights",
    "PerturbedWeights",
    "SMAAResult",
    "UniformWeights",
    "WeightConstraint",
    "WeightInformation",
    "smaa",
]
