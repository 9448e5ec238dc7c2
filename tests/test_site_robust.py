"""`guide build` when something goes wrong: a chapter id used twice, a content error raised in a worker,
a signal during the swap, the leftovers of a swap that was killed half-way, and an --out that is a file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from sociaalaankopen import Catalogue, SiteError
from sociaalaankopen.cli import cli
from sociaalaankopen.errors import Problem
from sociaalaankopen.site import build_site
from sociaalaankopen.site.build import MARKER
from test_site import CHAPTER_1, CHAPTER_2, EXAMPLE, SECTOR, minimal_clause


@pytest.fixture
def small(tmp_catalogue, tmp_path):
    """The small catalogue and guide of test_site.py."""
    catalogue = tmp_catalogue(
        {
            "proef.md": minimal_clause("proef"),
            "tweede.md": minimal_clause("tweede"),
            "derde.md": minimal_clause("derde"),
            "sectors/groenonderhoud.md": SECTOR,
            "examples/voorbeeld.md": EXAMPLE,
        }
    )
    guide = tmp_path / "guide"
    guide.mkdir()
    (guide / "01-waarom.md").write_text(CHAPTER_1, "utf-8")
    (guide / "02-kader.md").write_text(CHAPTER_2, "utf-8")
    return catalogue, guide


def guide_build(small, out: Path, *more: str):
    catalogue, guide = small
    args = ["guide", "build", "--out", str(out), "--catalogue", str(catalogue), "--guide", str(guide), "--no-search"]
    return CliRunner().invoke(cli, [*args, *more], catch_exceptions=False)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_chapter_id_used_twice_is_one_line_not_a_traceback(small, tmp_path, workers):
    catalogue, guide = small
    (guide / "13-kader.md").write_text(CHAPTER_2, "utf-8")
    with pytest.raises(SiteError) as e:
        build_site(tmp_path / "site", Catalogue.load(catalogue), guide=guide, search_index=False, workers=workers)
    assert e.value.lines() == [
        f"{guide / '13-kader.md'}: file name: id 'kader' is also used by {guide / '02-kader.md'} "
        "(give each chapter its own id)"
    ]
    result = guide_build(small, tmp_path / "site", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {line}" for line in e.value.lines()]
    assert not (tmp_path / "site").exists()


def test_a_content_error_raised_in_a_worker_is_one_line(small, tmp_path, monkeypatch):
    """A page builder that raises the library's own error (not a bug) is reported as in one process."""
    from sociaalaankopen.site import build as pipeline

    made = pipeline.page_builder

    def page_builder(*args):
        build = made(*args)

        def failing(page):
            if page.path == "clausules/tweede.html":
                raise SiteError(Problem("tweede.md", "text", "is broken", "repair it"))
            return build(page)

        return failing

    monkeypatch.setattr(pipeline, "page_builder", page_builder)
    catalogue, guide = small
    for workers in (1, 2):
        with pytest.raises(SiteError) as e:
            build_site(tmp_path / "site", Catalogue.load(catalogue), guide=guide, search_index=False, workers=workers)
        assert e.value.lines() == ["tweede.md: text: is broken (repair it)"]
    assert not (tmp_path / "site").exists()


SIGTERM_WHILE_REMOVING_THE_OLD_SITE = textwrap.dedent(
    """
    import os, shutil, signal, sys
    real = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        if ".old-" in str(path):  # the old site, removed after the new one was moved into place
            os.kill(os.getpid(), signal.SIGTERM)
        return real(path, *args, **kwargs)

    shutil.rmtree = rmtree
    from sociaalaankopen.cli import main
    sys.argv = ["sociaalaankopen", *sys.argv[1:]]
    main()
    """
)


def test_sigterm_after_the_new_site_is_in_place_completes_the_build(small, tmp_path):
    catalogue, guide = small
    site = tmp_path / "out" / "site"
    args = ["guide", "build", "--out", str(site), "--catalogue", str(catalogue), "--guide", str(guide)]
    args += ["--no-search", "--no-downloads"]
    command = [sys.executable, "-c", SIGTERM_WHILE_REMOVING_THE_OLD_SITE, *args]
    env = {**os.environ, "SOCIAALAANKOPEN_LANG": "en"}
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    (site / "index.html").write_text("old", "utf-8")
    second = subprocess.run(command, capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr and second.stdout.startswith("ok: ")
    assert (site / "index.html").read_text("utf-8") != "old"
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # no old site left beside it


def _leftover(parent: Path, name: str, content: str) -> Path:
    old = parent / name
    (old / "site").mkdir(parents=True)
    (old / "site" / MARKER).write_text("", "utf-8")
    (old / "site" / "index.html").write_text(content, "utf-8")
    return old


def test_leftovers_of_a_killed_swap_are_removed_or_put_back(small, tmp_path):
    from sociaalaankopen.site.build import clear_leftovers

    site = tmp_path / "out" / "site"
    assert guide_build(small, site).exit_code == 0
    _leftover(site.parent, ".site.old-abc123", "old")
    (site.parent / ".site.old-empty").mkdir()
    (site.parent / ".site.old-strange").mkdir()
    (site.parent / ".site.old-strange" / "notes.txt").write_text("not ours", "utf-8")
    assert guide_build(small, site).exit_code == 0
    assert sorted(p.name for p in site.parent.iterdir()) == [".site.old-strange", "site"]

    # Killed between the two renames: no site at --out, the last one in a leftover. It comes back.
    other = tmp_path / "other"
    other.mkdir()
    _leftover(other, ".site.old-1", "last good")
    clear_leftovers(other / "site")
    assert (other / "site" / "index.html").read_text("utf-8") == "last good"
    assert [p.name for p in other.iterdir()] == ["site"]


def test_out_that_is_a_file_is_the_projects_own_error(small, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x", "utf-8")
    result = guide_build(small, afile, "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {afile}: is a file, not a folder (choose a folder for the site)"]
    assert afile.read_text("utf-8") == "x"


# --- files that are not UTF-8 -------------------------------------------------------------------------


def test_a_site_yaml_saved_in_cp1252_is_one_line(small, tmp_path):
    _, guide = small
    (guide / "site.yaml").write_bytes(b"publisher: Caf\xe9\n")
    result = guide_build(small, tmp_path / "site", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {guide / 'site.yaml'}: is not UTF-8 (byte 14) (save the file as UTF-8)"
    ]


def test_a_chapter_saved_in_cp1252_is_one_line(small, tmp_path):
    _, guide = small
    (guide / "03-cafe.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n\nTekst.\n")
    result = guide_build(small, tmp_path / "site", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {guide / '03-cafe.md'}: is not UTF-8 (byte 14) (save the file as UTF-8)"
    ]


def test_a_chapter_whose_name_is_not_utf8_is_one_line(small, tmp_path):
    _, guide = small
    (guide / os.fsdecode(b"03-caf\xe9.md")).write_text(CHAPTER_2, "utf-8")
    result = guide_build(small, tmp_path / "site", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {guide}/03-caf\ufffd.md: its name is not UTF-8 (rename it using ASCII or UTF-8 characters)"
    ]


def test_a_chapter_with_the_id_index_is_refused(small, tmp_path):
    # Its page would be hoofdstukken/index.html: the list of chapters.
    _, guide = small
    (guide / "03-index.md").write_text(CHAPTER_2, "utf-8")
    result = guide_build(small, tmp_path / "site", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {guide / '03-index.md'}: file name: 'index' is reserved for the guide's list pages "
        "(choose another id, and name the file after it)"
    ]
