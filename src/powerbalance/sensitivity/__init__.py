"""How robust is the answer: stability intervals, weight sweeps and SMAA.

:func:`stability` moves one weight at a time and reports how far it can go before the
leader or the ranking changes; :func:`sweep` runs one weight from 0 to 1 and records
every score; :func:`smaa` admits every weighting the stakeholders could defend at once
(described by weight information such as :class:`OrdinalWeights`) and counts how often
each option takes each rank.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> pb.sensitivity.stability(a).critical.taken_over_by
'Technology investment'
>>> pb.sensitivity.smaa(a, samples=1_000, seed=1).acceptability.shape
(7, 7)
"""

from powerbalance.sensitivity.smaa import (
    BLOCK,
    MIN_ACCEPTANCE,
    PAIRWISE_LIMIT,
    SMAA_SCHEMA,
    ConstrainedWeights,
    IntervalWeights,
    OrdinalWeights,
    PerturbedWeights,
    SMAAResult,
    UniformWeights,
    WeightConstraint,
    WeightInformation,
    smaa,
)
from powerbalance.sensitivity.stability import (
    STABILITY_SCHEMA,
    Critical,
    Stability,
    StabilityInterval,
    stability,
)
from powerbalance.sensitivity.sweep import SWEEP_SCHEMA, Sweep, sweep

__all__ = [
    "BLOCK",
    "MIN_ACCEPTANCE",
    "PAIRWISE_LIMIT",
    "SMAA_SCHEMA",
    "STABILITY_SCHEMA",
    "SWEEP_SCHEMA",
    "ConstrainedWeights",
    "Critical",
    "IntervalWeights",
    "OrdinalWeights",
    "PerturbedWeights",
    "SMAAResult",
    "Stability",
    "StabilityInterval",
    "Sweep",
    "UniformWeights",
    "WeightConstraint",
    "WeightInformation",
    "smaa",
    "stability",
    "sweep",
]
