"""Exceptions and warnings raised by powerbalance.

Every failure a user can cause raises a subclass of :class:`PowerbalanceError`.
Each subclass also derives from the builtin exception that fits (``ValueError``,
``TypeError`` or ``KeyError``), so code that already catches those keeps working.

Messages are written for the analyst: they say what was being set, what was
expected, what arrived, and how to fix it.

Examples
--------
>>> import powerbalance as pb
>>> try:
...     pb.Criterion("Trade", area="Economic", kind="cost")
... except pb.errors.PowerbalanceError as error:
...     print(type(error).__name__)
InvalidKindError
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "ConsistencyWarning",
    "DegenerateCriterionWarning",
    "DuplicateNameError",
    "InvalidKindError",
    "InvalidNameError",
    "InvalidParameterError",
    "InvalidScoreError",
    "JudgementError",
    "MissingScoreError",
    "NormalizationError",
    "PowerbalanceError",
    "PowerbalanceWarning",
    "ScaleRangeWarning",
    "ScenarioFileError",
    "ShapeError",
    "UnknownNameError",
    "WeightError",
]


class PowerbalanceError(Exception):
    """Base class of every error powerbalance raises for a problem in its input.

    Examples
    --------
    >>> issubclass(InvalidScoreError, PowerbalanceError)
    True
    """


class InvalidScoreError(PowerbalanceError, ValueError):
    """A score is NaN, infinite, non-numeric or outside its criterion's scale.

    Examples
    --------
    >>> issubclass(InvalidScoreError, ValueError)
    True
    """


class MissingScoreError(PowerbalanceError, ValueError):
    """A cell of the options x criteria table has no score.

    Examples
    --------
    >>> issubclass(MissingScoreError, ValueError)
    True
    """


class ShapeError(PowerbalanceError, ValueError):
    """An array does not have the shape its labels call for.

    Examples
    --------
    >>> issubclass(ShapeError, ValueError)
    True
    """


class DuplicateNameError(PowerbalanceError, ValueError):
    """Two options, or two criteria, share a name.

    Examples
    --------
    >>> issubclass(DuplicateNameError, ValueError)
    True
    """


class InvalidNameError(PowerbalanceError, TypeError):
    """A name is empty, blank or not a string.

    Examples
    --------
    >>> issubclass(InvalidNameError, TypeError)
    True
    """


class UnknownNameError(PowerbalanceError, KeyError):
    """A name (option, criterion, area, method, weighting or scenario) is not known.

    ``KeyError`` quotes its message when printed; this class prints it as written.

    Examples
    --------
    >>> print(UnknownNameError("No criterion named 'Trade'."))
    No criterion named 'Trade'.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidKindError(PowerbalanceError, ValueError):
    """A criterion's kind is neither ``"benefit"`` nor ``"risk"``.

    Examples
    --------
    >>> issubclass(InvalidKindError, ValueError)
    True
    """


class WeightError(PowerbalanceError, ValueError):
    """Weights are negative, non-finite, all zero or do not match the criteria.

    Examples
    --------
    >>> issubclass(WeightError, ValueError)
    True
    """


class JudgementError(WeightError):
    """Pairwise or reference judgements are invalid.

    For instance non-positive, contradictory, naming an unknown criterion, or too few
    to connect every criterion.

    Examples
    --------
    >>> issubclass(JudgementError, WeightError)
    True
    """


class NormalizationError(PowerbalanceError, ValueError):
    """A normalization cannot be applied to a criterion's scores.

    Examples
    --------
    >>> issubclass(NormalizationError, ValueError)
    True
    """


class InvalidParameterError(PowerbalanceError, ValueError):
    """A method, scheme or function parameter has a value it does not accept.

    Examples
    --------
    >>> issubclass(InvalidParameterError, ValueError)
    True
    """


class ScenarioFileError(PowerbalanceError, ValueError):
    """A scenario file is malformed or inconsistent.

    The message names the file, the field path and, where known, the line.

    Examples
    --------
    >>> issubclass(ScenarioFileError, ValueError)
    True
    """


class PowerbalanceWarning(UserWarning):
    """Base class of the warnings powerbalance emits.

    Examples
    --------
    >>> issubclass(DegenerateCriterionWarning, PowerbalanceWarning)
    True
    """


class ConsistencyWarning(PowerbalanceWarning):
    """Pairwise judgements are more inconsistent than the accepted threshold.

    Examples
    --------
    >>> issubclass(ConsistencyWarning, UserWarning)
    True
    """


class DegenerateCriterionWarning(PowerbalanceWarning):
    """Every option scores the same on a criterion, so it cannot separate them.

    Examples
    --------
    >>> issubclass(DegenerateCriterionWarning, UserWarning)
    True
    """


class ScaleRangeWarning(PowerbalanceWarning):
    """Weights were elicited on ranges of scores that the assessment no longer has.

    Examples
    --------
    >>> issubclass(ScaleRangeWarning, UserWarning)
    True
    """


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """Return a " Did you mean 'x'?" hint for a mistyped name, or an empty string.

    Examples
    --------
    >>> did_you_mean("topsys", ["topsis", "weighted-sum"])
    " Did you mean 'topsis'?"
    >>> did_you_mean("security", ["Security"])
    " Did you mean 'Security'?"
    >>> did_you_mean("zzz", ["topsis"])
    ''
    """
    candidates = list(known)
    by_case = [k for k in candidates if k.casefold() == name.casefold()]
    matches = by_case or difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" Did you mean {matches[0]!r}?" if matches else ""


def quoted_list(names: Iterable[str], limit: int = 12) -> str:
    """Format names as a readable, quoted, comma-separated list.

    Examples
    --------
    >>> quoted_list(["a", "b"])
    "'a', 'b'"
    >>> quoted_list([str(i) for i in range(5)], limit=2)
    "'0', '1' and 3 more"
    """
    names = list(names)
    shown = ", ".join(repr(name) for name in names[:limit])
    if len(names) > limit:
        shown += f" and {len(names) - limit} more"
    return shown
