"""Administration of users and memberships (system administrators only)."""

from __future__ import annotations

import re

from piccolo.query import OrderByRaw

from labour_democracy.core import audit
from labour_democracy.core.accounts import check_password_strength, hash_password
from labour_democracy.core.errors import Forbidden, Invalid, NotFound
from labour_democracy.core.names import person_sort_key
from labour_democracy.core.permissions import ADMINISTER, Actor
from labour_democracy.core.schemas import MembershipForm, Page, UserForm
from labour_democracy.core.tables import (
    Enterprise,
    Membership,
    Province,
    Role,
    UpperUnion,
    User,
)
from labour_democracy.db import contains, write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.settings import LANGUAGES

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def user_sort_key(full_name: str) -> str:
    """`User.sort_key`: the name-order key of core/names.py, "" when there is no name. Every
    way of writing a user's name sets it."""
    return person_sort_key(full_name) if full_name.strip() else ""


def _require_admin(actor: Actor) -> None:
    if not ADMINISTER.allows(actor.roles):
        raise Forbidden


async def list_users(actor: Actor, q: str | None = None, page: int = 1, per_page: int = 25) -> Page:
    _require_admin(actor)
    clause = None
    if q and q.strip():
        clause = contains(User.email, q.strip()) | contains(User.full_name, q.strip())
    count = User.count()
    # By name in Vietnamese order (issue 13, item 9), users without a name after, by e-mail.
    query = User.select(
        User.id, User.email, User.full_name, User.is_active, User.last_login_at
    ).order_by(OrderByRaw("sort_key = ''"), User.sort_key, User.email)
    if clause is not None:
        count, query = count.where(clause), query.where(clause)
    total = await count
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = await query.limit(per_page).offset((page - 1) * per_page)
    memberships = await Membership.select(
        Membership.user,
        Membership.role,
        Membership.enterprise.name.as_alias("enterprise_name"),
        Membership.province.name.as_alias("province_name"),
    ).where(Membership.user.is_in([r["id"] for r in rows] or [-1]))
    for row in rows:
        row["memberships"] = [m for m in memberships if m["user"] == row["id"]]
    return Page(rows=rows, total=total, page=page, per_page=per_page)


async def create_user(actor: Actor, form: UserForm) -> int:
    _require_admin(actor)
    email = form.email.strip().lower()
    errors: dict[str, str] = {}
    if not _EMAIL.fullmatch(email):
        errors["email"] = _("This is not an e-mail address.")
    elif await User.exists().where(User.email == email):
        errors["email"] = _("A user with this e-mail already exists.")
    if problem := check_password_strength(form.password):
        errors["password"] = problem
    if form.language is not None and form.language not in LANGUAGES:
        errors["language"] = _("Unknown language.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        user = User(
            email=email,
            full_name=form.full_name,
            sort_key=user_sort_key(form.full_name),
            password_hash=hash_password(form.password),
            language=form.language,
        )
        await user.save()
        await audit.record(actor, "user.created", "user", user.id)
    return user.id


async def get_user(actor: Actor, user_id: int) -> dict:
    _require_admin(actor)
    user = (
        await User.select(
            User.id, User.email, User.full_name, User.is_active, User.language, User.last_login_at
        )
        .where(User.id == user_id)
        .first()
    )
    if user is None:
        raise NotFound
    user["memberships"] = await Membership.select(
        Membership.id,
        Membership.role,
        Membership.enterprise,
        Membership.enterprise.name.as_alias("enterprise_name"),
        Membership.province.name.as_alias("province_name"),
    ).where(Membership.user == user_id)
    return user


async def add_membership(actor: Actor, user_id: int, form: MembershipForm) -> int:
    _require_admin(actor)
    if not await User.exists().where(User.id == user_id):
        raise NotFound
    errors: dict[str, str] = {}
    enterprise_id = province_id = upper_union_id = None
    if form.role is Role.ADMIN and not form.confirm_admin:
        errors["confirm_admin"] = _(
            "An administrator can see and change everything in every enterprise. Tick the box "
            "to confirm that this person needs it."
        )
    if form.role is Role.LOCAL_UNION:
        if form.upper_union is None or not await UpperUnion.exists().where(
            UpperUnion.id == form.upper_union
        ):
            errors["upper_union"] = _("Choose the commune or industrial-park union.")
        upper_union_id = form.upper_union
    elif form.role in (Role.HR, Role.UNION):
        if form.enterprise is None or not await Enterprise.exists().where(
            Enterprise.id == form.enterprise
        ):
            errors["enterprise"] = _("Choose the enterprise this role is for.")
        enterprise_id = form.enterprise
    elif form.role is Role.FEDERATION:
        if form.province is None or not await Province.exists().where(Province.id == form.province):
            errors["province"] = _("Choose the province this officer covers.")
        province_id = form.province
    if errors:
        raise Invalid(errors)
    same = (
        (Membership.user == user_id)
        & (Membership.role == form.role.value)
        & (
            Membership.enterprise.is_null()
            if enterprise_id is None
            else Membership.enterprise == enterprise_id
        )
        & (
            Membership.province.is_null()
            if province_id is None
            else Membership.province == province_id
        )
        & (
            Membership.upper_union.is_null()
            if upper_union_id is None
            else Membership.upper_union == upper_union_id
        )
    )
    if await Membership.exists().where(same):
        raise Invalid(_("The user already has this role."))
    async with write_transaction():
        membership = Membership(
            user=user_id,
            role=form.role.value,
            enterprise=enterprise_id,
            province=province_id,
            upper_union=upper_union_id,
        )
        await membership.save()
        details = {"confirmed": True} if form.role is Role.ADMIN else {}
        await audit.record(
            actor,
            "membership.added",
            "user",
            user_id,
            enterprise_id,
            role=form.role.value,
            **details,
        )
    return membership.id


async def remove_membership(actor: Actor, user_id: int, membership_id: int) -> None:
    _require_admin(actor)
    membership = (
        await Membership.objects()
        .where((Membership.id == membership_id) & (Membership.user == user_id))
        .first()
    )
    if membership is None:
        raise NotFound
    if membership.role == Role.ADMIN and actor.id == user_id:
        raise Invalid(_("You cannot remove your own administrator role."))
    async with write_transaction():
        await Membership.delete().where(Membership.id == membership_id)
        await audit.record(
            actor,
            "membership.removed",
            "user",
            user_id,
            membership.enterprise,
            role=membership.role,
        )


async def set_active(actor: Actor, user_id: int, active: bool) -> None:
    _require_admin(actor)
    if actor.id == user_id and not active:
        raise Invalid(_("You cannot disable your own account."))
    if not await User.exists().where(User.id == user_id):
        raise NotFound
    async with write_transaction():
        await User.update(
            {User.is_active: active, User.session_version: User.session_version + 1}
        ).where(User.id == user_id)
        await audit.record(actor, "user.enabled" if active else "user.disabled", "user", user_id)


async def reset_password(actor: Actor, user_id: int, password: str) -> None:
    _require_admin(actor)
    if problem := check_password_strength(password):
        raise Invalid({"password": problem})
    if not await User.exists().where(User.id == user_id):
        raise NotFound
    async with write_transaction():
        await User.update(
            {
                User.password_hash: hash_password(password),
                User.session_version: User.session_version + 1,
            }
        ).where(User.id == user_id)
        await audit.record(actor, "user.password_reset", "user", user_id)
