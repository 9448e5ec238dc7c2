"""The public API is fully typed: `mypy --strict` passes on every module that defines a name in
`sociaalaankopen.__all__` (the rest of `src` is checked by `mypy src` with the project's settings)."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import sociaalaankopen

SRC = Path(__file__).parents[1] / "src"


def defining_modules() -> list[str]:
    """The files that define the public names, found from the names themselves, and schemas.py, whose
    models are the JSON documents other tools read."""
    package = Path(sociaalaankopen.__file__).parent  # the installed copy: checked as the source files
    files = {"__init__.py", "schemas.py"}
    for name in sociaalaankopen.__all__:
        value = getattr(sociaalaankopen, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            files.add(Path(inspect.getsourcefile(value) or "").relative_to(package).as_posix())
    return sorted(str(SRC / "sociaalaankopen" / f) for f in files)


def test_public_modules_pass_mypy_strict() -> None:
    modules = defining_modules()
    assert any(m.endswith("draft/compose.py") for m in modules) and any(m.endswith("catalogue.py") for m in modules)
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", *modules],
        capture_output=True,
        text=True,
        cwd=SRC.parent,
    )
    assert run.returncode == 0, run.stdout + run.stderr
