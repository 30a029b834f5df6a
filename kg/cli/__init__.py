"""The ``kg`` command line: thin Typer commands over the library (see ``kg --help``)."""

from kg.cli.main import app, main

__all__ = ["app", "main"]
