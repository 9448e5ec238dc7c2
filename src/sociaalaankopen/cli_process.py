"""How the command-line process meets what surrounds it: a stdout or stderr that refuses the output, and the
signals that stop it. Installed by `cli.main()` only (the console script and `python -m`), never by
an import or a test runner.

- A write to stdout that fails (a full disk: `>/dev/full`; a stdout closed at the start: `>&-`) ends
  the command with one `error: stdout: …` line and exit code 1.
- A pipe closed by its reader (`| head`) ends the command quietly, as it ends a C tool: no more output,
  no error line, exit code 141 (128 + SIGPIPE), which `set -o pipefail` sees as the shell sees it for
  `yes | head`. (click's own handling gave 1, the code of an error.) That holds for stderr too
  (`2>&1 | head -1`, where a `warning:` line meets the closed pipe): both end in the one `ReaderGone`.
- SIGTERM is raised in the main process as an interruption, so it cleans up as Ctrl+C does (staging
  folders, worker processes). Both end with exit code 128 + the signal's number: 130 for Ctrl+C, 143
  for SIGTERM. A forked worker that gets SIGTERM ends at once, as it would without this.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from types import FrameType
from typing import TextIO


class StdoutError(OSError):
    """A write to stdout failed, for another reason than a pipe its reader closed."""


class ReaderGone(BaseException):
    """The reader of stdout's or stderr's pipe has gone (`| head`): the rest of the output is not wanted.

    Not an OSError, so that click does not make it an error (exit 1), nor an Exception, so that nothing
    on the way takes it for a failure to report and carries on."""


# 128 + SIGPIPE (13), what the shell reports for a C tool that wrote into a closed pipe.
EXIT_READER_GONE = 141


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the main process is, so that it stops as after a Ctrl+C."""


def exit_code(interruption: KeyboardInterrupt) -> int:
    """The shell's convention: 128 + the number of the signal that stopped the command."""
    return 128 + (signal.SIGTERM if isinstance(interruption, Terminated) else signal.SIGINT)


class _Output(io.FileIO):
    """File descriptor 1 or 2, whose pipe closed by its reader ends the command (`ReaderGone`)."""

    def __init__(self, fd: int) -> None:
        super().__init__(fd, "wb", closefd=False)
        self.failed = False

    def write(self, data: object) -> int:
        if self.failed:  # once reported, what is left in the buffer goes nowhere (no second error at exit)
            return len(memoryview(data))  # type: ignore[arg-type]
        try:
            return super().write(data)  # type: ignore[arg-type]
        except BrokenPipeError:
            self.failed = True  # nothing more is written, not even what is buffered at exit
            raise ReaderGone from None


class _Stdout(_Output):
    """File descriptor 1, whose failed writes are told apart from every other OSError."""

    def __init__(self, fd: int, *, closed_at_start: bool = False) -> None:
        super().__init__(fd)
        self.closed_at_start = closed_at_start

    def write(self, data: object) -> int:
        if self.closed_at_start and not self.failed:
            raise StdoutError(errno.EBADF, os.strerror(errno.EBADF))
        try:
            return super().write(data)
        except OSError as e:
            raise StdoutError(e.errno, e.strerror) from None


def _text(raw: _Output, like: TextIO | None) -> io.TextIOWrapper:
    """A text stream over `raw` that encodes and buffers as `like` did (UTF-8 without one)."""
    # Python's unbuffered streams (-u, PYTHONUNBUFFERED) write straight to the file, where a write to a
    # pipe may be cut short without an error; a buffer writes it whole, and line by line keeps them prompt.
    unbuffered = like is not None and isinstance(getattr(like, "buffer", None), io.RawIOBase)
    return io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=like.encoding if like else "utf-8",
        errors=(like.errors if like else None) or "strict",
        line_buffering=unbuffered or bool(like and like.line_buffering),
        write_through=bool(getattr(like, "write_through", False)),  # PYTHONUNBUFFERED, -u
    )


def _is_fd(stream: TextIO, fd: int) -> bool:
    """Whether `stream` writes to the process's descriptor `fd` (not a test runner's stand-in)."""
    try:
        return stream.fileno() == fd
    except (OSError, ValueError, AttributeError):
        return False


def guard_output() -> None:
    """Let a failed write to stdout raise `StdoutError`, and a pipe closed by its reader, on stdout or
    stderr, raise `ReaderGone`."""
    if sys.stdout is None:
        # Keep descriptor 1 taken, so that no file opened later gets it and receives the output.
        devnull = os.open(os.devnull, os.O_WRONLY)
        if devnull != 1:
            os.dup2(devnull, 1)
            os.close(devnull)
        sys.stdout = _text(_Stdout(1, closed_at_start=True), None)
    elif _is_fd(sys.stdout, 1):
        sys.stdout.flush()
        sys.stdout = _text(_Stdout(1), sys.stdout)
    # A stderr closed at the start (`2>&-`) stays None: click then says nothing, as before.
    if sys.stderr is not None and _is_fd(sys.stderr, 2):
        sys.stderr.flush()
        sys.stderr = _text(_Output(2), sys.stderr)


def forget_stdout() -> None:
    """After a failed write was reported: drop what is still buffered."""
    buffer = getattr(sys.stdout, "buffer", None)
    raw = getattr(buffer, "raw", None)
    if isinstance(raw, _Stdout):
        raw.failed = True


def stop_on_sigterm() -> None:
    """Raise `Terminated` in this process on SIGTERM; a process forked from it ends as by default."""
    main = os.getpid()

    def terminated(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated

    signal.signal(signal.SIGTERM, terminated)
