"""The brief: one document for a reader who must decide, composed of an analysis's results."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs

from powerbalance._render import Block, Callout, Document, Paragraph, Rendered, component, plain
from powerbalance._validate import InstanceOf, OneOf, check, refuse
from powerbalance._version import __version__
from powerbalance.brief import _sections as sections
from powerbalance.brief._acceptable import (
    acceptability_caveat,
    acceptability_data,
    acceptability_section,
)
from powerbalance.brief._bottom_line import recommendation, robustness
from powerbalance.brief._consequences import consequence_data
from powerbalance.brief._futures import futures_section
from powerbalance.brief._packages import packages_data, packages_section
from powerbalance.brief._value_for_money import (
    value_for_money_analyses,
    value_for_money_data,
    value_for_money_section,
)
from powerbalance.errors import InvalidParameterError
from powerbalance.evaluation import Comparison, Report
from powerbalance.io._atomic import write_file
from powerbalance.model import Assessment, Study
from powerbalance.portfolio import Package, RobustPackages
from powerbalance.scenarios import ScenarioAnalysis
from powerbalance.screening import Screening, Sorting
from powerbalance.sensitivity import SMAAResult, Stability

__all__ = ["BRIEF_SCHEMA", "FORMATS", "Brief"]

BRIEF_SCHEMA = "powerbalance.brief/1"
"""The schema tag of :meth:`Brief.to_dict`; it changes when the layout does.

Examples
--------
>>> import powerbalance as pb
>>> pb.brief.build(pb.examples.load("engage-or-contain")).to_dict()["schema"] == BRIEF_SCHEMA
True
"""

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
"""The format :meth:`Brief.save` writes for each file suffix.

Examples
--------
>>> sorted(set(FORMATS.values()))
['html', 'json', 'markdown', 'text']
"""


def _to_study(value: object) -> object:
    return Study(value) if isinstance(value, Assessment) else value


def _check_study(instance: Brief, attribute: attrs.Attribute[Study], value: object) -> None:
    check(
        "Brief",
        "study",
        value,
        InstanceOf((Study, Assessment), description="a Study or an Assessment"),
        fix="Such as pb.examples.load('great-power-cooperation') or pb.io.read('study.toml').",
    )


def _same_assessment(what: str, value: object, theirs: Assessment, ours: Assessment) -> None:
    if theirs is not ours and theirs != ours:
        raise refuse(
            "Brief",
            what,
            value,
            "a result of the study's own assessment",
            fix=f"Compute the {what} from study.assessment, or use pb.brief.build(study).",
        )


def _check_results(brief: Brief) -> None:
    a = brief.study.assessment
    check("Brief", "report", brief.report, InstanceOf(Report), fix="Make one with pb.evaluate.")
    _same_assessment("report", brief.report, brief.report.assessment, a)
    ranking = tuple(str(name) for name in brief.report.ranking.index)
    analyses: tuple[tuple[str, object, type], ...] = (
        ("stability", brief.stability, Stability),
        ("smaa", brief.smaa, SMAAResult),
    )
    for name, analysis, kind in analyses:
        check("Brief", name, analysis, InstanceOf(kind), None)
        if isinstance(analysis, (Stability, SMAAResult)):
            conflict = analysis.conflicts_with(ranking)
            if conflict is not None:
                raise InvalidParameterError(f"Brief: {name}: {conflict}")
    check("Brief", "comparison", brief.comparison, InstanceOf(Comparison), None)
    if brief.comparison is not None:
        _same_assessment("comparison", brief.comparison, brief.comparison.assessment, a)
    check("Brief", "scenarios", brief.scenarios, InstanceOf(ScenarioAnalysis), None)
    if brief.scenarios is not None:
        _same_assessment("scenarios", brief.scenarios, brief.scenarios.assessment, a)
    check("Brief", "package", brief.package, InstanceOf(Package), None)
    check("Brief", "robust_packages", brief.robust_packages, InstanceOf(RobustPackages), None)
    for name, found in (("package", brief.package), ("robust_packages", brief.robust_packages)):
        if found is not None:
            _same_assessment(name, found, found.problem.assessment, a)
    check("Brief", "screening", brief.screening, InstanceOf(Screening), None)
    if brief.screening is not None:
        _same_assessment("screening", brief.screening, brief.screening.original, a)
    check("Brief", "sorting", brief.sorting, InstanceOf(Sorting), None)
    if brief.sorting is not None:
        _same_assessment("sorting", brief.sorting, brief.sorting.assessment, a)


@attrs.frozen
class Brief(Rendered):
    """One document for a reader who must decide: the bottom line first, then the evidence.

    Reading order: the title; the study's disclaimer, if it has one, before anything
    else; the question (the study's description); the recommendation in one
    paragraph; how robust it is in one sentence. Then the evidence: the ranking,
    which options are acceptable (the screening against the study's rules and the
    sorting into categories, when the study states them), benefits and risks by
    area, the top two options, value for money when the
    assessment has a cost criterion, the consequences in the
    analyst's own units (uncertainty ranges in the cells, rationale notes as numbered
    footnotes), the scales and their anchors, the options and criteria described, the
    stability analysis, SMAA, the futures (scenarios) and the comparison when present,
    and the method and weighting in words; last, who prepared it and when, and the
    library's version.

    It renders as every result does: :meth:`summary`, ``print``, :meth:`to_markdown`,
    :meth:`to_html` (``page=True`` for the styled, self-contained page),
    :meth:`to_dict`, :meth:`to_json`; :meth:`save` writes any of them to a file.
    :func:`~powerbalance.brief.build` makes one from a study in one call.

    Parameters
    ----------
    study : Study or Assessment
        What was analysed, with its texts; an Assessment is wrapped in a Study
        without texts.
    report : Report
        The evaluation of the study's assessment.
    comparison : Comparison, optional
        The ranks under other weightings and methods (:func:`powerbalance.compare`).
    stability : Stability, optional
        How far each weight can move (:func:`powerbalance.sensitivity.stability`).
    smaa : SMAAResult, optional
        How often each option ranks first over many weightings
        (:func:`powerbalance.sensitivity.smaa`).
    scenarios : ScenarioAnalysis, optional
        How the options fare across the assessment's futures
        (:func:`powerbalance.scenarios.evaluate`): which option each decision rule
        chooses, and where the recommended option loses first place.
    package : Package, optional
        The best package of options within the study's budgets
        (:func:`powerbalance.portfolio.optimize`), when the study holds a package problem.
    robust_packages : RobustPackages, optional
        The packages no other beats under every weighting in the order of the brief's
        weights, with each option's core index (:func:`powerbalance.portfolio.robust`).
    screening : Screening, optional
        The options kept and excluded by the study's rules, with the reasons
        (:func:`powerbalance.screening.screen`).
    sorting : Sorting, optional
        Each option's category under the study's sorting model and the brief's weights
        (:func:`powerbalance.screening.sort`).

    Raises
    ------
    InvalidParameterError
        A result is not of the kind its parameter takes, or is not of the study's
        assessment (a stability analysis with another leader, SMAA of other options).

    Examples
    --------
    >>> import powerbalance as pb
    >>> study = pb.examples.load("great-power-cooperation")
    >>> brief = Brief(study, pb.evaluate(study.assessment))
    >>> print(brief.to_text().splitlines()[0])
    US policy options for a possible pivot towards cooperation with China and Russia
    >>> brief.to_text().splitlines()[2].startswith("Disclaimer: All scores are illustrative")
    True
    """

    study: Study = attrs.field(converter=_to_study, validator=_check_study)
    report: Report
    comparison: Comparison | None = attrs.field(default=None, kw_only=True)
    stability: Stability | None = attrs.field(default=None, kw_only=True)
    smaa: SMAAResult | None = attrs.field(default=None, kw_only=True)
    scenarios: ScenarioAnalysis | None = attrs.field(default=None, kw_only=True)
    package: Package | None = attrs.field(default=None, kw_only=True)
    robust_packages: RobustPackages | None = attrs.field(default=None, kw_only=True)
    screening: Screening | None = attrs.field(default=None, kw_only=True)
    sorting: Sorting | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check_results(self)

    # -- words --------------------------------------------------------------------------

    def recommendation(self) -> str:
        """The recommendation in one paragraph: who comes first, by how much, and why.

        When the study's screening excludes the recommended option, or its sorting
        puts it below the best category, a last sentence says so.

        Examples
        --------
        >>> import powerbalance as pb
        >>> brief = pb.brief.build(pb.examples.load(), stability=False)
        >>> brief.recommendation().startswith("Targeted cooperation ranks first of 7 options")
        True
        """
        said = recommendation(self.report, self.study.presets)
        caveat = acceptability_caveat(self._leader(), self.screening, self.sorting)
        return f"{said} {caveat}" if caveat else said

    def robustness(self) -> str:
        """How robust the recommendation is, in one sentence: stability, SMAA, the futures.

        Examples
        --------
        >>> import powerbalance as pb
        >>> pb.brief.build(pb.examples.load()).robustness()[:41]
        'Targeted cooperation remains first unless'
        """
        return robustness(
            self.stability, self.smaa, leader=self._leader(), scenarios=self.scenarios
        )

    def _leader(self) -> str | None:
        """The recommended option; None for a tie for first place, which has no one leader."""
        ranking = self.report.ranking
        return str(ranking.index[0]) if (ranking["rank"] == 1).sum() == 1 else None

    def summary(self) -> str:
        """The bottom line: the recommendation, then how robust it is.

        Examples
        --------
        >>> import powerbalance as pb
        >>> brief = pb.brief.build(pb.examples.load())
        >>> brief.summary() == brief.recommendation() + " " + brief.robustness()
        True
        """
        return f"{self.recommendation()} {self.robustness()}"

    # -- renderings ---------------------------------------------------------------------

    def _title(self) -> str:
        return self.study.title or self.study.assessment.name or "Brief"

    def _provenance(self) -> str:
        author, date = self.study.author, self.study.date
        prepared = ""
        if author or date:
            by = f" by {author}" if author else ""
            prepared = f"Prepared{by}{f', {date}' if date else ''}."
        return " ".join(p for p in (prepared, self.report._provenance()) if p)

    def _document(self) -> Document:
        study, report = self.study, self.report
        blocks: list[Block] = []
        if study.disclaimer:
            blocks.append(Callout("disclaimer", study.disclaimer, "Disclaimer"))
        if study.description:
            blocks.append(Paragraph(study.description))
        blocks += [
            Callout("bottom-line", self.recommendation(), "Recommendation"),
            Callout("robustness", self.robustness(), "How robust"),
        ]
        evidence = [
            sections.ranking(report),
            acceptability_section(self.screening, self.sorting),
            sections.areas(report),
            sections.top_two(report),
            value_for_money_section(value_for_money_analyses(report)),
            packages_section(self.package, self.robust_packages),
            sections.consequences(study.assessment),
            sections.scales(study),
            sections.options(study.assessment),
            sections.criteria(study.assessment),
            None if self.stability is None else sections.stability_section(self.stability),
            None if self.smaa is None else sections.smaa_section(self.smaa),
            None if self.scenarios is None else futures_section(self.scenarios, self._leader()),
            None if self.comparison is None else sections.comparison_section(self.comparison),
            sections.method(report, study.presets),
        ]
        blocks += [section for section in evidence if section is not None]
        return Document(self._title(), blocks, self._provenance())

    def to_dict(self) -> dict[str, Any]:
        """The brief as plain Python data (JSON-ready), tagged :data:`BRIEF_SCHEMA`.

        The keys, in reading order: ``schema``; ``disclaimer``; ``title``;
        ``question`` (the study's description); ``recommendation``, ``robustness``
        and ``summary``; ``author``, ``date``, ``scale_description``; ``baseline``;
        ``options`` (``name``, ``description``); ``criteria`` (``name``, ``area``,
        ``kind``, ``unit``, ``scale``, ``anchors``, ``description``); ``scores``,
        ``uncertainty`` and ``notes`` (see
        :func:`~powerbalance.brief._consequences.consequence_data`); ``method`` and
        ``weighting`` (``name``, ``description``, ``words``, ``parameters``, and for
        the weighting the study's ``preset`` name or null); the ``to_dict()`` of
        ``report``, ``screening``, ``sorting``, ``stability``, ``smaa``,
        ``comparison`` and ``scenarios`` (null when absent); ``value_for_money``, the
        ``to_dict()`` of the value for money against each cost criterion, only when the
        assessment has one; ``package`` and ``robust_packages``, only when the brief has a
        best package; ``version``.

        Examples
        --------
        >>> import json, powerbalance as pb
        >>> data = json.loads(pb.brief.build(pb.examples.load()).to_json())
        >>> list(data)[:5]
        ['schema', 'disclaimer', 'title', 'question', 'recommendation']
        >>> data["weighting"]["preset"], data["criteria"][0]["unit"]
        ('security-first', '0-10 judgement')
        """
        study, a = self.study, self.study.assessment
        weighting = component(self.report.weighting)
        presets = [n for n, scheme in study.presets.items() if scheme == self.report.weighting]
        weighting["preset"] = presets[0] if presets else None
        data: dict[str, Any] = {
            "schema": BRIEF_SCHEMA,
            "disclaimer": study.disclaimer,
            "title": self._title(),
            "question": study.description,
            "recommendation": self.recommendation(),
            "robustness": self.robustness(),
            "summary": self.summary(),
            "author": study.author,
            "date": study.date,
            "scale_description": study.scale_description,
            "baseline": a.baseline,
            "options": [{"name": o.name, "description": o.description} for o in a.options],
            "criteria": [
                {
                    "name": c.name,
                    "area": c.area,
                    "kind": c.kind,
                    "unit": c.unit,
                    "scale": c.scale,
                    "anchors": c.anchors,
                    "description": c.description,
                }
                for c in a.criteria
            ],
            **consequence_data(a),
            "method": component(self.report.method),
            "weighting": weighting,
            "report": self.report.to_dict(),
            **acceptability_data(self.screening, self.sorting),
            "stability": None if self.stability is None else self.stability.to_dict(),
            "smaa": None if self.smaa is None else self.smaa.to_dict(),
            "comparison": None if self.comparison is None else self.comparison.to_dict(),
            "scenarios": None if self.scenarios is None else self.scenarios.to_dict(),
        }
        if a.costs:
            data["value_for_money"] = value_for_money_data(value_for_money_analyses(self.report))
        if self.package is not None:
            data.update(packages_data(self.package, self.robust_packages))
        data["version"] = __version__
        result: dict[str, Any] = plain(data)
        return result

    def save(self, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
        """Write the brief to ``path``, in one step (a failed write leaves the old file).

        Parameters
        ----------
        path : str or path-like
            Where to write it.
        format : {"text", "markdown", "html", "json"}, optional
            What to write; by default the suffix of ``path`` says (:data:`FORMATS`):
            ``.txt``, ``.md``, ``.html`` (the styled, self-contained page) or ``.json``.

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        InvalidParameterError
            ``format`` is not one of the four, or is left out and the suffix of
            ``path`` is none of those in :data:`FORMATS`.
        FileWriteError
            The file cannot be written.

        Examples
        --------
        >>> import tempfile, powerbalance as pb
        >>> brief = pb.brief.build(pb.examples.load("engage-or-contain"))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     page = brief.save(Path(folder) / "brief.html")
        ...     page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
        """
        target = Path(path)
        if format is None:
            found = FORMATS.get(target.suffix.lower())
            if found is None:
                raise refuse(
                    "Brief.save",
                    "path",
                    str(path),
                    f"a file name ending in {', '.join(FORMATS)}",
                    fix="Or say what to write with format='text', 'markdown', 'html' or 'json'.",
                )
            format = found
        check("Brief.save", "format", format, OneOf("text", "markdown", "html", "json"))
        renderings = {
            "text": lambda: self.to_text() + "\n",
            "markdown": lambda: self.to_markdown() + "\n",
            "html": lambda: self.to_html(page=True),
            "json": lambda: self.to_json() + "\n",
        }
        write_file(target, renderings[format]())
        return target
