"""MkDocs hooks (``mkdocs.yml``: ``hooks``): the docstrings' Sphinx roles, read as code.

The docstrings name other objects as ``:class:`Name```, ``:func:`name```...; mkdocstrings
renders the code and leaves the role's text in front of it. This drops the role.
"""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(r":(?:class|func|data|attr|meth|mod|exc|obj|py:\w+):(?=<code)")


def on_page_content(html: str, **kwargs: Any) -> str:
    """The page's HTML without Sphinx roles before inline code."""
    return ROLE.sub("", html)
