"""The search index: Pagefind, run over the finished pages, with Dutch stemming.

Pagefind indexes what is inside `data-pagefind-body` (the main content of each page, without
header, breadcrumbs or footer) and writes a bundle of which a query loads only a small part.
"""

from __future__ import annotations

import importlib.util
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
                "reinstall sociaalaankopen (pip install sociaalaankopen brings Pagefind), or build with --no-search",
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
        "--force-language",
        "nl",
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
                f"failed (exit {result.returncode}): {output[-1] if output else 'no output'}",
                "check that the pagefind package and its binary are installed",
            )
        )
