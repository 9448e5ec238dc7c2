"""YAML front matter: the part of a Markdown file between two '---' lines, shared by the catalogue
files and the chapters of the guide.

The YAML is read by a safe loader that refuses, rather than crashes on or silently accepts, what a
catalogue from elsewhere may hold: a date that does not exist (`2026-02-30`: Python cannot make it), a
number of thousands of digits (Python will not read it) or that is not finite (`.nan`, `.inf`), and a
key given twice in one mapping (YAML would keep the last one without a word). Each is a problem at its
field and line; the rest of the front matter is still read, so every such problem is reported at once.

An alias (`*name`, the value of an anchor `&name` repeated) is refused before anything is built: nine
levels of lists of nine aliases each expand to hundreds of millions of values (a "billion laughs"), and
no catalogue needs one. The text is then read as a stream of events, which expands nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import Problem
from ..messages import Text, said

# The largest number a catalogue's YAML may hold: 15 digits (a number a problem can still quote in full;
# no bound, default or year comes near it).
MAX_YAML_NUMBER = 10**15


@dataclass(frozen=True)
class Refused:
    """A value the YAML loader refused: its node, and what to say about it (an English template)."""

    node: Any
    message: Text
    fix: Text
    key: str | None = None  # a key given twice: the key, said after the path of its mapping
    at: Any = None  # the node whose line is reported, when not `node` (the second of the two keys)


class YamlValueError(Exception):
    """YAML that is well-formed but holds values a catalogue refuses; `problems` names each one's field."""

    def __init__(self, refused: list[Refused], root: Any) -> None:
        self.refused, self.root = refused, root
        super().__init__(f"{len(refused)} refused YAML value(s)")

    def problems(self, where: str, first_line: int = 1, whole: str = "front matter") -> list[Problem]:
        """One problem per refused value; `whole` is the field of a value at the top of the YAML (a YAML
        file that is not front matter says '')."""
        paths = _paths(self.root)
        found = []
        for r in sorted(self.refused, key=lambda r: (r.at or r.node).start_mark.index):
            path = paths.get(id(r.node), "")
            if r.key is not None:
                path = f"{path}.{r.key}" if path else r.key
            line = (r.at or r.node).start_mark.line + first_line
            found.append(Problem(f"{where}:{line}", path or whole, "{detail}", "{how}", detail=r.message, how=r.fix))
        return found


def _paths(root: Any) -> dict[int, str]:
    """id(node) -> its place in the YAML ('title.nl', 'cpv.0'), for every node under `root` (iterative:
    a deeply nested document cannot exhaust the stack)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    paths: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in paths:
            continue  # an alias: already seen at its anchor
        paths[id(node)] = path
        if isinstance(node, MappingNode):
            for key, value in node.value:
                name = str(key.value) if isinstance(key, ScalarNode) else "?"
                stack.append((value, f"{path}.{name}" if path else name))
        elif isinstance(node, SequenceNode):
            stack.extend((value, f"{path}.{i}" if path else str(i)) for i, value in enumerate(node.value))
    return paths


@cache
def _loader() -> type:
    """The loader class: PyYAML's safe loader (the C one where it is built), with the refusals above."""
    import yaml
    from yaml.nodes import MappingNode, ScalarNode

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class CatalogueLoader(base):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.refused: list[Refused] = []

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, MappingNode):
                seen: set[object] = set()
                for key_node, _ in node.value:
                    if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                        continue
                    key = self.construct_object(key_node)
                    try:
                        if key in seen:
                            self.refused.append(
                                Refused(
                                    node,
                                    said("is given twice"),
                                    said("keep one of the two lines: YAML would silently use the last one"),
                                    key=str(key)[:40],
                                    at=key_node,
                                )
                            )
                        seen.add(key)
                    except TypeError:  # an unhashable key: PyYAML's own error says so
                        continue
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                self.refused.append(
                    Refused(
                        node,
                        said("{value!r} is not a date that exists", value=str(node.value)[:40]),
                        said("write a real date as YYYY-MM-DD, e.g. 2026-02-28"),
                    )
                )
                return None

        def construct_yaml_int(self, node: Any) -> Any:
            try:
                value = super().construct_yaml_int(node) if len(str(node.value)) <= 40 else None
            except ValueError:
                value = None
            if value is None or abs(value) >= MAX_YAML_NUMBER:
                return self._too_large(node)
            return value

        def construct_yaml_float(self, node: Any) -> Any:
            try:
                value = super().construct_yaml_float(node) if len(str(node.value)) <= 40 else None
            except ValueError:
                value = None
            if value is not None and not math.isfinite(value):
                self.refused.append(
                    Refused(
                        node,
                        said("{value!r} is not a finite number", value=str(node.value)[:40]),
                        said("write a number such as 10 or 12.5"),
                    )
                )
                return None
            if value is None or abs(value) >= MAX_YAML_NUMBER:
                return self._too_large(node)
            return value

        def _too_large(self, node: Any) -> None:
            shown = str(node.value)
            self.refused.append(
                Refused(
                    node,
                    said(
                        "is a number of more than {digits} digits ({value})",
                        digits=len(str(MAX_YAML_NUMBER)) - 1,
                        value=shown if len(shown) <= 20 else shown[:19] + "…",
                    ),
                    said("write a smaller number, or quote it if it is a text"),
                )
            )
            return None

    for tag, method in (
        ("timestamp", CatalogueLoader.construct_yaml_timestamp),
        ("int", CatalogueLoader.construct_yaml_int),
        ("float", CatalogueLoader.construct_yaml_float),
    ):
        CatalogueLoader.add_constructor(f"tag:yaml.org,2002:{tag}", method)
    return CatalogueLoader


def _first_alias(text: str) -> Refused | None:
    """The first alias of a YAML text, refused; None when it has none. Read as events (nothing is built,
    so nothing is expanded), and only when the text holds a '*' at all."""
    if "*" not in text:
        return None
    from yaml.events import AliasEvent

    loader = _loader()(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, AliasEvent):
                return Refused(
                    event,
                    said("uses a YAML alias (*{name})", name=str(event.anchor)[:40]),
                    said("write the value out instead"),
                )
    finally:
        loader.dispose()
    return None


def yaml_load(text: str) -> Any:
    """The data of a YAML text. Raises `yaml_error()` for YAML that is not well-formed (or nested too deeply
    to read), and `YamlValueError` for well-formed YAML with values a catalogue refuses (an alias: before
    anything is built)."""
    # yaml is imported only when files are parsed (a cache miss), so a CLI call on a cached
    # catalogue starts fast.
    import yaml

    alias = _first_alias(text)
    if alias is not None:
        raise YamlValueError([alias], None)
    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise yaml.YAMLError("the YAML is nested too deeply") from None
    finally:
        loader.dispose()
    if loader.refused:
        raise YamlValueError(loader.refused, node)
    return data


def yaml_error() -> type[Exception]:
    import yaml

    return yaml.YAMLError


def yaml_error_at(error: Exception, first_line: int = 1) -> tuple[int | str, str]:
    """(the line, counted from `first_line`, or '?'; the reason in one line) of a YAML error, whose text
    spans several lines."""
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    return (mark.line + first_line if mark is not None else "?"), reason


def front_matter(text: str, where: str, fields: Text) -> tuple[dict[str, Any], list[str], int, list[Problem]]:
    """(front matter, body lines, the line number of the first body line, the problems that stopped it).

    `fields` says what belongs in the front matter, for the fix ("'title: …' and 'summary: …'"), per language."""
    lines = text.split("\n")

    def stop(*problems: Problem) -> tuple[dict[str, Any], list[str], int, list[Problem]]:
        return {}, [], 1, list(problems)

    if not lines or lines[0].strip() != "---":
        return stop(
            Problem(
                where,
                "front matter",
                "the file does not start with '---'",
                "put {fields} between two '---' lines at the top",
                fields=fields,
            )
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return stop(
            Problem(
                where,
                "front matter",
                "no closing '---' line",
                "close the YAML front matter with a line of three dashes",
            )
        )
    try:
        meta = yaml_load("\n".join(lines[1:end]))
    except YamlValueError as e:
        return stop(*e.problems(where, first_line=2))
    except yaml_error() as e:
        line, reason = yaml_error_at(e, first_line=2)
        return stop(
            Problem(
                where,
                "front matter",
                "invalid YAML on line {line}: {reason}",
                "check indentation and quote values that contain ':'",
                line=line,
                reason=reason,
            )
        )
    if not isinstance(meta, dict):
        return stop(
            Problem(
                where,
                "front matter",
                "is not a mapping of fields",
                "write {fields} between the '---' lines",
                fields=fields,
            )
        )
    return meta, lines[end + 1 :], end + 2, []


def split_front_matter(text: str, where: str, fields: Text) -> tuple[dict[str, Any], list[str], int, Problem | None]:
    """(front matter, body lines, the line number of the first body line, the first problem that stopped it):
    `front_matter` for a caller that reports one problem per file (the guide's chapters)."""
    meta, body, first, problems = front_matter(text, where, fields)
    return meta, body, first, problems[0] if problems else None
