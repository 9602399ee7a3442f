"""The exceptions triage-assistant raises; each message says what the user can do.

    TriageError
    ├── ConfigError             a setting is missing or invalid
    ├── EmbedderError           an embedder backend cannot be loaded
    ├── EmbedderMismatchError   the collection was built by another embedder
    ├── IndexUnavailableError   the Chroma store cannot be opened or reached
    ├── DocumentError           one knowledge-base file cannot be read
    ├── TranslationError        a translation package cannot be installed or used
    ├── LocaleError             a locale file is malformed or lacks a text
    ├── OrderSourceError        the order source cannot be read or reached, or sent a bad order
    └── DateRangeError          a date range for the insights is malformed or backwards
"""


class TriageError(Exception):
    """Base class: the message is shown to the user as is."""


class ConfigError(TriageError):
    pass


class EmbedderError(TriageError):
    pass


class EmbedderMismatchError(TriageError):
    pass


class IndexUnavailableError(TriageError):
    pass


class DocumentError(TriageError):
    """A file that cannot be ingested; the message is the reason, without the path."""


class TranslationError(TriageError):
    pass


class LocaleError(TriageError):
    """The message names the locale file and the key to fix."""


class OrderSourceError(TriageError):
    """The message says what is wrong with the source or the record, without secrets."""


class DateRangeError(TriageError):
    pass
