"""The assessment: every option scored on every criterion, the input to all analyses.

A frozen attrs class, validated at construction. A changed copy is made with
:func:`attrs.evolve` or a ``with_*`` method, which validates again, so an invalid
assessment cannot exist.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from powerbalance._labels import labels
from powerbalance._validate import (
    InstanceOf,
    Interval,
    check,
    did_you_mean,
    number_hint,
    quoted_list,
    refuse,
    shown,
)
from powerbalance.errors import (
    InvalidScoreError,
    PowerbalanceError,
    ShapeError,
    UnknownNameError,
)
from powerbalance.model._cells import (
    Fresh,
    array_eq,
    check_text,
    check_unique,
    format_scale,
    frame_inputs,
    index_of,
    is_number,
    readonly,
    to_criteria,
    to_notes,
    to_scores,
    to_uncertainty,
)
from powerbalance.model._roster import Roster, to_roster
from powerbalance.model.criterion import Criterion, Option
from powerbalance.model.scenario import (
    Scenario,
    check_scenarios,
    find_scenario,
    in_scenario,
    kept_scenarios,
    to_scenarios,
)
from powerbalance.model.uncertainty import Distribution
from powerbalance.model.value import Linear

__all__ = ["Assessment"]

FloatArray: TypeAlias = npt.NDArray[np.float64]
T = TypeVar("T")


def _validate_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    check_text("Assessment", attribute.name, value)


def _validate_baseline(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value is None or isinstance(value, str):
        return
    check(
        "Assessment",
        "baseline",
        value,
        InstanceOf(str, description="the name of one of the options"),
        None,
        fix="Name the option every other is compared with, such as 'Status quo', or leave "
        "baseline out.",
    )


class _Everything:
    """A container of every name (for a subset that keeps every option)."""

    def __contains__(self, item: object) -> bool:
        return True


@attrs.frozen(repr=False)
class Assessment:
    """Scores of options on criteria: the input to every weighting scheme and method.

    Parameters
    ----------
    options : sequence of Option or str
        The options (rows). Plain strings are kept as names; :attr:`options` turns
        them into :class:`Option` objects the first time it is read.
    criteria : sequence of Criterion
        The criteria (columns), each with an area and a kind.
    scores : array-like of shape (n_options, n_criteria)
        Finite numbers. The array is copied and stored read-only.
    notes : mapping of (option, criterion) to str, optional
        A rationale for individual scores, keyed by names.
    name : str, optional
        A short name for the assessment.
    description : str, optional
        What is being decided.
    baseline : str, optional
        The option every other is compared with, typically "do nothing" or the status
        quo. Reports then show each option's score and contributions as differences
        from the baseline's as well.
    uncertainty : mapping of (option, criterion) to Distribution, optional
        For scores known only to within a range, the distribution of plausible scores
        (:mod:`powerbalance.model.uncertainty`), keyed by names. Each must include its
        cell's score and stay within the criterion's scale. Reports use the scores;
        :func:`powerbalance.sensitivity.smaa.smaa` samples the distributions.
    scenarios : sequence of Scenario, optional
        Possible futures, each stated as changes from these (central) scores
        (:class:`~powerbalance.model.scenario.Scenario`); checked against the options,
        criteria and scales. A full table given as an array is keyed by the names.

    Raises
    ------
    InvalidScoreError
        A score is NaN, infinite, non-numeric or outside its criterion's scale.
    ShapeError
        ``scores`` is not n_options x n_criteria, or there are no options or criteria.
    DuplicateNameError
        Two options or two criteria share a name.
    UnknownNameError
        A note or distribution refers to an option or criterion that is not in the
        assessment, or the baseline is not one of the options.
    ScenarioError
        The scenarios' probabilities are given for some but not all, or do not sum to
        1; or a scenario's full table leaves a cell out.

    Examples
    --------
    >>> a = Assessment(
    ...     options=["Engage", "Contain"],
    ...     criteria=[
    ...         Criterion("Trade gains", area="Economic", kind="benefit"),
    ...         Criterion("Conflict risk", area="Security", kind="risk"),
    ...     ],
    ...     scores=[[7, 4], [3, 6]],
    ... )
    >>> a.n_options, a.n_criteria, a.areas
    (2, 2, ('Economic', 'Security'))
    >>> a.to_frame()
    criterion  Trade gains  Conflict risk
    option
    Engage             7.0            4.0
    Contain            3.0            6.0
    """

    # The options are kept as names until an Option object is asked for (see options).
    _roster: Roster = attrs.field(alias="options", converter=to_roster)
    criteria: tuple[Criterion, ...] = attrs.field(converter=to_criteria)
    scores: FloatArray = attrs.field(
        converter=to_scores, eq=attrs.cmp_using(eq=array_eq), repr=False
    )
    notes: Mapping[tuple[str, str], str] = attrs.field(
        default=None, converter=to_notes, kw_only=True, repr=False
    )
    name: str = attrs.field(default="", kw_only=True, validator=_validate_text)
    description: str = attrs.field(default="", kw_only=True, repr=False, validator=_validate_text)
    baseline: str | None = attrs.field(default=None, kw_only=True, validator=_validate_baseline)
    uncertainty: Mapping[tuple[str, str], Distribution] = attrs.field(
        default=None, converter=to_uncertainty, kw_only=True, repr=False
    )
    scenarios: tuple[Scenario, ...] = attrs.field(
        default=(), converter=to_scenarios, kw_only=True, repr=False
    )
    # Derived once: every method and report asks for them, often per evaluation.
    _criterion_names: tuple[str, ...] = attrs.field(init=False, default=(), eq=False, repr=False)
    _is_risk: npt.NDArray[np.bool_] = attrs.field(init=False, default=None, eq=False, repr=False)
    _is_cost: npt.NDArray[np.bool_] = attrs.field(init=False, default=None, eq=False, repr=False)
    _lower_is_better: npt.NDArray[np.bool_] = attrs.field(
        init=False, default=None, eq=False, repr=False
    )
    _observed_range: tuple[FloatArray, FloatArray] = attrs.field(
        init=False, default=None, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_criterion_names", tuple(c.name for c in self.criteria))
        for field, kinds in (
            ("_is_risk", ("risk",)),
            ("_is_cost", ("cost",)),
            ("_lower_is_better", ("risk", "cost")),
        ):
            flags = np.array([c.kind in kinds for c in self.criteria], dtype=bool)
            flags.flags.writeable = False
            object.__setattr__(self, field, flags)
        # One validation pass that can name options and criteria in its messages;
        # field validators cannot see the other fields' converted values in order.
        if not self.option_names:
            raise ShapeError("An assessment needs at least one option; got none.")
        if not self.criteria:
            raise ShapeError("An assessment needs at least one criterion; got none.")
        # The options' names were checked (text, non-blank, unique) by their roster.
        check_unique("criteria", self.criterion_names)
        self._validate_scores()
        self._validate_notes()
        self._validate_uncertainty()
        if self.baseline is not None and self.baseline not in self.option_names:
            raise UnknownNameError(
                f"The baseline {self.baseline!r} is not one of the options."
                + did_you_mean(str(self.baseline), self.option_names)
                + " Name the option every other is compared with, such as 'Status quo', "
                "or leave baseline out."
            )
        object.__setattr__(self, "scenarios", check_scenarios(self))

    def __repr__(self) -> str:
        return (
            f"Assessment(options={self.options!r}, criteria={self.criteria!r}, "
            f"name={self.name!r}, baseline={self.baseline!r})"
        )

    def _validate_scores(self) -> None:
        scores: np.ndarray[Any, Any] = self.scores
        expected = (self.n_options, len(self.criteria))
        if scores.shape != expected:
            raise ShapeError(
                f"scores must have one row per option and one column per criterion, "
                f"shape {expected}; got shape {scores.shape}."
            )
        if scores.dtype != np.float64:
            for (row, column), value in np.ndenumerate(scores):
                if not is_number(value):
                    hint = number_hint(value)
                    raise InvalidScoreError(
                        f"The score of option {self.option_names[row]!r} on criterion "
                        f"{self.criteria[column].name!r} must be a number; got {shown(value)} "
                        f"of type {type(value).__name__}." + (f" {hint}" if hint else "")
                    )
        # Column extremes are needed by most normalizations and methods; they also
        # settle validity: a NaN or infinity anywhere makes its column's extremes
        # non-finite, so the full scan below only runs to name the culprit.
        lowest = scores.min(axis=0)
        highest = scores.max(axis=0)
        if not (np.isfinite(lowest).all() and np.isfinite(highest).all()):
            row, column = np.argwhere(~np.isfinite(scores))[0]
            value = scores[row, column]
            what = "missing (NaN)" if np.isnan(value) else "infinite"
            raise InvalidScoreError(
                f"The score of option {self.option_names[row]!r} on criterion "
                f"{self.criteria[column].name!r} is {what}; every score must be a finite "
                f"number. Fill in the judgement, or drop the option or criterion with "
                f"subset()."
            )
        lowest.flags.writeable = False
        highest.flags.writeable = False
        object.__setattr__(self, "_observed_range", (lowest, highest))
        self._validate_scales()

    def _validate_scales(self) -> None:
        lowest, highest = self.observed_range
        for j, criterion in enumerate(self.criteria):
            if criterion.scale is None:
                continue
            low, high = criterion.scale
            if lowest[j] < low or highest[j] > high:
                values = self.scores[:, j]
                row = int(np.argmax((values < low) | (values > high)))
                raise InvalidScoreError(
                    f"The score of option {self.option_names[row]!r} on criterion "
                    f"{criterion.name!r} is {values[row]:g}, outside the criterion's scale "
                    f"{format_scale(criterion.scale)}. Correct the score or widen the scale."
                )

    def _validate_notes(self) -> None:
        for (option, criterion), text in self._cells(self.notes, "note"):
            check(
                "Assessment",
                f"notes[{(option, criterion)!r}]",
                text,
                InstanceOf(str, description="text"),
                fix="A note is the rationale of a score, in words.",
            )

    def _validate_uncertainty(self) -> None:
        for (option, criterion), distribution in self._cells(self.uncertainty, "distribution"):
            column = self.criterion_index(criterion)
            scale = self.criteria[column].scale
            low, high = distribution.bounded(scale).support
            score = float(self.scores[self._roster.positions()[option], column])
            where = f"The distribution {distribution.describe()} of ({option!r}, {criterion!r})"
            if scale is not None and (low < scale[0] or high > scale[1]):
                raise InvalidScoreError(
                    f"{where} reaches outside the criterion's scale "
                    f"{format_scale(scale)}. Narrow the distribution or widen the scale."
                )
            if not low <= score <= high:
                raise InvalidScoreError(
                    f"{where} does not include the score {score:g}. The score is the "
                    f"point judgement and the distribution the range around it: make the "
                    f"range include it."
                )

    def _cells(
        self, mapping: Mapping[tuple[str, str], T], what: str
    ) -> Iterator[tuple[tuple[str, str], T]]:
        """The items of a mapping keyed by (option, criterion), with the keys checked."""
        if not mapping:
            return
        options, criteria = self._roster.positions(), set(self.criterion_names)
        for key, value in mapping.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise refuse(
                    "Assessment",
                    f"each key of {'notes' if what == 'note' else 'uncertainty'}",
                    key,
                    "an (option, criterion) pair",
                    fix=f"Key each {what} by the names of its option and criterion.",
                )
            option, criterion = key
            if option not in options:
                raise UnknownNameError(
                    f"A {what} refers to option {option!r}, which is not in the assessment."
                    + did_you_mean(str(option), options)
                )
            if criterion not in criteria:
                raise UnknownNameError(
                    f"A {what} refers to criterion {criterion!r}, which is not in the "
                    "assessment." + did_you_mean(str(criterion), criteria)
                )
            yield key, value

    # -- construction from other shapes -------------------------------------------------

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        criteria: Sequence[Criterion],
        *,
        options: Sequence[Option] | None = None,
        notes: pd.DataFrame | Mapping[tuple[str, str], str] | None = None,
        name: str = "",
        description: str = "",
        baseline: str | None = None,
    ) -> Assessment:
        """Build an assessment from a DataFrame indexed by option, one column per criterion.

        Parameters
        ----------
        frame : pandas.DataFrame
            Index: option names. Columns: criterion names. Values: scores. The frame
            is not modified. Column order follows ``criteria``.
        criteria : sequence of Criterion
            One criterion for every column of ``frame``.
        options : sequence of Option, optional
            Option objects with descriptions, in any order; by default plain options
            named after the index.
        notes : DataFrame or mapping, optional
            Rationale text: a frame shaped like ``frame`` (empty cells mean no note) or
            a mapping of ``(option, criterion)`` to text.
        name, description, baseline : str, optional
            Passed to the assessment.

        Raises
        ------
        UnknownNameError
            A column has no criterion, or a criterion has no column.
        MissingScoreError
            A cell is empty (NaN or None).
        DuplicateNameError
            The index or the columns repeat a name.

        Examples
        --------
        >>> import pandas as pd
        >>> frame = pd.DataFrame(
        ...     {"Trade gains": [7, 3], "Conflict risk": [4, 6]}, index=["Engage", "Contain"]
        ... )
        >>> a = Assessment.from_frame(
        ...     frame,
        ...     criteria=[
        ...         Criterion("Trade gains", area="Economic", kind="benefit"),
        ...         Criterion("Conflict risk", area="Security", kind="risk"),
        ...     ],
        ... )
        >>> a.option_names
        ('Engage', 'Contain')
        """
        inputs = frame_inputs(frame, criteria, options=options, notes=notes)
        return cls(**inputs, name=name, description=description, baseline=baseline)

    # -- names and structure --------------------------------------------------------------

    @property
    def option_names(self) -> tuple[str, ...]:
        """The option names, in row order.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.option_names
        ('Engage', 'Contain')
        """
        return self._roster.names

    @property
    def options(self) -> tuple[Option, ...]:
        """The options, in row order.

        Options given by name become plain :class:`Option` objects, made the first time
        they are asked for (names alone serve every analysis).

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.options[0].description
        'Open markets and talk.'
        """
        return self._roster.options

    @property
    def criterion_names(self) -> tuple[str, ...]:
        """The criterion names, in column order.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.criterion_names
        ('Trade gains', 'Conflict risk')
        """
        return self._criterion_names

    @property
    def n_options(self) -> int:
        """The number of options.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.n_options
        2
        """
        return len(self._roster)

    @property
    def n_criteria(self) -> int:
        """The number of criteria.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.n_criteria
        2
        """
        return len(self.criteria)

    @property
    def areas(self) -> tuple[str, ...]:
        """The distinct areas, in order of first appearance among the criteria.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.areas
        ('Economic', 'Security')
        """
        return tuple(dict.fromkeys(c.area for c in self.criteria))

    @property
    def benefits(self) -> tuple[str, ...]:
        """Names of the benefit criteria (higher is better).

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.benefits
        ('Trade gains',)
        """
        return tuple(c.name for c in self.criteria if c.kind == "benefit")

    @property
    def risks(self) -> tuple[str, ...]:
        """Names of the risk criteria (higher is worse).

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.risks
        ('Conflict risk',)
        """
        return tuple(c.name for c in self.criteria if c.kind == "risk")

    @property
    def costs(self) -> tuple[str, ...]:
        """Names of the cost criteria (higher is worse, reported apart from risks).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["Wall", "Wetland"],
        ...     [pb.Criterion("Homes protected", area="Safety", kind="benefit"),
        ...      pb.Criterion("Cost", area="Money", kind="cost", unit="£m")],
        ...     [[900, 620], [700, 380]],
        ... )
        >>> a.costs, a.risks
        (('Cost',), ())
        """
        return tuple(c.name for c in self.criteria if c.kind == "cost")

    @property
    def observed_range(self) -> tuple[FloatArray, FloatArray]:
        """The lowest and the highest score on each criterion (read-only arrays).

        Computed once, when the assessment is built, as part of checking its scores.

        Examples
        --------
        >>> import powerbalance as pb
        >>> low, high = pb.examples.load("engage-or-contain").assessment.observed_range
        >>> low, high
        (array([3., 4.]), array([7., 6.]))
        """
        return self._observed_range

    @property
    def is_risk(self) -> npt.NDArray[np.bool_]:
        """A read-only boolean array over the criteria: True where the criterion is a risk.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.is_risk
        array([False,  True])
        """
        return self._is_risk

    @property
    def is_cost(self) -> npt.NDArray[np.bool_]:
        """A read-only boolean array over the criteria: True where the criterion is a cost.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.is_cost
        array([False, False])
        """
        return self._is_cost

    @property
    def lower_is_better(self) -> npt.NDArray[np.bool_]:
        """A read-only boolean array over the criteria: True where a lower score is better.

        True on every risk and every cost: this, not :attr:`is_risk`, is the direction a
        normalization or a method turns around.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.lower_is_better
        array([False,  True])
        """
        return self._lower_is_better

    def criteria_in(self, area: str) -> tuple[str, ...]:
        """Names of the criteria in an area.

        Raises
        ------
        UnknownNameError
            No criterion belongs to ``area``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.criteria_in("Security")
        ('Conflict risk',)
        """
        names = tuple(c.name for c in self.criteria if c.area == area)
        if not names:
            raise UnknownNameError(
                f"No criterion belongs to area {area!r}; the areas are "
                f"{quoted_list(self.areas)}." + did_you_mean(area, self.areas)
            )
        return names

    def option(self, name: str) -> Option:
        """The option with this name.

        Raises
        ------
        UnknownNameError
            There is no such option.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.option("Engage").name
        'Engage'
        """
        return self._roster.option(self.option_index(name))

    def criterion(self, name: str) -> Criterion:
        """The criterion with this name.

        Raises
        ------
        UnknownNameError
            There is no such criterion.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.criterion("Conflict risk").kind
        'risk'
        """
        return self.criteria[self.criterion_index(name)]

    def option_index(self, name: str) -> int:
        """The row of the option with this name.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.option_index("Contain")
        1
        """
        return index_of("option", name, self.option_names)

    def criterion_index(self, name: str) -> int:
        """The column of the criterion with this name.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.criterion_index("Conflict risk")
        1
        """
        return index_of("criterion", name, self.criterion_names)

    # -- views and copies -------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """The scores as a new DataFrame: index ``option``, columns ``criterion``.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.to_frame().loc["Engage", "Trade gains"]
        np.float64(7.0)
        """
        return pd.DataFrame(
            self.scores.copy(),
            index=labels(self.option_names, "option"),
            columns=labels(self.criterion_names, "criterion"),
        )

    def value_matrix(self) -> FloatArray:
        """The 0-100 preference values of every score, as a new array (see :meth:`to_values`).

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("engage-or-contain").assessment.value_matrix()
        array([[100., 100.],
               [  0.,   0.]])
        """
        low, high = self.observed_range
        values = np.empty_like(self.scores)
        for j, criterion in enumerate(self.criteria):
            scale = criterion.scale or (float(low[j]), float(high[j]))
            worst, best = (scale[1], scale[0]) if criterion.lower_is_better else scale
            if worst == best:
                # A local scale on which every option scores the same: all are best.
                values[:, j] = 100.0
                continue
            function = criterion.value_function or Linear()
            try:
                values[:, j] = function.values(self.scores[:, j], worst, best)
            except PowerbalanceError as error:
                # The function knows the numbers, not which criterion it serves.
                raise type(error)(
                    f"Criterion {criterion.name!r}, value function {function!r}: {error}"
                ) from error
        return values

    def to_values(self) -> pd.DataFrame:
        """Every score as a 0-100 preference value, through its criterion's value function.

        0 is the worst end of the criterion's scale and 100 the best. The ends are the
        fixed ``scale`` of a criterion that has one (a global scale) and otherwise the
        worst and best scores in the assessment (a local scale). For a risk the worst
        end is the high one, so its value falls as the risk rises.

        Returns
        -------
        pandas.DataFrame
            Index ``option``, columns ``criterion``, values from 0 to 100.

        Raises
        ------
        InvalidParameterError
            A criterion's value function does not fit its scale (e.g. the points of a
            piecewise function do not start and end at the scale's ends).

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["A", "B", "C"],
        ...     [pb.Criterion("Jobs", area="Economic", kind="benefit", scale=(0, 100),
        ...         value_function=pb.value.Piecewise(points=[(0, 0), (50, 80), (100, 100)]))],
        ...     [[25], [50], [75]],
        ... )
        >>> a.to_values()["Jobs"].tolist()
        [40.0, 80.0, 90.0]
        """
        return pd.DataFrame(
            self.value_matrix(),
            index=labels(self.option_names, "option"),
            columns=labels(self.criterion_names, "criterion"),
        )

    def notes_frame(self) -> pd.DataFrame:
        """The rationale notes as a DataFrame shaped like :meth:`to_frame` ("" where none).

        Examples
        --------
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> tiny.notes_frame().loc["Engage", "Trade gains"]
        'Opens markets.'
        """
        frame = pd.DataFrame(
            "",
            index=labels(self.option_names, "option"),
            columns=labels(self.criterion_names, "criterion"),
            dtype=object,
        )
        for (option, criterion), text in self.notes.items():
            frame.loc[option, criterion] = text
        return frame

    def subset(
        self,
        options: Sequence[str] | None = None,
        criteria: Sequence[str] | None = None,
    ) -> Assessment:
        """A new assessment with only the named options and criteria, in the order given.

        Parameters
        ----------
        options, criteria : sequence of str, optional
            Names to keep; all are kept when omitted. If the baseline option is left
            out, the new assessment has no baseline.

        Raises
        ------
        UnknownNameError
            A name is not in the assessment.

        Examples
        --------
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> tiny.subset(criteria=["Trade gains"]).criterion_names
        ('Trade gains',)
        """
        for parameter, names in (("options", options), ("criteria", criteria)):
            if names is not None and (isinstance(names, str) or not isinstance(names, Iterable)):
                raise refuse(
                    "Assessment.subset",
                    parameter,
                    names,
                    "a list of names",
                    fix=f"Wrap a single name in a list: [{names!r}]."
                    if isinstance(names, str)
                    else "Such as ['Engage'].",
                )
        rows = self._rows(options) if options is not None else None
        columns = [self.criterion_index(n) for n in criteria] if criteria is not None else None
        column_index = columns if columns is not None else list(range(self.n_criteria))
        roster = self._roster if rows is None else self._roster.take(rows)
        kept_criteria = [self.criteria[j] for j in column_index]
        # Every option is kept unless rows are named; then look names up in the kept ones.
        kept_option_names: Container[str] = _Everything() if rows is None else roster.positions()
        kept_criterion_names = {c.name for c in kept_criteria}
        # One copy of the kept block, taken over by the new assessment; with nothing
        # left out, the read-only scores are shared.
        if rows is not None and columns is not None:
            scores = self.scores[np.ix_(rows, columns)]
        elif rows is not None:
            scores = self.scores[rows]
        elif columns is not None:
            scores = self.scores[:, columns]
        else:
            scores = self.scores
        return attrs.evolve(
            self,
            options=roster,
            criteria=kept_criteria,
            scores=Fresh(scores),
            notes={
                key: text
                for key, text in self.notes.items()
                if key[0] in kept_option_names and key[1] in kept_criterion_names
            },
            uncertainty={
                key: distribution
                for key, distribution in self.uncertainty.items()
                if key[0] in kept_option_names and key[1] in kept_criterion_names
            },
            baseline=self.baseline if self.baseline in kept_option_names else None,
            scenarios=kept_scenarios(self.scenarios, kept_option_names, kept_criterion_names),
        )

    # -- scenarios ----------------------------------------------------------------------

    @property
    def scenario_names(self) -> tuple[str, ...]:
        """The scenarios' names, in order (empty without scenarios).

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.examples.load("great-power-cooperation").assessment.scenario_names[0]
        'Rivals reciprocate, Russia integrated'
        """
        return tuple(s.name for s in self.scenarios)

    def scenario(self, name: str) -> Scenario:
        """The scenario with this name.

        Raises
        ------
        UnknownNameError
            There is no such scenario; the message lists them.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.examples.load("great-power-cooperation").assessment
        >>> a.scenario("Rivals exploit cooperation, Russia isolated").probability is None
        True
        """
        return find_scenario(self, name)

    def in_scenario(self, name: str) -> Assessment:
        """The plain assessment of one future: its scores, and no scenarios of its own.

        A cell the scenario changes takes its score there; a cell changed to a
        distribution takes the distribution's most plausible value (the mode, the mean
        of a normal, the middle of a uniform) and the distribution as its uncertainty.
        Other cells, and their uncertainty, are the central ones. The name, options,
        criteria, notes and baseline are kept.

        Raises
        ------
        UnknownNameError
            There is no such scenario.

        Examples
        --------
        >>> import powerbalance as pb
        >>> a = pb.Assessment(
        ...     ["Engage", "Contain"],
        ...     [pb.Criterion("Conflict risk", area="Security", kind="risk")],
        ...     [[4], [6]],
        ...     scenarios=[pb.Scenario("Rivals exploit", changes={"Engage": {"Conflict risk": 8}})],
        ... )
        >>> a.in_scenario("Rivals exploit").scores.tolist()
        [[8.0], [6.0]]
        """
        scores, uncertainty = in_scenario(self, find_scenario(self, name))
        return attrs.evolve(self, scores=Fresh(scores), uncertainty=uncertainty, scenarios=())

    @property
    def probabilities(self) -> FloatArray | None:
        """The scenarios' probabilities in order, as a new array; None if not given.

        Examples
        --------
        >>> import powerbalance as pb
        >>> print(pb.examples.load("great-power-cooperation").assessment.probabilities)
        None
        """
        if not self.scenarios or self.scenarios[0].probability is None:
            return None
        return np.array([s.probability for s in self.scenarios], dtype=np.float64)

    def _rows(self, names: Iterable[str]) -> list[int]:
        """The rows of the named options, in the order given."""
        names = list(names)
        if len(names) < 64:
            return [self.option_index(n) for n in names]
        positions = self._roster.positions()
        rows = [positions.get(n, -1) if isinstance(n, str) else -1 for n in names]
        if -1 in rows:
            self.option_index(names[rows.index(-1)])  # raises, naming it
        return rows

    def with_score(self, option: str, criterion: str, score: float) -> Assessment:
        """A new assessment with one score changed.

        Raises
        ------
        InvalidParameterError
            ``score`` is not a finite number.
        UnknownNameError
            ``option`` or ``criterion`` is not in the assessment.
        InvalidScoreError
            ``score`` lies outside the criterion's scale.

        Examples
        --------
        >>> import powerbalance as pb
        >>> tiny = pb.examples.load("engage-or-contain").assessment
        >>> tiny.with_score("Engage", "Trade gains", 9).to_frame().iloc[0, 0]
        np.float64(9.0)
        """
        check(
            "Assessment.with_score",
            "score",
            score,
            Interval(),
            fix=f"Give the score of {option!r} on {criterion!r} as a number.",
        )
        row, column = self.option_index(option), self.criterion_index(criterion)
        scores = self.scores.copy()
        scores[row, column] = score
        # Only one cell changed: its column's extremes and the checks that involve it
        # are redone, not the whole matrix's.
        lowest, highest = (array.copy() for array in self.observed_range)
        lowest[column], highest[column] = scores[:, column].min(), scores[:, column].max()
        copy = object.__new__(Assessment)
        for field in attrs.fields(Assessment):
            object.__setattr__(copy, field.name, getattr(self, field.name))
        object.__setattr__(copy, "scores", readonly(scores))
        object.__setattr__(copy, "_observed_range", (readonly(lowest), readonly(highest)))
        copy._validate_scales()
        copy._validate_uncertainty()
        return copy
