"""Plain facts about parsed XMCDA elements: descriptions, keywords, places, children.

These record no problems: they read what an element holds, or describe it for a
message.
"""

from __future__ import annotations

from collections.abc import Iterable

from powerbalance.io._xml import Element

__all__ = ["after", "comment_text", "descendants", "describe_children", "keywords", "location"]


def descendants(element: Element, tag: str) -> Iterable[Element]:
    stack = list(reversed(element.children))
    while stack:
        node = stack.pop()
        if node.tag == tag:
            yield node
        stack.extend(reversed(node.children))


def comment_text(element: Element) -> str:
    description = element.child("description")
    comment = description.child("comment") if description is not None else None
    return comment.text if comment is not None else ""


def keywords(element: Element) -> list[str]:
    description = element.child("description")
    if description is None:
        return []
    return [keyword.text for keyword in description.children_named("keyword")]


def after(keyword: str, prefix: str, default: str) -> str:
    """The text after ``prefix`` (case-insensitive, one space dropped), else ``default``."""
    if keyword[: len(prefix)].casefold() != prefix:
        return default
    rest = keyword[len(prefix) :]
    return rest[1:] if rest.startswith(" ") else rest


def location(element: Element) -> str:
    return f"{element.source}:{element.line}:{element.column}"


def describe_children(element: Element) -> str:
    tags = [f"<{child.tag}>" for child in element.children]
    if not tags:
        return "no child elements"
    return ", ".join(dict.fromkeys(tags))
