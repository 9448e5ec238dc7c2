"""Where the command line writes: outputs that cannot be written, stdout, `--out -`, interrupts.

Each failure is one line in the user's language and a non-zero exit, never a traceback, and never the
name of a temporary file."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import stat
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sociaalaankopen.cli import cli

EXAMPLES = Path(__file__).parents[1] / "examples"
NOTICE = str(EXAMPLES / "fietsdeelsysteem.xml")
DRAFT = ("draft", "--route", "diensten-art77")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_error(result: Result, code: int = 1) -> str:
    """The one error line of a failed command (and no exception escaped it)."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert ".tmp" not in lines[0] and ".new-" not in lines[0]  # the temporary name is ours, not the user's
    return lines[0]


@pytest.fixture
def blocker(tmp_path: Path) -> Path:
    """A regular file, where a folder would have to be."""
    path = tmp_path / "een-bestand"
    path.write_text("", "utf-8")
    return path


# --- H3: an output that cannot be written --------------------------------------------------------


def test_draft_under_a_regular_file_says_so(blocker: Path) -> None:
    line = one_error(run(*DRAFT, "--out", str(blocker / "x.md")))
    assert line == f"error: {blocker}: is een bestand, geen map (maak de map eerst aan of kies een andere --out)"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_draft_into_a_folder_where_no_file_can_be_made() -> None:
    """/proc exists, but no file can be made in it: the temporary file fails, and its name is not shown."""
    line = one_error(run(*DRAFT, "--out", "/proc/x.md", "--lang", "fr"))
    assert line == (
        "error: /proc/x.md: ne peut pas être écrit\u00a0: un dossier du chemin n'existe pas "
        "(choisissez avec --out un endroit où vous pouvez écrire)"
    )


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux's /sys, where no file can be made")
def test_draft_into_a_folder_without_permission() -> None:
    line = one_error(run(*DRAFT, "--out", "/sys/x.md"))
    assert line == (
        "error: /sys/x.md: kan niet geschreven worden: geen toestemming "
        "(kies met --out een plaats waarin u kunt schrijven)"
    )


def test_observe_under_a_regular_file_says_so(blocker: Path) -> None:
    out = blocker / "sub"
    line = one_error(run("observe", NOTICE, "--out", str(out)))
    assert line == (
        f"error: {out}: kan niet geschreven worden: een deel van het pad is een bestand, geen map "
        "(kies met --out een plaats waarin u kunt schrijven)"
    )


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_observe_where_its_staging_folder_cannot_be_made() -> None:
    line = one_error(run("observe", NOTICE, "--out", "/proc/obs"))
    assert line.startswith("error: /proc/obs: kan niet geschreven worden: ")


def test_the_reason_of_an_unknown_failure_is_the_systems_own() -> None:
    import errno

    from sociaalaankopen.files import unwritable

    problem = unwritable("x.md", OSError(errno.EIO, "Input/output error")).problems[0]
    assert problem.text("nl") == (
        "x.md: kan niet geschreven worden: Input/output error (kies met --out een plaats waarin u kunt schrijven)"
    )


# --- M6 and M7: what --out means -----------------------------------------------------------------


def test_draft_out_dash_writes_markdown_to_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plain = run(*DRAFT)
    dashed = run(*DRAFT, "--out", "-")
    assert dashed.exit_code == 0, dashed.output
    assert dashed.stdout == plain.stdout and dashed.stdout.startswith("# Bijlage sociale clausules")
    assert list(tmp_path.iterdir()) == []  # no file called '-'


def test_draft_out_dash_sends_a_word_file_down_a_pipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*DRAFT, "--format", "docx", "--out", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"PK\x03\x04") and len(result.stdout_bytes) > 1000
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_draft_refuses_to_print_a_word_file_on_a_terminal(tmp_path: Path) -> None:
    import pty
    import subprocess

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sociaalaankopen", *DRAFT, "--format", "docx", "--out", "-"],
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "SOCIAALAANKOPEN_LANG": "en"},
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "Error: a Word file is not shown in a terminal: give --out FILE, or send --out - into a file or pipe"
    )
    assert list(tmp_path.iterdir()) == []


def test_draft_into_a_folder_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "typo" / "dir"
    line = one_error(run(*DRAFT, "--out", str(folder / "x.md")))
    assert line == f"error: {folder}: bestaat niet (maak de map eerst aan of kies een andere --out)"
    assert not (tmp_path / "typo").exists()


def test_draft_force_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    private = tmp_path / "private.md"
    private.write_text("old", "utf-8")
    private.chmod(0o600)
    result = run(*DRAFT, "--out", str(private), "--force")
    assert result.exit_code == 0, result.output
    assert private.read_text("utf-8").startswith("# Bijlage")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    new = tmp_path / "new.md"
    assert run(*DRAFT, "--out", str(new)).exit_code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("bijlage.docx", b"PK\x03\x04"),
        ("bijlage.DOCX", b"PK\x03\x04"),
        ("bijlage.html", b"<!DOCTYPE html>"),
        ("bijlage.htm", b"<!DOCTYPE html>"),
        ("bijlage.json", b"{"),
        ("bijlage.md", b"# Bijlage sociale clausules"),
        ("bijlage.txt", b"# Bijlage sociale clausules"),  # another extension: the default, markdown
    ],
)
def test_draft_out_extension_chooses_the_format(tmp_path: Path, name: str, starts: bytes) -> None:
    # Before, `--out bijlage.docx` wrote a Markdown text that Word calls a damaged file.
    result = run(*DRAFT, "--out", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(starts)


def test_draft_format_that_contradicts_the_out_extension_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "bijlage.docx"
    result = run(*DRAFT, "--format", "markdown", "--out", str(target))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: --out {target} is een docx-bestand, maar --format is markdown: "
        "geef --format docx, of laat --out eindigen op .md"
    )
    assert not target.exists()


def test_draft_out_empty_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*DRAFT, "--out", "")
    assert one_error(result) == "error: --out: is leeg (geef een bestandsnaam)"
    assert result.stdout == ""


def test_observe_out_empty_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    line = one_error(run("observe", NOTICE, "--out", ""))
    assert line == "error: --out: is leeg (geef een map voor de uitvoer, bv. --out observatorium)"
    assert list(tmp_path.iterdir()) == []


# --- M10: a stdout that refuses the output --------------------------------------------------------


def command(*args: str, **popen: Any) -> subprocess.Popen[str]:
    """The CLI as its own process (stdout and signals are the process's), speaking Dutch."""
    env = {**os.environ, "SOCIAALAANKOPEN_LANG": "nl"}
    return subprocess.Popen([sys.executable, "-m", "sociaalaankopen", *args], text=True, env=env, **popen)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [("export",), ("schema", "--of", "export"), DRAFT, ("match", "x"), (*DRAFT, "--format", "docx", "--out", "-")],
)
def test_a_full_stdout_is_one_error_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        process = command(*args, stdout=full, stderr=subprocess.PIPE)
        _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert err == (
        "error: stdout: kan niet geschreven worden: de schijf is vol (stuur de uitvoer naar een bestand of een pipe)\n"
    )


def test_a_closed_stdout_is_one_error_line_when_the_command_writes_to_it(tmp_path: Path) -> None:
    process = command("export", stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert err == (
        "error: stdout: kan niet geschreven worden: het is gesloten (stuur de uitvoer naar een bestand of een pipe)\n"
    )
    # A command that writes its output into a file needs no stdout.
    out = tmp_path / "bijlage.md"
    process = command(*DRAFT, "--out", str(out), stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert out.read_text("utf-8").startswith("# Bijlage")


def tenders(folder: Path, n: int) -> str:
    """A JSON Lines file of `n` short tenders."""
    path = folder / "tenders.jsonl"
    path.write_text("".join(f'{{"id": "t{i}", "title": "Groenonderhoud van parken"}}\n' for i in range(n)), "utf-8")
    return str(path)


@pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ"), reason="needs Linux's F_SETPIPE_SZ")
@pytest.mark.parametrize(
    "args",
    [
        ("export",),
        ("clauses", "list"),
        ("match", "--batch", "{tenders}"),
        ("match", "--batch", "{tenders}", "--workers", "2"),
    ],
)
def test_a_pipe_closed_by_its_reader_ends_the_command_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    """`export | head -c 5`: the reader has what it wants. The command stops writing and ends with 141
    (128 + SIGPIPE, as `yes | head` does), without an error line, a traceback or Python's "Exception
    ignored ... BrokenPipeError" at exit. (click ended it with 1, as for an error.)"""
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)  # smaller than each output: a write meets the closed pipe
    args = tuple(arg.format(tenders=tenders(tmp_path, 200)) for arg in args)
    process = command(*args, stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    assert os.read(read, 5)
    os.close(read)
    _, err = process.communicate(timeout=120)
    assert err == ""
    assert process.returncode == 141


@pytest.mark.parametrize(
    "args",
    [
        ("draft", "--from-tender", str(EXAMPLES / "nettoyage-maisons-fitt.xml")),
        ("clauses", "show", "marktconsultatie-sociale-economie"),
    ],
)
def test_a_stderr_closed_by_its_reader_ends_the_command_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    """`draft … 2>&1 | head -1`: a `warning:` line met the closed pipe, and click made that an error
    (exit 1). A stderr whose reader has gone ends the command as a stdout does: 141. The reader is gone
    before the command starts, so that its first warning meets the closed pipe in every run."""
    read, write = os.pipe()
    os.close(read)
    with (tmp_path / "out").open("w") as out:
        process = command(*args, stdout=out, stderr=write)
        os.close(write)
        process.communicate(timeout=120)
    assert process.returncode == 141


def test_a_pipe_that_took_the_whole_output_ends_the_command_as_done() -> None:
    process = command("schema", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and err == "" and json.loads(out)


# --- M3: SIGTERM and Ctrl+C --------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def running(pid: int) -> bool:
    """Whether a process is alive (a zombie that no one reaped yet is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    """Until `condition` holds (the marker that the command is at work); fails if the process ends first."""
    deadline = time.monotonic() + 300  # a bound for a stuck run, not a measure of speed
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the marker never appeared"
        time.sleep(0.01)


def stop(process: subprocess.Popen[str], signum: int) -> tuple[int, str, list[int]]:
    """Send `signum`; the exit code, what was said on stderr, and the child processes it had."""
    kids = children(process.pid)
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    return process.returncode, err, kids


def no_child_is_left(kids: list[int]) -> bool:
    deadline = time.monotonic() + 60  # an orphan would run for ever; an ending one is gone at once
    while any(running(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(running(k) for k in kids)


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")


@needs_proc
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the guide is built in one process on one core")
def test_sigterm_during_guide_build_leaves_no_worker_and_no_staging_folder(tmp_path: Path) -> None:
    """The workers are forked once the pages are planned; SIGTERM then used to orphan them for ever."""
    process = command(
        "guide", "build", "--out", "site", "--no-search", cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    wait_for(lambda: bool(children(process.pid)), process)
    code, err, kids = stop(process, signal.SIGTERM)
    assert code == 143
    assert err.splitlines()[-1] == "Afgebroken!" and "Traceback" not in err
    assert kids and no_child_is_left(kids)
    assert list(tmp_path.iterdir()) == []  # no site, no .site.new-* folder


@needs_proc
@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_serve_stops_on_a_signal_as_every_command_does(workers: int, signum: int, code: int) -> None:
    """One worker ended with 130 or 143; two workers (uvicorn's supervisor, which took the signals for
    itself) with 0, as if nothing had stopped them."""
    process = command(
        "serve", "--port", "0", "--workers", str(workers), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("de tool is bereikbaar op http://127.0.0.1:"), line + process.communicate()[1]
        address = line.split(" op ")[1].split()[0]
        deadline = time.monotonic() + 120  # a bound for a stuck start, not a measure of speed
        while True:
            try:
                with urllib.request.urlopen(address + "api/v1/openapi.json", timeout=10) as answer:
                    assert answer.status == 200
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        returncode, err, kids = stop(process, signum)
    finally:
        if process.poll() is None:  # a failed test leaves no server behind (SIGTERM: its workers too)
            process.terminate()
            try:
                process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
    assert returncode == code, err
    assert err.splitlines()[-1] == "Afgebroken!" and "Traceback" not in err
    assert no_child_is_left(kids)


@needs_proc
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_observe_leaves_no_staging_folder(tmp_path: Path, signum: int, code: int) -> None:
    """A named pipe as the second input holds the run, with its staging folder made, until it is stopped."""
    held = tmp_path / "held.xml"
    os.mkfifo(held)
    out = tmp_path / "obs"
    process = command(
        "observe",
        NOTICE,
        str(held),
        "--out",
        str(out),
        "--workers",
        "2",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background shell ignores Ctrl+C
    )
    wait_for(lambda: any(tmp_path.glob(".obs.new-*")) and len(children(process.pid)) >= 2, process)
    returned, err, kids = stop(process, signum)
    assert returned == code
    assert err.splitlines()[-1] == "Afgebroken!" and "Traceback" not in err
    assert no_child_is_left(kids)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["held.xml"]


def _signal_set(pid: int, field: str, signum: int) -> bool:
    """Whether `signum` is in a process's signal set `field` of /proc (SigCgt, SigIgn)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    raise AssertionError(f"no {field} line")


def catches(pid: int, signum: int) -> bool:
    """Whether a process runs a handler of its own for `signum`."""
    return _signal_set(pid, "SigCgt", signum)


@needs_proc
def test_batch_workers_end_on_sigterm_and_a_stopped_batch_leaves_none(tmp_path: Path) -> None:
    """`Pool.terminate()` ends a batch's workers with SIGTERM. A worker that ran the main process's
    handler missed the signal when it came just as the worker went to wait for a task (the handler runs
    only between two Python steps), and the batch hung at its end, once in some dozens of runs."""
    held = tmp_path / "held.jsonl"
    os.mkfifo(held)
    process = command("match", "--batch", str(held), "--workers", "2", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with held.open("w", encoding="utf-8") as writer:  # the batch reads its first 4 KB, forks, then waits
        writer.write("".join(f'{{"id": "t{n}", "title": "Groenonderhoud van parken en pleinen"}}\n' for n in range(80)))
        writer.flush()
        wait_for(lambda: len(children(process.pid)) >= 2, process)
        kids = children(process.pid)
        # A worker sets SIGTERM back to its default as it starts, a moment after it is forked.
        deadline = time.monotonic() + 60
        while any(catches(kid, signal.SIGTERM) for kid in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(catches(kid, signal.SIGTERM) for kid in kids)
        code, err, _ = stop(process, signal.SIGTERM)
    assert code == 143
    assert err.splitlines()[-1] == "Afgebroken!" and "Traceback" not in err
    assert no_child_is_left(kids)


@needs_proc
def test_a_named_pipe_is_not_counted_for_the_progress_bar(tmp_path: Path) -> None:
    """Counting the lines of a named pipe read the tenders away: the batch then matched nothing."""
    import threading

    from sociaalaankopen.batch import count_records

    held = tmp_path / "held.jsonl"
    os.mkfifo(held)

    def write() -> None:
        try:
            with held.open("w", encoding="utf-8") as writer:
                writer.write('{"title": "a"}\n{"title": "b"}\n')
        except BrokenPipeError:
            pass  # nobody read it: as it should be

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        assert count_records(held) is None
    finally:  # let the writer go, whether or not the pipe was read
        os.close(os.open(held, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=10)


# --- M9: a bad --tool-url is the option's fault ------------------------------------------------------


def test_a_bad_tool_url_blames_the_option_not_site_yaml(tmp_path: Path) -> None:
    line = one_error(run("guide", "build", "--out", str(tmp_path / "site"), "--tool-url", "javascript:alert(1)"))
    assert line == "error: --tool-url: 'javascript:alert(1)' is geen http(s)-adres (geef een volledig adres)"


def test_the_tool_url_of_the_command_line_replaces_the_files(tmp_path: Path) -> None:
    from sociaalaankopen.errors import SiteError
    from sociaalaankopen.site.config import read_config

    (tmp_path / "site.yaml").write_text("tool_url: tool.example\n", "utf-8")
    assert read_config(tmp_path, "https://tool.example/").tool_url == "https://tool.example/"
    with pytest.raises(SiteError) as raised:
        read_config(tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{tmp_path / 'site.yaml'}: tool_url: 'tool.example' is not an http(s) address (give a full address)"
    ]


# --- an empty batch ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content"), [("leeg.jsonl", ""), ("leeg.jsonl", "\n\n"), ("lijst.json", "[]")])
def test_an_empty_batch_says_so_in_a_warning(tmp_path: Path, name: str, content: str) -> None:
    """One empty tender is an error; an empty batch may be a day without tenders: a warning, exit code 0."""
    source = tmp_path / name
    source.write_text(content, "utf-8")
    result = run("match", "--batch", str(source))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"warning: {source}: bevat geen opdrachten, dus werd er niets gematcht "
        "(controleer of dit het bedoelde bestand is)\n"
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the guide's workers are forked")
def test_a_site_worker_that_cannot_write_says_so_in_one_line(tmp_path: Path) -> None:
    """A write a worker's system refuses (a full disk, a file in the way) is the same one line as the main
    process's, not the worker's traceback."""
    from sociaalaankopen.errors import OutputError
    from sociaalaankopen.files import writing
    from sociaalaankopen.site.workers import build_shares

    def build(page: Any) -> tuple[dict[str, bytes], list[Any]]:
        return {f"{page}.html": b"<p>"}, []

    blocker = tmp_path / "een-bestand"
    blocker.write_text("", "utf-8")
    site = tmp_path / "site"
    pages: Any = ["a", "b", "c", "d"]
    with pytest.raises(OutputError) as raised, build_shares(pages, build, 2) as shares, writing(site):
        shares.write(blocker)
    assert raised.value.lines("nl") == [
        f"{site}: kan niet geschreven worden: een deel van het pad is een bestand, geen map "
        "(kies met --out een plaats waarin u kunt schrijven)"
    ]


def ignores(pid: int, signum: int) -> bool:
    """Whether a process ignores `signum`."""
    return _signal_set(pid, "SigIgn", signum)


@needs_proc
def test_ctrl_c_on_a_batch_with_workers_ends_it_once_without_tracebacks(tmp_path: Path) -> None:
    """A terminal's Ctrl+C goes to the whole process group. The workers raised KeyboardInterrupt each and
    printed their tracebacks, and a worker stopped in the middle of sending a result could leave the
    batch waiting for it for ever. They leave Ctrl+C to the main process, which stops them."""
    held = tmp_path / "held.jsonl"
    os.mkfifo(held)
    process = command(
        "match", "--batch", str(held), "--workers", "2",
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    with held.open("w", encoding="utf-8") as writer:
        writer.write("".join(f'{{"id": "t{n}", "title": "Groenonderhoud van parken en pleinen"}}\n' for n in range(80)))
        writer.flush()
        wait_for(lambda: len(children(process.pid)) >= 2, process)
        kids = children(process.pid)
        deadline = time.monotonic() + 60  # a worker sets its signals as it starts, a moment after the fork
        while not all(ignores(kid, signal.SIGINT) for kid in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(ignores(kid, signal.SIGINT) for kid in kids)
        os.killpg(process.pid, signal.SIGINT)  # as the terminal sends Ctrl+C
        _, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert err.splitlines()[-1] == "Afgebroken!" and "Traceback" not in err and "KeyboardInterrupt" not in err
    assert no_child_is_left(kids)
