"""Official notices from an enterprise to its workers."""

from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise
from labour_democracy.documents.tables import IssuedDocument


class Notice(Table):
    """An official notice to the workers (Thông báo), as written in the form."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    subject = Varchar(length=500)
    body = Text()
    place = Varchar(length=100)
    issued_on = Date()
    signer_authority = Varchar(length=255, default="")
    signer_title = Varchar(length=255)
    signer_name = Varchar(length=255)
    recipients = Text(default="")
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
