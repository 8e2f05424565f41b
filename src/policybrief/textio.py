"""Read an untrusted article file: reject empty, binary and non-UTF-8 input, normalise the rest."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path

from .errors import InputError

# Control characters other than tab/newline/carriage return/form feed betray binary data.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.01
# Invisible characters a saved page carries inside words: soft hyphens (U+00AD) and zero-width
# spaces, joiners and no-break spaces (U+200B-U+200D, U+2060, U+FEFF). A reader sees "Kishida" in
# "Ki\u00adshida"; the gazetteer, the quote rules and the duplicate checks would not.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Bidirectional controls (marks U+200E, U+200F, U+061C; embeddings and overrides U+202A-U+202E;
# isolates U+2066-U+2069) change the order in which text is displayed, so a quotation could be
# shown saying something else than it says ("Trojan Source"). English prose needs none of them.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# A character class, not str.translate: a regex scan costs ~15 times less (1000 articles at every start).
_DROP = re.compile(f"[{INVISIBLE}{BIDI_CONTROLS}]")
_DROP_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_article(path, data: bytes) -> str:
    """Decode raw bytes as UTF-8 or raise InputError saying exactly what is wrong."""
    if not data.strip():
        raise InputError(
            path,
            "the file is empty (no text)",
            "save the article's text into the file, or remove the file and its registry record",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            path,
            f"the file looks binary (NUL byte at byte offset {nul})",
            "provide the article as a plain UTF-8 text file (copy the text out of the PDF/Word/HTML file)",
        )
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
        raise InputError(
            path,
            f"the file looks binary ({controls} control characters)",
            "provide the article as a plain UTF-8 text file",
        )
    return text


def strip_invisible(text: str) -> str:
    """`text` without invisible characters and bidi controls (see INVISIBLE, BIDI_CONTROLS)."""
    return _DROP.sub("", text)


def strip_bidi(text: str) -> str:
    """`text` without bidi controls: for a whole HTML page, whose other characters are markup."""
    return _DROP_BIDI.sub("", text)


def normalise(text: str) -> str:
    """NFC, Unix line breaks, no BOM, no invisible characters or bidi controls; quotes and dashes
    stay as written so quotations stay exact.

    Every offset downstream indexes this normalised text: a paragraph's start/end (the `audit`
    of data/interim/facts/{id}.json) and a cleaning-audit row's raw_start/raw_end count its
    characters, not bytes or characters of the file on disk.
    """
    text = strip_invisible(text).replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def check_regular_file(path, folder) -> None:
    """Refuse anything but a regular file directly inside `folder`: a symlink could publish a file
    from outside the project, a directory or device cannot be read as text, and a FIFO blocks."""
    path, folder = Path(path), Path(folder)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise InputError(
            path, "does not exist", f"add the article file to {folder}/ or remove its record"
        ) from None
    if stat.S_ISLNK(mode):
        raise InputError(
            path,
            f"is a symbolic link (to {os.readlink(path)})",
            f"copy the article's text into {folder}/ as a regular file instead of linking to it",
        )
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO, socket or device, not a regular file"
        raise InputError(
            path, f"is {kind}", f"replace it by a plain UTF-8 .txt file, or move it out of {folder}/"
        )
    if path.resolve().parent != folder.resolve():
        raise InputError(path, f"lies outside {folder}/", f"copy the article's text into {folder}/")


def read_bytes_no_follow(path) -> bytes:
    """Read a regular file without following a symlink and without blocking on a FIFO, even if the
    file was swapped after the start-up checks."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(path, "is not a regular file", "replace it by a plain UTF-8 .txt file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def read_article(path) -> tuple[str, str]:
    """Return (normalised text, sha256 of the raw bytes)."""
    try:
        data = read_bytes_no_follow(path)
    except OSError as err:  # ELOOP: a symlink appeared after the start-up checks
        raise InputError(
            path,
            f"cannot be read as a regular file ({err.strerror})",
            "replace it by a plain UTF-8 .txt file (no symbolic links)",
        ) from None
    return normalise(decode_article(path, data)), sha256_bytes(data)
