"""The ``powerbalance`` command: reports from the terminal.

Run ``powerbalance brief`` for the brief of the built-in study (the recommendation, how
robust it is, then the evidence), ``powerbalance report`` for its ranked trade-off report,
``powerbalance compare`` to see whether the choice of method or weighting changes it,
``powerbalance sensitivity`` to see how far the weights can move before it changes,
``powerbalance scenarios`` to see which choice holds up across the study's futures,
``powerbalance packages`` for the best combination of options within the budgets,
``powerbalance screen`` and ``powerbalance sort`` for which options pass the study's red
lines and which category each falls in, and
``powerbalance conference --output page.html`` for a page where a room moves the weights
and watches the ranking change. Each takes a built-in study's name or a study file
(``.toml``, ``.json``, ``.csv``, ``.xlsx``, ``.xml``). ``powerbalance validate FILE``
lists every problem in a study file, and ``powerbalance convert IN OUT`` turns one
format into another. Errors in the arguments print one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import attrs

from powerbalance import examples, io, methods, weighting
from powerbalance._render import combine, render_html
from powerbalance._validate import did_you_mean
from powerbalance._version import __version__
from powerbalance.brief import Brief, build, interactive
from powerbalance.brief._presets import study_weighting
from powerbalance.errors import (
    DataLossWarning,
    FileWriteError,
    PowerbalanceError,
    PowerbalanceWarning,
    ScenarioError,
    StudyFileError,
    UnknownNameError,
)
from powerbalance.evaluation.comparison import Comparison, compare
from powerbalance.evaluation.evaluate import evaluate
from powerbalance.evaluation.report import Report
from powerbalance.io._atomic import write_file
from powerbalance.io._formats import HOLDS_PRESETS, format_of
from powerbalance.io._kept import lost_parts
from powerbalance.model import Study
from powerbalance.scenarios import Ensemble, ScenarioAnalysis, ScenarioStability, ensemble
from powerbalance.scenarios import evaluate as evaluate_scenarios
from powerbalance.scenarios import stability as scenario_stability
from powerbalance.sensitivity import Stability, stability
from powerbalance.sensitivity.smaa import SMAAResult, UniformWeights, smaa
from powerbalance.weighting import WeightingLike

if TYPE_CHECKING:
    from powerbalance.portfolio import Frontier, Package
    from powerbalance.screening import CategoryAcceptability, Screening, Sorting

__all__ = ["build_parser", "main"]

FORMATS = ("text", "markdown", "html", "json")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, not usage plus a line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser (also the source of the CLI reference).

    Examples
    --------
    >>> build_parser().parse_args(["report", "--method", "topsis"]).method
    'topsis'
    """
    parser = _Parser(
        prog="powerbalance",
        description="Weighted evaluation of policy options: ranked trade-off reports.",
    )
    parser.add_argument("--version", action="version", version=f"powerbalance {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    _add_brief(commands)
    _add_conference(commands)
    _add_scenarios(commands)
    _add_packages(commands)
    _add_screen(commands)
    _add_sort(commands)
    report = commands.add_parser(
        "report",
        help="rank a study's options and explain the ranking",
        description="Rank a study's options and explain the ranking as trade-offs.",
    )
    _add_study(report)
    _add_method(report)
    report.add_argument(
        "--weighting",
        default="equal",
        help="parameterless weighting scheme or a preset of the study by name (default: "
        f"equal); available: {', '.join(weighting.registry.names())}",
    )
    _add_output_arguments(report)
    compare = commands.add_parser(
        "compare",
        help="rank a study's options under several methods and weightings",
        description="Rank a study's options under several methods and weightings, and "
        "show how far the rankings agree.",
    )
    _add_study(compare)
    compare.add_argument(
        "--methods",
        type=_names,
        default=None,
        help="comma-separated method names (default: every built-in method); "
        f"available: {', '.join(methods.registry.names())}",
    )
    compare.add_argument(
        "--weightings",
        type=_names,
        default=["equal"],
        help="comma-separated parameterless weighting names or presets of the study "
        f"(default: equal); available: {', '.join(weighting.registry.names())}",
    )
    _add_output_arguments(compare)
    sensitivity = commands.add_parser(
        "sensitivity",
        help="how far the weights can move before the ranking changes",
        description="Stability intervals of every criterion's and area's weight, and the "
        "weight at which first place changes hands.",
    )
    _add_study(sensitivity)
    sensitivity.add_argument(
        "--method",
        default="weighted-sum",
        help="aggregation method by name (default: weighted-sum)",
    )
    sensitivity.add_argument(
        "--weighting",
        default="equal",
        help="parameterless weighting scheme or a preset of the study (default: equal)",
    )
    sensitivity.add_argument(
        "--samples",
        type=_count,
        default=10_000,
        help="weightings drawn uniformly for the SMAA-2 acceptability table (default: "
        "10000; 0 leaves the table out)",
    )
    sensitivity.add_argument(
        "--seed", type=int, default=None, help="random seed, for a repeatable table"
    )
    sensitivity.add_argument(
        "--scenarios",
        action="store_true",
        help="SMAA across the study's scenarios: how often each option is the robust choice, "
        "with the study's probabilities or, when it gives none, probabilities drawn "
        "uniformly with every weighting",
    )
    sensitivity.add_argument(
        "--rule",
        choices=("expected", "maximin", "minimax_regret", "hurwicz"),
        default="expected",
        help="with --scenarios, the decision rule across them (default: expected)",
    )
    sensitivity.add_argument("--quiet", action="store_true", help="no progress bar on the terminal")
    _add_output_arguments(sensitivity)
    validate = commands.add_parser(
        "validate",
        help="check a study file and list every problem in it",
        description="Check a study file and list every problem in it, each with its line "
        "and column (or sheet and cell) and field path. Exits with status 1 if there are "
        "problems, 0 if there are none.",
    )
    validate.add_argument("file", type=Path, metavar="FILE", help="the study file")
    validate.add_argument(
        "--max-bytes",
        type=_count,
        default=io.MAX_BYTES,
        help=f"refuse files larger than this (default: {io.MAX_BYTES:,})",
    )
    convert = commands.add_parser(
        "convert",
        help="convert a study file to another format",
        description="Read a study file and write it in the format of OUT's suffix "
        f"({', '.join(io.SUFFIXES)}). What OUT's format cannot hold (presets in a CSV "
        "table, say) is left out, and a note on the terminal says what.",
    )
    convert.add_argument(
        "source", metavar="IN", help="the study file to read, or a built-in study's name"
    )
    convert.add_argument("target", type=Path, metavar="OUT", help="the file to write")
    convert.add_argument(
        "--layout",
        choices=("wide", "long"),
        default="wide",
        help="for a .csv OUT: one row per option (wide, default) or one per score (long, "
        "with the criteria in OUT's companion <name>.criteria.csv)",
    )
    return parser


def _add_brief(commands: argparse._SubParsersAction[_Parser]) -> None:
    brief = commands.add_parser(
        "brief",
        help="one document to decide on: the recommendation, how robust it is, the evidence",
        description="The brief of a study: its title and disclaimer, the question, the "
        "recommendation and how robust it is, then the evidence (ranking, benefits and "
        "risks by area, the consequences in the study's own units, stability, the ranks "
        "under the study's other presets and methods, and SMAA with --smaa). --format "
        "html writes a self-contained page that prints cleanly.",
    )
    _add_study(brief)
    _add_method(brief)
    _add_weighting(brief)
    brief.add_argument(
        "--smaa",
        type=_count,
        default=0,
        metavar="N",
        help="also draw N weightings, each weight within 50%% of the brief's, for SMAA-2: "
        "how often each option ranks first (default: 0, no SMAA)",
    )
    brief.add_argument(
        "--seed", type=int, default=None, help="random seed of --smaa, for a repeatable brief"
    )
    _add_output_arguments(brief)


def _add_scenarios(commands: argparse._SubParsersAction[_Parser]) -> None:
    scenarios = commands.add_parser(
        "scenarios",
        help="which choice holds up across the study's futures",
        description="Score every option in each of the study's scenarios with one "
        "weighting and method, then show the regret of each option, the choice under each "
        "decision rule (expected score when the study gives probabilities, maximin, "
        "minimax regret, Hurwicz, satisficing), whether the rules agree, and where the "
        "leading options lose first place: in which futures, to whom, through which areas.",
    )
    _add_study(scenarios)
    _add_weighting(scenarios)
    _add_method(scenarios)
    scenarios.add_argument(
        "--alpha",
        type=float,
        default=0.5,
        metavar="A",
        help="Hurwicz's weight on an option's best score, from 0 (maximin) to 1 (default: 0.5)",
    )
    scenarios.add_argument(
        "--margin",
        type=float,
        default=0.05,
        metavar="M",
        help="satisficing: an option holds up in a future when its score is within M of "
        "the best there (default: 0.05)",
    )
    scenarios.add_argument(
        "--stability",
        action="store_true",
        help="instead, how far each weight can move before the leader changes, in the "
        "central future and in each scenario",
    )
    scenarios.add_argument(
        "--ensemble",
        type=_count,
        default=0,
        metavar="N",
        help="instead, draw N futures, each changed cell uniform over the range the "
        "scenarios give it, and show how often each option ranks first and which cells "
        "separate the futures where the leader fails (default: 0, no ensemble)",
    )
    scenarios.add_argument(
        "--weightings",
        type=_count,
        default=0,
        metavar="N",
        help="with --ensemble, draw N weightings uniformly in each future instead of "
        "using --weighting (default: 0)",
    )
    scenarios.add_argument(
        "--seed", type=int, default=None, help="random seed of --ensemble, for a repeatable run"
    )
    _add_output_arguments(scenarios)


def _add_packages(commands: argparse._SubParsersAction[_Parser]) -> None:
    packages = commands.add_parser(
        "packages",
        help="the best combination of options within the study's budgets",
        description="The best package of options under the study's package problem (its "
        "[portfolio] table: costs, budgets, synergies, exclusions, prerequisites), found "
        "exactly, with what it uses of each resource, what it leaves out and what it would "
        "take to bring in the best option left out. A study without that table but with "
        "cost criteria takes those as its resources, with the limits given by --budget.",
    )
    _add_study(packages)
    _add_weighting(packages)
    _add_method(packages)
    packages.add_argument(
        "--budget",
        action="append",
        type=_budget,
        default=[],
        metavar="RESOURCE=LIMIT",
        help="set the limit of a resource (a number, or 'unlimited'); repeat for several",
    )
    packages.add_argument(
        "--minimum",
        action="append",
        type=_minimum,
        default=[],
        metavar="RESOURCE=AMOUNT",
        help="the least of a resource a package must use or deliver, such as a reduction "
        "in damage; repeat for several",
    )
    packages.add_argument(
        "--frontier",
        metavar="RESOURCE",
        help="also show the best package at every budget level of RESOURCE",
    )
    _add_output_arguments(packages)


def _add_screen(commands: argparse._SubParsersAction[_Parser]) -> None:
    screen = commands.add_parser(
        "screen",
        help="which options pass the study's red lines and minimum standards",
        description="Screen the study's options against its rules (its [[screening.rules]] "
        "tables: thresholds, red lines, must-haves): the options kept and excluded, every "
        "exclusion with its reason, and the business-as-usual option (the baseline) and the "
        "do-minimum option kept on the shortlist as comparators.",
    )
    _add_study(screen)
    _add_output_arguments(screen)


def _add_sort(commands: argparse._SubParsersAction[_Parser]) -> None:
    sort = commands.add_parser(
        "sort",
        help="sort the study's options into ordered categories, such as reject/recommend",
        description="Sort the study's options into the ordered categories of its sorting "
        "model (its [sorting] table: MR-Sort or ELECTRE TRI-B), each with why: the criteria "
        "that supported it against the categories' edges and the vetoes that fired.",
    )
    _add_study(sort)
    _add_weighting(sort)
    sort.add_argument(
        "--method-rule",
        choices=("pessimistic", "optimistic"),
        default=None,
        help="ELECTRE TRI-B only: the assignment rule (default: the model's own); the other "
        "rule's category is shown beside it",
    )
    sort.add_argument(
        "--acceptability",
        type=_count,
        default=0,
        metavar="N",
        help="also draw N weightings uniformly (and the uncertain scores) and show how often "
        "each option falls in each category (default: 0, none)",
    )
    sort.add_argument(
        "--seed",
        type=int,
        default=None,
        help="random seed of --acceptability, for a repeatable run",
    )
    _add_output_arguments(sort)


def _budget(text: str) -> tuple[str, float | None]:
    resource, equals, limit = text.rpartition("=")
    if not equals or not resource.strip():
        raise argparse.ArgumentTypeError(f"expected RESOURCE=LIMIT, such as Money=10; got {text!r}")
    if limit.strip().lower() == "unlimited":
        return resource.strip(), None
    try:
        return resource.strip(), float(limit)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number or 'unlimited' after '='; got {limit!r}"
        ) from None


def _minimum(text: str) -> tuple[str, float]:
    resource, amount = _budget(text)
    if amount is None:
        raise argparse.ArgumentTypeError(f"expected a number after '='; got {text!r}")
    return resource, amount


def _add_conference(commands: argparse._SubParsersAction[_Parser]) -> None:
    conference = commands.add_parser(
        "conference",
        help="a page where a room moves the weights and watches the ranking change",
        description="Write a decision-conference page: one self-contained HTML file, "
        "opened in a browser with no network, with a slider for every area and criterion, "
        "the ranking, the benefits and risks by area, the stability of each weight, and "
        "the weights as a preset to paste back into the study file. The weighted sum, "
        "the weighted product and TOPSIS re-rank in the page as the sliders move.",
    )
    _add_study(conference)
    conference.add_argument(
        "--output", type=Path, required=True, metavar="FILE", help="the HTML page to write"
    )
    _add_weighting(conference)
    _add_method(conference)


_STUDY_HELP = (
    "a built-in study name (default: great-power-cooperation; built-in: "
    f"{', '.join(examples.names())}) or a study file ({', '.join(io.SUFFIXES)})"
)


def _study(text: str) -> Study:
    """A built-in study by name, or a study file by path."""
    known = examples.names()
    if text in known:
        return examples.load(text)
    path = Path(text)
    looks_like_path = bool(path.suffix) or os.sep in text or "/" in text
    if path.is_file() or (looks_like_path and path.exists()):
        return io.read(path)
    if looks_like_path:
        raise StudyFileError(f"{text}: no such file. Check the path.")
    raise UnknownNameError(
        f"{text!r} is neither a built-in study ({', '.join(map(repr, known))}) nor a "
        "study file; give a path such as study.toml." + did_you_mean(text, known)
    )


def _weighting(name: str, study: Study) -> WeightingLike:
    """A preset of the study by name, or else the registered scheme's name."""
    preset: WeightingLike | None = study.presets.get(name)
    return name if preset is None else preset


def _names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("give at least one name, separated by commas")
    return names


def _add_study(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "study", nargs="?", default="great-power-cooperation", metavar="STUDY", help=_STUDY_HELP
    )


def _add_method(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--method",
        default="weighted-sum",
        help="aggregation method by name (default: weighted-sum); "
        f"available: {', '.join(methods.registry.names())}",
    )


def _add_weighting(parser: argparse.ArgumentParser) -> None:
    """--weighting for a command that starts from the study's first preset."""
    parser.add_argument(
        "--weighting",
        default=None,
        help="parameterless weighting scheme or a preset of the study by name (default: "
        "the study's first preset, or equal if it has none); "
        f"available: {', '.join(weighting.registry.names())}",
    )


def _add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="write to FILE instead of the terminal"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["report", "--format", "json", "--output", "/dev/null"])
    0
    """
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "validate":
        return _validate(arguments)
    if arguments.command == "convert":
        return _convert(arguments)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PowerbalanceWarning)
            output = _COMMANDS[arguments.command](arguments)
    except KeyboardInterrupt:
        # Stop cleanly: no traceback, nothing half-written, the shell's usual status.
        print("\npowerbalance: interrupted", file=sys.stderr)
        return 130
    except (PowerbalanceError, ModuleNotFoundError) as error:
        # ModuleNotFoundError: an optional dependency, such as openpyxl for .xlsx files.
        print(f"powerbalance: error: {error}", file=sys.stderr)
        return 2
    for warning in caught:
        print(f"powerbalance: warning: {warning.message}", file=sys.stderr)
    if arguments.output is None:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
        return 0
    try:
        write_file(arguments.output, output)
    except FileWriteError as error:
        print(f"powerbalance: error: {error}", file=sys.stderr)
        return 2
    return 0


def _validate(arguments: argparse.Namespace) -> int:
    try:
        study = io.read(arguments.file, max_bytes=arguments.max_bytes)
    except StudyFileError as error:
        for problem in error.problems:
            print(problem)
        count = len(error.problems)
        print(f"{arguments.file}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return 1
    except (PowerbalanceError, ModuleNotFoundError) as error:
        print(f"powerbalance: error: {error}", file=sys.stderr)
        return 2
    a = study.assessment
    presets = f", {len(study.presets)} presets" if study.presets else ""
    print(f"{arguments.file}: OK ({a.n_options} options, {a.n_criteria} criteria{presets})")
    return 0


def _convert(arguments: argparse.Namespace) -> int:
    source, target = arguments.source, arguments.target
    try:
        study = _study(str(source))
        kind = format_of(target, writing=True)
        # The library's own account of what the format leaves out, presets included.
        dropped = lost_parts(study, kind, arguments.layout)
        if study.presets and kind not in HOLDS_PRESETS:
            study = attrs.evolve(study, presets={})
        with warnings.catch_warnings():
            # Said below, in the words of a note on the terminal.
            warnings.simplefilter("ignore", DataLossWarning)
            io.write(study, target, layout=arguments.layout)
    except (PowerbalanceError, ModuleNotFoundError) as error:
        print(f"powerbalance: error: {error}", file=sys.stderr)
        return 2
    if dropped:
        print(
            f"powerbalance: note: {target} cannot hold {'; '.join(dropped)}; "
            f"{'it was' if len(dropped) == 1 else 'they were'} left out.",
            file=sys.stderr,
        )
    return 0


def _brief(arguments: argparse.Namespace) -> str:
    study = _study(arguments.study)
    scheme = None if arguments.weighting is None else _weighting(arguments.weighting, study)
    brief = build(
        study,
        weighting=scheme,
        method=arguments.method,
        smaa=arguments.smaa or None,
        seed=arguments.seed,
    )
    return _render(brief, arguments.format)


def _conference(arguments: argparse.Namespace) -> str:
    # A preset is passed by its name, which the page then shows.
    study = _study(arguments.study)
    return interactive(study, weighting=arguments.weighting, method=arguments.method).html


def _scenarios(arguments: argparse.Namespace) -> str:
    study = _study(arguments.study)
    if not study.assessment.scenario_names:
        # Said in the terms of a study file, which is where the command's user adds them.
        raise ScenarioError(
            f"{arguments.study}: the study has no scenarios; add them to its file as "
            "[[scenarios]] tables (name, and the changed scores under changes), or in "
            "Python with pb.Assessment(..., scenarios=[pb.Scenario(...)])."
        )
    if arguments.ensemble:
        drawn = arguments.weightings > 0
        futures = ensemble(
            study.assessment,
            futures=arguments.ensemble,
            weighting="equal" if drawn else study_weighting(study, arguments.weighting),
            weight_information=UniformWeights() if drawn else None,
            weightings=arguments.weightings or 1,
            method=arguments.method,
            seed=arguments.seed,
        )
        return _render(futures, arguments.format)
    if arguments.stability:
        stable = scenario_stability(
            study.assessment,
            weighting=study_weighting(study, arguments.weighting),
            method=arguments.method,
        )
        return _render(stable, arguments.format)
    analysis = evaluate_scenarios(
        study.assessment,
        weighting=study_weighting(study, arguments.weighting),
        method=arguments.method,
        alpha=arguments.alpha,
        margin=arguments.margin,
    )
    return _render(analysis, arguments.format)


def _packages(arguments: argparse.Namespace) -> str:
    # Imported here: the solver (scipy.optimize) would slow the start of every command.
    from powerbalance.portfolio import Problem, frontier, optimize
    from powerbalance.portfolio._problem import cost_criteria

    study = _study(arguments.study)
    given = dict(arguments.budget)
    problem = study.portfolio
    if problem is None:
        costs = cost_criteria(study.assessment)
        if not costs:
            raise PowerbalanceError(
                f"{arguments.study}: the study has no package problem; add a [portfolio] "
                "table to its file (budget, and costs per option and resource), or give "
                'its options a cost criterion (kind = "cost") and limits with --budget.'
            )
        problem = Problem(study.assessment, budget={c: given.get(c) for c in costs})
    if given:
        problem = attrs.evolve(problem, budget={**problem.budget, **given})
    if arguments.minimum:
        problem = attrs.evolve(problem, minimum={**problem.minimum, **dict(arguments.minimum)})
    scheme = study_weighting(study, arguments.weighting)
    package = optimize(problem, weighting=scheme, method=arguments.method)
    if arguments.frontier is None:
        return _render(package, arguments.format)
    curve = frontier(
        problem, weighting=scheme, method=arguments.method, resource=arguments.frontier
    )
    if arguments.format == "json":
        return json.dumps(
            {"package": package.to_dict(), "frontier": curve.to_dict()},
            indent=2,
            ensure_ascii=False,
        )
    if arguments.format == "html":
        both = combine("Packages", [package._document(), curve._document()])
        return render_html(both, page=True)
    return _render(package, arguments.format) + "\n\n" + _render(curve, arguments.format)


def _screen(arguments: argparse.Namespace) -> str:
    from powerbalance.screening import screen

    study = _study(arguments.study)
    if not study.screening_rules:
        raise PowerbalanceError(
            f"{arguments.study}: the study has no screening rules; add them to its file as "
            '[[screening.rules]] tables (kind = "threshold", "veto" or "must-have", and a '
            "criterion or an area), or in Python with pb.Study(..., screening_rules=[...])."
        )
    screening = screen(study.assessment, *study.screening_rules, do_minimum=study.do_minimum)
    return _render(screening, arguments.format)


def _sort(arguments: argparse.Namespace) -> str:
    from powerbalance.screening import ElectreTriB, acceptability, sort

    study = _study(arguments.study)
    model = study.sorting
    if model is None:
        raise PowerbalanceError(
            f"{arguments.study}: the study has no sorting model; add a [sorting] table to its "
            'file (model = "mr-sort" or "electre-tri-b", categories worst first, and profiles), '
            "or in Python with pb.Study(..., sorting=pb.screening.MRSort(...))."
        )
    if arguments.method_rule is not None:
        if not isinstance(model, ElectreTriB):
            raise PowerbalanceError(
                f"{arguments.study}: --method-rule applies to an ELECTRE TRI-B model; the "
                f"study's model is {type(model).__name__}, which has one rule."
            )
        model = attrs.evolve(model, rule=arguments.method_rule)
    sorting = sort(study.assessment, model, weighting=study_weighting(study, arguments.weighting))
    if not arguments.acceptability:
        return _render(sorting, arguments.format)
    shares = acceptability(
        study.assessment, model, samples=arguments.acceptability, seed=arguments.seed
    )
    if arguments.format == "json":
        return json.dumps(
            {"sorting": sorting.to_dict(), "acceptability": shares.to_dict()},
            indent=2,
            ensure_ascii=False,
        )
    if arguments.format == "html":
        both = combine("Sorting", [sorting._document(), shares._document()])
        return render_html(both, page=True)
    return _render(sorting, arguments.format) + "\n\n" + _render(shares, arguments.format)


def _report(arguments: argparse.Namespace) -> str:
    study = _study(arguments.study)
    report = evaluate(
        study.assessment,
        weighting=_weighting(arguments.weighting, study),
        method=arguments.method,
    )
    return _render(report, arguments.format)


def _compare(arguments: argparse.Namespace) -> str:
    study = _study(arguments.study)
    weightings = {name: _weighting(name, study) for name in arguments.weightings}
    comparison = compare(study.assessment, weightings=weightings, methods=arguments.methods)
    return _render(comparison, arguments.format)


class _ProgressBar:
    """A one-line progress bar on stderr, shown only once a run has taken a second."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if time.monotonic() - self.started < 1.0 and not self.shown:
            return
        self.shown = True
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} weightings"
        )
        sys.stderr.flush()

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0; got {text!r}")
    return value


def _sensitivity(arguments: argparse.Namespace) -> str:
    study = _study(arguments.study)
    assessment = study.assessment
    stable = stability(
        assessment, weighting=_weighting(arguments.weighting, study), method=arguments.method
    )
    if arguments.samples == 0:
        return _render(stable, arguments.format)
    bar = None if arguments.quiet or not sys.stderr.isatty() else _ProgressBar()
    acceptability = smaa(
        assessment,
        method=arguments.method,
        samples=arguments.samples,
        seed=arguments.seed,
        chunk_size=20_000,
        progress=bar,
        scenarios=arguments.scenarios or None,
        rule=arguments.rule,
    )
    if bar is not None:
        bar.finish()
    if arguments.format == "json":
        return json.dumps(
            {"stability": stable.to_dict(), "smaa": acceptability.to_dict()},
            indent=2,
            ensure_ascii=False,
        )
    if arguments.format == "html":
        both = combine("Sensitivity", [stable._document(), acceptability._document()])
        return render_html(both, page=True)
    return _render(stable, arguments.format) + "\n\n" + _render(acceptability, arguments.format)


def _render(
    result: Brief
    | Report
    | Comparison
    | Stability
    | SMAAResult
    | ScenarioAnalysis
    | ScenarioStability
    | Ensemble
    | Package
    | Frontier
    | Screening
    | Sorting
    | CategoryAcceptability,
    fmt: str,
) -> str:
    if fmt == "html":
        return result.to_html(page=True)
    renderers = {"text": result.to_text, "markdown": result.to_markdown, "json": result.to_json}
    return renderers[fmt]()


_COMMANDS = {
    "brief": _brief,
    "conference": _conference,
    "report": _report,
    "compare": _compare,
    "sensitivity": _sensitivity,
    "scenarios": _scenarios,
    "packages": _packages,
    "screen": _screen,
    "sort": _sort,
}


def run() -> NoReturn:
    """Entry point of the console script and ``python -m powerbalance``."""
    sys.exit(main())
