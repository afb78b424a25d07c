"""The model: options, criteria, the assessment that scores them, weights and studies.

Every value here is a frozen attrs class validated at construction; a what-if is a new
object (:func:`attrs.evolve` or a ``with_*`` method), validated again.

Examples
--------
>>> import powerbalance as pb
>>> a = pb.Assessment(
...     options=["Engage", "Contain"],
...     criteria=[pb.Criterion("Trade gains", area="Economic", kind="benefit"),
...               pb.Criterion("Conflict risk", area="Security", kind="risk")],
...     scores=[[7, 4], [3, 6]],
... )
>>> a.option_names, a.areas
(('Engage', 'Contain'), ('Economic', 'Security'))
"""

from powerbalance.model import normalize, uncertainty, value
from powerbalance.model.assessment import Assessment
from powerbalance.model.criterion import KINDS, Criterion, Kind, Option
from powerbalance.model.scenario import Scenario
from powerbalance.model.study import Study
from powerbalance.model.weights import Weights

__all__ = [
    "KINDS",
    "Assessment",
    "Criterion",
    "Kind",
    "Option",
    "Scenario",
    "Study",
    "Weights",
    "normalize",
    "uncertainty",
    "value",
]
