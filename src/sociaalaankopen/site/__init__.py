"""The practice guide as a static website, built from `guide/` and the catalogue."""

from .build import BuildReport, build_site
from .guide import guide_path

__all__ = ["BuildReport", "build_site", "guide_path"]
