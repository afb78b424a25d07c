"""The brief's "Which options are acceptable": the screening and the sorting into categories.

Shown only when the study states screening rules (``Study.screening_rules``) or a
sorting model (``Study.sorting``). The screening says which options pass the study's
minimum standards and red lines, and why each other one does not; the sorting puts
every option of the assessment (screened out or not, so that a reader sees where a
red-lined option would otherwise stand) in an ordered category under the brief's own
weights, drawn as one strip per category.
"""

from __future__ import annotations

from typing import Any

from powerbalance._render import (
    Block,
    Figure,
    Notes,
    Paragraph,
    Section,
    Table,
    join_words,
    number,
)
from powerbalance._render.svg_categories import category_strips
from powerbalance._render.words import percent
from powerbalance.evaluation import Report
from powerbalance.model import Study
from powerbalance.screening import ElectreTriB, Failure, Screening, Sorting, screen, sort
from powerbalance.screening._why import model_in_words

__all__ = [
    "acceptability_analyses",
    "acceptability_caveat",
    "acceptability_data",
    "acceptability_section",
    "sorting_reason",
]


def acceptability_analyses(study: Study, report: Report) -> tuple[Screening | None, Sorting | None]:
    """The study's screening and its sorting under the report's weights; None for what it lacks.

    Examples
    --------
    >>> import attrs, powerbalance as pb
    >>> study = pb.examples.load("engage-or-contain")
    >>> acceptability_analyses(study, pb.evaluate(study.assessment))
    (None, None)
    >>> rule = pb.screening.Veto("Conflict risk", limit=5)
    >>> screened, _ = acceptability_analyses(attrs.evolve(study, screening_rules=[rule]),
    ...                                      pb.evaluate(study.assessment))
    >>> screened.excluded
    ('Contain',)
    """
    a = study.assessment
    screened = (
        screen(a, *study.screening_rules, do_minimum=study.do_minimum)
        if study.screening_rules
        else None
    )
    sorted_ = None if study.sorting is None else sort(a, study.sorting, weighting=report.weights)
    return screened, sorted_


def _without_subject(failure: Failure) -> str:
    """The failure in words without the option's name, which the table's row already gives."""
    text = failure.in_words()
    subject = f"{failure.option} "
    return text[len(subject) :] if text.startswith(subject) else text


def _reasons(screening: Screening, option: str) -> str:
    """Each rule the option fails, once, with how many more scenarios it fails in."""
    by_rule: dict[int, list[Failure]] = {}
    for failure in screening.reasons[option]:
        by_rule.setdefault(id(failure.rule), []).append(failure)
    phrases = []
    for failures in by_rule.values():
        phrase = _without_subject(failures[0]).rstrip(".")
        more = len(failures) - 1
        if more:
            phrase += f", and in {more} more scenario{'s' if more > 1 else ''}"
        phrases.append(phrase)
    return "; ".join(phrases)


def _failed_rules(screening: Screening, option: str) -> str:
    """The numbers of the rules the option fails, as the list of rules numbers them."""
    failed = {id(failure.rule) for failure in screening.reasons[option]}
    numbers = [str(k + 1) for k, rule in enumerate(screening.rules) if id(rule) in failed]
    return ", ".join(numbers) or "-"


def _screening_blocks(screening: Screening) -> list[Block]:
    rows, why = [], []
    for option in screening.original.option_names:
        note = screening.notes.get(option, "")
        failed = _reasons(screening, option)
        if option in screening.excluded:
            status = "excluded"
            why.append(f"{option} {failed}.")
        elif note:
            status = "kept (comparator)"
            why.append(f"{note[:-1]}, although it {failed}." if failed else note)
        else:
            status = "kept"
        rows.append([option, status, _failed_rules(screening, option)])
    n_rules = len(screening.rules)
    lead = (
        f"Screened {screening.original.n_options} options against the study's {n_rules} "
        f"rule{'s' if n_rules != 1 else ''}: {len(screening.kept)} kept, "
        f"{len(screening.excluded)} excluded."
    )
    rules = [f"Rule {k + 1}: {rule.in_words()}" for k, rule in enumerate(screening.rules)]
    blocks: list[Block] = [
        Paragraph(lead),
        Notes("The rules", rules),
        Table("Screening, option by option", ["Option", "Status", "Rules failed"], rows, "<<<"),
    ]
    if why:
        blocks.append(Notes("Why", why))
    return blocks


def sorting_reason(sorting: Sorting, option: str) -> str:
    """Why the option is in its category, in one short line: the support or credibility.

    The edge that decides is the lower edge of the next category up (what the option
    falls short of), or for the best category its own lower edge (what it reaches).
    Which vetoes fired is in the sorting's ``to_frame()["veto"]``.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(["A", "B", "C"], [pb.Criterion("X", area="P", kind="benefit"),
    ...                                     pb.Criterion("Y", area="P", kind="risk")],
    ...                   [[8, 2], [8, 9], [2, 9]])
    >>> model = pb.screening.MRSort(["no", "yes"], {"X": 5, "Y": 5}, vetoes={"Y": 3})
    >>> sorting = pb.screening.sort(a, model)
    >>> [sorting_reason(sorting, option) for option in "ABC"]  # doctest: +NORMALIZE_WHITESPACE
    ["reaches 'yes': 100.0% of the weight, 50.0% needed",
     "barred from 'yes' by a veto: 50.0% of the weight",
     "short of 'yes': 0.0% of the weight, 50.0% needed"]
    """
    model = sorting.model
    names = model.categories
    i = sorting.assessment.option_index(option)
    c = int(sorting.positions[i])
    h = c if c < len(names) - 1 else c - 1
    share = float(sorting.evidence.forward[i, h])
    edge = f"reaches {names[h + 1]!r}" if h < c else f"short of {names[h + 1]!r}"
    if isinstance(model, ElectreTriB):
        return f"{edge}: credibility {number(share, 2)}, cut {number(model.cut, 2)}"
    if h == c and share >= model.threshold - 1e-9:
        return f"barred from {names[h + 1]!r} by a veto: {percent(share)} of the weight"
    return f"{edge}: {percent(share)} of the weight, {percent(model.threshold)} needed"


def _category_cell(sorting: Sorting, option: str, excluded: set[str]) -> str:
    """The option's category, marked if excluded, with the other ELECTRE rule's if it differs."""
    cell = sorting.categories[option] + (" (excluded)" if option in excluded else "")
    rules = sorting.rules
    if rules is not None and option in sorting.incomparable:
        other = "optimistic" if sorting.model.rule == "pessimistic" else "pessimistic"  # type: ignore[union-attr]
        position = int(rules[other][sorting.assessment.option_index(option)])
        cell += f"; {other}: {sorting.model.categories[position]}"
    return cell


def _sorting_blocks(sorting: Sorting, screening: Screening | None) -> list[Block]:
    model = sorting.model
    names = model.categories
    excluded = set(screening.excluded) if screening is not None else set()
    vetoed = list(sorting.vetoed)
    marks = {
        o: ", ".join(m for m, on in (("excluded", o in excluded), ("vetoed", o in vetoed)) if on)
        for o in sorting.assessment.option_names
        if o in excluded or o in vetoed
    }
    groups = list(reversed(list(sorting.by_category.items())))
    alternative = "The options in each category, best first: " + "; ".join(
        f"{category}: {join_words(list(options)) or 'none'}" for category, options in groups
    )
    figure = Figure(
        category_strips(
            names,
            sorting.by_category,
            marks=marks,
            title="Options by category, best at the top",
            description=alternative,
        ),
        alternative + ".",
    )
    order = [o for _, options in groups for o in options]
    veto = sorting.to_frame()["veto"]
    rows = [
        [
            option,
            _category_cell(sorting, option, excluded),
            sorting_reason(sorting, option),
            str(veto[option]) or "-",
        ]
        for option in order
    ]
    lead = (
        f"Each option is sorted into one of {join_words([repr(n) for n in names])} (worst "
        f"first) by {model_in_words(model)}, under the brief's weights. "
        + (
            "Options the screening excludes are sorted too, and marked, to show where they "
            "would otherwise stand. "
            if excluded
            else ""
        )
        + (f"A veto fires for {join_words(vetoed)} against the next category up." if vetoed else "")
    ).strip()
    return [
        Paragraph(lead),
        figure,
        Table(
            "Category of every option, best first",
            ["Option", "Category", "Why", "Veto"],
            rows,
            "<<<<",
        ),
    ]


def acceptability_section(screening: Screening | None, sorting: Sorting | None) -> Section | None:
    """The section "Which options are acceptable"; None when the brief has neither analysis.

    Examples
    --------
    >>> import attrs, powerbalance as pb
    >>> study = pb.examples.load("engage-or-contain")
    >>> rule = pb.screening.Veto("Conflict risk", limit=5, reason="no war")
    >>> section = acceptability_section(
    ...     *acceptability_analyses(attrs.evolve(study, screening_rules=[rule]),
    ...                             pb.evaluate(study.assessment)))
    >>> section.heading
    'Which options are acceptable'
    >>> section.blocks[2].rows[1]
    ('Contain', 'excluded', '1')
    >>> section.blocks[3].items
    ('Contain crosses the red line on Conflict risk (6 > 5: no war).',)
    >>> acceptability_section(None, None) is None
    True
    """
    if screening is None and sorting is None:
        return None
    if sorting is None:
        return Section("Which options are acceptable", _screening_blocks(screening))  # type: ignore[arg-type]
    if screening is None:
        return Section("Which options are acceptable", _sorting_blocks(sorting, None))
    return Section(
        "Which options are acceptable",
        [
            Section("Screening against the study's rules", _screening_blocks(screening)),
            Section("Sorting into categories", _sorting_blocks(sorting, screening)),
        ],
    )


def acceptability_caveat(
    leader: str | None, screening: Screening | None, sorting: Sorting | None
) -> str:
    """A sentence for the bottom line when the recommended option is screened out or worse placed.

    Worse placed: not in the sorting model's best category. Empty when neither holds.

    Examples
    --------
    >>> import attrs, powerbalance as pb
    >>> study = pb.examples.load("engage-or-contain")
    >>> rule = pb.screening.Veto("Conflict risk", limit=1, reason="no war")
    >>> screened, _ = acceptability_analyses(attrs.evolve(study, screening_rules=[rule]),
    ...                                      pb.evaluate(study.assessment))
    >>> print(acceptability_caveat("Engage", screened, None))  # doctest: +NORMALIZE_WHITESPACE
    But the study's screening excludes it: it crosses the red line on Conflict risk
    (4 > 1: no war).
    """
    if leader is None:
        return ""
    clauses = []
    if screening is not None and leader in screening.excluded:
        failed = _without_subject(screening.reasons[leader][0])
        clauses.append(f"the study's screening excludes it: it {failed}")
    if sorting is not None:
        category = sorting.categories[leader]
        best = sorting.model.categories[-1]
        if category != best:
            clauses.append(f"the sorting puts it in {category!r}, not {best!r}")
    if not clauses:
        return ""
    text = "; ".join(clause.rstrip(".") for clause in clauses)
    return f"But {text}."


def acceptability_data(screening: Screening | None, sorting: Sorting | None) -> dict[str, Any]:
    """The analyses' ``to_dict()``, for the brief's data: ``screening`` and ``sorting``.

    Examples
    --------
    >>> acceptability_data(None, None)
    {'screening': None, 'sorting': None}
    """
    return {
        "screening": None if screening is None else screening.to_dict(),
        "sorting": None if sorting is None else sorting.to_dict(),
    }
