"""The brief's packages: the best combination of options within the study's budgets.

Shown only when the study holds a package problem (``Study.portfolio``). The best
package is found under the brief's own weights and method; the robust packages with
the weights known only by their order (the order of the brief's weights, equal
weights grouped), which is what a room usually agrees on more readily than numbers.
"""

from __future__ import annotations

from typing import Any

from powerbalance._render import Block, Paragraph, Section
from powerbalance.evaluation import Report
from powerbalance.model import Study
from powerbalance.portfolio import Package, RobustPackages, optimize, robust
from powerbalance.sensitivity import OrdinalWeights

__all__ = ["package_analyses", "packages_data", "packages_section", "ranked_weights"]


def ranked_weights(report: Report) -> OrdinalWeights:
    """The order of the report's weights as weight information, equal weights grouped.

    Criteria without weight (a cost the package problem counts as a resource, say) come
    last, grouped.

    Examples
    --------
    >>> import powerbalance as pb
    >>> report = pb.evaluate(pb.examples.load("engage-or-contain").assessment,
    ...                      weighting=lambda a: {"Trade gains": 0.3, "Conflict risk": 0.7})
    >>> ranked_weights(report).ranking
    (('Conflict risk',), ('Trade gains',))
    """
    weights = report.weights
    levels = sorted({round(float(w), 12) for w in weights.values()}, reverse=True)
    groups = [[c for c in weights if round(float(weights[c]), 12) == level] for level in levels]
    return OrdinalWeights([group[0] if len(group) == 1 else group for group in groups])


def package_analyses(study: Study, report: Report) -> tuple[Package | None, RobustPackages | None]:
    """The best package and the robust packages of the study's problem, or None, None.

    The robust packages need a method whose scores are linear in the weights (the
    weighted sum); under another method only the best package is found.

    Examples
    --------
    >>> import powerbalance as pb
    >>> study = pb.examples.load()
    >>> best, robust_ = package_analyses(study, pb.evaluate(study.assessment))
    >>> best.options
    ('Targeted cooperation', 'Allied intelligence sharing', 'Technology investment')
    >>> package_analyses(pb.examples.load("engage-or-contain"), pb.evaluate(
    ...     pb.examples.load("engage-or-contain").assessment))
    (None, None)
    """
    problem = study.portfolio
    if problem is None:
        return None, None
    best = optimize(problem, weighting=report.weights, method=report.method)
    if not getattr(report.method.prepare(study.assessment), "additive", False):
        return best, None
    found = robust(problem, weight_information=ranked_weights(report), method=report.method)
    return best, found


def packages_section(best: Package | None, found: RobustPackages | None) -> Section | None:
    """The section "Packages within the budget": the best package, then the robust ones.

    Examples
    --------
    >>> import powerbalance as pb
    >>> study = pb.examples.load()
    >>> section = packages_section(*package_analyses(study, pb.evaluate(study.assessment)))
    >>> section.heading, [getattr(b, "heading", None) for b in section.blocks][-1]
    ('Packages within the budget', 'Robust packages')
    """
    if best is None:
        return None
    blocks: list[Block] = [
        Paragraph(
            "The measures are not alternatives: several can be adopted together, within the "
            "budgets and the interactions the study states. A package's value is the sum of "
            "its options' scores under the brief's weights (costs counted as resources, not "
            "as criteria) plus the value of the interactions it holds."
        ),
        *best._document().blocks,
    ]
    if found is not None:
        blocks.append(
            Section(
                "Robust packages",
                [
                    Paragraph(
                        "With the weights known only by their order (the order of the "
                        "brief's weights), no single package need be best. These are the "
                        "packages no other beats under every weighting in that order. An "
                        "option in all of them is core, in none exterior."
                    ),
                    *found._document().blocks,
                ],
            )
        )
    return Section("Packages within the budget", blocks)


def packages_data(best: Package | None, found: RobustPackages | None) -> dict[str, Any]:
    """The analyses' ``to_dict()``, for the brief's data: ``package`` and ``robust_packages``.

    Examples
    --------
    >>> packages_data(None, None)
    {'package': None, 'robust_packages': None}
    """
    return {
        "package": None if best is None else best.to_dict(),
        "robust_packages": None if found is None else found.to_dict(),
    }
