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
...     pb.Criterion("Trade", area="Economic", kind="gain")
... except pb.errors.PowerbalanceError as error:
...     print(type(error).__name__)
InvalidKindError
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "BackendError",
    "ConformanceError",
    "ConsistencyWarning",
    "DataLossWarning",
    "DegenerateCriterionWarning",
    "DuplicateNameError",
    "FileWriteError",
    "InvalidKindError",
    "InvalidNameError",
    "InvalidParameterError",
    "InvalidScoreError",
    "JudgementError",
    "MissingDependencyError",
    "MissingScoreError",
    "NormalizationError",
    "PortfolioError",
    "PowerbalanceError",
    "PowerbalanceWarning",
    "Problem",
    "ScaleRangeWarning",
    "ScenarioError",
    "ScoreError",
    "ScreeningError",
    "ShapeError",
    "StudyFileError",
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


class InvalidNameError(PowerbalanceError, ValueError, TypeError):
    """A name is empty, blank or not a string.

    A blank name is a wrong value and a number given as a name a wrong type, so it is
    both a ``ValueError`` and a ``TypeError``.

    Examples
    --------
    >>> issubclass(InvalidNameError, ValueError), issubclass(InvalidNameError, TypeError)
    (True, True)
    """


class UnknownNameError(PowerbalanceError, KeyError):
    """A name (option, criterion, area, method, weighting or study) is not known.

    ``KeyError`` quotes its message when printed; this class prints it as written.

    Examples
    --------
    >>> print(UnknownNameError("No criterion named 'Trade'."))
    No criterion named 'Trade'.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidKindError(PowerbalanceError, ValueError):
    """A criterion's kind is not ``"benefit"``, ``"risk"`` or ``"cost"``.

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


class ScoreError(PowerbalanceError, ValueError):
    """A method gave an option a score that is not a finite number.

    Raised where an analysis scores options, for every method alike (plug-ins
    included); the message names the method, the option and, where it can be traced,
    the cell of the assessment behind it.

    Examples
    --------
    >>> issubclass(ScoreError, ValueError)
    True
    """


class ScenarioError(PowerbalanceError, ValueError):
    """The scenarios of an assessment do not fit together, or an analysis needs some.

    For instance probabilities given for some scenarios but not others, or not summing
    to 1; a full table of scores that leaves a cell out; or a scenario analysis of an
    assessment without scenarios. The message names the scenario and the cell at fault.

    Examples
    --------
    >>> issubclass(ScenarioError, ValueError)
    True
    """


class ScreeningError(PowerbalanceError, ValueError):
    """A screening leaves no option on the shortlist to analyse.

    Raised by :attr:`powerbalance.screening.Screening.assessment` when the rules
    exclude every option and no business-as-usual or do-minimum option was kept; the
    message gives the first exclusions and how to keep a comparator.

    Examples
    --------
    >>> issubclass(ScreeningError, ValueError)
    True
    """


class PortfolioError(PowerbalanceError, ValueError):
    """A package problem has no package that meets all of its constraints.

    Raised by :class:`powerbalance.portfolio.Problem` when its constraints conflict
    (a minimum size that the budgets or exclusions rule out, say); the message names a
    smallest set of constraints that conflict, found by re-solving with each dropped.

    Examples
    --------
    >>> issubclass(PortfolioError, ValueError)
    True
    """


class NormalizationError(PowerbalanceError, ValueError):
    """A normalization cannot be applied to a criterion's scores.

    Examples
    --------
    >>> issubclass(NormalizationError, ValueError)
    True
    """


class InvalidParameterError(PowerbalanceError, ValueError, TypeError):
    """A method, scheme or function parameter has a value it does not accept.

    A parameter can be refused for its value (``samples=0``) or its type
    (``samples="many"``); as scikit-learn's error of the same name, this is both a
    ``ValueError`` and a ``TypeError``, so either ``except`` clause catches it. The
    message reads "{Owner}: {parameter} must be {expected}; got {value!r}. {how to fix}".

    Examples
    --------
    >>> issubclass(InvalidParameterError, ValueError), issubclass(InvalidParameterError, TypeError)
    (True, True)
    """


class MissingDependencyError(PowerbalanceError, ImportError):
    """An optional dependency that a feature needs is not installed.

    The message names the feature, the package it needs and the command that installs
    it with powerbalance (``pip install "powerbalance[widget]"``). Also an
    ``ImportError``, so code that already catches that keeps working.

    Examples
    --------
    >>> issubclass(MissingDependencyError, ImportError)
    True
    """


class ConformanceError(PowerbalanceError, AssertionError):
    """A plug-in breaks the contract it claims to follow.

    Raised by the checks of :mod:`powerbalance.testing`; an ``AssertionError``, so a
    test that calls them fails like any other assertion.

    Examples
    --------
    >>> issubclass(ConformanceError, AssertionError)
    True
    """


class BackendError(PowerbalanceError, RuntimeError):
    """The cluster an analysis was sent to could not finish it.

    Raised when a dask cluster loses its workers, or a chunk of work keeps losing the
    worker it runs on, so that the run cannot complete. The message says what happened;
    restarting the cluster, or running with ``backend="numpy"``, gives the result.

    Examples
    --------
    >>> issubclass(BackendError, RuntimeError)
    True
    """


class FileWriteError(PowerbalanceError, OSError):
    """A file could not be written; a file that was there before is left as it was.

    Every file powerbalance writes is written whole to a temporary file beside it and
    then put in its place, so a full disk, a missing folder or an interruption never
    leaves a half-written file. Also an ``OSError`` (with :attr:`errno`,
    :attr:`strerror` and :attr:`filename` from the operating system), so code that
    catches that keeps working.

    Parameters
    ----------
    message : str
        What could not be written, and why.
    filename : str, optional
        The file.
    errno : int, optional
        The operating system's error number.
    strerror : str, optional
        Its description.

    Examples
    --------
    >>> import errno
    >>> error = FileWriteError(
    ...     "study.toml: cannot be written (No space left on device).",
    ...     filename="study.toml", errno=errno.ENOSPC, strerror="No space left on device",
    ... )
    >>> print(error)
    study.toml: cannot be written (No space left on device).
    >>> isinstance(error, OSError), error.errno == errno.ENOSPC
    (True, True)
    """

    def __init__(
        self,
        message: str,
        *,
        filename: str | None = None,
        errno: int | None = None,
        strerror: str | None = None,
    ) -> None:
        super().__init__(message)
        self.filename = filename
        self.errno = errno
        self.strerror = strerror

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_file_write_error,
            (str(self), self.filename, self.errno, self.strerror),
        )


def _rebuild_file_write_error(
    message: str, filename: str | None, errno: int | None, strerror: str | None
) -> FileWriteError:
    return FileWriteError(message, filename=filename, errno=errno, strerror=strerror)


def _column_letters(column: int) -> str:
    """A spreadsheet column's letters: 1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in a study file: where it is, and what is wrong.

    Parameters
    ----------
    file : str or None
        The file, as given (None when the problem is not tied to a file).
    line, column : int or None
        1-based line and column where the format gives them. For a CSV file ``line``
        is the row; for an Excel workbook the row and column of the cell.
    path : str
        The field path in the study document, such as ``criteria[3].kind``
        (0-based positions; keys that are not plain words are quoted as in TOML).
    message : str
        What was expected and what was found.
    sheet : str or None
        The worksheet, for an Excel workbook.

    Examples
    --------
    >>> p = Problem(file="a.toml", line=12, column=8, path="criteria[1].kind",
    ...             message="expected 'benefit', 'risk' or 'cost'; found 'gain'.")
    >>> print(p)
    a.toml:12:8: criteria[1].kind: expected 'benefit', 'risk' or 'cost'; found 'gain'.
    >>> print(Problem(file="a.xlsx", sheet="scores", line=3, column=2, path="", message="?"))
    a.xlsx, sheet 'scores', cell B3: ?
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""
    message: str
    sheet: str | None = None

    @property
    def location(self) -> str:
        """Where the problem is, as text: ``file:line:column`` or the sheet and cell.

        Examples
        --------
        >>> Problem(file="a.csv", line=4, message="?").location
        'a.csv:4'
        """
        if self.sheet is not None:
            where = f"{self.file}, sheet {self.sheet!r}" if self.file else f"sheet {self.sheet!r}"
            if self.line is not None and self.column is not None:
                return f"{where}, cell {_column_letters(self.column)}{self.line}"
            if self.line is not None:
                return f"{where}, row {self.line}"
            return where
        parts = [self.file or ""]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return ": ".join(part for part in (self.location, self.path, self.message) if part)


class StudyFileError(PowerbalanceError, ValueError):
    """A study file is malformed or inconsistent.

    Every problem found in the file is reported together: the message lists them one
    per line (file, line and column where the format gives them, field path, what was
    expected and what was found), and :attr:`problems` holds them as
    :class:`Problem` objects.

    Parameters
    ----------
    message : str, optional
        The message; by default the problems, one per line.
    problems : sequence of Problem, optional
        The problems found; by default one problem holding ``message``.

    Examples
    --------
    >>> issubclass(StudyFileError, ValueError)
    True
    >>> error = StudyFileError(problems=[
    ...     Problem(file="a.toml", line=3, column=1, path="nmae", message="unknown key."),
    ...     Problem(file="a.toml", line=9, column=8, path="criteria[0].kind", message="?"),
    ... ])
    >>> print(error)
    a.toml: 2 problems
    a.toml:3:1: nmae: unknown key.
    a.toml:9:8: criteria[0].kind: ?
    >>> [p.line for p in error.problems]
    [3, 9]
    >>> StudyFileError("x.toml: no such file.").problems[0].message
    'x.toml: no such file.'
    """

    problems: tuple[Problem, ...]

    def __init__(self, message: str | None = None, *, problems: Sequence[Problem] = ()) -> None:
        found = tuple(problems)
        if not found:
            found = (Problem(message=message or "the study file has a problem."),)
        if message is None:
            message = _problem_lines(found)
        super().__init__(message)
        self.problems = found

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_study_file_error, (str(self), self.problems))


def _rebuild_study_file_error(message: str, problems: tuple[Problem, ...]) -> StudyFileError:
    return StudyFileError(message, problems=problems)


def _problem_lines(problems: Sequence[Problem]) -> str:
    lines = [str(problem) for problem in problems]
    if len(problems) > 1:
        files = {problem.file for problem in problems if problem.file}
        where = f"{files.pop()}: " if len(files) == 1 else ""
        lines.insert(0, f"{where}{len(problems)} problems")
    return "\n".join(lines)


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


class DataLossWarning(PowerbalanceWarning):
    """A file format cannot hold part of what is being written; that part is left out.

    Saving to a CSV table, say, keeps the criteria and the scores but not the baseline
    or the option descriptions. The message names the file and every part left out;
    :attr:`lost` holds the same parts as a tuple of short phrases. ``docs/formats.md``
    lists what each format keeps.

    Parameters
    ----------
    message : str
        The warning, in words.
    lost : sequence of str, optional
        The parts left out, one short phrase each.

    Examples
    --------
    >>> warning = DataLossWarning("scores.csv: ...", lost=["the baseline"])
    >>> issubclass(DataLossWarning, PowerbalanceWarning), warning.lost
    (True, ('the baseline',))
    """

    lost: tuple[str, ...]

    def __init__(self, message: str, *, lost: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.lost = tuple(lost)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_data_loss_warning, (str(self), self.lost))


def _rebuild_data_loss_warning(message: str, lost: tuple[str, ...]) -> DataLossWarning:
    return DataLossWarning(message, lost=lost)
