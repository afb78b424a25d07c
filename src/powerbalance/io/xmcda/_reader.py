"""The problem collector of the XMCDA reader, and the readers of single values in it.

A :class:`Reader` records every problem found with the element where it is; at the end
the problems are reported together, in file order, in one
:class:`~powerbalance.errors.StudyFileError`. Its small readers take an XMCDA value
(``<real>``, ``<integer>``, ``<rational>``), the one ``<value>`` of ``<values>``, a
required child's text or an ``<active>`` flag, and record a problem instead of raising.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TypeVar

import attrs

from powerbalance.errors import PowerbalanceError, Problem, StudyFileError
from powerbalance.io._problems import MAX_PROBLEMS, Message, more_problems
from powerbalance.io._xml import Element
from powerbalance.io.xmcda._elements import describe_children

__all__ = ["Reader"]

T = TypeVar("T")

# xs:double and xs:int, as the XSD defines their lexical forms.
_DOUBLE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN")
_INT = re.compile(r"[+-]?\d+")


class Reader:
    """Walks the parsed files, collecting a problem wherever one is found.

    Its small readers (a number, the one value of an element, a required child's text,
    a flag) return None, or the default, after recording what was wrong.
    """

    def __init__(self) -> None:
        # (element, problem without its path): a path is worked out only for the
        # problems shown, as a file with thousands of wrong cells has thousands.
        self.problems: list[tuple[Element | None, Problem]] = []
        #: Problems found beyond MAX_PROBLEMS, counted rather than worked out.
        self.unlisted = 0

    # -- reporting --------------------------------------------------------------------

    def problem(self, element: Element, message: Message) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted += 1
            return
        located = Problem(
            file=element.source,
            line=element.line,
            column=element.column,
            message=message if isinstance(message, str) else message(),
        )
        self.problems.append((element, located))

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        # In file order; problems without a place come after the located ones.
        ordered = sorted(
            self.problems,
            key=lambda found: (
                found[1].file or "",
                found[1].line is None,
                found[1].line or 0,
                found[1].column or 0,
            ),
        )
        shown = [
            problem if element is None else attrs.evolve(problem, path=element.path)
            for element, problem in ordered
        ]
        if self.unlisted:
            shown.append(more_problems(shown[-1].file, self.unlisted))
        raise StudyFileError(problems=shown)

    # -- small readers ----------------------------------------------------------------

    def attempt(self, element: Element, build: Callable[[], T]) -> T | None:
        """``build()``, or None after recording its error as a problem at ``element``."""
        try:
            return build()
        except PowerbalanceError as error:
            self.problem(element, str(error))
            return None

    def child_text(self, element: Element, tag: str) -> str | None:
        """The stripped text of the required child ``tag`` (a reference such as an id)."""
        child = element.child(tag)
        if child is None:
            found = describe_children(element)
            self.problem(element, f"expected a <{tag}> element; found {found}.")
            return None
        text = child.text.strip()
        if not text:
            self.problem(child, f"expected the id of an element in <{tag}>; found nothing.")
            return None
        return text

    def number(self, holder: Element) -> float | None:
        """The number held by a ``value`` (or ``minimum``, ``abscissa``...) element."""
        children = holder.children
        if len(children) != 1:
            self.problem(
                holder,
                f"expected one number (<real>, <integer> or <rational>); found "
                f"{describe_children(holder)}.",
            )
            return None
        element = children[0]
        text = element.text.strip()
        number: float | None = None
        if element.tag == "real":
            if _DOUBLE.fullmatch(text):
                number = float(text.replace("INF", "inf"))
            else:
                self.problem(element, f"expected a number (xs:double); found {text!r}.")
                return None
        elif element.tag == "integer":
            if _INT.fullmatch(text):
                number = float(int(text))
            else:
                self.problem(element, f"expected a whole number (xs:int); found {text!r}.")
                return None
        elif element.tag == "rational":
            number = self.rational(element)
            if number is None:
                return None
        elif element.tag == "NA":
            self.problem(element, "expected a number; found <NA/> (not available).")
            return None
        else:
            self.problem(
                element,
                f"expected a number (<real>, <integer> or <rational>); found <{element.tag}>.",
            )
            return None
        if not math.isfinite(number):
            self.problem(element, f"expected a finite number; found {text!r}.")
            return None
        return number

    def rational(self, element: Element) -> float | None:
        parts = []
        for tag in ("numerator", "denominator"):
            child = element.child(tag)
            text = child.text.strip() if child is not None else ""
            if child is None or not _INT.fullmatch(text):
                found = repr(text) if child is not None else "nothing"
                self.problem(
                    child or element, f"expected a whole number as <{tag}>; found {found}."
                )
                return None
            parts.append(int(text))
        if parts[1] == 0:
            self.problem(element, "expected a non-zero <denominator>; found 0.")
            return None
        return parts[0] / parts[1]

    def single_value(self, element: Element) -> float | None:
        """The one number in the ``<values>`` child of ``element``."""
        values = element.child("values")
        if values is None:
            self.problem(
                element, f"expected a <values> element; found {describe_children(element)}."
            )
            return None
        items = values.children_named("value")
        if len(items) != 1:
            self.problem(values, f"expected exactly one <value>; found {len(items)}.")
            return None
        return self.number(items[0])

    def active(self, element: Element) -> bool:
        child = element.child("active")
        if child is None:
            return True
        text = child.text.strip()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        self.problem(child, f"expected true or false; found {text!r}.")
        return True
