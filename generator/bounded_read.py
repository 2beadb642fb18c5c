"""Reading a file the build trusts a little (state files, content) without being led astray.

A pull request can commit a symlink where the tool keeps its state (``translations.lock``
pointing at ``/dev/zero``, a manifest pointing outside the project) or a file far larger
than any real one. Read naively, the first exhausts memory and the second is read through
(issue #23). Here a file is opened once, never blocks (a FIFO), must be a regular file,
and is read only up to its limit; state files are opened without following a symlink.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFile(OSError):
    """The file is a symlink (where none is allowed), not a regular file, or too large;
    ``reason`` says which, in words for a message."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.reason = reason


def read_bounded(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    FileNotFoundError when it does not exist; UnreadableFile when it is a symlink and
    ``follow_symlinks`` is false, is not a regular file, or holds more than ``limit`` bytes.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
        if path.is_symlink():  # where O_NOFOLLOW is missing, and for a clearer reason
            raise UnreadableFile(path, "is a symlink")
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if not follow_symlinks and path.is_symlink():
            raise UnreadableFile(path, "is a symlink") from None
        if isinstance(error, (FileNotFoundError, IsADirectoryError)):
            raise
        raise UnreadableFile(path, error.strerror or "cannot be opened") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, "is not a regular file")
        if info.st_size > limit:
            raise UnreadableFile(path, f"is {info.st_size:,} bytes; the limit is {limit:,}")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise UnreadableFile(path, f"is larger than {limit:,} bytes")
    return b"".join(chunks)
