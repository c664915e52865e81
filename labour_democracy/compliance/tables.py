"""The federation's register and what it counts: each enterprise's register entry, the facts of
each obligation and year (reported or recorded), the running tallies the dashboard reads, the
snapshots of the reporting dates, visits, calls and reminders, and the federation's thresholds."""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise, Province


class FactSource(StrEnum):
    REPORTED = "reported"  # entered or imported by the federation for an enterprise
    RECORDED = "recorded"  # read from the enterprise's own records in the app


class FactState(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOTHING_DUE = "nothing_due"


class ContactKind(StrEnum):
    REMINDER = "reminder"
    VISIT = "visit"
    CALL = "call"


class RegisterEntry(Table, tablename="compliance_register"):
    """An enterprise on the federation's register (sổ theo dõi doanh nghiệp): its size and union
    membership, and the copy of the dimensions its tallies are counted under (province, upper
    union, sector, ownership, size band), so the tallies move exactly when the entry moves."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, unique=True)
    workforce = Integer(default=0)
    union_members = Integer(default=0)
    uses_app = Boolean(default=False)
    province = Integer(index=True)
    upper_union = Integer(default=0)  # 0: none
    sector = Varchar(length=1, default="")
    ownership = Varchar(length=20, default="")
    band = Integer(default=0)
    updated_at = Timestamptz(default=TimestamptzNow())


class Fact(Table, tablename="compliance_fact"):
    """One enterprise's standing on one obligation for one year (kết quả thực hiện)."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    year = SmallInt()
    obligation = Varchar(length=60)
    state = Varchar(length=12, choices=FactState)
    on = Date(null=True, default=None)
    source = Varchar(length=10, choices=FactSource)
    # The items behind a counted obligation (requests answered on time: 3 of 4; petitions
    # resolved of those received), recorded or reported.
    done = Integer(null=True, default=None)
    total = Integer(null=True, default=None)
    evidence = Varchar(length=500, default="")
    note = Text(default="")
    entered_by = Integer(null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow())


class Bucket(Table, tablename="compliance_bucket"):
    """How many registered enterprises share one set of dimensions; `upper_union` -1 is the
    province's row (every upper union), read by the province and national figures, and
    `sector` "*" the row of every section, read when no sector is chosen."""

    province = Integer()
    upper_union = Integer()
    sector = Varchar(length=1)
    ownership = Varchar(length=20)
    band = Integer()
    enterprises = Integer(default=0)


class Tally(Table, tablename="compliance_tally"):
    """The facts of one obligation and year counted by state, with the items behind them
    (petitions resolved of those received), for one set of dimensions (as `Bucket`); kept exact
    in the transaction that changes a fact or an entry."""

    year = SmallInt()
    obligation = Varchar(length=60)
    province = Integer()
    upper_union = Integer()
    sector = Varchar(length=1)
    ownership = Varchar(length=20)
    band = Integer()
    met = Integer(default=0)
    not_met = Integer(default=0)
    nothing_due = Integer(default=0)
    done = Integer(default=0)
    total = Integer(default=0)


class Snapshot(Table, tablename="compliance_snapshot"):
    """The province's figures as they stood on a reporting date (31/5, 30/11) or on demand,
    kept so a past report can be reproduced (số liệu chốt kỳ báo cáo)."""

    province = ForeignKey(Province, null=False, on_delete=OnDelete.cascade, index=True)
    year = SmallInt()
    taken_on = Date()
    figures = Text(default="{}")  # JSON: the dashboard's rows as they were
    created_at = Timestamptz(default=TimestamptzNow())


class Contact(Table, tablename="compliance_contact"):
    """A reminder sent, a visit or a call noted (nhắc nhở, làm việc với doanh nghiệp); a
    reminder is also the message HR and the union read in the app."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=10, choices=ContactKind)
    on = Date()
    note = Text(default="")
    items = Text(default="[]")  # JSON: the overdue obligations a reminder named
    emailed = Boolean(default=False)
    by_user = Integer(null=True, default=None)
    by_name = Varchar(length=255, default="")
    created_at = Timestamptz(default=TimestamptzNow())


class Threshold(Table, tablename="compliance_threshold"):
    """A province's own workforce threshold for one obligation (ngưỡng số lao động), where the
    federation counts from another size than the law (e.g. 30+ instead of 10+)."""

    province = ForeignKey(Province, null=False, on_delete=OnDelete.cascade, index=True)
    obligation = Varchar(length=60)
    min_workforce = Integer()


class TallyState(Table, tablename="compliance_tally_state"):
    """The size bands and the layout the tallies were counted with: a module declaring a new
    threshold changes them, and the tallies are rebuilt once from the facts."""

    bands = Varchar(length=500)
