"""Read an untrusted article file: reject empty, binary and non-UTF-8 input, normalise the rest."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .errors import InputError

# Control characters other than tab/newline/carriage return/form feed betray binary data.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.01


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_article(path, data: bytes) -> str:
    """Decode raw bytes as UTF-8 or raise InputError saying exactly what is wrong."""
    if not data.strip():
        raise InputError(path, "the file is empty (no text)",
                         "save the article's text into the file, or remove the file and its registry record")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"the file looks binary (NUL byte at byte offset {nul})",
                         "provide the article as a plain UTF-8 text file (copy the text out of the PDF/Word/HTML file)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            path,
            f"the file is not valid UTF-8 (byte 0x{data[err.start]:02x} at byte offset {err.start})",
            "re-save it as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt` "
            "if it came from a Windows-1252 source",
        ) from None
    controls = len(_BINARY_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(path, f"the file looks binary ({controls} control characters)",
                         "provide the article as a plain UTF-8 text file")
    return text


def normalise(text: str) -> str:
    """NFC, Unix line breaks, no BOM; quotes and dashes stay as written so quotations stay exact."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_article(path) -> tuple[str, str]:
    """Return (normalised text, sha256 of the raw bytes)."""
    data = Path(path).read_bytes()
    return normalise(decode_article(path, data)), sha256_bytes(data)
