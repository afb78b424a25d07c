"""Reading a parsed scenario document into an Assessment (kept for existing callers).

The reader itself lives in :mod:`powerbalance.io`; this module keeps the older entry
point that takes an already parsed document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from powerbalance.io._document import FORMAT, scenario_from_document
from powerbalance.io._problems import Collector
from powerbalance.model import Assessment

__all__ = ["FORMAT", "assessment_from_document"]


def assessment_from_document(document: Mapping[str, Any], source: str) -> Assessment:
    """Build an Assessment from a parsed scenario document.

    Parameters
    ----------
    document : mapping
        The parsed TOML (or JSON) of a scenario file.
    source : str
        The file name, for error messages.

    Raises
    ------
    ScenarioFileError
        The document is malformed or inconsistent; every problem is listed with its
        field path.

    Examples
    --------
    >>> doc = {
    ...     "format": FORMAT, "name": "tiny",
    ...     "criteria": [{"name": "Gain", "area": "Economic", "kind": "benefit"}],
    ...     "options": [{"name": "A", "scores": {"Gain": {"score": 3}}}],
    ... }
    >>> assessment_from_document(doc, "tiny.toml").to_frame()
    criterion  Gain
    option
    A           3.0
    """
    problems = Collector(source)
    scenario = scenario_from_document(document, problems)
    problems.raise_if_any()
    return scenario.assessment  # type: ignore[no-any-return]
