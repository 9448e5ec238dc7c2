"""A local preview: build, serve on 127.0.0.1, and rebuild when a chapter or catalogue file changes.

Polling the modification times once a second is enough for a writer's preview and needs no
extra package. A failed rebuild is reported and the last good site stays online.
"""

from __future__ import annotations

import errno
import functools
import os
import threading
from collections.abc import Callable, Iterable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..messages import message

HOST = "127.0.0.1"  # a preview is for this machine only


def snapshot(folders: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What the sources look like now: every file with its modification time and size."""
    seen: list[tuple[str, int, int]] = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                seen.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(seen)


class _Handler(SimpleHTTPRequestHandler):
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(str(self.directory)) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview always shows the latest build
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def make_server(folder: Path, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server for a built site on 127.0.0.1 (port 0: any free port); a SiteError if the port is taken."""
    from ..errors import Problem, SiteError

    handler = functools.partial(_Handler, directory=str(folder))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as e:
        busy = e.errno == errno.EADDRINUSE
        raise SiteError(
            Problem(
                f"{HOST}:{port}",
                "",
                "is in use by another program" if busy else "cannot be listened on: {reason}",
                "choose another port, e.g. --port {suggestion}",
                suggestion=port + 1 if port < 65535 else 8000,
                reason=e.strerror,
            )
        ) from None


def serve(
    out: Path,
    build: Callable[[], object],
    watch: list[Path],
    *,
    port: int = 8000,
    interval: float = 1.0,
    report: Callable[[str], None] = print,
    stop: threading.Event | None = None,
    lang: str = "en",
) -> None:
    """Serve `out`, calling `build` first and again whenever a file under `watch` changes.

    `build` raises a SociaalAankopenError for a broken source; it is reported, and the previous
    site stays online until the next change.
    """
    from ..errors import SociaalAankopenError

    stop = stop or threading.Event()

    def rebuild() -> None:
        try:
            build()
            report(message("built {out}", lang, out=out))
        except SociaalAankopenError as e:
            for line in e.lines(lang):
                report(f"error: {line}")

    server = make_server(out, port)  # first, so a busy port is said before a long build
    try:
        rebuild()
        out.mkdir(parents=True, exist_ok=True)
    except BaseException:
        server.server_close()
        raise
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://{HOST}:{server.server_address[1]}/"
    report(
        message(
            "serving {address} (Ctrl+C to stop); rebuilding when the guide or catalogue changes", lang, address=address
        )
    )
    before = snapshot(watch)
    try:
        while not stop.wait(interval):
            now = snapshot(watch)
            if now != before:
                before = now
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def serve_site(
    out: str | os.PathLike[str],
    *,
    catalogue_path: str | os.PathLike[str] | None = None,
    guide: str | os.PathLike[str] | None = None,
    port: int = 8000,
    search_index: bool = True,
    report: Callable[[str], None] = print,
    lang: str = "en",
) -> None:
    """Preview the guide: build it into `out`, serve it, rebuild on every change of guide or catalogue.

    `report` gets the status lines, said in `lang`."""
    from ..catalogue import Catalogue, bundled_path
    from .build import build_site
    from .guide import guide_path

    guide_dir = Path(guide) if guide is not None else guide_path()
    watch = [guide_dir, bundled_path(), *([Path(catalogue_path)] if catalogue_path else [])]

    def build() -> object:
        # One process: forking while the server thread runs is not safe.
        return build_site(out, Catalogue.load(catalogue_path), guide=guide_dir, search_index=search_index, workers=1)

    serve(Path(out), build, watch, port=port, report=report, lang=lang)
