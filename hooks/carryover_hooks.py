"""Loaded by MkDocs (mkdocs.yml, ``hooks:``): the events live in ``carryover.engine.mkdocs.site``."""

from carryover.engine.mkdocs.site import *  # noqa: F403
