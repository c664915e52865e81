"""PDF copies of .docx documents through LibreOffice (`soffice`), when it is installed.

Each conversion gets its own LibreOffice profile (`-env:UserInstallation`): conversions that
share the default profile collide on its lock and fail silently. A conversion that hangs is
killed after a timeout; one that exits 0 without writing a PDF (it happens) is an error; a
semaphore keeps a burst of downloads from starting dozens of LibreOffice processes. A
document never changes after issue, so its PDF is kept in the data directory under the
document's checksum.

Fonts: the documents name Times New Roman (what Word uses); on Debian, LibreOffice prints it
with Liberation Serif, which has the same metrics (package fonts-liberation2).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import shutil
import signal
import tempfile
import weakref
from pathlib import Path

from labour_democracy.i18n import gettext as _
from labour_democracy.settings import get_settings

log = logging.getLogger("labour_democracy")

TIMEOUT_SECONDS = 120
PARALLEL_CONVERSIONS = 2


class PdfUnavailable(Exception):
    """No PDF can be made now; the message says why, in the person's language."""


_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def _semaphore() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    semaphore = _slots.get(loop)
    if semaphore is None:
        semaphore = _slots[loop] = asyncio.Semaphore(PARALLEL_CONVERSIONS)
    return semaphore


def soffice_path() -> str | None:
    """LD_SOFFICE if set (a path or a command name), else `soffice` on the PATH."""
    configured = get_settings().soffice
    if configured:
        return configured if os.path.isfile(configured) else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def is_available() -> bool:
    return soffice_path() is not None


def _cache_path(docx: bytes) -> Path:
    return get_settings().data_dir / "pdf-cache" / f"{hashlib.sha256(docx).hexdigest()}.pdf"


async def to_pdf(docx: bytes) -> bytes:
    """The PDF of a .docx file; raises `PdfUnavailable` when it cannot be made."""
    cached = _cache_path(docx)
    if cached.is_file():
        return cached.read_bytes()
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(
            _(
                "PDF copies are not available: LibreOffice is not installed on the server. "
                "Download the .docx file instead, or ask the administrator to install "
                "LibreOffice (or set LD_SOFFICE)."
            )
        )
    async with _semaphore():
        pdf = await _convert(soffice, docx)
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(pdf)
    os.replace(partial, cached)
    return pdf


async def _convert(soffice: str, docx: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ld-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)
        process = await asyncio.create_subprocess_exec(
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "HOME": str(folder)},
            start_new_session=True,  # so a timeout can kill LibreOffice's helper processes too
        )
        try:
            stderr = (await asyncio.wait_for(process.communicate(), TIMEOUT_SECONDS))[1]
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
            raise PdfUnavailable(
                _("The PDF conversion took too long and was stopped. Try again later.")
            ) from None
        output = folder / "document.pdf"
        if process.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
            log.warning(
                "soffice exit %s, no PDF: %s",
                process.returncode,
                stderr.decode(errors="replace").strip()[-500:],
            )
            raise PdfUnavailable(
                _(
                    "LibreOffice could not convert this document to PDF. Download the .docx "
                    "file instead; the error was recorded."
                )
            )
        return output.read_bytes()
