"""Reading and writing assessments: study files, tables and XMCDA.

The format is chosen by the file's suffix:

=========  ================================================================================
suffix     holds
=========  ================================================================================
``.toml``  the study file: everything, including weighting presets (the built-in
           studies are stored this way)
``.json``  the same document as the TOML file, in JSON
``.csv``   a table of scores: *wide* (one row per option; the criteria's area, kind, ...
           in rows above the header) or *long* (one row per score, with uncertainty
           and rationale; the criteria in the companion table ``<name>.criteria.csv``)
``.xlsx``  an Excel workbook, one sheet per table; everything, including presets (needs
           the ``excel`` extra)
``.xml``   XMCDA 4.0.0 (and reading 3.1.1), the Decision Deck exchange format
=========  ================================================================================

Every problem in a file is reported together in one
:class:`~powerbalance.errors.StudyFileError`, each with the file, the line and
column (or sheet and cell), the field path and what was expected and found. Files
larger than ``max_bytes`` are refused before they are parsed, and nothing in a file is
ever executed. See ``docs/formats.md`` for the full reference.

Examples
--------
>>> import tempfile, pathlib
>>> import powerbalance as pb
>>> a = pb.examples.load("great-power-cooperation").assessment
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "study.json"
...     pb.io.save(a, path)
...     pb.io.load(path) == a
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from powerbalance._validate import refuse
from powerbalance.errors import Problem, StudyFileError
from powerbalance.io._atomic import write_file
from powerbalance.io._document import FORMAT
from powerbalance.io._files import MAX_BYTES
from powerbalance.io._formats import SUFFIXES, Layout, format_of, read_study, write_study
from powerbalance.model import Assessment
from powerbalance.model.study import Study
from powerbalance.weighting import WeightingLike

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "SUFFIXES",
    "Study",
    "load",
    "read",
    "save",
    "schema",
    "validate",
    "write",
]

_SCHEMA = "study.schema.json"


def read(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Study:
    """Read a study file: the assessment, its weighting presets and its texts.

    Parameters
    ----------
    path : str or path-like
        A ``.toml``, ``.json``, ``.csv``, ``.xlsx`` or ``.xml`` file.
    max_bytes : int, optional
        Files larger than this are refused before they are parsed.

    Returns
    -------
    Study
        The formats that hold no presets or texts give a study without them.

    Raises
    ------
    StudyFileError
        The file cannot be read, is too large, or is malformed or inconsistent; every
        problem found is listed, each with its location and field path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import powerbalance as pb
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "built-in.toml"
    ...     _ = path.write_text(pb.examples.text("great-power-cooperation"), encoding="utf-8")
    ...     study = pb.io.read(path)
    >>> study.assessment.n_options, sorted(study.presets)[:1]
    (7, ['climate-first'])
    """
    file = Path(path)
    if format_of(file) == "xml":
        from powerbalance.io import xmcda  # type: ignore[attr-defined,unused-ignore]

        return Study(xmcda.load(file, max_bytes=max_bytes))
    return read_study(file, str(path), max_bytes)


def load(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Assessment:
    r"""Load the assessment of a study file, choosing the reader by the file's suffix.

    Parameters
    ----------
    path : str or path-like
        A ``.toml``, ``.json``, ``.csv``, ``.xlsx`` or ``.xml`` file.
    max_bytes : int, optional
        Files larger than this are refused before they are parsed.

    Raises
    ------
    StudyFileError
        The file cannot be read, is too large, or is malformed or inconsistent; every
        problem found is listed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import powerbalance as pb
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "scores.csv"
    ...     _ = path.write_text(
    ...         "area,Economic,Security\n"
    ...         "kind,benefit,risk\n"
    ...         "option,Trade gains,Escalation risk\n"
    ...         "Engage,7,4\n"
    ...         "Contain,3,6\n"
    ...     )
    ...     a = pb.io.load(path)
    >>> a.to_frame()
    criterion  Trade gains  Escalation risk
    option
    Engage             7.0              4.0
    Contain            3.0              6.0
    """
    return read(path, max_bytes=max_bytes).assessment


def write(study: Study, path: str | os.PathLike[str], *, layout: Layout = "wide") -> None:
    """Write a study in the format of the path's suffix.

    Each format holds what it can (see ``docs/formats.md``): TOML, JSON and Excel hold
    everything; a CSV table holds no presets, texts, option descriptions or baseline,
    and the wide CSV layout no notes or uncertainty either. What is left out is named
    in a :class:`~powerbalance.errors.DataLossWarning`. Reading the file back gives an
    equal study, as far as the format holds it.

    Parameters
    ----------
    study : Study
        What to write.
    path : str or path-like
        The file; an existing file is replaced.
    layout : {"wide", "long"}, default "wide"
        For a ``.csv`` file: one row per option, or one row per score (with the
        criteria written beside it to ``<name>.criteria.csv``).

    Raises
    ------
    InvalidParameterError
        The suffix is unknown, the format cannot hold the study's presets, or the
        study holds something no file can (a custom value function, a weighting
        scheme that is not registered).
    FileWriteError
        The file cannot be written (the folder is missing, the disk is full, ...); a
        file already at ``path`` is unchanged, since every file is written whole
        beside it and then put in its place.

    Warns
    -----
    DataLossWarning
        The format cannot hold part of the study (a CSV table has no place for the
        baseline, say); the message names each part left out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import powerbalance as pb
    >>> study = pb.examples.load("great-power-cooperation")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "copy.toml"
    ...     pb.io.write(study, path)
    ...     pb.io.read(path) == study
    True
    """
    file = Path(path)
    if format_of(file, writing=True) == "xml":
        from powerbalance.errors import InvalidParameterError
        from powerbalance.io.xmcda._write import document_text

        if study.presets:
            raise InvalidParameterError(
                f"{path}: an XMCDA file cannot hold weighting presets; leave them out "
                "(attrs.evolve(study, presets={})) or save to .toml, .json or .xlsx."
            )
        write_file(file, document_text(study, version="4.0.0", file=path))
        return
    write_study(study, file, layout=layout)


def save(
    assessment: Assessment,
    path: str | os.PathLike[str],
    *,
    presets: Mapping[str, WeightingLike] | None = None,
    layout: Layout = "wide",
) -> None:
    """Save an assessment (and named weighting presets) in the format of the path's suffix.

    Parameters
    ----------
    assessment : Assessment
        What to save.
    path : str or path-like
        The file; an existing file is replaced.
    presets : mapping of str to weighting scheme, optional
        Named weightings to store with it (TOML, JSON and Excel only).
    layout : {"wide", "long"}, default "wide"
        For a ``.csv`` file (see :func:`write`).

    Raises
    ------
    InvalidParameterError, FileWriteError
        As for :func:`write`.

    Warns
    -----
    DataLossWarning
        As for :func:`write`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import powerbalance as pb
    >>> a = pb.examples.load("great-power-cooperation").assessment
    >>> security_first = pb.weighting.ByArea(areas=pb.weighting.RankOrderCentroid(
    ...     ["Security", ["Economic", "Diplomacy"], ["Technology", "Environment"]]))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "mine.toml"
    ...     pb.io.save(a, path, presets={"security first": security_first})
    ...     print(path.read_text().splitlines()[-3])
    [presets."security first"]
    """
    if isinstance(assessment, Study):
        raise refuse(
            "save",
            "assessment",
            assessment,
            "an Assessment",
            fix="To write a study with its title and presets, use pb.io.write(study, path).",
        )
    write(Study(assessment, presets=presets), path, layout=layout)


def validate(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> tuple[Problem, ...]:
    r"""Every problem in a study file; an empty tuple if it reads cleanly.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import powerbalance as pb
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "bad.toml"
    ...     _ = path.write_text(
    ...         'format = "powerbalance-study/1"\n'
    ...         '\n'
    ...         '[[criteria]]\n'
    ...         'name = "Gain"\n'
    ...         'area = "Economic"\n'
    ...         'kind = "gain"\n'
    ...         '\n'
    ...         '[[options]]\n'
    ...         'name = "A"\n'
    ...         'scores = { Gain = 3, Gian = 4 }\n'
    ...     )
    ...     problems = pb.io.validate(path)
    >>> for problem in problems:
    ...     print(problem.line, problem.column, problem.path)
    6 1 criteria[0].kind
    10 22 options[0].scores.Gian
    >>> print(problems[1].message)
    'Gian' is not a criterion of this study. Did you mean 'Gain'?
    """
    try:
        read(path, max_bytes=max_bytes)
    except StudyFileError as error:
        return error.problems
    return ()


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the study document, as a new dict.

    A TOML or JSON study file, parsed, is an instance of it; editors and other tools
    can validate files with it. The schema checks the structure; :func:`validate` checks
    the meaning too (scores within scales, names that refer to criteria, ...).

    Examples
    --------
    >>> s = schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(s["required"])
    ['criteria', 'format', 'options']
    """
    text = resources.files(__name__).joinpath(_SCHEMA).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
