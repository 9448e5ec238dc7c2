"""Catalogues: find, parse, validate, merge and cache them (the mkdocs way: every problem, then stop once).

A catalogue is a folder: one Markdown file per clause at the top, practice examples in `examples/`,
sector profiles in `sectors/` and routes in `routes/`. Each file has YAML front matter (`frontmatter.py`)
and a body of `## ` sections (`parse.py`); `checks.py` checks what a model cannot check alone, and
`load.py` puts a folder, or the bundled catalogue and a folder over it, into one `Catalogue`.
"""

from __future__ import annotations

from .checks import check_references
from .frontmatter import split_front_matter
from .load import ENV_VAR, MANIFEST, Catalogue, bundled_path, resolve_path
from .parse import Item, Origin, parse_item, split_file

__all__ = [
    "ENV_VAR",
    "MANIFEST",
    "Catalogue",
    "Item",
    "Origin",
    "bundled_path",
    "check_references",
    "parse_item",
    "resolve_path",
    "split_file",
    "split_front_matter",
]
