"""A griffe extension: numpydoc docstrings written with reST markup, as Markdown.

powerbalance's docstrings follow numpydoc, whose prose is reStructuredText: Sphinx
roles (``:class:`Report```, ``:math:`w_j```), ``.. math::`` blocks, simple tables
and ``::`` literal blocks. mkdocstrings renders docstrings as Markdown, so before they
are parsed this extension rewrites those constructs:

- ``:math:`x``` becomes ``$x$`` and a ``.. math::`` block becomes ``$$ ... $$``
  (rendered by pymdownx.arithmatex and MathJax);
- ``:class:``, ``:func:``, ``:meth:``, ``:attr:``, ``:data:``, ``:mod:``, ``:exc:`` and
  ``:obj:`` become code, linked to the object's API entry when it is rendered (the
  name is resolved from the docstring's own scope, as Sphinx would; a leading ``~``
  shows only the last part of the name);
- a simple table (``====  ====`` borders) becomes a Markdown table;
- a paragraph ending in ``::`` introduces a fenced code block.

Doctest examples are left exactly as written.

The classes are attrs classes, whose ``__init__`` attrs writes at run time; griffe reads
source, so the extension also gives each such class the signature of its generated
``__init__`` (taken from the imported class), so that signatures show and documented
parameters match.
"""

from __future__ import annotations

import html
import importlib
import inspect
import re
from typing import Any

import attrs
import griffe

ROLE = re.compile(r":(?:py:)?(class|func|meth|attr|data|mod|exc|obj|math):`([^`]+)`")
MATH_DIRECTIVE = re.compile(r"^(\s*)\.\. math::\s*(.*)$")
TABLE_BORDER = re.compile(r"^\s*=+(?:\s+=+)+\s*$")
TITLED_TARGET = re.compile(r"^(.*?)\s*<([^>]+)>$")
WRAPPED_ROLE = re.compile(r":(?:py:)?[a-z]+:`[^`]*\n[^`]*`")


class RestToMarkdown(griffe.Extension):
    """Rewrite every powerbalance docstring from reST markup to Markdown once loaded."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Convert the docstrings of the whole package when it has been loaded."""
        if pkg.name != "powerbalance":
            return
        seen: set[str] = set()
        stack: list[griffe.Object] = [pkg]
        while stack:
            obj = stack.pop()
            if obj.path in seen:
                continue
            seen.add(obj.path)
            if obj.docstring is not None:
                obj.docstring.value = convert(obj.docstring.value, obj)
            if isinstance(obj, griffe.Class) and "__init__" not in obj.members:
                _add_attrs_init(obj)
            stack.extend(
                member
                for member in obj.members.values()
                if not member.is_alias and isinstance(member, griffe.Object)
            )


def convert(text: str, scope: griffe.Object) -> str:
    """The Markdown form of one docstring, names resolved from ``scope``."""
    # A role wrapped over two lines is joined onto one, so that it is seen whole.
    text = WRAPPED_ROLE.sub(lambda match: re.sub(r"\s*\n\s*", " ", match.group(0)), text)
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    in_doctest = False
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith(">>>"):
            in_doctest = True
        if in_doctest:
            out.append(line)
            in_doctest = bool(stripped)
            i += 1
            continue
        directive = MATH_DIRECTIVE.match(line)
        if directive:
            i = _math_block(lines, i, directive, out)
            continue
        if TABLE_BORDER.match(line):
            end = _simple_table(lines, i, out, scope)
            if end > i:
                i = end
                continue
        if stripped.endswith("::") and not stripped.startswith(".."):
            i = _literal_block(lines, i, out, scope)
            continue
        out.append(_inline(line, scope))
        i += 1
    return "\n".join(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _block(lines: list[str], start: int, indent: int) -> tuple[list[str], int]:
    """The lines after ``start`` indented deeper than ``indent`` (blank lines included)."""
    body: list[str] = []
    i = start
    while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > indent):
        body.append(lines[i])
        i += 1
    while body and not body[-1].strip():
        body.pop()
        i -= 1
    deepest = min((_indent(line) for line in body if line.strip()), default=0)
    return [line[deepest:] for line in body], i


def _math_block(lines: list[str], i: int, directive: re.Match[str], out: list[str]) -> int:
    indent = directive.group(1)
    body, end = _block(lines, i + 1, len(indent))
    content = [directive.group(2)] if directive.group(2) else []
    content += [line for line in body if line.strip() or content]
    out += [f"{indent}$$", *(indent + line for line in content), f"{indent}$$"]
    return end


def _literal_block(lines: list[str], i: int, out: list[str], scope: griffe.Object) -> int:
    line = lines[i]
    body, end = _block(lines, i + 1, _indent(line))
    if not any(b.strip() for b in body):
        out.append(_inline(line, scope))
        return i + 1
    text = line.rstrip()[:-2].rstrip()
    # "Paragraph::" keeps one colon; a lone "::" disappears.
    if text.strip():
        out.append(_inline(text + ":", scope))
    indent = " " * _indent(line)
    out += ["", f"{indent}```text", *(indent + b for b in body), f"{indent}```"]
    return end


def _simple_table(lines: list[str], i: int, out: list[str], scope: griffe.Object) -> int:
    """Convert the simple table whose top border is line ``i``; return the line after it."""
    border = lines[i]
    spans = [(m.start(), m.end()) for m in re.finditer(r"=+", border)]
    borders = [i]
    j = i + 1
    while j < len(lines) and len(borders) < 3:
        if lines[j].strip() == border.strip():
            borders.append(j)
        elif not lines[j].strip():
            return i  # not a simple table with a header
        j += 1
    if len(borders) != 3:
        return i

    def cells(line: str) -> list[str]:
        starts = [start for start, _ in spans]
        stops = [*starts[1:], len(line)]
        return [line[start:stop].strip() for start, stop in zip(starts, stops, strict=True)]

    def rows(first: int, stop: int) -> list[list[str]]:
        found: list[list[str]] = []
        for line in lines[first:stop]:
            row = cells(line)
            if found and not row[0]:
                found[-1] = [f"{a} {b}".strip() for a, b in zip(found[-1], row, strict=True)]
            else:
                found.append(row)
        return found

    header = rows(borders[0] + 1, borders[1])
    body = rows(borders[1] + 1, borders[2])
    indent = " " * _indent(border)

    def render(row: list[str]) -> str:
        text = " | ".join(_inline(cell, scope).replace("|", "\\|") for cell in row)
        return f"{indent}| {text} |"

    out += [render(row) for row in header]
    out.append(indent + "|" + "---|" * len(spans))
    out += [render(row) for row in body]
    return borders[2] + 1


def _inline(line: str, scope: griffe.Object) -> str:
    return ROLE.sub(lambda match: _role(match.group(1), match.group(2), scope), line)


def _role(kind: str, target: str, scope: griffe.Object) -> str:
    if kind == "math":
        return f"${target.strip()}$"
    titled = TITLED_TARGET.match(target)
    title, name = (titled.group(1), titled.group(2)) if titled else (None, target)
    short = name.startswith("~")
    name = name.lstrip("~.")
    shown = title or (name.rsplit(".", 1)[-1] if short else name)
    if kind in ("func", "meth") and not title:
        shown += "()"
    identifier = _resolve(name, scope)
    code = f"<code>{html.escape(shown)}</code>"
    if identifier is None:
        return code
    return f'<autoref identifier="{html.escape(identifier)}" optional>{code}</autoref>'


def _resolve(name: str, scope: griffe.Object) -> str | None:
    """The canonical path of ``name`` as seen from ``scope``, or None."""
    root = scope.package
    first, _, rest = name.partition(".")
    if first == root.name:
        path = name
    else:
        try:
            path = scope.resolve(first)
        except griffe.NameResolutionError:
            return None
        path = f"{path}.{rest}" if rest else path
    if not path.startswith(f"{root.name}."):
        return path if path == root.name else None
    try:
        obj = root[path.removeprefix(f"{root.name}.")]
        return str((obj.final_target if obj.is_alias else obj).path)
    except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None


def _add_attrs_init(cls: griffe.Class) -> None:
    """Give an attrs class the ``__init__`` that attrs generates for it."""
    try:
        module = importlib.import_module(cls.module.path)
        runtime = getattr(module, cls.name)
    except (ImportError, AttributeError):
        return
    if not (inspect.isclass(runtime) and attrs.has(runtime)):
        return
    fields = {field.alias: field for field in attrs.fields(runtime)}
    parameters = [
        griffe.Parameter(
            name,
            annotation=_annotation(parameter.annotation),
            kind=griffe.ParameterKind(parameter.kind.description),
            default=_default(parameter.default, fields.get(name)),
        )
        for name, parameter in inspect.signature(runtime).parameters.items()
    ]
    init = griffe.Function(
        "__init__",
        parameters=griffe.Parameters(
            griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword),
            *parameters,
        ),
        returns="None",
        lineno=cls.lineno,
        endlineno=cls.lineno,
    )
    cls.set_member("__init__", init)


def _annotation(annotation: object) -> str | None:
    if annotation is inspect.Parameter.empty:
        return None
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


def _default(default: object, field: attrs.Attribute[Any] | None) -> str | None:
    if default is inspect.Parameter.empty:
        return None
    if default is attrs.NOTHING and field is not None:
        factory = field.default
        if isinstance(factory, attrs.Factory) and not factory.takes_self:  # type: ignore[arg-type]
            return repr(factory.factory())
        return "..."
    return repr(default)
