"""Click option types of the CLI: vocabulary values typed as codes or as Dutch, French or English words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click
from click.core import ParameterSource

from . import cli_language
from .messages import message, typed_language
from .vocab import LANGUAGES, Term, find_word, short_words


class VocabChoice(click.ParamType):
    """A term of a vocabulary, typed as its id ('services') or a word of its labels ('diensten', 'services')."""

    name = "choice"

    def __init__(self, vocabulary: tuple[Term, ...]) -> None:
        self.vocabulary = vocabulary

    def listing(self) -> str:
        """'works|werken|travaux, …' for the help text: the id, then the Dutch and French words."""
        return ", ".join("|".join(short_words(self.vocabulary, t)) for t in self.vocabulary)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return message("WORD", cli_language.current())

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        found = find_word(self.vocabulary, str(value))
        if found is None:
            said = message(
                "{value!r} is not one of: {words}", cli_language.current(), value=value, words=self.listing()
            )
            self.fail(said, param, ctx)
        return found


def choice_option(*names: str, choices: Sequence[str], help: str | None = None) -> Any:
    """An option that takes one of `choices`: the first is the default, and --help shows it."""
    return click.option(*names, type=click.Choice(choices), default=choices[0], show_default=True, help=help)


def vocab_option(*names: str, vocabulary: tuple[Term, ...], help: str) -> Any:
    """An option whose value is a term of `vocabulary`; --help lists the words it takes (added when the
    help is said in the user's language: cli_language.localise_help)."""
    return click.option(*names, type=VocabChoice(vocabulary), help=help)


class LanguageChoice(click.Choice):
    """nl, fr or en, in any case ('FR'), from --lang or the environment variable alike (as messages.
    default_language reads the variable); a wrong value from the variable names the variable, not --lang
    (which the user never typed)."""

    def __init__(self, variable: str) -> None:
        super().__init__(LANGUAGES)
        self.variable = variable

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        found = typed_language(value) if isinstance(value, str) else None
        if found:
            return found
        if ctx is not None and param is not None and param.name:
            source = ctx.get_parameter_source(param.name)
            if source is ParameterSource.ENVIRONMENT:
                raise click.UsageError(
                    message(
                        "{variable}: {value!r} is not a supported language (use nl, fr or en)",
                        cli_language.current(),
                        variable=self.variable,
                        value=value,
                    ),
                    ctx,
                )
        return super().convert(value, param, ctx)
