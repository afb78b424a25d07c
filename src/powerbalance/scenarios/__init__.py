"""Built-in example scenarios, stored as scenario files (TOML) inside the package.

They are read by :mod:`powerbalance.io`, like any scenario file; :func:`text` gives the
file itself, a starting point for your own.

Examples
--------
>>> import powerbalance as pb
>>> pb.scenarios.names()
('great-power-cooperation',)
>>> a = pb.scenarios.load("great-power-cooperation")
>>> a.n_options, a.areas
(7, ('Economic', 'Security', 'Environment', 'Technology', 'Diplomacy'))
>>> sorted(pb.scenarios.read("great-power-cooperation").presets)
['climate-first', 'economy-first', 'security-first']
"""

from __future__ import annotations

from importlib import resources

from powerbalance.errors import UnknownNameError, did_you_mean
from powerbalance.io._formats import scenario_from_text
from powerbalance.io._scenario import Scenario
from powerbalance.model import Assessment

__all__ = ["load", "names", "read", "text"]

_SUFFIX = ".toml"


def names() -> tuple[str, ...]:
    """The names of the built-in scenarios.

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
    """The scenario file of a built-in scenario, as text (a starting point for your own).

    Raises
    ------
    UnknownNameError
        There is no built-in scenario of that name.

    Examples
    --------
    >>> text("great-power-cooperation").startswith('format = "powerbalance-scenario/1"')
    True
    """
    known = names()
    if name not in known:
        raise UnknownNameError(
            f"There is no built-in scenario named {name!r}; the built-in scenarios are "
            f"{', '.join(map(repr, known))}." + did_you_mean(str(name), known)
        )
    return resources.files(__name__).joinpath(name + _SUFFIX).read_text(encoding="utf-8")


def read(name: str = "great-power-cooperation") -> Scenario:
    """Read a built-in scenario with its weighting presets, as a :class:`~powerbalance.io.Scenario`.

    Raises
    ------
    UnknownNameError
        There is no built-in scenario of that name.

    Examples
    --------
    >>> import powerbalance as pb
    >>> scenario = read("great-power-cooperation")
    >>> report = pb.evaluate(scenario.assessment, weighting=scenario.presets["economy-first"])
    >>> report.ranking.index[0]
    'Technology investment'
    """
    return scenario_from_text(text(name), "toml", name + _SUFFIX)


def load(name: str = "great-power-cooperation") -> Assessment:
    """Load a built-in scenario as an :class:`~powerbalance.Assessment`.

    The built-in scenario ``"great-power-cooperation"`` is drawn from a news analysis
    of a possible US pivot towards cooperation with China and Russia. Its scores are
    illustrative judgements made to demonstrate the library, not forecasts.

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Raises
    ------
    UnknownNameError
        There is no built-in scenario of that name.

    Examples
    --------
    >>> a = load("great-power-cooperation")
    >>> a.option_names[:2]
    ('Targeted cooperation', 'Allied intelligence sharing')
    """
    return read(name).assessment
