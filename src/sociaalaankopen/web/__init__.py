"""The criteria tool in the browser and the HTTP API (`sociaalaankopen serve`).

`create_app(catalogue=None, guide_dir=None)` gives the ASGI application; `views/` holds one module
per kind of page, `api.py` the endpoints under /api/v1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["create_app"]

if TYPE_CHECKING:
    from .app import create_app


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
