"""Tables of the document engine: numbering and issued documents."""

from piccolo.columns import Bytea, Date, ForeignKey, Integer, SmallInt, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise


class DocumentCounter(Table):
    """The last number given per issuing body, document type and year (số văn bản,
    Decree 30/2020, Art. 15). Symbols are not unique across enterprises, so the enterprise is
    part of the key: (enterprise, issuer, type_code, year) is unique."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade)
    issuer = Varchar(length=50)
    type_code = Varchar(length=10)
    year = SmallInt()
    last_number = Integer(default=0)


class IssuedDocument(Table):
    """A generated document as issued (văn bản đã ban hành): its number, the file and the
    file's checksum. The content never changes after issue."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=50)
    issuer = Varchar(length=50, default="")
    type_code = Varchar(length=10)
    number = Integer()
    year = SmallInt()
    issued_on = Date()  # the date printed on the document (ngày ban hành)
    reference = Varchar(length=60)
    title = Varchar(length=500)
    template = Varchar(length=200)
    content = Bytea()
    sha256 = Varchar(length=64)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
