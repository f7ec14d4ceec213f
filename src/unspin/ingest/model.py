"""What readers produce: a raw article (before normalisation) or a failure."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError

#: Metadata fields a reader or the user may set.
META_FIELDS = ("title", "outlet", "url", "published", "author", "section", "language", "id")


@dataclass
class RawArticle:
    """An article as read, before Unicode repair, language detection and segmentation."""

    text: str
    source: str
    format: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    section: str | None = None
    language: str | None = None
    id: str | None = None
    #: where each metadata field came from: header-block, html-metadata, record, override, ...
    field_sources: dict[str, str] = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)

    def set(self, name: str, value, origin: str) -> None:
        """Set a metadata field (ignoring empty values) and remember where it came from."""
        if value is None:
            return
        if not isinstance(value, str):
            value = str(value)
        value = value.strip()
        if not value:
            return
        if not value.isascii():
            from .normalize import no_surrogates

            value = no_surrogates(value)
        setattr(self, name, value)
        self.field_sources[name] = origin


@dataclass
class IngestStats:
    """Counts a run reports at the end, so that nothing is dropped silently."""

    skipped_files: list[str] = field(default_factory=list)
    skipped_non_html_records: int = 0


@dataclass
class Failure:
    """An input (or one record of it) that could not be read; the batch goes on."""

    source: str
    error: InputError

    @property
    def message(self) -> str:
        return str(self.error)

    @property
    def reason(self) -> str:
        return self.error.reason

    @property
    def code(self) -> str:
        return type(self.error).__name__

    def to_dict(self) -> dict:
        return {"source": self.source, "error": self.code, "reason": self.error.reason}
