"""Pages of the core module: sign-in, home, enterprises, org units, roster, users."""

from __future__ import annotations

from typing import Any

import segno
from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core import accounts, enterprises, labels, reminders, roster, users
from labour_democracy.core.errors import Invalid
from labour_democracy.core.permissions import (
    ADMINISTER,
    EDIT_ENTERPRISE,
    MANAGE_ORG_UNITS,
    MANAGE_ROSTER,
    OWN_ACCOUNT,
    VIEW_ROSTER,
    Actor,
)
from labour_democracy.core.roster_pages import RosterFileController
from labour_democracy.core.schemas import (
    EnterpriseForm,
    MembershipForm,
    OrgUnitForm,
    PasswordForm,
    RosterQuery,
    UserForm,
    WorkerForm,
)
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, OrgUnit, Role, UpperUnion
from labour_democracy.i18n import gettext as _
from labour_democracy.settings import LANGUAGES, get_settings
from labour_democracy.web import links, public
from labour_democracy.web.auth import (
    DEVICE_COOKIE,
    end_server_session,
    remember_device,
    sign_in_session,
)
from labour_democracy.web.forms import FieldError, convert, parse, read_form
from labour_democracy.web.params import (
    Context,
    CurrentActor,
    FromPath,
    FromQuery,
    Id,
    client_address,
)
from labour_democracy.web.responses import flash, is_htmx, redirect, render
from labour_democracy.web.submit import submit

PUBLIC = {"public": True}


def _safe_next(target: str | None) -> str:
    # Only paths of this site: "//evil.example" or "https://..." would leave it.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


class AuthController(Controller):
    @get("/login", opt=PUBLIC)
    async def login_page(self, request: Request, next: FromQuery[str | None] = None) -> Response:
        if request.scope.get("user") is not None:
            return redirect(request, _safe_next(next))
        return render(request, "auth/login.html", next=_safe_next(next), values={}, errors={})

    @post("/login", opt=PUBLIC)
    async def login(self, request: Request) -> Response:
        data = await read_form(request)
        client = client_address(request)
        try:
            signed_in = await accounts.sign_in(
                str(data.get("email", "")),
                str(data.get("password", "")),
                client,
                request.cookies.get(DEVICE_COOKIE),
            )
        # Sign-in answers 400 with one message for any wrong pair, never which field: a genuinely
        # different flow from the form round trip (it must not tell which e-mail exists).
        except Invalid as error:
            return render(
                request,
                "auth/login.html",
                status_code=200 if is_htmx(request) else 400,
                next=_safe_next(data.get("next")),
                values={"email": data.get("email", "")},
                errors=error.errors,
            )
        sign_in_session(
            request, signed_in.user_id, signed_in.session_version, signed_in.session_token
        )
        response = redirect(request, _safe_next(data.get("next")))
        return remember_device(response, signed_in.device_token, get_settings())

    @post("/logout", opt=PUBLIC)
    async def logout(self, request: Request) -> Response:
        await end_server_session(request)
        _end_session(request)
        return redirect(request, "/login")

    @post("/account/sign-out-everywhere", opt={"permission": OWN_ACCOUNT})
    async def sign_out_everywhere(self, request: Request, actor: CurrentActor) -> Response:
        """Ends every session of the account, on every device (a lost phone, a shared
        computer): the session version they carry no longer matches."""
        await accounts.sign_out_everywhere(actor)
        _end_session(request)
        flash(request, _("You were signed out on every device."))
        return redirect(request, "/login")

    @post("/language", opt=PUBLIC)
    async def choose_language(self, request: Request) -> Response:
        data = await read_form(request)
        language = data.get("language")
        if language not in LANGUAGES:
            raise Invalid({"language": _("Unknown language.")})
        actor: Actor | None = request.scope.get("user")
        if actor is not None:
            await accounts.set_language(actor, language)
        session = dict(request.session or {})
        session["lang"] = language
        request.set_session(session)
        return redirect(request, _safe_next(data.get("next")))

    @get("/account/password")
    async def password_page(self, request: Request) -> Template:
        return render(request, "auth/password.html", values={}, errors={})

    @post("/account/password", opt={"permission": OWN_ACCOUNT})
    async def change_password(self, request: Request, actor: CurrentActor) -> Response:
        def signed_in_again(version: int) -> Response:
            sign_in_session(request, actor.id, version)
            return redirect(request, "/")

        return await submit(
            request,
            PasswordForm,
            lambda form: accounts.change_password(actor, form.current, form.new, form.confirm),
            # Passwords are never sent back into the page.
            form=lambda _values, errors: render(
                request, "auth/password.html", values={}, errors=errors
            ),
            done=signed_in_again,
            success=_("Your password was changed. Other sessions were signed out."),
        )


def _end_session(request: Request) -> None:
    """Sign out here; the chosen language stays for the login page."""
    language = request.session.get("lang") if request.session else None
    request.clear_session()  # a new session, not the old one emptied
    request.set_session({"lang": language} if language else {})


class HomeController(Controller):
    @get("/")
    async def home(self, request: Request, actor: CurrentActor) -> Response:
        enterprise_ids = {g.enterprise_id for g in actor.grants if g.enterprise_id}
        if len(enterprise_ids) == 1 and not actor.is_admin and Role.FEDERATION not in actor.roles:
            return redirect(request, f"/enterprises/{enterprise_ids.pop()}")
        return redirect(request, "/enterprises")


class EnterpriseController(Controller):
    path = "/enterprises"

    @get("/")
    async def index(
        self,
        request: Request,
        actor: CurrentActor,
        q: FromQuery[str | None] = None,
        page: FromQuery[int] = 1,
    ) -> Template:
        listing = await enterprises.list_enterprises(actor, q, page)
        template = "core/_enterprise_rows.html" if is_htmx(request) else "core/enterprises.html"
        return render(
            request, template, listing=listing, q=q or "", can_create=ADMINISTER.allows(actor.roles)
        )

    @get("/new", opt={"permission": ADMINISTER})
    async def new(self, request: Request) -> Template:
        return await _enterprise_form(request, None, {}, {})

    @post("/new", opt={"permission": ADMINISTER})
    async def create(self, request: Request, actor: CurrentActor) -> Response:
        return await submit(
            request,
            EnterpriseForm,
            lambda form: enterprises.create_enterprise(actor, form),
            form=lambda values, errors: _enterprise_form(request, None, values, errors),
            done=lambda enterprise_id: redirect(request, f"/enterprises/{enterprise_id}"),
            success=_("The enterprise was created."),
        )

    @get("/communes")
    async def communes(self, request: Request, province: FromQuery[int | None] = None) -> Template:
        return render(
            request,
            "core/_commune_options.html",
            communes=await enterprises.commune_choices(province),
            selected=None,
        )

    @get("/{enterprise_id:int}")
    async def detail(self, request: Request, context: Context) -> Template:
        return render(
            request,
            "core/enterprise.html",
            ectx=context,
            enterprise=context.enterprise,
            profile=await enterprises.profile(context),
            agenda=await reminders.agenda(context),
            can_open=lambda url: links.opens(request, context, url),
            can_edit=context.can(EDIT_ENTERPRISE),
            can_see_roster=context.can(VIEW_ROSTER),
        )

    @get("/{enterprise_id:int}/edit", opt={"permission": EDIT_ENTERPRISE})
    async def edit(self, request: Request, context: Context) -> Template:
        values = {k: v for k, v in context.enterprise.to_dict().items() if k != "id"}
        return await _enterprise_form(request, context, values, {})

    @post("/{enterprise_id:int}/edit", opt={"permission": EDIT_ENTERPRISE})
    async def update(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            EnterpriseForm,
            lambda form: enterprises.update_enterprise(context, form),
            form=lambda values, errors: _enterprise_form(request, context, values, errors),
            done=f"/enterprises/{context.enterprise_id}",
            success=_("The enterprise profile was saved."),
        )


async def _enterprise_form(
    request: Request,
    context: EnterpriseContext | None,
    values: dict[str, Any],
    errors: dict[str, str],
) -> Template:
    province = values.get("province")
    try:
        province_id = convert(province, int) if province not in (None, "") else None
    except FieldError:
        province_id = None
    return render(
        request,
        "core/enterprise_form.html",
        status_code=422 if errors else 200,
        ectx=context,
        values=values,
        errors=errors,
        provinces=await enterprises.province_choices(),
        communes=await enterprises.commune_choices(province_id),
        rest_day_options=labels.rest_day_options(),
    )


class OrgUnitController(Controller):
    path = "/enterprises/{enterprise_id:int}/org-units"

    @get("/")
    async def index(self, request: Request, context: Context) -> Template:
        return await _org_units_page(request, context, {}, {})

    @post("/", opt={"permission": MANAGE_ORG_UNITS})
    async def create(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            OrgUnitForm,
            lambda form: enterprises.create_org_unit(context, form),
            form=lambda values, errors: _org_units_page(request, context, values, errors),
            done=f"/enterprises/{context.enterprise_id}/org-units",
            success=_("The unit was added."),
        )

    @get("/{unit_id:int}/edit", opt={"permission": MANAGE_ORG_UNITS})
    async def edit(self, request: Request, context: Context, unit_id: Id) -> Template:
        unit = await get_owned(context, OrgUnit, unit_id)
        return await _org_unit_form(request, context, unit_id, unit.to_dict(), {})

    @post("/{unit_id:int}/edit", opt={"permission": MANAGE_ORG_UNITS})
    async def update(self, request: Request, context: Context, unit_id: Id) -> Response:
        return await submit(
            request,
            OrgUnitForm,
            lambda form: enterprises.update_org_unit(context, unit_id, form),
            form=lambda values, errors: _org_unit_form(request, context, unit_id, values, errors),
            done=f"/enterprises/{context.enterprise_id}/org-units",
            success=_("The unit was saved."),
        )

    @post("/{unit_id:int}/delete", opt={"permission": MANAGE_ORG_UNITS})
    async def delete(self, request: Request, context: Context, unit_id: Id) -> Response:
        await enterprises.delete_org_unit(context, unit_id)
        flash(request, _("The unit was deleted."))
        return redirect(request, f"/enterprises/{context.enterprise_id}/org-units")


async def _org_units_page(request, context, values, errors) -> Template:
    return render(
        request,
        "core/org_units.html",
        status_code=422 if errors else 200,
        ectx=context,
        enterprise=context.enterprise,
        tree=await enterprises.org_unit_tree(context),
        values=values,
        errors=errors,
        can_manage=context.can(MANAGE_ORG_UNITS),
    )


async def _org_unit_form(request, context, unit_id, values, errors) -> Template:
    tree = await enterprises.org_unit_tree(context)
    return render(
        request,
        "core/org_unit_form.html",
        status_code=422 if errors else 200,
        ectx=context,
        enterprise=context.enterprise,
        unit_id=unit_id,
        tree=[node for node in tree if node.id != unit_id],
        values=values,
        errors=errors,
    )


class RosterController(Controller):
    path = "/enterprises/{enterprise_id:int}/workers"

    @get("/", opt={"permission": VIEW_ROSTER})
    async def index(self, request: Request, context: Context) -> Template:
        try:
            query = parse(RosterQuery, dict(request.query_params))
        except Invalid:  # filters in the address, not a form: a bad one shows everything
            query = RosterQuery()
        listing = await roster.list_workers(context, query)
        template = "core/_roster_table.html" if is_htmx(request) else "core/roster.html"
        return render(
            request,
            template,
            ectx=context,
            enterprise=context.enterprise,
            listing=listing,
            query=query,
            units=await enterprises.org_unit_tree(context),
            workforce=await enterprises.workforce(context.enterprise_id),
            can_manage=context.can(MANAGE_ROSTER),
        )

    @get("/new", opt={"permission": MANAGE_ROSTER})
    async def new(self, request: Request, context: Context) -> Template:
        return await _worker_form(request, context, None, {"nationality": "VN"}, {})

    @post("/new", opt={"permission": MANAGE_ROSTER})
    async def create(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            WorkerForm,
            lambda form: roster.create_worker(context, form),
            form=lambda values, errors: _worker_form(request, context, None, values, errors),
            done=f"/enterprises/{context.enterprise_id}/workers",
            success=_("The worker was added to the roster."),
        )

    @get("/{worker_id:int}", opt={"permission": VIEW_ROSTER})
    async def edit(self, request: Request, context: Context, worker_id: Id) -> Template:
        worker = await roster.get_worker(context, worker_id)
        return await _worker_form(request, context, worker_id, worker.to_dict(), {})

    @post("/{worker_id:int}", opt={"permission": MANAGE_ROSTER})
    async def update(self, request: Request, context: Context, worker_id: Id) -> Response:
        return await submit(
            request,
            WorkerForm,
            lambda form: roster.update_worker(context, worker_id, form),
            form=lambda values, errors: _worker_form(request, context, worker_id, values, errors),
            done=f"/enterprises/{context.enterprise_id}/workers",
            success=_("The worker's details were saved."),
        )

    @post("/{worker_id:int}/delete", opt={"permission": MANAGE_ROSTER})
    async def delete(self, request: Request, context: Context, worker_id: Id) -> Response:
        await roster.delete_worker(context, worker_id)
        flash(request, _("The worker was removed from the roster."))
        return redirect(request, f"/enterprises/{context.enterprise_id}/workers")


async def _worker_form(request, context, worker_id, values, errors) -> Template:
    return render(
        request,
        "core/worker_form.html",
        status_code=422 if errors else 200,
        ectx=context,
        enterprise=context.enterprise,
        worker_id=worker_id,
        units=await enterprises.org_unit_tree(context),
        values=values,
        errors=errors,
        can_manage=context.can(MANAGE_ROSTER),
    )


class UserAdminController(Controller):
    path = "/admin/users"
    opt = {"permission": ADMINISTER}

    @get("/")
    async def index(
        self,
        request: Request,
        actor: CurrentActor,
        q: FromQuery[str | None] = None,
        page: FromQuery[int] = 1,
    ) -> Template:
        listing = await users.list_users(actor, q, page)
        template = "admin/_user_rows.html" if is_htmx(request) else "admin/users.html"
        return render(request, template, listing=listing, q=q or "")

    @get("/new")
    async def new(self, request: Request) -> Template:
        return render(request, "admin/user_form.html", values={}, errors={})

    @post("/new")
    async def create(self, request: Request, actor: CurrentActor) -> Response:
        return await submit(
            request,
            UserForm,
            lambda form: users.create_user(actor, form),
            # Everything typed comes back but the password.
            form=lambda values, errors: render(
                request,
                "admin/user_form.html",
                values={k: v for k, v in values.items() if k != "password"},
                errors=errors,
            ),
            done=lambda user_id: redirect(request, f"/admin/users/{user_id}"),
            success=_("The user was created. Now give them a role."),
        )

    @get("/{user_id:int}")
    async def detail(self, request: Request, actor: CurrentActor, user_id: Id) -> Template:
        return await _user_page(request, actor, user_id, {}, {})

    @post("/{user_id:int}/memberships")
    async def add_membership(self, request: Request, actor: CurrentActor, user_id: Id) -> Response:
        return await submit(
            request,
            MembershipForm,
            lambda form: users.add_membership(actor, user_id, form),
            form=lambda values, errors: _user_page(request, actor, user_id, values, errors),
            done=f"/admin/users/{user_id}",
            success=_("The role was added."),
        )

    @post("/{user_id:int}/memberships/{membership_id:int}/delete")
    async def remove_membership(
        self, request: Request, actor: CurrentActor, user_id: Id, membership_id: Id
    ) -> Response:
        await users.remove_membership(actor, user_id, membership_id)
        flash(request, _("The role was removed."))
        return redirect(request, f"/admin/users/{user_id}")

    @post("/{user_id:int}/active")
    async def set_active(self, request: Request, actor: CurrentActor, user_id: Id) -> Response:
        data = await read_form(request)
        active = data.get("active") == "1"
        await users.set_active(actor, user_id, active)
        flash(request, _("The account was enabled.") if active else _("The account was disabled."))
        return redirect(request, f"/admin/users/{user_id}")

    @post("/{user_id:int}/password")
    async def reset_password(self, request: Request, actor: CurrentActor, user_id: Id) -> Response:
        return await submit(
            request,
            None,  # one field read as typed: the use case judges the password
            lambda data: users.reset_password(actor, user_id, str(data.get("password", ""))),
            # The password is never sent back into the page.
            form=lambda _values, errors: _user_page(request, actor, user_id, {}, errors),
            done=f"/admin/users/{user_id}",
            success=_("The password was reset; the user's sessions were signed out."),
        )


async def _user_page(request, actor, user_id, values, errors) -> Template:
    return render(
        request,
        "admin/user.html",
        status_code=422 if errors else 200,
        user=await users.get_user(actor, user_id),
        enterprises=await Enterprise.select(Enterprise.id, Enterprise.name).order_by(
            Enterprise.name
        ),
        provinces=await enterprises.province_choices(),
        upper_unions=await UpperUnion.select(UpperUnion.id, UpperUnion.name).order_by(
            UpperUnion.name
        ),
        values=values,
        errors=errors,
    )


class PublicPageController(Controller):
    """The enterprise's page for its workers, and its QR code for the notice board."""

    @get("/p/{token:str}", opt=PUBLIC)
    async def public_page(self, request: Request, token: FromPath[str]) -> Template:
        enterprise = await enterprises.by_public_token(token)
        return render(
            request,
            "core/public_page.html",
            enterprise=enterprise,
            sections=await public.sections(enterprise),
        )

    @get("/enterprises/{enterprise_id:int}/public-page")
    async def public_page_poster(self, request: Request, context: Context) -> Template:
        url = f"{get_settings().base_url}/p/{context.enterprise.public_token}"
        return render(
            request,
            "core/public_poster.html",
            ectx=context,
            enterprise=context.enterprise,
            url=url,
            qr=segno.make_qr(url, error="m").svg_inline(scale=8, title=url),
        )


ROUTES = [
    AuthController,
    HomeController,
    EnterpriseController,
    OrgUnitController,
    RosterController,
    RosterFileController,
    UserAdminController,
    PublicPageController,
]
