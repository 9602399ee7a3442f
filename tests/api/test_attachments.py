"""Attachment types read from the bytes."""

import pytest

from api.attachments import detect_type


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0..JFIF", "image/jpeg"),
        (b"GIF89a....", "image/gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        ("Bestellung NP-1: Größe 42, 5 < 7".encode(), "text/plain"),
        (b"<!DOCTYPE html><p>hi", None),
        (b"  <HTML><BODY>", None),
        (b'<?xml version="1.0"?><svg onload="alert(1)"/>', None),
        (b"see javascript:alert(1)", None),
        (b"\xff\xfe\x00h\x00i", None),  # not UTF-8
        (b"MZ\x90\x00\x03\x00", None),  # an executable: NUL bytes
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", None),
        (b"", None),
    ],
)
def test_detect_type(data, expected):
    assert detect_type(data) == expected
