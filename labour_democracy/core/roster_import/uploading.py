"""The first step: who may import, the checks of an uploaded file (which the union's member
import shares), keeping it (a `RosterUpload` row, so any app process can take the next step),
and reading a kept file back for the later steps."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core import audit
from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.permissions import MANAGE_ORG_UNITS, MANAGE_ROSTER
from labour_democracy.core.roster_import import limits
from labour_democracy.core.roster_import.headers import ROSTER, Vocabulary
from labour_democracy.core.roster_import.mapping import ImportOptions
from labour_democracy.core.roster_import.reading import check_size, read_sheet, split_header
from labour_democracy.core.roster_import.sheet import Sheet, file_error
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import RosterUpload
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _


def require_rights(context: EnterpriseContext, options: ImportOptions | None = None) -> None:
    """The roster permission; and the org-units permission when the import creates units."""
    if not context.can(MANAGE_ROSTER):
        raise Forbidden
    if options is not None and options.create_units and not context.can(MANAGE_ORG_UNITS):
        raise Invalid({"create_units": _("Your role cannot create units.")})


def _too_large() -> str:
    return _("The file is larger than {n} MB. Remove other sheets or columns, or split it.").format(
        n=limits.MAX_UPLOAD_BYTES // (1024 * 1024)
    )


def body_too_large(content_length: str | None) -> dict[str, str] | None:
    """An upload whose declared size is beyond the limit, refused with its message before the
    body is read (an upload route checks the request's Content-Length with this)."""
    try:
        declared = int(content_length or 0)
    except ValueError:
        declared = 0
    return {"file": _too_large()} if declared > limits.UPLOAD_BODY_LIMIT else None


def checked_rows(filename: str, content: bytes, vocabulary: Vocabulary = ROSTER) -> int:
    """Refuse, whole, an uploaded file that is missing, empty, too large or unreadable, or
    that has no row below its header; the number of data rows."""
    if not content:
        # A form sent without a chosen file carries no file name; a chosen file can be empty.
        if not filename:
            raise file_error(_("Choose a .xlsx or .csv file."))
        raise file_error(_("The file is empty: no row has any text."))
    if len(content) > limits.MAX_UPLOAD_BYTES:
        raise file_error(_too_large())
    sheet = read_sheet(content, limit=limits.MAX_ROWS + limits.HEADER_SCAN_ROWS)
    _number, _header, data = split_header(sheet, vocabulary)
    check_size(sheet, data)
    return len(data)


async def upload(context: EnterpriseContext, filename: str, content: bytes) -> int:
    """Keep an uploaded roster file for the mapping step; returns the upload's id."""
    require_rights(context)
    rows = checked_rows(filename, content)
    async with write_transaction():
        await RosterUpload.delete().where(
            RosterUpload.created_at < dt.datetime.now(dt.UTC) - limits.UPLOAD_KEPT
        )
        kept = RosterUpload(
            enterprise=context.enterprise_id,
            uploaded_by=context.actor.id,
            filename=filename[:255] or "roster",
            content=content,
        )
        await kept.save()
        await audit.record(
            context.actor,
            "roster.file_uploaded",
            "roster_upload",
            kept.id,
            context.enterprise_id,
            bytes=len(content),
            rows=rows,
        )
    return kept.id


async def read_kept(
    context: EnterpriseContext, upload_id: int, sheet_name: str | None, limit: int
) -> tuple[RosterUpload, Sheet]:
    kept = await get_owned(context, RosterUpload, upload_id)
    return kept, read_sheet(kept.content, sheet_name, limit)
