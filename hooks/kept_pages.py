"""Loaded by MkDocs (mkdocs.yml, ``hooks:``): the events live in ``carryover.engine.mkdocs.kept``."""

from carryover.engine.mkdocs.kept import *  # noqa: F403
