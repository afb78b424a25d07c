"""Built-in example studies, stored as study files (TOML) inside the package.

They are read by :mod:`powerbalance.io` like any study file; :func:`text` gives the file
itself, a starting point for your own.

- ``"great-power-cooperation"``: which posture the United States should take if it
  pivots from confrontation towards cooperation with China and Russia (seven options,
  fifteen criteria in five areas). Its scores are illustrative judgements.
- ``"engage-or-contain"``: the smallest useful study (two options, two criteria), used
  by the examples in the API reference.

Examples
--------
>>> import powerbalance as pb
>>> pb.examples.names()
('engage-or-contain', 'great-power-cooperation')
>>> study = pb.examples.load("great-power-cooperation")
>>> study.assessment.n_options, study.assessment.areas
(7, ('Economic', 'Security', 'Environment', 'Technology', 'Diplomacy'))
>>> sorted(study.presets)
['climate-first', 'economy-first', 'security-first']
"""

from __future__ import annotations

from importlib import resources

from powerbalance._validate import did_you_mean, quoted_list, refuse
from powerbalance.errors import UnknownNameError
from powerbalance.io._formats import study_from_text
from powerbalance.model import Study

__all__ = ["load", "names", "text"]

_SUFFIX = ".toml"


def names() -> tuple[str, ...]:
    """The names of the built-in example studies.

    Examples
    --------
    >>> "great-power-cooperation" in names()
    True
    """
    files = resources.files(__name__)
    return tuple(
        sorted(f.name[: -len(_SUFFIX)] for f in files.iterdir() if f.name.endswith(_SUFFIX))
    )


def text(name: str) -> str:
    """The study file of a built-in example, as text (a starting point for your own).

    Raises
    ------
    UnknownNameError
        There is no built-in example of that name.

    Examples
    --------
    >>> text("great-power-cooperation").startswith('format = "powerbalance-study/1"')
    True
    """
    return _text(name, "pb.examples.text")


def _text(name: str, owner: str) -> str:
    known = names()
    if name not in known:
        raise refuse(
            owner,
            "name",
            name,
            f"the name of a built-in example, {quoted_list(known, limit=len(known))}",
            fix=(did_you_mean(str(name), known) + " pb.examples.names() lists them.").strip(),
            error=UnknownNameError,
        )
    return resources.files(__name__).joinpath(name + _SUFFIX).read_text(encoding="utf-8")


def load(name: str = "great-power-cooperation") -> Study:
    """Load a built-in example as a :class:`~powerbalance.Study`.

    The study carries its title, description, disclaimer and weighting presets;
    ``study.assessment`` is the assessment every analysis takes.

    Parameters
    ----------
    name : str, default "great-power-cooperation"
        One of :func:`names`.

    Raises
    ------
    UnknownNameError
        There is no built-in example of that name.

    Examples
    --------
    >>> import powerbalance as pb
    >>> study = load("great-power-cooperation")
    >>> study.assessment.option_names[:2]
    ('Targeted cooperation', 'Allied intelligence sharing')
    >>> report = pb.evaluate(study.assessment, weighting=study.presets["economy-first"])
    >>> report.ranking.index[0]
    'Technology investment'
    """
    return study_from_text(_text(name, "pb.examples.load"), "toml", name + _SUFFIX)
