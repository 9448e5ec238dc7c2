"""The search index: Pagefind, run over the finished pages, one index per language.

Pagefind indexes what is inside `data-pagefind-body` (the main content of each page, without
header, breadcrumbs or footer) and writes a bundle of which a query loads only a small part. It
reads each page's `<html lang>` and makes an index per language, with that language's stemming;
the search page of a language searches that language's pages only.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from ..errors import Problem, SiteError

BUNDLE = "pagefind"


def available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def index(folder: Path) -> None:
    """Write the search bundle into `folder`/pagefind; raise SiteError when Pagefind fails."""
    if not available():
        raise SiteError(
            Problem(
                "pagefind",
                "",
                "is not installed, so the search index cannot be built",
                "reinstall sociaalaankopen (pip install sociaalaankopen), or build with --no-search",
            )
        )
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(folder),
        "--output-subdir",
        BUNDLE,
        "--keep-index-url",
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()
        raise SiteError(
            Problem(
                "pagefind",
                "",
                "failed (exit {returncode}): {output}",
                "check that the pagefind package and its binary are installed",
                returncode=result.returncode,
                output=output[-1] if output else "no output",
            )
        )
    _sort_languages(folder / BUNDLE / "pagefind-entry.json")


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages of a multilingual index in a random order; sort them, so that two
    builds stay byte-identical (the order means nothing to its script)."""
    data = json.loads(entry.read_text("utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
