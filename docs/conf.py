"""Sphinx configuration for the sqlalchemist documentation."""

from __future__ import annotations

project = "sqlalchemist"
author = "sqlalchemist developers"
copyright = "2026, sqlalchemist developers"
release = "0.1.0"

extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.intersphinx"]
autodoc_typehints = "none"
autodoc_member_order = "bysource"
napoleon_google_docstring = True
intersphinx_mapping: dict[str, tuple[str, None]] = {}
exclude_patterns = ["_build", "examples"]
html_theme = "furo"
html_title = "sqlalchemist"
