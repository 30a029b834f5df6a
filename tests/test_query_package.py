"""The query package: one template loader for every ``queries/**/*.cypher``, and the query
functions importable from ``kg.query`` and ``kg`` without loading them at ``import kg``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.errors import KGError
from kg.query import finder, named
from kg.query.template import load_template, template_names

ROOT = Path(__file__).resolve().parents[1]


def test_every_template_loads_with_its_header() -> None:
    names = template_names()
    assert "shared-methods" in names and names == sorted(names)
    assert "store/upsert-nodes" in template_names("store")
    assert "embedded/read-edges-among" in template_names("embedded")
    for name in [*names, *template_names("store"), *template_names("embedded")]:
        template = load_template(name)
        assert template.path == f"queries/{name}.cypher"
        assert template.header and template.statement
        assert not any(line.lstrip().startswith("//") for line in template.statement.splitlines())
    shared = load_template("shared-methods")
    assert shared.header[0] == "name: shared-methods"
    assert named.get_query("shared-methods").source == shared.text


def test_a_missing_template_is_an_error() -> None:
    with pytest.raises(KGError, match=r"no query template queries/store/nope\.cypher"):
        load_template("store/nope")


def test_only_the_loader_reads_the_query_files() -> None:
    readers = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "kg").rglob("*.py")
        if 'files("queries")' in path.read_text(encoding="utf-8")
    )
    assert readers == ["kg/query/template.py"]


def test_query_functions_are_public_names() -> None:
    from kg import entity_report, find, run_named_query
    from kg.query import find as find_again

    assert find is find_again is finder.find and run_named_query is named.run_named_query
    assert entity_report.__module__ == "kg.query.entity"
    with pytest.raises(AttributeError):
        kg.no_such_name  # noqa: B018
    code = "import sys, kg; print(any(m.startswith('kg.query') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"  # importing kg stays cheap
