"""Bytes to text: size limits, binary detection, UTF-8 with replacement and a warning."""

from __future__ import annotations

import codecs

from ..errors import BinaryInputError, EmptyInputError, InputTooLargeError

_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27, 8))


def check_size(source: str, size: int, limit: int, what: str = "max_article_bytes") -> None:
    if limit and size > limit:
        raise InputTooLargeError(
            source,
            f"{size:,} bytes is over the {limit:,}-byte limit ({what}; raise it with "
            f"--max-bytes or UNSPIN_{what.upper()})",
        )


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (UTF-16 with a BOM is text)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    ctrl = sum(head.count(bytes([c])) for c in _CONTROL)
    return ctrl / len(head) > 0.05


def decode(source: str, data: bytes, warnings: list[dict] | None = None) -> str:
    """Decode text bytes. Invalid UTF-8 is decoded with U+FFFD replacements and a warning."""
    if looks_binary(data):
        raise BinaryInputError(source, "binary data, not text (found NUL or control bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        msg = (
            f"{source}: invalid UTF-8 (first bad byte at offset {e.start}); decoded with "
            f"{bad} replacement character{'s' if bad != 1 else ''} (U+FFFD)"
        )
        if warnings is not None:
            warnings.append({"code": "invalid_utf8", "message": msg})
        return text


def require_text(source: str, text: str, what: str = "file") -> None:
    if not text:
        raise EmptyInputError(source, f"empty {what}")
    if not text.strip():
        raise EmptyInputError(source, f"{what} holds only whitespace")


GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def gunzip(source: str, data: bytes, limit: int = 0, what: str = "max_article_bytes") -> bytes:
    """Decompress gzip bytes (several members too), reading at most ``limit`` bytes (0: no
    limit). A truncated or corrupt stream is an InputError naming the source."""
    import gzip
    import io
    import zlib

    from ..errors import InputError

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1) if limit else fh.read()
    except (OSError, EOFError, zlib.error) as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise InputError(source, f"cannot read (gzip data: {reason})") from None
    if limit and len(out) > limit:
        raise InputTooLargeError(
            source,
            f"more than {limit:,} bytes once decompressed is over the {limit:,}-byte limit ({what}; "
            f"raise it with --max-bytes or UNSPIN_{what.upper()})",
        )
    return out
