"""The Neo4j store's Cypher: templates in ``queries/store/*.cypher``, one statement shape a file.

Labels and relationship types cannot be Cypher parameters, so a template names them with a
placeholder (``{label}``, ``{rel}``, ``{src}``, ``{dst}``, ``{labels}``) that :func:`render` fills
only from the closed :class:`~kg.model.Label` / :class:`~kg.model.RelType` enums (``{src}`` and
``{dst}`` from :data:`~kg.model.SCHEMA`), never from user strings. Every value is a parameter.
"""

from __future__ import annotations

import re
from functools import cache

from kg.model import SCHEMA, Label, RelType
from kg.query.template import load_template

_PLACEHOLDER = re.compile(r"\{(label|labels|src|dst|rel)\}")
_NAME = re.compile(r"^[A-Za-z][A-Za-z_]*$")


@cache
def template(name: str) -> str:
    """The statement in ``queries/store/<name>.cypher`` without its header comment block."""
    return load_template(f"store/{name}").statement


def _checked(value: object, kind: type[Label] | type[RelType]) -> str:
    if not isinstance(value, kind) or not _NAME.match(value.value):
        raise TypeError(f"a Cypher placeholder takes a {kind.__name__}, not {value!r}")
    return value.value


@cache
def render(name: str, *, label: Label | None = None, rel: RelType | None = None) -> str:
    """The template ``name`` with its placeholders filled from ``label`` / ``rel`` (enum members only)."""
    values: dict[str, str] = {"labels": "|".join(_checked(lab, Label) for lab in Label)}
    if label is not None:
        values["label"] = _checked(label, Label)
    if rel is not None:
        values["rel"] = _checked(rel, RelType)
        src, dst = SCHEMA[rel]
        values["src"], values["dst"] = _checked(src, Label), _checked(dst, Label)

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise TypeError(f"query {name!r} needs a value for {{{match.group(1)}}}")
        return values[match.group(1)]

    return _PLACEHOLDER.sub(fill, template(name))
