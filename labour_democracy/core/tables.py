"""Core tables: administrative units, enterprises, org units, the roster, users, audit."""

from __future__ import annotations

import secrets
from enum import StrEnum

from piccolo.columns import (
    BigInt,
    Boolean,
    Bytea,
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


class Ownership(StrEnum):
    STATE_OWNED = "state_owned"
    PRIVATE_DOMESTIC = "private_domestic"
    FOREIGN_INVESTED = "foreign_invested"
    COOPERATIVE = "cooperative"
    OTHER = "other"


class Representation(StrEnum):
    """Which worker representative organisation exists at the enterprise."""

    NONE = "none"
    GRASSROOTS_UNION = "grassroots_union"
    WORKERS_ORGANISATION = "workers_organisation"


class OrgUnitKind(StrEnum):
    DEPARTMENT = "department"
    WORKSHOP = "workshop"
    TEAM = "team"
    BRANCH = "branch"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    OTHER = "other"


class ContractType(StrEnum):
    """Labour contract types of Labour Code 2019, Art. 20."""

    INDEFINITE = "indefinite"
    FIXED_TERM = "fixed_term"
    SEASONAL = "seasonal"


class Role(StrEnum):
    ADMIN = "admin"
    FEDERATION = "federation"
    HR = "hr"
    UNION = "union"
    # A commune/ward or industrial-park union officer: the federation's read of the
    # enterprises under that upper-level union only.
    LOCAL_UNION = "local_union"
    # The national confederation (VGCL): reads every province, acts on none.
    NATIONAL = "national"


class UpperUnionKind(StrEnum):
    """The two kinds of grassroots unions' upper level under the provincial federation since
    1 July 2025 (law.md §9: district federations are gone)."""

    COMMUNE = "commune"  # công đoàn xã, phường, đặc khu
    INDUSTRIAL_PARK = "industrial_park"  # công đoàn các khu công nghiệp


class Province(Table):
    """Province-level unit (tỉnh, thành phố trực thuộc trung ương), the upper tier since 2025."""

    code = Varchar(length=2, unique=True)
    name = Varchar(length=100)


class Commune(Table):
    """Commune-level unit (xã, phường, đặc khu), the lower tier since 1 July 2025."""

    code = Varchar(length=5, unique=True)
    name = Varchar(length=100)
    province = ForeignKey(Province, null=False, on_delete=OnDelete.restrict, index=True)


class UpperUnion(Table):
    """The grassroots union's direct upper level (công đoàn cấp trên trực tiếp cơ sở): a
    commune/ward union or an industrial-park union, under the provincial federation."""

    code = Varchar(length=20, unique=True)
    name = Varchar(length=255)
    kind = Varchar(length=16, choices=UpperUnionKind, default=UpperUnionKind.COMMUNE)
    province = ForeignKey(Province, null=False, on_delete=OnDelete.restrict, index=True)
    commune = ForeignKey(Commune, null=True, on_delete=OnDelete.set_null)


class Enterprise(Table):
    """An employer of workers (doanh nghiệp, người sử dụng lao động)."""

    name = Varchar(length=255)
    name_en = Varchar(length=255, null=True, default=None)
    symbol = Varchar(length=20)
    tax_code = Varchar(length=14, unique=True)
    ownership = Varchar(length=20, choices=Ownership)
    sector = Varchar(length=1)
    address = Varchar(length=500)
    province = ForeignKey(Province, null=False, on_delete=OnDelete.restrict, index=True)
    commune = ForeignKey(Commune, null=True, on_delete=OnDelete.set_null)
    legal_representative = Varchar(length=255)
    legal_representative_title = Varchar(length=255)
    fiscal_year_end_month = SmallInt(default=12)
    fiscal_year_end_day = SmallInt(default=31)
    representation = Varchar(length=24, choices=Representation, default=Representation.NONE)
    representative_body = Varchar(length=255, default="")
    # Labour Code (45/2019/QH14) Art. 111(2): the weekly rest day(s) the internal rules fix, as
    # weekday numbers ("6": Sunday; "5,6": Saturday and Sunday); core/calendar.py reads them.
    weekly_rest_days = Varchar(length=20, default="5,6")
    # The regional minimum-wage region (I-IV as 1-4) of the commune of the head office (Decree
    # 293/2025/NĐ-CP, Arts. 3-4); None until set, and then region I, the highest, is assumed.
    min_wage_region = SmallInt(null=True, default=None)
    # The unguessable part of the enterprise's public page (/p/<token>), for workers.
    # A standard-library default, so the generated migration imports no application code.
    public_token = Varchar(length=64, default=secrets.token_urlsafe)
    created_at = Timestamptz(default=TimestamptzNow())
    # Whose grassroots union this enterprise's union reports to (scopes local union officers).
    upper_union = ForeignKey(UpperUnion, null=True, on_delete=OnDelete.set_null)

    @property
    def saturday_works(self) -> bool:
        """The setting this replaced, for callers written before it: Saturday is worked."""
        return "5" not in (self.weekly_rest_days or "5,6").split(",")


class CalendarDay(Table):
    """A day added to the days off, or a holiday removed from them, with its reason (ngày nghỉ
    điều chỉnh): by an administrator for every enterprise (no enterprise), or by one enterprise
    (e.g. the civil-service swap day it also gives). See core/calendar.py."""

    enterprise = ForeignKey(Enterprise, null=True, on_delete=OnDelete.cascade, index=True)
    day = Date(index=True)
    day_off = Boolean(default=True)  # True: a day off added; False: a holiday worked
    note = Varchar(length=255)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class OrgUnit(Table):
    """A department, workshop or team of an enterprise (phòng ban, phân xưởng, tổ)."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    parent = ForeignKey("self", null=True, on_delete=OnDelete.restrict)
    name = Varchar(length=255)
    kind = Varchar(length=12, choices=OrgUnitKind, default=OrgUnitKind.DEPARTMENT)


class Worker(Table):
    """A worker on the enterprise's roster (người lao động)."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    employee_code = Varchar(length=50)
    full_name = Varchar(length=255)
    # Lower-case, diacritics folded ("nguyen van an"): what search compares against.
    search_name = Varchar(length=255, index=True)
    # Vietnamese name order (given name, middle, family name; Đ after D): core/names.py.
    sort_key = Text(default="")
    gender = Varchar(length=6, choices=Gender)
    org_unit = ForeignKey(OrgUnit, null=True, on_delete=OnDelete.set_null, index=True)
    position = Varchar(length=255, default="")
    contract_type = Varchar(length=12, choices=ContractType)
    start_date = Date(null=True, default=None)
    end_date = Date(null=True, default=None)
    nationality = Varchar(length=2, default="VN")
    union_member = Boolean(default=False)
    phone = Varchar(length=20, null=True, default=None)
    email = Varchar(length=255, null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow())


class User(Table, tablename="app_user"):
    """A person who signs in: HR, union officer, federation officer or administrator."""

    email = Varchar(length=255, unique=True)
    full_name = Varchar(length=255)
    # Vietnamese name order (core/names.py); "" for a user without a name, listed after.
    sort_key = Text(default="")
    password_hash = Varchar(length=255)
    language = Varchar(length=2, null=True, default=None)
    is_active = Boolean(default=True)
    # Part of every session cookie; bumping it signs the user out everywhere.
    session_version = Integer(default=1)
    created_at = Timestamptz(default=TimestamptzNow())
    last_login_at = Timestamptz(null=True, default=None)


class Membership(Table):
    """A role held by a user, scoped to an enterprise or a province."""

    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade, index=True)
    role = Varchar(length=12, choices=Role)
    enterprise = ForeignKey(Enterprise, null=True, on_delete=OnDelete.cascade, index=True)
    province = ForeignKey(Province, null=True, on_delete=OnDelete.cascade)
    upper_union = ForeignKey(UpperUnion, null=True, on_delete=OnDelete.cascade)


class UserSession(Table):
    """A signed-in session, kept on the server so that signing out ends it.

    The session cookie carries a random token; the table keeps only its SHA-256, so a copy of
    the database opens no session. Times are Unix seconds: plain integer comparisons that both
    engines make the same way.
    """

    token_hash = Varchar(length=64, unique=True)
    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade, index=True)
    created_at = BigInt()
    expires_at = BigInt(index=True)


class KnownDevice(Table):
    """A browser a user signed in with before: the account's sign-in delay does not hold it
    back, so a stranger guessing the password cannot keep the owner out (only the device's
    own limit applies). The key is a keyed hash of the device cookie's token and the user."""

    key = Varchar(length=64, unique=True)
    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade, index=True)
    last_at = BigInt(index=True)  # Unix seconds of its last sign-in


class Throttle(Table):
    """Attempts counted against one key (an account, a client address, a device) and the delay
    they earned: what slows guessing down (sign-in, vote codes), shared by every app process.

    The key is a keyed hash, so the table holds no e-mail and no address. Times are Unix
    milliseconds, so the delays are integer arithmetic in one SQL statement on both engines.
    """

    key = Varchar(length=64, unique=True)
    attempts = Integer(default=0)
    delay = Integer(default=0)  # seconds the last counted attempt earned
    next_at = BigInt(default=0)  # no attempt is counted (or checked) before this time
    last_at = BigInt(default=0, index=True)  # the last counted attempt


class AuditEntry(Table):
    """One entry of the append-only audit log; each hashes the previous one."""

    seq = BigInt(unique=True)
    at = Timestamptz()
    actor_id = Integer(null=True, default=None)
    actor = Varchar(length=255)
    action = Varchar(length=100)
    record_type = Varchar(length=50)
    record_id = Varchar(length=50)
    enterprise_id = Integer(null=True, default=None, index=True)
    details = Text(default="{}")
    prev_hash = Varchar(length=64)
    hash = Varchar(length=64)


class RosterUpload(Table):
    """A roster spreadsheet between its upload and its import (tệp danh sách người lao động).

    Kept in the database, not in a process's memory, because several app processes serve one
    site and the next step may reach another one. Deleted once imported, or a day later.
    """

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    uploaded_by = ForeignKey(User, null=True, on_delete=OnDelete.cascade)
    filename = Varchar(length=255)
    content = Bytea()
    created_at = Timestamptz(default=TimestamptzNow(), index=True)
