"""Study files in JSON: the same document as the TOML file, with line and column too."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

from powerbalance.io._problems import Collector, Location, Path, TextScanner

__all__ = ["dumps", "locate", "parse"]

_SCALAR_END = frozenset(",]} \t\r\n")


class _NotANumberError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotANumberError(name)


def parse(text: str, problems: Collector) -> Any:
    """The parsed document, or None after recording a syntax problem."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        problems.add((), f"not valid JSON: {error.msg}.", Location(error.lineno, error.colno))
    except _NotANumberError as error:
        problems.add((), f"not valid JSON: {error} is not a number JSON allows.")
    except RecursionError:
        problems.add((), "not readable: values nest too deeply.")
    except (ValueError, OverflowError) as error:
        problems.add((), f"not valid JSON: {error}.")
    return None


class _Scanner(TextScanner):
    """One pass over valid JSON, recording where each field path starts."""

    def skip(self) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n and text[self.pos] in " \t\r\n":
            self.pos += 1

    def string(self) -> str:
        start = self.pos
        self.pos += 1
        while self.text[self.pos] != '"':
            self.pos += 2 if self.text[self.pos] == "\\" else 1
        self.pos += 1
        return str(json.loads(self.text[start : self.pos]))

    def value(self, path: Path) -> None:
        self.skip()
        self.record(path, self.pos)
        c = self.text[self.pos]
        if c == "{":
            self.pos += 1
            while True:
                self.skip()
                if self.text[self.pos] == "}":
                    self.pos += 1
                    return
                if self.text[self.pos] == ",":
                    self.pos += 1
                    continue
                start = self.pos
                key = self.string()
                self.record((*path, key), start)
                self.skip()
                self.pos += 1  # ":"
                self.value((*path, key))
        elif c == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip()
                if self.text[self.pos] == "]":
                    self.pos += 1
                    return
                if self.text[self.pos] == ",":
                    self.pos += 1
                    continue
                self.value((*path, index))
                index += 1
        elif c == '"':
            self.string()
        else:
            n = len(self.text)
            while self.pos < n and self.text[self.pos] not in _SCALAR_END:
                self.pos += 1


def locate(text: str) -> dict[Path, Location]:
    r"""Where each field path of a valid JSON text starts.

    Examples
    --------
    >>> where = locate('{\n  "criteria": [\n    {"kind": "cost"}\n  ]\n}')
    >>> where[("criteria", 0, "kind")].line, where[("criteria", 0, "kind")].column
    (3, 6)
    """
    scanner = _Scanner(text)
    # A location is a help, not a requirement: keep what was found.
    with contextlib.suppress(RecursionError, IndexError, ValueError):
        scanner.value(())
    return scanner.found


def dumps(document: Mapping[str, Any]) -> str:
    """A study document as indented JSON text.

    Examples
    --------
    >>> print(dumps({"format": "x", "scale": [0, 10]}))
    {
      "format": "x",
      "scale": [
        0,
        10
      ]
    }
    """
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
