"""The exception tree. The CLI knows how to show each of these without a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong, said so a person can fix it."""

    where: str
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        location = f"{self.where}: {self.field}" if self.field else self.where
        text = f"{location}: {self.message}"
        if self.fix:
            text += f" ({self.fix})"
        return text


class SociaalAankopenError(Exception):
    """Base of every error the library raises on purpose."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, "", "")]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [p.where if not p.field and not p.message else str(p) for p in self.problems]


class CatalogueError(SociaalAankopenError):
    """The catalogue has one or more problems."""


class ParameterError(SociaalAankopenError):
    """A clause parameter value is missing, unknown, of the wrong type or out of bounds."""


class TemplateError(SociaalAankopenError):
    """A clause template failed to render, or tried something the sandbox forbids."""


class TenderError(SociaalAankopenError):
    """A tender could not be read."""


class OutputError(SociaalAankopenError):
    """An output could not be written (for example, the file exists and --force was not given)."""


class SiteError(SociaalAankopenError):
    """The guide could not be built."""


class ObserveError(SociaalAankopenError):
    """The observatory cannot run as asked (a bad filter, an input that does not exist, an output that does)."""
