"""MkDocs hook that draws a picture of every output while the site is built.

Every chart of ``powerbalance.plot`` is drawn from the built-in study (SVG, with the
matplotlib figure the function returns), and every result's HTML page (the report, a
trade-off, a comparison, the robustness results and the brief) is written as a file
of the site, shown in a frame with a link to open it on its own. Nothing is drawn by
hand, so the pictures follow the code.

A page asks for a picture with the marker ``<!-- picture: NAME -->`` on a line of its
own; NAME is one of :data:`PICTURES` (``plot.contributions``, ``page.report``, ...).
The build fails when a marker names no picture, when a chart of ``powerbalance.plot``
has no picture here, or when a picture is shown on no page, so every output stays
pictured. The brief's picture is left out (and its marker shows nothing) while
``powerbalance.brief`` does not exist.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import logging
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

FOLDER = "pictures"
STUDY = "great-power-cooperation"
MARKER = re.compile(r"^<!-- picture: ([\w.-]+) -->[ \t]*$", re.MULTILINE)
# Enough draws for smooth shares, few enough to keep the build quick.
SMAA_SAMPLES = 10_000
SEED = 1

log = logging.getLogger(f"mkdocs.hooks.{__name__}")


@dataclass(frozen=True)
class Picture:
    """One output to picture: a chart (``figure``) or a result's HTML page (``page``)."""

    name: str
    kind: str  # "figure" or "page"
    title: str
    draw: Callable[[Any], Any]  # the inputs -> a matplotlib Figure, or a result to render
    needs: str = ""  # a module that must exist for the picture to be drawn

    @property
    def file(self) -> str:
        """Where the picture is written in the site."""
        suffix = "svg" if self.kind == "figure" else "html"
        return f"{FOLDER}/{self.name.replace('.', '-')}.{suffix}"


@dataclass(frozen=True)
class Inputs:
    """The built-in study's results that the pictures are drawn from (made once a build)."""

    study: Any
    report: Any
    comparison: Any
    stability: Any
    sweep: Any
    smaa: Any
    scenarios: Any


@functools.cache
def _inputs() -> Inputs:
    import powerbalance as pb

    study = pb.examples.load(STUDY)
    a = study.assessment
    stability = pb.sensitivity.stability(a)
    security_first = pb.weighting.ByArea(
        areas=pb.weighting.RankOrderCentroid(
            ["Security", ["Economic", "Diplomacy"], ["Technology", "Environment"]]
        )
    )
    return Inputs(
        study=study,
        report=pb.evaluate(a).with_sensitivity(stability),
        comparison=pb.compare(
            a,
            weightings={"equal": "equal", "security first": security_first},
            methods=["weighted-sum", "topsis", "promethee"],
        ),
        stability=stability,
        sweep=pb.sensitivity.sweep(a, "Security"),
        smaa=pb.sensitivity.smaa(a, samples=SMAA_SAMPLES, seed=SEED),
        # The weights of the scenarios guide, so that its pictures show its numbers.
        scenarios=pb.scenarios.evaluate(a, weighting=study.presets["security-first"]),
    )


def _leaders_tradeoff(inputs: Inputs) -> Any:
    first, second = inputs.report.ranking.index[:2]
    return inputs.report.tradeoffs(first, second)


def _brief(inputs: Inputs) -> Any:
    from powerbalance import brief

    return brief.build(inputs.study, smaa=SMAA_SAMPLES, seed=SEED)


class _Live:
    """A page that is its own HTML (the conference page), drawn as the result pages are."""

    def __init__(self, html: str) -> None:
        self.html = html

    def to_html(self, page: bool = True) -> str:
        return self.html


def _conference(inputs: Inputs) -> Any:
    from powerbalance import brief

    return _Live(brief.interactive(inputs.study).html)


@functools.cache
def _value_for_money() -> Any:
    """The value for money of the flood-defence example in docs/value-for-money.md.

    The built-in study has no cost criterion, so this guide's example is drawn instead;
    its numbers are those of the page.
    """
    import powerbalance as pb

    a = pb.Assessment(
        ["Wall", "Wetland", "Dredging", "Land-use rules", "Nothing"],
        [
            pb.Criterion("Homes protected", area="Safety", kind="benefit", unit="homes"),
            pb.Criterion("Habitat", area="Environment", kind="benefit", unit="0-10 judgement"),
            pb.Criterion("Flood risk left", area="Safety", kind="risk", unit="0-10 judgement"),
            pb.Criterion("Capital cost", area="Money", kind="cost", unit="£m"),
        ],
        [
            [9000, 5, 1, 620],
            [7000, 9, 5, 380],
            [8000, 2, 3, 700],
            [2000, 6, 7, 150],
            [0, 4, 9, 0],
        ],
        name="Flood defences",
    )
    return pb.value_for_money(a)


def _plot_value_for_money(inputs: Inputs) -> Any:
    from powerbalance import plot

    return plot.value_for_money(_value_for_money())


def _plot_frontier(inputs: Inputs) -> Any:
    import powerbalance as pb
    from powerbalance import plot

    return plot.frontier(pb.portfolio.frontier(inputs.study.portfolio, resource="Money"))


def _plot_core_index(inputs: Inputs) -> Any:
    import powerbalance as pb
    from powerbalance import plot

    problem = inputs.study.portfolio
    ranking = list(problem.assessment.criterion_names)
    information = pb.sensitivity.OrdinalWeights(ranking)
    return plot.core_index(pb.portfolio.robust(problem, weight_information=information))


def _plot_categories(inputs: Inputs) -> Any:
    """The built-in study's sorting model under the brief's weights (the report's)."""
    import powerbalance as pb
    from powerbalance import plot

    study = inputs.study
    sorting = pb.screening.sort(study.assessment, study.sorting, weighting=inputs.report.weights)
    return plot.categories(sorting)


def _plot_category_acceptability(inputs: Inputs) -> Any:
    """The built-in study's sorting model, under weightings drawn uniformly."""
    import powerbalance as pb
    from powerbalance import plot

    study = inputs.study
    result = pb.screening.acceptability(
        study.assessment, study.sorting, samples=SMAA_SAMPLES, seed=SEED
    )
    return plot.category_acceptability(result)


def _plot(name: str) -> Callable[[Inputs], Any]:
    """Draw ``powerbalance.plot.<name>`` from the inputs it takes."""
    argument = {
        "contributions": "report",
        "benefit_risk": "report",
        "weights": "report",
        "sweep": "sweep",
        "acceptability": "smaa",
        "regret": "scenarios",
        "scenario_scores": "scenarios",
    }[name]

    def draw(inputs: Inputs) -> Any:
        from powerbalance import plot

        return getattr(plot, name)(getattr(inputs, argument))

    return draw


PICTURES = [
    Picture(
        "plot.contributions",
        "figure",
        "plot.contributions(report): benefits and risks by area",
        _plot("contributions"),
    ),
    Picture(
        "plot.benefit_risk",
        "figure",
        "plot.benefit_risk(report): benefit against risk",
        _plot("benefit_risk"),
    ),
    Picture("plot.weights", "figure", "plot.weights(report): the weights", _plot("weights")),
    Picture(
        "plot.sweep",
        "figure",
        'plot.sweep(pb.sensitivity.sweep(a, "Security")): scores as one weight moves',
        _plot("sweep"),
    ),
    Picture(
        "plot.acceptability",
        "figure",
        "plot.acceptability(result): SMAA rank acceptabilities",
        _plot("acceptability"),
    ),
    Picture(
        "plot.regret",
        "figure",
        "plot.regret(analysis): regret of each option in each scenario",
        _plot("regret"),
    ),
    Picture(
        "plot.scenario_scores",
        "figure",
        "plot.scenario_scores(analysis): every option's score by scenario",
        _plot("scenario_scores"),
    ),
    Picture(
        "plot.value_for_money",
        "figure",
        "plot.value_for_money(vfm): value against cost, with the efficient frontier",
        _plot_value_for_money,
    ),
    Picture(
        "plot.frontier",
        "figure",
        'plot.frontier(pb.portfolio.frontier(problem, resource="Money")): the best package '
        "at each budget",
        _plot_frontier,
    ),
    Picture(
        "plot.core_index",
        "figure",
        "plot.core_index(pb.portfolio.robust(problem, weight_information=info)): each "
        "option's share of the non-dominated packages",
        _plot_core_index,
    ),
    Picture(
        "plot.category_acceptability",
        "figure",
        "plot.category_acceptability(pb.screening.acceptability(a, study.sorting)): how "
        "often each option falls in each category",
        _plot_category_acceptability,
    ),
    Picture(
        "plot.categories",
        "figure",
        "plot.categories(sorting): the options in their categories, worst at the bottom",
        _plot_categories,
    ),
    Picture("page.report", "page", "report.to_html(page=True)", lambda i: i.report),
    Picture(
        "page.tradeoff",
        "page",
        "report.tradeoffs(first, second).to_html(page=True)",
        _leaders_tradeoff,
    ),
    Picture("page.comparison", "page", "comparison.to_html(page=True)", lambda i: i.comparison),
    Picture("page.stability", "page", "stability.to_html(page=True)", lambda i: i.stability),
    Picture("page.sweep", "page", "sweep.to_html(page=True)", lambda i: i.sweep),
    Picture("page.smaa", "page", "result.to_html(page=True) for SMAA", lambda i: i.smaa),
    Picture(
        "page.value_for_money",
        "page",
        "vfm.to_html(page=True) for the flood-defence example",
        lambda i: _value_for_money(),
    ),
    Picture(
        "page.brief",
        "page",
        "the brief of the built-in study, brief.to_html(page=True)",
        _brief,
        needs="powerbalance.brief",
    ),
    Picture(
        "page.conference",
        "page",
        "the decision-conference page of the built-in study, pb.brief.interactive(study)",
        _conference,
        needs="powerbalance.brief",
    ),
]
BY_NAME = {picture.name: picture for picture in PICTURES}


def _available(picture: Picture) -> bool:
    if not picture.needs:
        return True
    try:
        return importlib.util.find_spec(picture.needs) is not None
    except ModuleNotFoundError:
        return False


def _check_every_plot_is_pictured() -> None:
    from powerbalance import plot

    missing = sorted(f"plot.{name}" for name in plot.__all__ if f"plot.{name}" not in BY_NAME)
    if missing:
        raise PluginError(
            f"docs/hooks/pictures.py draws no picture of {', '.join(missing)}: add each to "
            "PICTURES (and a marker to docs/plots.md)."
        )


def _svg(figure: Any) -> bytes:
    import matplotlib

    buffer = io.BytesIO()
    # Fixed ids and no date, so that a build repeats byte for byte; text as paths, so
    # that the picture looks the same without matplotlib's fonts.
    with matplotlib.rc_context({"svg.hashsalt": "powerbalance", "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _draw(picture: Picture) -> bytes | str:
    made = picture.draw(_inputs())
    return _svg(made) if picture.kind == "figure" else made.to_html(page=True)


# The pictures drawn in this build, and the ones some page shows.
_drawn: set[str] = set()
_shown: set[str] = set()


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    """Start afresh (``mkdocs serve`` builds again in the same process)."""
    _inputs.cache_clear()
    _value_for_money.cache_clear()
    _drawn.clear()
    _shown.clear()
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    """Draw every picture into the site."""
    _check_every_plot_is_pictured()
    for picture in PICTURES:
        if not _available(picture):
            log.info("No picture of %s: %s does not exist yet.", picture.name, picture.needs)
            continue
        files.append(File.generated(config, picture.file, content=_draw(picture)))
        _drawn.add(picture.name)
    return files


def _markup(picture: Picture, page: Page) -> str:
    if picture.kind == "figure":
        # A Markdown image, relative to the page's source, so MkDocs checks the link.
        here = posixpath.dirname(page.file.src_uri) or "."
        return f"![{picture.title}]({posixpath.relpath(picture.file, here)})"
    url = escape(get_relative_url(picture.file, page.file.url))
    title = escape(picture.title)
    return (
        f'<figure class="powerbalance-page">\n'
        f'<iframe src="{url}" title="{title}" loading="lazy"></iframe>\n'
        f'<figcaption><a href="{url}">Open the page on its own</a></figcaption>\n'
        f"</figure>"
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """Put each picture where a page's marker asks for it."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        picture = BY_NAME.get(name)
        if picture is None:
            raise PluginError(
                f"{page.file.src_uri}: no picture is called {name!r}; the pictures are "
                f"{', '.join(BY_NAME)} (docs/hooks/pictures.py)."
            )
        _shown.add(name)
        return _markup(picture, page) if name in _drawn else ""

    return MARKER.sub(replace, markdown)


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    """Fail when a picture was drawn but no page shows it."""
    unshown = sorted(_drawn - _shown)
    if unshown:
        raise PluginError(
            f"no page shows the pictures {', '.join(unshown)}: put a marker "
            f"'<!-- picture: NAME -->' on the page that explains each."
        )
