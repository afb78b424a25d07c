"""MkDocs hooks that generate the reference pages from the code at build time.

- The API reference: one page per public module (every module of ``powerbalance``
  whose dotted path has no part starting with an underscore), rendered by
  mkdocstrings, and an index page listing them. A module added to the package gets
  its page with the next build.
- The command-line reference: every (sub)command of the parser built by
  ``powerbalance.cli.build_parser``, with its help text, replaces the marker
  ``<!-- powerbalance-cli -->`` in ``cli.md``. A subcommand added to the parser
  appears with the next build.

Names that a package re-exports from one of its public submodules are rendered on the
submodule's page and linked from the package's page, so every object is rendered
once; names that come from a private module (``_base.py``) are rendered on the page
of the package that exports them.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import pkgutil
import re
from typing import Any

import griffe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

PACKAGE = "powerbalance"
API_DIR = "api"
API_SECTION = "API reference"
CLI_PAGE = "cli.md"
CLI_MARKER = "<!-- powerbalance-cli -->"
HELP_WIDTH = 78
ROLE = re.compile(r":(?:py:)?[a-z]+:`([^`]+)`")


# -- the API reference ----------------------------------------------------------------


def public_modules() -> list[str]:
    """Every public module of the package, the package first, then in dotted order."""
    package = importlib.import_module(PACKAGE)
    names = [
        info.name
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{PACKAGE}.")
        if not any(part.startswith("_") for part in info.name.split(".")[1:])
    ]
    return [PACKAGE, *sorted(names)]


@functools.cache
def _loaded() -> griffe.Module:
    return griffe.load(PACKAGE, search_paths=["src"], resolve_aliases=False)


def _object(path: str) -> Any:
    """The griffe object at a dotted path inside the package (the package itself too)."""
    return _loaded() if path == PACKAGE else _loaded()[path.removeprefix(f"{PACKAGE}.")]


def _first_sentence(module: griffe.Module) -> str:
    first = _summary(module.path)
    return first.split(". ")[0].rstrip(".") + "." if first else ""


def _page_path(module: str) -> str:
    return f"{API_DIR}/{module}.md"


def _split_exports(
    module: griffe.Module, pages: set[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    """Names to render on this page, and (name, identifier) pairs rendered elsewhere."""
    exports = [str(name) for name in (module.exports or [])]
    if not exports:
        return [], []
    here: list[str] = []
    elsewhere: list[tuple[str, str]] = []
    for name in exports:
        member = module.members.get(name)
        if member is None:
            here.append(name)
            continue
        try:
            target = member.final_target if member.is_alias else member
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            here.append(name)  # re-exported from another package: rendered as an alias
            continue
        if isinstance(target, griffe.Module):
            # A submodule; if it also holds a function of its own name
            # (powerbalance.evaluation.evaluate) the package exports that function.
            inner = target.members.get(name)
            identifier = inner.path if inner is not None and not inner.is_module else target.path
            elsewhere.append((name, identifier))
            continue
        home = target.module.path
        if home != module.path and home in pages:
            elsewhere.append((name, target.path))
        else:
            here.append(name)
    return here, elsewhere


def _module_page(name: str, pages: set[str]) -> str:
    module = _object(name)
    here, elsewhere = _split_exports(module, pages)
    lines = [f"::: {name}"]
    if module.exports is not None and here:
        lines += ["    options:", "      members:", *(f"        - {member}" for member in here)]
    elif module.exports is not None:
        lines += ["    options:", "      members: false"]
    if elsewhere:
        lines += [
            "",
            "## Also exported here",
            "",
            "Documented in the module that defines them:",
            "",
            "| name | what it is |",
            "|---|---|",
        ]
        lines += [
            f"| [`{short}`][{identifier}] | {_summary(identifier)} |"
            for short, identifier in elsewhere
        ]
    return "\n".join(lines) + "\n"


def _summary(identifier: str) -> str:
    """The first sentence of an object's docstring, reST roles shown as code."""
    obj = _object(identifier)
    docstring = obj.docstring.value if obj.docstring else ""
    first = docstring.strip().split("\n\n")[0].replace("\n", " ")
    first = ROLE.sub(lambda match: f"`{match.group(1).lstrip('~').rsplit('.', 1)[-1]}`", first)
    return first.replace("|", "\\|")


def _index_page(modules: list[str]) -> str:
    lines = [
        "# API reference",
        "",
        "Generated from the docstrings; one page per public module. Everything a user",
        "needs is exported from `powerbalance` or one of its subpackages",
        "(`powerbalance.weighting`, `powerbalance.methods`, ...); the pages of the",
        "submodules say where each name is defined.",
        "",
        "| module | what it holds |",
        "|---|---|",
    ]
    for name in modules:
        lines.append(f"| [`{name}`]({name}.md) | {_first_sentence(_object(name))} |")
    return "\n".join(lines) + "\n"


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    """Expand the nav's API reference entry into one page per public module."""
    _loaded.cache_clear()  # read the source afresh on every build (mkdocs serve)
    modules = public_modules()
    for index, item in enumerate(config.nav or []):
        if isinstance(item, dict) and API_SECTION in item:
            config.nav[index] = {
                API_SECTION: [f"{API_DIR}/index.md", *({m: _page_path(m)} for m in modules)]
            }
            break
    else:
        raise ValueError(f"mkdocs.yml's nav needs an entry '{API_SECTION}: {API_DIR}/index.md'")
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    """Add the generated API pages."""
    modules = public_modules()
    pages = set(modules)
    files.append(File.generated(config, f"{API_DIR}/index.md", content=_index_page(modules)))
    for name in modules:
        files.append(File.generated(config, _page_path(name), content=_module_page(name, pages)))
    return files


# -- the command-line reference -------------------------------------------------------


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """The parser and every subparser under it, depth first, each with its command path."""
    found = [(path, parser)]
    seen: set[int] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                if id(subparser) in seen:  # an alias of a command already listed
                    continue
                seen.add(id(subparser))
                found += _commands(subparser, (*path, name))
    return found


def cli_reference() -> str:
    """Markdown for every command of ``powerbalance``: description and full help."""
    from powerbalance.cli import build_parser

    parser = build_parser()
    sections = []
    for path, command in _commands(parser):
        command.formatter_class = functools.partial(argparse.HelpFormatter, width=HELP_WIDTH)
        title = " ".join([parser.prog, *path])
        description = (command.description or "").strip()
        sections += [f"## `{title}`", ""]
        if description:
            sections += [description, ""]
        sections += ["```text", command.format_help().rstrip(), "```", ""]
    return "\n".join(sections)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """Put the generated command-line reference into its page."""
    if page.file.src_uri != CLI_PAGE:
        return markdown
    if CLI_MARKER not in markdown:
        raise ValueError(f"{CLI_PAGE} must contain the marker {CLI_MARKER}")
    return markdown.replace(CLI_MARKER, cli_reference())
