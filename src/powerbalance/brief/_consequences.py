"""The consequences table: every score as the analyst gave it, in their units.

One table per area (so that each stays narrow enough to read and print), options as
rows, criteria as columns headed with their units. A cell shows the score, the range
it may take when it is uncertain, and the number of the note that gives its
rationale; the notes follow as numbered footnotes, the distributions as a list.
"""

from __future__ import annotations

import math
from typing import Any

from powerbalance._render import Block, Footnotes, Notes, Paragraph, Table, join_words
from powerbalance.model import Assessment, Criterion

__all__ = ["amount", "consequence_blocks", "consequence_data", "note_numbers"]


def amount(value: float) -> str:
    """A score as an analyst writes it: whole numbers with thousands separators, else 3 decimals.

    Trailing zeros are dropped; numbers too small for three decimals keep three
    significant digits.

    Examples
    --------
    >>> amount(1250.0), amount(2.5), amount(0.1234), amount(0.00042), amount(-3.0)
    ('1,250', '2.5', '0.123', '0.00042', '-3')
    """
    if not math.isfinite(value):
        return str(value)
    if value == round(value) and abs(value) < 1e15:
        return f"{value:,.0f}"
    if abs(value) < 0.001:
        return f"{value:.3g}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _header(criterion: Criterion) -> str:
    return f"{criterion.name} ({criterion.unit})" if criterion.unit else criterion.name


def _reading(assessment: Assessment) -> str:
    """How to read the tables: which way is better, what the brackets hold."""
    risks, costs = list(assessment.risks), list(assessment.costs)
    lower = risks + costs
    which = " and ".join(words for words, names in (("risks", risks), ("costs", costs)) if names)
    if not lower:
        direction = "Higher is better on every criterion."
    elif len(lower) == assessment.n_criteria:
        one = "a risk or a cost" if risks and costs else "a risk" if risks else "a cost"
        direction = f"Every criterion is {one}: lower is better."
    else:
        direction = f"Higher is better, except on the {which}, where lower is: {join_words(lower)}."
    parts = [f"The scores as the analyst gave them, in their units. {direction}"]
    if assessment.uncertainty:
        parts.append("A range in round brackets is where an uncertain score may lie.")
    if assessment.notes:
        parts.append("A number in square brackets refers to a note on the score, below.")
    return " ".join(parts)


def note_numbers(assessment: Assessment) -> dict[tuple[str, str], int]:
    """The number of each cell's note, in reading order: area by area, row by row.

    Examples
    --------
    >>> import powerbalance as pb
    >>> numbers = note_numbers(pb.examples.load().assessment)
    >>> numbers[("Targeted cooperation", "Trade tensions eased")], len(numbers)
    (1, 91)
    """
    numbers: dict[tuple[str, str], int] = {}
    for area in assessment.areas:
        names = assessment.criteria_in(area)
        for option in assessment.option_names:
            for criterion in names:
                if (option, criterion) in assessment.notes:
                    numbers[(option, criterion)] = len(numbers) + 1
    return numbers


def _ranges(assessment: Assessment) -> dict[tuple[str, str], tuple[float, float, str]]:
    """Each uncertain cell's lowest and highest score and its distribution in words."""
    ranges = {}
    for (option, criterion), distribution in assessment.uncertainty.items():
        bounded = distribution.bounded(assessment.criterion(criterion).scale)
        low, high = bounded.support
        ranges[(option, criterion)] = (low, high, bounded.describe())
    return ranges


def _cell(score: float, span: tuple[float, float, str] | None, note: int | None) -> str:
    text = amount(score)
    if span is not None:
        low, high, words = span
        finite = math.isfinite(low) and math.isfinite(high)
        text += f" ({amount(low)} to {amount(high)})" if finite else f" ({words})"
    if note is not None:
        text += f" [{note}]"
    return text


def consequence_blocks(assessment: Assessment) -> list[Block]:
    """How to read them, one table per area, then the notes and the uncertain scores.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["Wall", "Wetland"],
    ...     [pb.Criterion("Cost", area="Economic", kind="risk", unit="£m")],
    ...     [[120], [80]],
    ...     notes={("Wall", "Cost"): "The contractor quoted it."},
    ...     uncertainty={("Wetland", "Cost"): pb.uncertainty.Uniform(60, 110)},
    ... )
    >>> reading, table, notes, uncertain = consequence_blocks(a)
    >>> table.header, table.rows
    (('Option', 'Cost (£m)'), (('Wall', '120 [1]'), ('Wetland', '80 (60 to 110)')))
    >>> notes.items, uncertain.items
    (('Wall, Cost: The contractor quoted it.',), ('Wetland, Cost: uniform 60 to 110',))
    """
    numbers = note_numbers(assessment)
    ranges = _ranges(assessment)
    blocks: list[Block] = [Paragraph(_reading(assessment))]
    for area in assessment.areas:
        criteria = [assessment.criterion(name) for name in assessment.criteria_in(area)]
        columns = [assessment.criterion_index(c.name) for c in criteria]
        rows = []
        for i, option in enumerate(assessment.option_names):
            label = f"{option} (baseline)" if option == assessment.baseline else option
            cells = [
                _cell(
                    float(assessment.scores[i, j]),
                    ranges.get((option, c.name)),
                    numbers.get((option, c.name)),
                )
                for j, c in zip(columns, criteria, strict=True)
            ]
            rows.append([label, *cells])
        blocks.append(Table(area, ["Option", *(_header(c) for c in criteria)], rows))
    if numbers:
        blocks.append(
            Footnotes(
                "Notes on the scores",
                [f"{o}, {c}: {assessment.notes[(o, c)]}" for o, c in numbers],
            )
        )
    if ranges:
        blocks.append(
            Notes(
                "Uncertain scores (the range each may take, and how likely each part of it is)",
                [f"{o}, {c}: {words}" for (o, c), (_, _, words) in ranges.items()],
            )
        )
    return blocks


def consequence_data(assessment: Assessment) -> dict[str, Any]:
    """The scores, the uncertain cells and the numbered notes, as plain data.

    Returns
    -------
    dict
        ``scores`` (option -> criterion -> score); ``uncertainty`` (records of
        ``option``, ``criterion``, ``distribution`` in words, ``low`` and ``high``,
        null where unbounded); ``notes`` (records of ``number``, ``option``,
        ``criterion``, ``text``, numbered as in the renderings).

    Examples
    --------
    >>> import powerbalance as pb
    >>> data = consequence_data(pb.examples.load().assessment)
    >>> data["notes"][0]["number"], data["uncertainty"]
    (1, [])
    """
    ranges = _ranges(assessment)
    return {
        "scores": {
            option: dict(zip(assessment.criterion_names, map(float, row), strict=True))
            for option, row in zip(assessment.option_names, assessment.scores, strict=True)
        },
        "uncertainty": [
            {
                "option": option,
                "criterion": criterion,
                "distribution": words,
                "low": low if math.isfinite(low) else None,
                "high": high if math.isfinite(high) else None,
            }
            for (option, criterion), (low, high, words) in ranges.items()
        ],
        "notes": [
            {
                "number": number,
                "option": option,
                "criterion": criterion,
                "text": assessment.notes[(option, criterion)],
            }
            for (option, criterion), number in note_numbers(assessment).items()
        ],
    }
