"""Run the application on uvicorn: bind the port first, so a busy port is one clear line."""

from __future__ import annotations

import errno
import os
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, SociaalAankopenError
from ..messages import message

if TYPE_CHECKING:
    import uvicorn

# Environment variables that carry the choices of `serve` into worker processes.
CATALOGUE_ENV = "SOCIAALAANKOPEN_SERVE_CATALOGUE"
GUIDE_ENV = "SOCIAALAANKOPEN_SERVE_GUIDE"


class ServeError(SociaalAankopenError):
    """The server cannot start: a busy port, a missing guide."""


def check_guide(guide_dir: str | os.PathLike[str] | None) -> Path | None:
    """The built guide to serve beside the tool; it must hold the index.html that `guide build` writes."""
    if guide_dir is None:
        return None
    folder = Path(guide_dir)
    if not (folder / "index.html").is_file():
        raise ServeError(
            Problem(
                str(folder),
                "--guide",
                "does not exist" if not folder.exists() else "is not a built guide (it has no index.html)",
                "run 'sociaalaankopen guide build --out {folder}' first",
                folder=folder,
            )
        )
    return folder


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (0: any free port); a busy or forbidden port is a ServeError."""
    if not host.strip():  # the system would read it as every interface: the tool open to the network
        raise ServeError(
            Problem(
                repr(host),
                "--host",
                "is empty: the tool would listen on every network interface",
                "give 127.0.0.1 for this machine only, or the address to listen on",
            )
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP by name: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets that say
    # so, and without it every keep-alive answer waits some 40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise ServeError(
                Problem(f"{host}:{port}", "--port", "is already in use", "stop the other server or pass another --port")
            ) from None
        raise ServeError(
            Problem(
                f"{host}:{port}", "--host", "cannot be used: {reason}", "check --host and --port", reason=e.strerror
            )
        ) from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def app_from_environment() -> object:
    """The app factory a worker process calls (uvicorn --factory): the choices come through the environment."""
    from ..catalogue import Catalogue
    from .app import create_app

    catalogue_path = os.environ.get(CATALOGUE_ENV) or None
    return create_app(Catalogue.load(catalogue_path), os.environ.get(GUIDE_ENV) or None)


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    catalogue_path: str | os.PathLike[str] | None = None,
    guide_dir: str | os.PathLike[str] | None = None,
    workers: int = 1,
    report: Callable[[str], None] = print,
    lang: str = "en",
) -> None:
    """Load and check everything, bind the port, then serve until Ctrl+C (`report`: status lines in `lang`).

    Access logs are off: an address may carry the values of a composed annex, and nothing about a
    buyer's tender is logged.
    """
    import uvicorn

    from ..catalogue import Catalogue
    from .app import create_app

    guide = check_guide(guide_dir)
    catalogue = Catalogue.load(catalogue_path)  # a broken catalogue stops here, before the port is taken
    sock = bind(host, port)
    shown = sock.getsockname()[1]
    address = f"[{host}]" if ":" in host else host
    where = f"http://{address}:{shown}/"
    report(
        message("serving the tool on {where} ({workers} worker; Ctrl+C to stop)", lang, where=where, workers=workers)
        if workers == 1
        else message(
            "serving the tool on {where} ({workers} workers; Ctrl+C to stop)", lang, where=where, workers=workers
        )
    )
    if guide is not None:
        report(message("the guide is at {where}gids/", lang, where=where))
    common = {"access_log": False, "log_level": "warning", "server_header": False, "timeout_graceful_shutdown": 5}
    if workers == 1:
        config = uvicorn.Config(create_app(catalogue, guide), **common)  # type: ignore[arg-type]
        uvicorn.Server(config).run(sockets=[sock])
        return
    os.environ[CATALOGUE_ENV] = str(catalogue_path or "")
    os.environ[GUIDE_ENV] = str(guide or "")
    config = uvicorn.Config(
        "sociaalaankopen.web.serve:app_from_environment",
        factory=True,
        workers=workers,
        **common,  # type: ignore[arg-type]
    )
    supervise(config, sock)


def supervise(config: uvicorn.Config, sock: socket.socket) -> None:
    """Run the worker processes until Ctrl+C or SIGTERM, then stop as one worker does.

    uvicorn's `Server` (one worker) stops gracefully and then raises the signal again, for the handlers
    the process had (the CLI: exit code 130 or 143). Its supervisor of several workers takes the signals
    for itself and returns as if nothing had stopped it (exit code 0); here it gives them back the same way.
    """
    from uvicorn.supervisors import Multiprocess

    stopped_by: list[int] = []

    class Supervisor(Multiprocess):
        def handle_int(self) -> None:
            stopped_by.append(signal.SIGINT)
            super().handle_int()

        def handle_term(self) -> None:
            stopped_by.append(signal.SIGTERM)
            super().handle_term()

    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        Supervisor(config, sockets=[sock]).run()  # its workers are stopped and joined when it returns
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    if stopped_by:
        signal.raise_signal(stopped_by[0])
