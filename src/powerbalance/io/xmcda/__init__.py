"""XMCDA: the Decision Deck exchange format, read and written (versions 4.0.0 and 3.1.1).

XMCDA is the XML format of the Decision Deck project, spoken by the diviz workbench
and its web services. This module writes an assessment as XMCDA and reads XMCDA
written by powerbalance or by other tools:

============================  =========================================================
powerbalance                  XMCDA
============================  =========================================================
options                       ``alternatives`` (name and description kept)
criteria                      ``criteria`` (name, description; unit as a keyword)
kind (benefit / risk / cost)  ``criteriaScales``: preference direction ``max`` / ``min``;
                              a cost also the keyword ``kind: cost`` of its criterion
scale (low, high), anchors    ``criteriaScales``: quantitative minimum and maximum;
                              anchors as keywords of the scale's description
areas                         ``criteriaSets``: one ``criteriaSet`` per area, marked
                              ``mcdaConcept="area"``
scores, notes                 ``performanceTable`` (a note is its cell's comment)
name, description             the performance table's name and comment
baseline                      ``alternativesSets``: a set marked ``mcdaConcept="baseline"``
piecewise value functions     ``criteriaFunctions`` marked ``valueFunctions``
weights                       ``criteriaValues`` marked ``mcdaConcept="weights"``
results (e.g. report scores)  ``alternativesValues`` marked ``mcdaConcept="scores"``
============================  =========================================================

A document is one combined file, or one file per element in a folder as diviz
modules expect (``alternatives.xml``, ``criteria.xml``, ``criteriaScales.xml``,
``performanceTable.xml``, ``weights.xml``, ...). Names become XML ids with unsafe
characters replaced (``"Trade gains"`` -> ``Trade_gains``) and travel whole in the
``name`` attribute. Reading needs only the standard library and refuses DTDs and
entities (see :mod:`powerbalance.io._xml`); documents in the 3.0.0 to 3.1.1 and
4.0.0 schemas are read.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> import powerbalance as pb
>>> from powerbalance.io import xmcda
>>> import attrs
>>> # XMCDA has no place for scenarios: without this, writing would warn they are left out.
>>> a = attrs.evolve(pb.examples.load().assessment, scenarios=())
>>> report = pb.evaluate(a, method="topsis")
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder) / "study.xml"
...     _ = xmcda.write(a, path, weights=report.weights, results=report)
...     document = xmcda.read(path)
>>> document.assessment == a
True
>>> pb.evaluate(document.assessment, weighting=document.weights, method="topsis").ranking.index[0]
'Targeted cooperation'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from powerbalance._validate import did_you_mean
from powerbalance.errors import FileWriteError, InvalidParameterError, Problem, StudyFileError
from powerbalance.io._atomic import write_file, write_files
from powerbalance.io._files import MAX_BYTES, read_limited
from powerbalance.io._kept import warn_lost
from powerbalance.io._xml import Element, parse
from powerbalance.io.xmcda._document import XMCDADocument
from powerbalance.io.xmcda._read import read_roots
from powerbalance.io.xmcda._vocabulary import DEFAULT_AREA, FILE_NAMES, VERSIONS
from powerbalance.io.xmcda._write import (
    build,
    document_text,
    results_series,
    serialize,
    weights_for,
)
from powerbalance.model import Assessment
from powerbalance.model.study import Study
from powerbalance.model.weights import Weights

if TYPE_CHECKING:
    from powerbalance.evaluation.report import Report

__all__ = [
    "DEFAULT_AREA",
    "VERSIONS",
    "XMCDADocument",
    "from_xml",
    "load",
    "read",
    "save",
    "to_xml",
    "write",
]

PathLike = str | os.PathLike[str]


def _check_version(version: object) -> str:
    if version not in VERSIONS:
        raise InvalidParameterError(
            f"The XMCDA version must be one of {', '.join(map(repr, VERSIONS))}; got "
            f"{version!r}." + did_you_mean(str(version), VERSIONS)
        )
    return str(version)


def _content(
    assessment: Assessment,
    weights: Weights | Mapping[str, float] | None,
    results: Report | pd.Series | Mapping[str, float] | None,
) -> tuple[Weights | None, pd.Series | None]:
    if not isinstance(assessment, Assessment):
        raise InvalidParameterError(
            f"XMCDA export takes an Assessment; got {type(assessment).__name__}."
        )
    checked_weights = None if weights is None else weights_for(weights, assessment)
    checked_results = None if results is None else results_series(results, assessment)
    return checked_weights, checked_results


def to_xml(
    assessment: Assessment,
    *,
    version: str = "4.0.0",
    weights: Weights | Mapping[str, float] | None = None,
    results: Report | pd.Series | Mapping[str, float] | None = None,
) -> str:
    """An assessment (with weights and results) as the text of one XMCDA document.

    Parameters
    ----------
    assessment : Assessment
        What to write: options, criteria, areas, scales and scores.
    version : {"4.0.0", "3.1.1"}, default "4.0.0"
        The XMCDA version to write.
    weights : Weights or mapping of str to float, optional
        Criterion weights, written as ``criteriaValues``; a mapping of points is
        rescaled to sum to 1.
    results : Report, pandas.Series or mapping of str to float, optional
        A value per option (for a report, its scores), written as
        ``alternativesValues``.

    Returns
    -------
    str
        The document, starting with the XML declaration.

    Raises
    ------
    InvalidParameterError
        An unknown version, a result that is not a finite number, or text holding a
        character that XML cannot hold.
    WeightError
        The weights do not name exactly the assessment's criteria.
    UnknownNameError
        A result names an option the assessment does not have.

    Warns
    -----
    DataLossWarning
        The assessment holds what XMCDA cannot (score distributions, exponential
        value functions); the rest is written.

    Examples
    --------
    >>> import powerbalance as pb
    >>> a = pb.Assessment(
    ...     ["Engage", "Contain"],
    ...     [pb.Criterion("Conflict risk", area="Security", kind="risk")],
    ...     [[4], [6]],
    ... )
    >>> text = to_xml(a, version="3.1.1")
    >>> print(text[text.index("<criteriaScales>"):text.index("</criteriaScales>")])
    <criteriaScales>
        <criterionScale>
          <criterionID>Conflict_risk</criterionID>
          <scales>
            <scale>
              <quantitative>
                <preferenceDirection>min</preferenceDirection>
              </quantitative>
            </scale>
          </scales>
        </criterionScale>
    <BLANKLINE>
    """
    version = _check_version(version)
    checked_weights, checked_results = _content(assessment, weights, results)
    return document_text(
        Study(assessment), version=version, weights=checked_weights, results=checked_results
    )


def write(
    assessment: Assessment,
    destination: PathLike,
    *,
    version: str = "4.0.0",
    weights: Weights | Mapping[str, float] | None = None,
    results: Report | pd.Series | Mapping[str, float] | None = None,
    split: bool = False,
) -> tuple[Path, ...]:
    """Write an assessment (with weights and results) as XMCDA files.

    Parameters
    ----------
    assessment : Assessment
        What to write.
    destination : str or path-like
        The file to write, or with ``split=True`` the folder (created if needed).
    version : {"4.0.0", "3.1.1"}, default "4.0.0"
        The XMCDA version to write.
    weights, results : optional
        As in :func:`to_xml`.
    split : bool, default False
        Write one file per XMCDA element into the folder ``destination``, as diviz
        modules take them: ``alternatives.xml``, ``alternativesSets.xml`` (the
        baseline), ``criteria.xml``, ``criteriaSets.xml`` (the areas),
        ``performanceTable.xml``, ``alternativesValues.xml`` (the results),
        ``criteriaFunctions.xml`` (piecewise value functions), ``criteriaScales.xml``
        and ``weights.xml``; files for absent content are not written. Files of the
        same names are replaced; other files in the folder are left alone, and
        :func:`read` of the folder reads them too, so write into an empty folder.

    Returns
    -------
    tuple of pathlib.Path
        The files written.

    Raises
    ------
    InvalidParameterError, WeightError, UnknownNameError
        As :func:`to_xml`.
    FileWriteError
        A file cannot be written (an ``OSError`` too); the files already there are
        unchanged.

    Warns
    -----
    DataLossWarning
        As :func:`to_xml`.

    Examples
    --------
    >>> import tempfile
    >>> import attrs, powerbalance as pb
    >>> a = attrs.evolve(pb.examples.load().assessment, scenarios=())  # XMCDA holds none
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     files = write(a, folder, split=True, weights=pb.evaluate(a).weights)
    ...     [path.name for path in files]
    ...     read(folder).assessment == a
    ['alternatives.xml', 'alternativesSets.xml', 'criteria.xml', 'criteriaSets.xml',
     'performanceTable.xml', 'criteriaScales.xml', 'weights.xml']
    True
    """
    version = _check_version(version)
    checked_weights, checked_results = _content(assessment, weights, results)
    target = Path(destination)
    if not split:
        text = document_text(
            Study(assessment),
            version=version,
            weights=checked_weights,
            results=checked_results,
            file=target,
        )
        write_file(target, text)
        return (target,)
    warn_lost(Study(assessment), "xml", file=target)
    elements = build(assessment, version=version, weights=checked_weights, results=checked_results)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileWriteError(
            f"{target}: the folder cannot be made ({error.strerror}).",
            filename=str(target),
            errno=error.errno,
            strerror=error.strerror,
        ) from None
    files = [(target / FILE_NAMES[element.tag], element) for element in elements]
    write_files([(path, serialize([element], version=version)) for path, element in files])
    return tuple(path for path, _ in files)


def _files(source: PathLike | Iterable[PathLike]) -> list[Path]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_dir():
            return [path]
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml" and p.is_file())
        if not files:
            raise StudyFileError(
                problems=[
                    Problem(
                        file=str(path),
                        message="expected XMCDA files (*.xml) in the folder; found none.",
                    )
                ]
            )
        return files
    files = [Path(item) for item in source]
    if not files:
        raise InvalidParameterError("read() was given no files; give a file, a folder or files.")
    return files


def _document(roots: list[Element], errors: list[StudyFileError]) -> XMCDADocument:
    if errors:
        raise StudyFileError(problems=[p for error in errors for p in error.problems])
    return read_roots(roots)


def read(source: PathLike | Iterable[PathLike], *, max_bytes: int = MAX_BYTES) -> XMCDADocument:
    r"""Read XMCDA files into an assessment, with the weights and results they hold.

    Parameters
    ----------
    source : path, folder or iterable of paths
        One XMCDA file; a folder, whose ``*.xml`` files are read together; or several
        files read together (e.g. the inputs of a diviz module). Together they must
        hold one performance table.
    max_bytes : int, optional
        A file larger than this is refused before it is read.

    Returns
    -------
    XMCDADocument
        ``assessment``; ``weights`` (the ``criteriaValues`` marked
        ``mcdaConcept="weights"``, or the only ``criteriaValues``), or None; and
        ``results`` (likewise, the ``alternativesValues`` marked ``"scores"``), or None.

    Raises
    ------
    StudyFileError
        A file is missing, too large or not well-formed; declares a DTD or entities;
        or its content is inconsistent. Every problem found is listed, with its file,
        line, column and element path, what was expected and what was found.

    Notes
    -----
    What other tools leave out gets a default: a criterion without a preference
    direction is a benefit (``max``); a criterion in no ``criteriaSet`` marked
    ``mcdaConcept="area"`` is in the area ``"General"`` (:data:`DEFAULT_AREA`);
    without ``alternatives`` or ``criteria`` the performance table's ids are the
    names. Alternatives and criteria marked ``<active>false</active>`` are left out,
    with their performances, weights and results. A scale with only one of minimum
    and maximum gives no fixed scale.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "broken.xml"
    ...     _ = path.write_text(
    ...         '<xmcda xmlns="http://www.decision-deck.org/2021/XMCDA-4.0.0">\n'
    ...         '<alternatives><alternative id="a1"/></alternatives>\n'
    ...         '<criteria><criterion id="c1"/></criteria>\n'
    ...         '<performanceTable>\n'
    ...         '<alternativePerformances><alternativeID>a1</alternativeID><performance>'
    ...         '<criterionID>c1</criterionID><values><value><real>high</real></value></values>'
    ...         '</performance></alternativePerformances>\n'
    ...         '<alternativePerformances><alternativeID>a2</alternativeID>'
    ...         '</alternativePerformances>\n'
    ...         '</performanceTable></xmcda>')
    ...     read(path)
    Traceback (most recent call last):
    ...
    powerbalance.errors.StudyFileError: ...broken.xml: 2 problems
    ...broken.xml:5:116: /xmcda/performanceTable/alternativePerformances[1]/.../real:
      expected a number (xs:double); found 'high'.
    ...broken.xml:6:26: /xmcda/performanceTable/alternativePerformances[2]/alternativeID:
      expected the id of one of the alternatives ('a1'); found 'a2'.
    """
    roots: list[Element] = []
    errors: list[StudyFileError] = []
    for path in _files(source):
        try:
            roots.append(parse(read_limited(path, max_bytes), str(path), max_bytes=max_bytes))
        except StudyFileError as error:
            errors.append(error)
    return _document(roots, errors)


def from_xml(
    text: str | bytes, *, source: str = "<string>", max_bytes: int = MAX_BYTES
) -> XMCDADocument:
    """Read one XMCDA document given as text or bytes.

    Parameters
    ----------
    text : str or bytes
        The document.
    source : str, default "<string>"
        What to call the document in error messages.
    max_bytes : int, optional
        A longer document is refused before it is parsed.

    Returns
    -------
    XMCDADocument
        As :func:`read`.

    Raises
    ------
    StudyFileError
        As :func:`read`.
    InvalidParameterError
        ``text`` is neither text nor bytes.

    Examples
    --------
    >>> import attrs, powerbalance as pb
    >>> a = attrs.evolve(pb.examples.load().assessment, scenarios=())  # XMCDA holds none
    >>> from_xml(to_xml(a, version="3.1.1")).assessment == a
    True
    >>> from_xml('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    Traceback (most recent call last):
    ...
    powerbalance.errors.StudyFileError: <string>:1:...: the document has a document type
      declaration (<!DOCTYPE x ...>). DTDs and entities are not allowed: ...
    """
    if not isinstance(text, str | bytes):
        raise InvalidParameterError(
            f"from_xml takes the text of an XMCDA document (str or bytes); got "
            f"{type(text).__name__}. To read files, use read(path)."
        )
    return read_roots([parse(text, source, max_bytes=max_bytes)])


def load(path: PathLike, *, max_bytes: int = MAX_BYTES) -> Assessment:
    """Read the assessment in an XMCDA file (what :func:`powerbalance.io.load` calls).

    Parameters
    ----------
    path : str or path-like
        An XMCDA file, or a folder of XMCDA files read together.
    max_bytes : int, optional
        A file larger than this is refused before it is read.

    Raises
    ------
    StudyFileError
        As :func:`read`.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import powerbalance as pb
    >>> a = pb.examples.load("engage-or-contain").assessment
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "study.xml"
    ...     save(a, path)
    ...     load(path).n_options
    2
    """
    return read(path, max_bytes=max_bytes).assessment


def save(assessment: Assessment, path: PathLike, *, version: str = "4.0.0") -> None:
    """Write an assessment as one XMCDA file (what :func:`powerbalance.io.save` calls).

    Parameters
    ----------
    assessment : Assessment
        What to write.
    path : str or path-like
        The file to write.
    version : {"4.0.0", "3.1.1"}, default "4.0.0"
        The XMCDA version to write.

    Raises
    ------
    InvalidParameterError
        As :func:`to_xml`.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import powerbalance as pb
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "study.xml"
    ...     save(pb.examples.load("engage-or-contain").assessment, path, version="3.1.1")
    ...     "XMCDA-3.1.1" in path.read_text()
    True
    """
    write(assessment, path, version=version)
