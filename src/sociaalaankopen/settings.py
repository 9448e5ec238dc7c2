"""Names of the environment variables the package reads. Kept light: the CLI imports it at start-up."""

CATALOGUE_ENV = "SOCIAALAANKOPEN_CATALOGUE"
CACHE_ENV = "SOCIAALAANKOPEN_CACHE"
NO_CACHE_ENV = "SOCIAALAANKOPEN_NO_CACHE"
# The language of messages when a command has no --lang (nl, fr or en); see messages.py.
LANG_ENV = "SOCIAALAANKOPEN_LANG"
