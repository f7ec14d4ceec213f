"""The exception tree of unspin, drawn in one place.

Every error a user can cause derives from :class:`UnspinError` and renders as one line
(``str(err)``) that names the input and the likely cause. The CLI prints that line and maps
the class to an exit code; library users catch the class they care about::

    UnspinError
    ├── InputError               an input could not be turned into an article (exit 1)
    │   ├── MissingInputError    the path does not exist
    │   ├── EmptyInputError      empty file, or whitespace only, or no text after extraction
    │   ├── BinaryInputError     the bytes are not text (NUL bytes, control characters)
    │   ├── InputTooLargeError   over ``max_article_bytes`` (configurable)
    │   ├── UnsupportedFormatError  an extension or format unspin does not read
    │   ├── RecordError          one record of a batch file (JSONL line, CSV row, WARC record)
    │   ├── NoArticlesError      a directory or batch file that holds no article at all
    │   └── WorkerError          the process analysing an article died, or analysis raised
    │                            an unexpected error (the rest of the batch goes on)
    ├── UsageError               a wrong option or combination of options (exit 2)
    ├── ResourceError            a resource file is missing or malformed
    ├── PluginError              an entry-point plugin cannot be loaded or is malformed
    │   └── AnalyzerError        an analyzer failed or could not be loaded
"""

from __future__ import annotations


def _rebuild(cls, args):
    """Unpickle an error without calling its ``__init__`` (see :meth:`UnspinError.__reduce__`)."""
    return cls.__new__(cls, *args)


class UnspinError(Exception):
    """Base class of every error unspin raises on purpose.

    Every error survives a pickle round-trip (errors travel from worker processes back to the
    parent): ``__reduce__`` rebuilds the object without calling ``__init__`` and restores
    ``args`` and every attribute, so subclasses may take any constructor arguments.
    """

    exit_code = 1

    def __reduce__(self):
        return (_rebuild, (type(self), self.args), dict(self.__dict__) or None)


class InputError(UnspinError):
    """An input could not be read as an article.

    ``source`` names the input (a path, ``path:line`` or ``<stdin>``) and ``reason`` says why.
    """

    exit_code = 1

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class MissingInputError(InputError):
    """The named file or directory does not exist."""


class EmptyInputError(InputError):
    """The input holds no text (empty, only whitespace, or nothing extracted)."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class InputTooLargeError(InputError):
    """The input is over the configured size limit."""


class UnsupportedFormatError(InputError):
    """unspin has no reader for this file type."""


class RecordError(InputError):
    """One record of a batch file is unusable; the rest of the batch goes on."""


class NoArticlesError(InputError):
    """A directory or batch file yielded no article at all."""


class WorkerError(InputError):
    """An article could not be analysed: its worker process died (killed, out of memory, a
    crash in native code), its result could not be sent back, or analysis raised an error
    unspin did not expect. The article is listed as failed; the rest of the batch goes on."""


class UsageError(UnspinError):
    """Options that do not fit together or values out of range."""

    exit_code = 2


class ResourceError(UnspinError):
    """A resource file is missing or malformed (check ``--resources`` / ``UNSPIN_RESOURCES``)."""


class PluginError(UnspinError):
    """A plugin (an entry point of :mod:`unspin.hookspecs`) cannot be imported or lacks what its
    group requires. The message names the entry point; reinstall or remove the package."""


class AnalyzerError(PluginError):
    """An analyzer could not be loaded or failed on a document."""
