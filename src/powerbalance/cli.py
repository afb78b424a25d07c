"""The ``powerbalance`` command: reports from the terminal.

Run ``powerbalance report`` for the ranked trade-off report of the built-in scenario,
``powerbalance compare`` to see whether the choice of method or weighting changes it, and
``powerbalance sensitivity`` to see how far the weights can move before it changes.
Errors in the arguments print one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from powerbalance import methods, scenarios, weighting
from powerbalance._html import page
from powerbalance._version import __version__
from powerbalance.comparison import Comparison, compare
from powerbalance.errors import PowerbalanceError, PowerbalanceWarning
from powerbalance.evaluate import evaluate
from powerbalance.report import Report
from powerbalance.sensitivity import Stability, stability
from powerbalance.smaa import SMAAResult, smaa

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
    report = commands.add_parser(
        "report",
        help="rank a scenario's options and explain the ranking",
        description="Rank a scenario's options and explain the ranking as trade-offs.",
    )
    report.add_argument(
        "scenario",
        nargs="?",
        default="great-power-cooperation",
        metavar="SCENARIO",
        help="a built-in scenario name (default: great-power-cooperation); "
        f"built-in: {', '.join(scenarios.names())}",
    )
    report.add_argument(
        "--method",
        default="weighted-sum",
        help="aggregation method by name (default: weighted-sum); "
        f"available: {', '.join(methods.registry.names())}",
    )
    report.add_argument(
        "--weighting",
        default="equal",
        help="parameterless weighting scheme by name (default: equal); "
        f"available: {', '.join(weighting.registry.names())}",
    )
    _add_output_arguments(report)
    compare = commands.add_parser(
        "compare",
        help="rank a scenario's options under several methods and weightings",
        description="Rank a scenario's options under several methods and weightings, and "
        "show how far the rankings agree.",
    )
    compare.add_argument(
        "scenario",
        nargs="?",
        default="great-power-cooperation",
        metavar="SCENARIO",
        help="a built-in scenario name",
    )
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
        help="comma-separated parameterless weighting names (default: equal); "
        f"available: {', '.join(weighting.registry.names())}",
    )
    _add_output_arguments(compare)
    sensitivity = commands.add_parser(
        "sensitivity",
        help="how far the weights can move before the ranking changes",
        description="Stability intervals of every criterion's and area's weight, and the "
        "weight at which first place changes hands.",
    )
    sensitivity.add_argument(
        "scenario",
        nargs="?",
        default="great-power-cooperation",
        metavar="SCENARIO",
        help="a built-in scenario name",
    )
    sensitivity.add_argument(
        "--method",
        default="weighted-sum",
        help="aggregation method by name (default: weighted-sum)",
    )
    sensitivity.add_argument(
        "--weighting", default="equal", help="parameterless weighting scheme (default: equal)"
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
    sensitivity.add_argument("--quiet", action="store_true", help="no progress bar on the terminal")
    _add_output_arguments(sensitivity)
    return parser


def _names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("give at least one name, separated by commas")
    return names


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
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PowerbalanceWarning)
            output = _COMMANDS[arguments.command](arguments)
    except KeyboardInterrupt:
        # Stop cleanly: no traceback, nothing half-written, the shell's usual status.
        print("\npowerbalance: interrupted", file=sys.stderr)
        return 130
    except PowerbalanceError as error:
        print(f"powerbalance: error: {error}", file=sys.stderr)
        return 2
    for warning in caught:
        print(f"powerbalance: warning: {warning.message}", file=sys.stderr)
    if arguments.output is None:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
        return 0
    try:
        arguments.output.write_text(output, encoding="utf-8")
    except OSError as error:
        print(
            f"powerbalance: error: cannot write {arguments.output}: {error.strerror}",
            file=sys.stderr,
        )
        return 2
    return 0


def _report(arguments: argparse.Namespace) -> str:
    assessment = scenarios.load(arguments.scenario)
    report = evaluate(assessment, weighting=arguments.weighting, method=arguments.method)
    return _render(report, arguments.format)


def _compare(arguments: argparse.Namespace) -> str:
    assessment = scenarios.load(arguments.scenario)
    comparison = compare(assessment, weightings=arguments.weightings, methods=arguments.methods)
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
    assessment = scenarios.load(arguments.scenario)
    stable = stability(assessment, weighting=arguments.weighting, method=arguments.method)
    if arguments.samples == 0:
        return _render(stable, arguments.format)
    bar = None if arguments.quiet or not sys.stderr.isatty() else _ProgressBar()
    acceptability = smaa(
        assessment,
        arguments.method,
        samples=arguments.samples,
        seed=arguments.seed,
        chunk_size=20_000,
        progress=bar,
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
        return page("Sensitivity", stable._repr_html_() + acceptability._repr_html_())
    return _render(stable, arguments.format) + "\n\n" + _render(acceptability, arguments.format)


def _render(result: Report | Comparison | Stability | SMAAResult, fmt: str) -> str:
    renderers = {
        "text": result.to_text,
        "markdown": result.to_markdown,
        "html": result.to_html,
        "json": result.to_json,
    }
    return renderers[fmt]()


_COMMANDS = {"report": _report, "compare": _compare, "sensitivity": _sensitivity}


def run() -> NoReturn:
    """Entry point of the console script and ``python -m powerbalance``."""
    sys.exit(main())
