"""A hardened XML parser on the standard library's expat: no DTDs, no entities.

XML lets a document declare entities in a DTD and expand them where they are used.
That is how a few hundred bytes become gigabytes (the "billion laughs" document) and
how a document reads other files or URLs into itself (external entities, XXE). Study
files never need either, so this parser refuses any document type declaration, entity
declaration or entity reference beyond the five predefined ones (``&amp;`` and so on)
and character references. It refuses at the declaration itself, before anything is
expanded or fetched, and says why.

The parser builds a small tree of :class:`Element` objects that remember their line,
column and path, so that a reader can say exactly where a problem is.

Examples
--------
>>> root = parse(b'<a xmlns="urn:x"><b id="1">one</b><b id="2">two</b></a>', "doc.xml")
>>> root.tag, root.namespace, [b.text for b in root.children_named("b")]
('a', 'urn:x', ['one', 'two'])
>>> second = root.children_named("b")[1]
>>> second.path, second.line, second.column, second.attributes
('/a/b[2]', 1, 35, {'id': '2'})
>>> parse(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "bad.xml")
Traceback (most recent call last):
...
powerbalance.errors.StudyFileError: bad.xml:1:...: the document has a document type ...
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from xml.parsers import expat

from powerbalance.errors import Problem, StudyFileError
from powerbalance.io._files import MAX_BYTES, read_limited

__all__ = ["Element", "hardened_parser", "parse", "parse_file", "run"]

#: Separates a namespace from a local name in expat's tag names; no URI holds a space.
_SEPARATOR = " "

_REFUSAL = (
    "DTDs and entities are not allowed: they can expand a small file into gigabytes "
    "(billion laughs) or read other files and URLs into it (external entities), and "
    "study files never need them. Remove the declaration"
)


class Element:
    """One element of a parsed document: its name, attributes, children and place.

    Parameters
    ----------
    tag : str
        The local name, without namespace.
    namespace : str
        The namespace URI ("" for none).
    attributes : dict of str to str
        Attributes without a namespace, by name (namespaced ones, such as
        ``xsi:schemaLocation``, are left out).
    line, column : int
        Where the start tag begins, both 1-based.
    parent : Element or None
        The enclosing element (None for the root).
    source : str
        The file (or other label) the element was read from.

    Examples
    --------
    >>> root = parse(b"<a><b/><c>text</c></a>", "doc.xml")
    >>> root.child("c").text, root.child("d") is None
    ('text', True)
    """

    __slots__ = (
        "_counts",
        "attributes",
        "children",
        "column",
        "line",
        "namespace",
        "parent",
        "position",
        "source",
        "tag",
        "text",
    )

    def __init__(
        self,
        tag: str,
        namespace: str,
        attributes: dict[str, str],
        line: int,
        column: int,
        parent: Element | None,
        source: str,
    ) -> None:
        self.tag = tag
        self.namespace = namespace
        self.attributes = attributes
        self.line = line
        self.column = column
        self.parent = parent
        self.source = source
        self.children: list[Element] = []
        #: The character data directly inside the element, whitespace kept.
        self.text = ""
        # How many children of each name (for paths, without scanning the siblings); made
        # with the first child, as most elements have none.
        self._counts: dict[str, int] | None = None
        #: The element's position among its parent's children of the same name (1-based).
        self.position = 1
        if parent is not None:
            counts = parent._counts
            if counts is None:
                counts = parent._counts = {}
            self.position = counts[tag] = counts.get(tag, 0) + 1
            parent.children.append(self)

    def __repr__(self) -> str:
        return f"<Element {self.path} at line {self.line}, column {self.column}>"

    def __iter__(self) -> Iterator[Element]:
        return iter(self.children)

    def children_named(self, tag: str) -> list[Element]:
        """The child elements with this local name, in document order.

        Examples
        --------
        >>> [e.text for e in parse(b"<a><b>1</b><c/><b>2</b></a>", "d").children_named("b")]
        ['1', '2']
        """
        return [child for child in self.children if child.tag == tag]

    def child(self, tag: str) -> Element | None:
        """The first child element with this local name, or None.

        Examples
        --------
        >>> parse(b"<a><b>1</b><b>2</b></a>", "d").child("b").text
        '1'
        """
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    @property
    def path(self) -> str:
        """Where the element is, as an XPath-like path: ``/xmcda/criteria/criterion[3]``.

        A position is shown where the parent has more than one child of the name.

        Examples
        --------
        >>> parse(b"<a><b/><b><c/></b></a>", "d").children[1].child("c").path
        '/a/b[2]/c'
        """
        parts: list[str] = []
        node: Element | None = self
        while node is not None:
            step = node.tag
            if node.parent is not None and (node.parent._counts or {}).get(node.tag, 0) > 1:
                step += f"[{node.position}]"
            parts.append(step)
            node = node.parent
        return "/" + "/".join(reversed(parts))


class _RefusedError(Exception):
    """Raised inside an expat handler to stop the parse at a refused declaration."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _split(name: str) -> tuple[str, str]:
    namespace, _, local = name.rpartition(_SEPARATOR)
    return namespace, local


def _check_size(data: bytes | str, source: str, max_bytes: int) -> None:
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise StudyFileError(
            problems=[
                Problem(
                    file=source,
                    message=f"the document is {size:,} bytes, larger than the limit of "
                    f"{max_bytes:,} bytes; it was not parsed. If the document is what you "
                    "expect, pass a larger max_bytes.",
                )
            ]
        )


def hardened_parser() -> expat.XMLParserType:
    """An expat parser that refuses DTDs, entities and notations (see :func:`run`).

    Tag and attribute names come as ``"<namespace> <local name>"`` when namespaced.

    Examples
    --------
    >>> seen = []
    >>> parser = hardened_parser()
    >>> parser.StartElementHandler = lambda name, attributes: seen.append(name)
    >>> run(parser, [b"<a xmlns='urn:x'>", b"<b/></a>"], "doc.xml")
    >>> seen
    ['urn:x a', 'urn:x b']
    """
    parser = expat.ParserCreate(namespace_separator=_SEPARATOR)
    # Never read the external DTD subset or parameter entities, whatever the document says.
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True

    def refuse(what: str) -> None:
        raise _RefusedError(f"the document has {what}. {_REFUSAL}.")

    def on_doctype(name: str, *_: object) -> None:
        refuse(f"a document type declaration (<!DOCTYPE {name} ...>)")

    def on_entity(name: str, is_parameter: bool, *_: object) -> None:
        refuse(f"an entity declaration (<!ENTITY {'% ' if is_parameter else ''}{name} ...>)")

    def on_unparsed_entity(name: str, *_: object) -> None:
        refuse(f"an entity declaration (<!ENTITY {name} ...>)")

    def on_notation(name: str, *_: object) -> None:
        refuse(f"a notation declaration (<!NOTATION {name} ...>)")

    def on_external_entity(context: str | None, *_: object) -> int:
        refuse(f"a reference to an external entity ({context or 'the external DTD'})")
        return 0  # pragma: no cover - refuse() raises

    def on_skipped_entity(name: str, is_parameter: bool) -> None:
        refuse(f"a reference to an undeclared entity (&{name};)")

    parser.StartDoctypeDeclHandler = on_doctype
    parser.EntityDeclHandler = on_entity
    parser.UnparsedEntityDeclHandler = on_unparsed_entity
    parser.NotationDeclHandler = on_notation
    parser.ExternalEntityRefHandler = on_external_entity
    parser.SkippedEntityHandler = on_skipped_entity
    return parser


def run(parser: expat.XMLParserType, chunks: Iterable[bytes | str], source: str) -> None:
    """Feed a document to a parser from :func:`hardened_parser`, piece by piece.

    Feeding pieces lets a caller stream a large document without holding it whole.

    Raises
    ------
    StudyFileError
        The document is not well-formed, or declares or uses what the parser refuses;
        with the line and column.
    """
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _RefusedError as refused:
        raise _error(
            source, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, refused.message
        ) from None
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code) if error.code is not None else str(error)
        raise _error(
            source, error.lineno, error.offset + 1, f"not well-formed XML: {reason}."
        ) from None


def parse(data: bytes | str, source: str, *, max_bytes: int = MAX_BYTES) -> Element:
    """Parse an XML document, refusing DTDs and entities; return its root element.

    Parameters
    ----------
    data : bytes or str
        The document. The encoding of bytes comes from the XML declaration (UTF-8 by
        default); text is taken as it is, whatever its declaration says.
    source : str
        The file name or another label, for error messages.
    max_bytes : int, optional
        Documents longer than this (in bytes; text counts as UTF-8) are refused before
        parsing.

    Raises
    ------
    StudyFileError
        The document is too large, not well-formed XML, or it declares a document
        type, an entity or a notation, or refers to an entity. The message gives the
        line and column.

    Examples
    --------
    >>> parse(b"<a>1 &lt; 2</a>", "doc.xml").text
    '1 < 2'
    >>> parse(b"<a><b></a>", "broken.xml")
    Traceback (most recent call last):
    ...
    powerbalance.errors.StudyFileError: broken.xml:1:9: not well-formed XML: mismatched tag.
    """
    _check_size(data, source, max_bytes)
    parser = hardened_parser()
    stack: list[Element] = []
    texts: list[list[str]] = []
    roots: list[Element] = []

    names: dict[str, tuple[str, str]] = {}  # a document uses few names, many times

    def on_start(name: str, attributes: dict[str, str]) -> None:
        split = names.get(name)
        if split is None:
            split = names[name] = _split(name)
        namespace, tag = split
        plain = (
            {key: value for key, value in attributes.items() if _SEPARATOR not in key}
            if attributes
            else {}
        )
        parent = stack[-1] if stack else None
        element = Element(
            tag,
            namespace,
            plain,
            parser.CurrentLineNumber,
            parser.CurrentColumnNumber + 1,
            parent,
            source,
        )
        if parent is None:
            roots.append(element)
        stack.append(element)
        texts.append([])

    # One object for each distinct run of whitespace (the indentation between elements).
    spaces: dict[str, str] = {}

    def on_end(name: str) -> None:
        element = stack.pop()
        text = "".join(texts.pop())
        element.text = spaces.setdefault(text, text) if text.isspace() else text

    def on_text(data: str) -> None:
        if texts:
            texts[-1].append(data)

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text

    run(parser, (data,), source)
    return roots[0]


def _error(source: str, line: int, column: int, message: str) -> StudyFileError:
    return StudyFileError(
        problems=[Problem(file=source, line=line, column=column, message=message)]
    )


def parse_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Element:
    """Read and parse an XML file, refusing it before reading if it is over ``max_bytes``.

    Raises
    ------
    StudyFileError
        As :func:`parse`, or the file cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "doc.xml"
    ...     _ = path.write_bytes(b"<a/>")
    ...     parse_file(path).tag
    'a'
    """
    return parse(read_limited(path, max_bytes), os.fspath(path), max_bytes=max_bytes)
