"""The release as a user gets it: `python -m build` makes the sdist and, from the sdist, the wheel (so
the sdist holds everything the wheel needs); `twine check` passes; the wheel and, separately, the sdist
install into fresh virtual environments and the commands work from an unrelated folder.

Runtime: the build runs once for the module. The wheel is installed with its dependencies, as a user
installs it, which also checks that pyproject.toml declares every dependency (about a minute, mostly
pip). The sdist is installed with --no-deps into a second fresh environment that borrows the first one's
dependencies through a .pth file appended after its own site-packages; it checks that the sdist builds
and installs a working package without paying for a second full dependency install.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
TENDER = "Groenonderhoud stadspark\nMaaien, hagen scheren en bladruimen in het stadspark.\n"
pytestmark = pytest.mark.release


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)  # sdist, then the wheel from the sdist
    return out


def artifact(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def site_packages(venv: Path) -> Path:
    return Path(run(venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip())


def fresh_venv(path: Path) -> Path:
    run(sys.executable, "-m", "venv", "--without-pip", path)
    return path / "bin"


def clean_env() -> dict[str, str]:
    """The environment of a user's shell: no catalogue or cache settings of the test run leak in."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("SOCIAALAANKOPEN_", "PYTHON", "VIRTUAL_ENV"))}


@pytest.fixture(scope="module")
def wheel_venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    venv = tmp_path_factory.mktemp("wheel-venv")
    fresh_venv(venv)
    wheel = artifact(dist, "*.whl")
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", wheel)
    yield venv


def test_twine_check_passes(dist: Path) -> None:
    assert "PASSED" in run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))


def test_the_wheel_ships_the_catalogue_guide_and_web_files(dist: Path) -> None:
    names = zipfile.ZipFile(artifact(dist, "*.whl")).namelist()
    for needed in (
        "sociaalaankopen/py.typed",
        "sociaalaankopen/data/legal_references.yaml",
        "sociaalaankopen/_bundled/clauses/routes/opdracht-voorbehouden.md",
        "sociaalaankopen/web/templates/",
        "sociaalaankopen/web/static/",
        "sociaalaankopen/site/",
    ):
        assert any(n.startswith(needed) for n in names), needed
    assert any(n.startswith("sociaalaankopen/_bundled/guide/") for n in names)


def commands_work(bin: Path, folder: Path) -> None:
    """check, match, draft, guide build and serve --help, from a folder that is not the project."""
    env = clean_env()
    env["SOCIAALAANKOPEN_CACHE"] = str(folder / "cache")
    cli = bin / "sociaalaankopen"
    (folder / "tender.txt").write_text(TENDER, "utf-8")
    assert "0.2.0" in run(cli, "--version", cwd=folder, env=env)
    run(cli, "check", "--strict", cwd=folder, env=env)
    matched = json.loads(run(cli, "match", "--file", "tender.txt", "--format", "json", cwd=folder, env=env))
    assert matched["schema_version"] and matched["routes"] and matched["matches"]
    run(cli, "draft", "--from-tender", "tender.txt", "--format", "docx", "--out", "bijlage.docx", cwd=folder, env=env)
    assert zipfile.is_zipfile(folder / "bijlage.docx")
    annex = json.loads(run(cli, "draft", "--route", "perceel-voorbehouden", "--format", "json", cwd=folder, env=env))
    assert annex["route"]["id"] == "perceel-voorbehouden"
    run(cli, "guide", "build", "--out", "site", "--no-search", cwd=folder, env=env)
    assert (folder / "site" / "index.html").is_file()
    assert "--port" in run(cli, "serve", "--help", cwd=folder, env=env)
    where = run(bin / "python", "-c", "import sociaalaankopen; print(sociaalaankopen.__file__)", cwd=folder, env=env)
    assert Path(where.strip()).is_relative_to(bin.parent), where  # the installed copy, not the source tree


def test_the_wheel_installs_and_runs(wheel_venv: Path, tmp_path: Path) -> None:
    commands_work(wheel_venv / "bin", tmp_path)


def test_the_sdist_installs_and_runs(dist: Path, wheel_venv: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    venv = tmp_path_factory.mktemp("sdist-venv")
    fresh_venv(venv)
    # The wheel environment's packages come after this environment's own: its sociaalaankopen is shadowed.
    (site_packages(venv) / "zz_dependencies.pth").write_text(str(site_packages(wheel_venv)) + "\n", "utf-8")
    sdist = artifact(dist, "*.tar.gz")
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", "--no-deps", sdist)
    commands_work(venv / "bin", tmp_path_factory.mktemp("unrelated"))
