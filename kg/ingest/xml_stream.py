"""Streaming XML for the feed readers (arXiv Atom, OAI-PMH): sniffing the document element and
yielding complete elements in bounded memory, with one-line errors naming the file and line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator

from kg.ingest import fields
from kg.ingest.context import ParseContext, open_text
from kg.ingest.fields import numbered_lines

_PROLOG = re.compile(r"\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?")
_POSITION = re.compile(r": line \d+, column \d+$")


def document_is(head: str, element: str, namespace: str) -> bool:
    """The document element of ``head`` is ``<element``, or it appears with ``namespace``."""
    prolog = _PROLOG.match(head)
    body = head[prolog.end() :] if prolog else head
    tag = f"<{element}"
    return body.startswith(tag) or (tag in head and namespace in head)


def elements(ctx: ParseContext, tags: Collection[str], what: str) -> Iterator[tuple[int, ET.Element]]:
    """Each complete element of ``tags`` with the line of its start tag, its parent cleared once it
    is used; an element over ``fields.MAX_LINE_CHARS`` characters (``what``, for the message) or
    malformed XML ends the file with one bad-record line."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    open_elements: list[ET.Element] = []
    start = 1
    held = 0  # characters fed since the last complete element
    with open_text(ctx.path) as handle:
        try:
            for number, text in numbered_lines(ctx, handle):
                held += len(text)
                if held > fields.MAX_LINE_CHARS:
                    ctx.bad(start, f"{what} longer than {fields.MAX_LINE_CHARS:,} characters")
                    return
                parser.feed(text)
                for event in parser.read_events():
                    kind, element = event[0], event[-1]
                    if not isinstance(element, ET.Element):
                        continue
                    if kind == "start":
                        open_elements.append(element)
                        if element.tag in tags:
                            start = number
                        continue
                    open_elements.pop()
                    if element.tag in tags:
                        yield start, element
                        if open_elements:
                            open_elements[-1].clear()  # drop finished elements from memory
                        held = 0
            parser.close()
        except ET.ParseError as exc:
            line, column = exc.position
            ctx.bad(line, f"malformed XML: {_POSITION.sub('', str(exc))} (column {column + 1})")
