"""Study files in TOML: parsing with line and column for every field, and writing.

Reading is :mod:`tomllib`'s. Its syntax errors carry a line and column; for the
problems found later, in the parsed document, :func:`locate` scans the (then known to
be valid) text once and maps every field path, such as ``criteria[3].kind``, to the
line and column of its key, its table header or its array item.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Any

from powerbalance.io._problems import Collector, Location, Path, TextScanner

__all__ = ["dumps", "locate", "parse"]

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = frozenset(",]}\n\r#")


def parse(text: str, problems: Collector) -> Any:
    """The parsed document, or None after recording a syntax problem."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _POSITION.search(message)
        line = int(found.group(1)) if found else getattr(error, "lineno", None)
        column = int(found.group(2)) if found else getattr(error, "colno", None)
        reason = _POSITION.sub("", message).strip()
        problems.add((), f"not valid TOML: {reason}.", Location(line, column))
    except RecursionError:
        problems.add((), "not readable: values nest too deeply.")
    except (ValueError, OverflowError) as error:
        # tomllib turns some literals (huge dates, say) into Python objects itself.
        problems.add((), f"not valid TOML: {error}.")
    return None


# -- locating fields -----------------------------------------------------------------------


class _Scanner(TextScanner):
    """One pass over valid TOML, recording where each field path starts."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.arrays: dict[Path, int] = {}

    def at(self, token: str) -> bool:
        return self.text.startswith(token, self.pos)

    def skip_space(self, newlines: bool = False) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n:
            c = text[self.pos]
            if c in " \t" or (newlines and c in "\r\n"):
                self.pos += 1
            elif c == "#" and newlines:
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end
            else:
                break

    def skip_line(self) -> None:
        self.skip_space()
        if self.pos < len(self.text) and self.text[self.pos] == "#":
            end = self.text.find("\n", self.pos)
            self.pos = len(self.text) if end < 0 else end

    def scan(self) -> dict[Path, Location]:
        current: Path = ()
        while True:
            self.skip_space(newlines=True)
            if self.pos >= len(self.text):
                return self.found
            start = self.pos
            if self.at("[["):
                self.pos += 2
                key = self.key()
                self.skip_space()
                self.pos += 2
                base = (*self.resolve(key[:-1]), key[-1])
                index = self.arrays.get(base, -1) + 1
                self.arrays[base] = index
                current = (*base, index)
                for end in range(1, len(key)):
                    self.record(self.resolve(key[:end]), start)
                self.record(base, start)
                self.record(current, start)
            elif self.at("["):
                self.pos += 1
                key = self.key()
                self.skip_space()
                self.pos += 1
                for end in range(1, len(key) + 1):
                    self.record(self.resolve(key[:end]), start)
                current = self.resolve(key)
            else:
                self.key_value(current)
            self.skip_line()

    def resolve(self, key: tuple[str, ...]) -> Path:
        path: Path = ()
        for part in key:
            path = (*path, part)
            if path in self.arrays:
                path = (*path, self.arrays[path])
        return path

    def key(self) -> tuple[str, ...]:
        parts = []
        while True:
            self.skip_space()
            parts.append(self.simple_key())
            self.skip_space()
            if self.at("."):
                self.pos += 1
                continue
            return tuple(parts)

    def simple_key(self) -> str:
        text = self.text
        if self.at('"') or self.at("'"):
            start = self.pos
            self.string()
            return str(tomllib.loads("k = " + text[start : self.pos])["k"])
        match = _BARE.match(text, self.pos)
        end = match.end() if match else self.pos + 1
        self.pos = end
        return text[match.start() : end] if match else ""

    def key_value(self, table: Path) -> None:
        start = self.pos
        key = self.key()
        for end in range(1, len(key) + 1):
            self.record((*table, *key[:end]), start)
        self.skip_space()
        self.pos += 1  # "="
        self.skip_space()
        self.value((*table, *key))

    def string(self) -> None:
        text = self.text
        for quote in ('"""', "'''"):
            if self.at(quote):
                self.pos += 3
                while True:
                    if quote == '"""' and text[self.pos] == "\\":
                        self.pos += 2
                        continue
                    if self.at(quote):
                        self.pos += 3
                        # Up to two more quotes belong to the content.
                        extra = 0
                        while extra < 2 and self.pos < len(text) and text[self.pos] == quote[0]:
                            self.pos += 1
                            extra += 1
                        return
                    self.pos += 1
        quote = text[self.pos]
        self.pos += 1
        while text[self.pos] != quote:
            self.pos += 2 if quote == '"' and text[self.pos] == "\\" else 1
        self.pos += 1

    def value(self, path: Path) -> None:
        text = self.text
        c = text[self.pos]
        if c in "\"'":
            self.string()
        elif c == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip_space(newlines=True)
                if self.at("]"):
                    self.pos += 1
                    return
                self.record((*path, index), self.pos)
                self.value((*path, index))
                index += 1
                self.skip_space(newlines=True)
                if self.at(","):
                    self.pos += 1
        elif c == "{":
            self.pos += 1
            while True:
                self.skip_space()
                if self.at("}"):
                    self.pos += 1
                    return
                self.key_value(path)
                self.skip_space()
                if self.at(","):
                    self.pos += 1
        else:
            n = len(text)
            while self.pos < n and text[self.pos] not in _SCALAR_END:
                self.pos += 1


def locate(text: str) -> dict[Path, Location]:
    r"""Where each field path of a valid TOML text starts (as far as the scan got).

    Examples
    --------
    >>> where = locate('format = "x"\n\n[[criteria]]\nname = "Gain"\nkind = "cost"\n')
    >>> where[("criteria", 0, "kind")].line, where[("criteria", 0, "kind")].column
    (5, 1)
    """
    scanner = _Scanner(text)
    try:
        return scanner.scan()
    except (RecursionError, IndexError, tomllib.TOMLDecodeError):
        # A location is a help, not a requirement: keep what was found.
        return scanner.found


# -- writing -------------------------------------------------------------------------------


def _string(text: str) -> str:
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


def _number(value: float) -> str:
    # A float stays a float ("3.0"), as in JSON, so a file gives back the numbers it was
    # given: an integer in a preset reads back as an integer and a float as a float.
    return repr(value)


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _lines(table: Mapping[str, Any], skip: tuple[str, ...] = ()) -> list[str]:
    return [f"{_key(k)} = {_inline(v)}" for k, v in table.items() if k not in skip]


def dumps(document: Mapping[str, Any]) -> str:
    """A study document as TOML text, laid out as a person would write it.

    Examples
    --------
    >>> print(dumps({"format": "x", "criteria": [{"name": "Gain"}],
    ...              "options": [{"name": "A", "scores": {"Gain": 1.5}}]}))
    format = "x"
    <BLANKLINE>
    [[criteria]]
    name = "Gain"
    <BLANKLINE>
    [[options]]
    name = "A"
    <BLANKLINE>
    [options.scores]
    Gain = 1.5
    <BLANKLINE>
    """
    sections = ("criteria", "options", "scenarios", "presets", "portfolio", "screening", "sorting")
    out = _lines(document, skip=sections)
    for criterion in document.get("criteria", []):
        out += ["", "[[criteria]]", *_lines(criterion)]
    for option in document.get("options", []):
        out += ["", "[[options]]", *_lines(option, skip=("scores",))]
        if "scores" in option:
            out += ["", "[options.scores]", *_lines(option["scores"])]
    for scenario in document.get("scenarios", []):
        out += ["", "[[scenarios]]", *_lines(scenario, skip=("changes", "scores"))]
        for form in ("changes", "scores"):
            if form not in scenario:
                continue
            if not scenario[form]:
                out.append(f"{form} = {{}}")
            for option, cells in scenario[form].items():
                out += ["", f"[scenarios.{form}.{_key(option)}]", *_lines(cells)]
    for name, preset in document.get("presets", {}).items():
        out += ["", f"[presets.{_key(name)}]", *_lines(preset)]
    if "portfolio" in document:
        out += _portfolio_lines(document["portfolio"])
    if "screening" in document:
        screening = document["screening"]
        out += ["", "[screening]", *_lines(screening, skip=("rules",))]
        for rule in screening.get("rules", []):
            out += ["", "[[screening.rules]]", *_lines(rule)]
    if "sorting" in document:
        tables = ("profiles", "vetoes", "indifference", "preference", "veto")
        sorting = document["sorting"]
        out += ["", "[sorting]", *_lines(sorting, skip=tables)]
        for key in tables:
            if key in sorting:
                out += ["", f"[sorting.{key}]", *_lines(sorting[key])]
    return "\n".join(out) + "\n"


def _portfolio_lines(portfolio: Mapping[str, Any]) -> list[str]:
    out = ["", "[portfolio]", *_lines(portfolio, skip=("budget", "costs", "synergies"))]
    out += ["", "[portfolio.budget]", *_lines(portfolio["budget"])]
    for option, amounts in portfolio.get("costs", {}).items():
        out += ["", f"[portfolio.costs.{_key(option)}]", *_lines(amounts)]
    for synergy in portfolio.get("synergies", []):
        out += ["", "[[portfolio.synergies]]", *_lines(synergy)]
    return out
