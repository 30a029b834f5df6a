"""Query parameters: their declarations in query headers, ``-p key=value`` assignments, coercion.

A parameter line in a query header reads ``$name: type = default -- description``; without
``= default`` the parameter is required, and ``= none`` makes it optional with no value. Types:

``string``, ``integer``, ``float``, ``boolean``
    plain values (``true/false``, ``yes/no``, ``1/0`` for booleans);
``date``
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (dates are compared as ISO strings, at the precision given);
``paper``
    a paper's id, arXiv id (with or without version, or its abs/pdf URL) or exact title
    (case-insensitive), resolved to the paper's id;
``method``, ``dataset``, ``task``, ``family``, ``model``, ``metric``
    an entity's canonical name or any of its aliases (case-insensitive), or its id, resolved to its id;
``choice(a|b|c)``
    one of the listed words.

An optional string-like parameter (every type but integer, float and boolean) given no value
travels as the empty string, which the queries read as "any": the embedded engine infers a
parameter's type from the query and cannot bind a null there.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import KGError

if TYPE_CHECKING:
    from kg.store.base import GraphStore

SCALAR_TYPES = ("string", "integer", "float", "boolean", "date")
ENTITY_TYPES = ("paper", "method", "dataset", "task", "family", "model", "metric", "entity")
NUMERIC_TYPES = ("integer", "float", "boolean")
_PARAM_LINE = re.compile(
    r"^\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>choice\([^)]*\)|[a-z]+)"
    r"\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<description>.*))?$"
)
_CHOICE = re.compile(r"^choice\((?P<words>[^)]*)\)$")
_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_ASSIGNMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?=)(?P<value>.*)$", re.DOTALL)
INT64 = (-(2**63), 2**63 - 1)
"""The integers both stores compute with."""
SHOWN = 80
"""Characters of a bad value a message repeats."""
_TRUE, _FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


class ParameterError(KGError):
    """A parameter that is unknown, missing or not of its declared type; the message lists the valid ones."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    type: str
    default: Any = None
    required: bool = True
    description: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        """The allowed words of a ``choice(...)`` parameter (empty for other types)."""
        match = _CHOICE.match(self.type)
        return tuple(w.strip() for w in match.group("words").split("|")) if match else ()

    @property
    def absent(self) -> Any:
        """The value an optional parameter given nothing travels as."""
        if self.default is not None:
            return self.default
        return None if self.type in NUMERIC_TYPES else ""

    def describe(self) -> dict[str, Any]:
        """The declaration as plain values."""
        return {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "default": self.default,
            "description": self.description,
        }

    def signature(self) -> str:
        """``name: type`` with ``= default`` or ``= none`` for optional parameters (for listings)."""
        if self.required:
            return f"{self.name}: {self.type}"
        return f"{self.name}: {self.type} = {'none' if self.default is None else self.default}"


def parse_param_line(line: str) -> Param:
    """A :class:`Param` from a header line ``$name: type = default -- description``."""
    match = _PARAM_LINE.match(line.strip())
    if match is None:
        raise ValueError(f"not a parameter declaration ($name: type = default -- description): {line!r}")
    name, kind = match.group("name"), match.group("type")
    if kind not in SCALAR_TYPES + ENTITY_TYPES and not _CHOICE.match(kind):
        raise ValueError(f"parameter ${name}: unknown type {kind!r}")
    description = (match.group("description") or "").strip()
    raw_default = match.group("default")
    if raw_default is None:
        return Param(name, kind, None, True, description)
    probe = Param(name, kind, None, False, description)
    default = None if raw_default == "none" else coerce(probe, raw_default)
    if default is None and kind in NUMERIC_TYPES:
        raise ValueError(f"parameter ${name}: an optional {kind} needs a default value")
    return Param(name, kind, default, False, description)


def coerce(param: Param, value: Any) -> Any:
    """``value`` (a string from the command line, or an already typed value) as ``param``'s type.

    Entity and paper names stay strings here: :func:`bind_params` resolves them against a store.
    """
    kind = param.type
    if kind == "integer":
        return _integer(param, value)
    if kind == "float":
        return _float(param, value)
    if kind == "boolean":
        return _boolean(param, value)
    if not isinstance(value, str):
        raise ParameterError(f"parameter {param.name}: expected a {kind}, got {value!r}")
    if kind == "date":
        if not _DATE.match(value.strip()):
            raise ParameterError(
                f"parameter {param.name}: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}"
            )
        return value.strip()
    if param.choices:
        if value.strip() not in param.choices:
            raise ParameterError(
                f"parameter {param.name}: expected one of {', '.join(param.choices)}, got {value!r}"
            )
        return value.strip()
    return value


def _integer(param: Param, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ParameterError(f"parameter {param.name}: expected an integer, got {value!r}")
    try:
        number = int(value)
    except ValueError:
        raise ParameterError(f"parameter {param.name}: expected an integer, got {_shown(value)}") from None
    if not INT64[0] <= number <= INT64[1]:
        raise ParameterError(
            f"parameter {param.name}: {_shown(value)} is out of range (at most {INT64[1]} in size)"
        )
    return number


def _shown(value: Any) -> str:
    """``value`` for a message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _float(param: Param, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ParameterError(f"parameter {param.name}: expected a number, got {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise ParameterError(f"parameter {param.name}: expected a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ParameterError(f"parameter {param.name}: expected a finite number, got {value!r}")
    return number


def _boolean(param: Param, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ParameterError(f"parameter {param.name}: expected true or false, got {value!r}")


def parse_assignments(items: Iterable[str]) -> dict[str, Any]:
    """``-p`` values as a dict: ``key=value`` gives the string ``value``; ``key:=JSON`` a JSON value.

    A key given twice is an error (so is an item without ``=``).
    """
    params: dict[str, Any] = {}
    for item in items:
        match = _ASSIGNMENT.match(item)
        if match is None:
            raise ParameterError(f"expected -p key=value or -p key:=JSON, got {item!r}")
        name, value = match.group("name"), match.group("value")
        if name in params:
            raise ParameterError(f"parameter {name} given twice")
        if match.group("op") == ":=":
            try:
                params[name] = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ParameterError(f"parameter {name}: not valid JSON ({exc.msg}): {value!r}") from None
        else:
            params[name] = value
    return params


def bind_params(
    store: GraphStore, query_name: str, declared: Iterable[Param], given: Mapping[str, Any]
) -> dict[str, Any]:
    """The Cypher parameters of a run: ``given`` checked against the declarations and coerced,
    defaults filled in, papers and entities resolved to node ids."""
    from kg.resolve_names import resolve_entity, resolve_paper_id

    declared = list(declared)
    names = [p.name for p in declared]
    listing = ", ".join(p.signature() for p in declared) or "none"
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise ParameterError(
            f"query {query_name} has no parameter {', '.join(unknown)}; its parameters: {listing}"
        )
    bound: dict[str, Any] = {}
    for param in declared:
        value = given.get(param.name)
        if value is None or (isinstance(value, str) and not value.strip() and not param.required):
            if param.required:
                raise ParameterError(
                    f"query {query_name} needs parameter {param.name} (-p {param.name}=…); "
                    f"its parameters: {listing}"
                )
            bound[param.name] = param.absent
            continue
        value = coerce(param, value)
        if param.type == "paper":
            value = resolve_paper_id(store, value)
        elif param.type in ENTITY_TYPES:
            value = resolve_entity(store, param.type, value)
        bound[param.name] = value
    return bound
