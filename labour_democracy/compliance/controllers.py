"""The federation's pages: the dashboard (province → upper union → enterprise), the lists of
enterprises and late obligations, XLSX exports, the annual report, the register import,
snapshots and thresholds."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Template

from labour_democracy.compliance import (
    charts,
    dashboard,
    export,
    fact_import,
    facts,
    obligations,
    register,
    report,
    rules,
    snapshots,
)
from labour_democracy.compliance.pages import address, filters
from labour_democracy.compliance.permissions import KEEP_REGISTER, READ_DASHBOARD
from labour_democracy.compliance.schemas import ThresholdForm
from labour_democracy.compliance.tables import Threshold
from labour_democracy.core import labels
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.scope import federation_scope
from labour_democracy.core.tables import Ownership, Province, UpperUnion
from labour_democracy.db import write_transaction
from labour_democracy.documents.controllers import DOCX_TYPE, content_disposition
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.web.forms import read_form
from labour_democracy.web.params import CurrentActor
from labour_democracy.web.responses import flash, redirect, render
from labour_democracy.web.submit import submit

READ = {"permission": READ_DASHBOARD}
KEEP = {"permission": KEEP_REGISTER}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_LIMIT = 10 * 1024 * 1024


def _choices() -> dict[str, Any]:
    return {
        "sectors": list(rules.VSIC_SECTIONS.items()),
        "ownerships": labels.choices(Ownership),
        "sizes": [key for key, _low, _high in rules.SIZE_CLASSES],
        "obligations": obligations.declared(),
    }


def _single_province(v: dashboard.View) -> int | None:
    if v.filters.province is not None:
        return v.filters.province
    if v.province_ids and len(v.province_ids) == 1:
        return v.province_ids[0]
    return None


async def _province_name(province_id: int | None) -> str:
    if province_id is None:
        return ""
    row = await Province.select(Province.name).where(Province.id == province_id).first()
    return row["name"] if row else ""


class ComplianceController(Controller):
    path = "/compliance"

    @get("/", opt=READ)
    async def index(self, request: Request, actor: CurrentActor) -> Template:
        f = filters(request)
        v = await dashboard.view(actor, f)
        province = _single_province(v)
        if province is not None and not v.union_ids:
            await snapshots.keep_due(v, province)
        totals, group, groups = await dashboard.overview(v)
        trend = await dashboard.trend(v)
        headline = totals[0] if totals else None
        return render(
            request,
            "compliance/index.html",
            v=v,
            f=f,
            totals=totals,
            group=group,
            groups=groups,
            trend=trend,
            address=lambda **changes: address(f, **changes),
            province=province,
            province_name=await _province_name(province),
            provinces=await dashboard.province_choices(actor),
            snapshots=await snapshots.listing(province) if province else [],
            rates_chart=charts.bars(
                [(_(line.obligation.label), line.figure.rate) for line in totals],
                _("Rates by obligation"),
            ),
            trend_chart=charts.columns(
                [
                    (
                        str(year),
                        next(
                            li.figure.rate
                            for li in lines
                            if li.obligation.key == headline.obligation.key
                        ),
                    )
                    for year, lines in trend
                ],
                _("Trend by year"),
            )
            if headline
            else "",
            headline=headline,
            held_of=_("%(held)s of %(eligible)s"),
            **_choices(),
        )

    @get("/enterprises", opt=READ)
    async def enterprises(self, request: Request, actor: CurrentActor) -> Template:
        f = filters(request)
        v = await dashboard.view(actor, f)
        query = request.query_params
        page = int(query.get("page") or 1) if (query.get("page") or "1").isdigit() else 1
        obligation = query.get("obligation") or None
        late = query.get("state") == "late"
        if late:
            listing = await dashboard.late(v, obligation, page)
        else:
            listing = await dashboard.enterprises(v, query.get("q"), page)
        base = "/compliance/enterprises?" + address(
            f, state="late" if late else None, obligation=obligation, q=query.get("q")
        )
        return render(
            request,
            "compliance/enterprises.html",
            v=v,
            f=f,
            late=late,
            obligation=obligation,
            listing=listing,
            q=query.get("q") or "",
            base_url=base + "&",
            export_url="/compliance/export.xlsx?"
            + address(f, table="late" if late else "enterprises", obligation=obligation),
            by_key=obligations.by_key(),
            union_name=await _union_name(f.union),
            **_choices(),
        )

    @get("/export.xlsx", opt=READ)
    async def export_xlsx(self, request: Request, actor: CurrentActor) -> Response:
        f = filters(request)
        v = await dashboard.view(actor, f)
        table = request.query_params.get("table") or "figures"
        by_key = obligations.by_key()
        if table == "late":
            listing = await dashboard.late(v, request.query_params.get("obligation"), 1, 100_000)
            header = [
                _("Enterprise"),
                _("Tax code"),
                _("Upper-level union"),
                _("Workers"),
                _("Obligation"),
            ]
            rows = [
                [
                    r["name"],
                    r["tax_code"],
                    r["union_name"],
                    r["workforce"],
                    _(by_key[r["obligation"]].label),
                ]
                for r in listing.rows
            ]
        elif table == "enterprises":
            listing = await dashboard.enterprises(v, None, 1, 100_000)
            keys = list(by_key)
            header = [
                _("Enterprise"),
                _("Tax code"),
                _("Upper-level union"),
                _("Workers"),
                _("Union members"),
                *(_(by_key[k].label) for k in keys),
            ]
            rows = [
                [
                    r["name"],
                    r["tax_code"],
                    r["union_name"],
                    r["workforce"],
                    r["union_members"],
                    *(r["states"].get(k, "") for k in keys),
                ]
                for r in listing.rows
            ]
        else:
            _group, groups = await dashboard.breakdown(v)
            header = [
                _("Name"),
                _("Obligation"),
                _("Done"),
                _("Eligible"),
                _("Rate (%)"),
                _("Items done"),
                _("Items due"),
            ]
            rows = [
                [
                    g.name,
                    _(li.obligation.label),
                    li.figure.held,
                    li.figure.eligible,
                    None if li.figure.rate is None else float(li.figure.rate),
                    li.items.held,
                    li.items.eligible,
                ]
                for g in groups
                for li in g.lines
            ]
        content = export.xlsx(table, header, rows)
        return Response(
            content,
            media_type=XLSX_TYPE,
            headers={"content-disposition": content_disposition(f"compliance-{table}.xlsx")},
        )

    @get("/report.docx", opt=READ)
    async def annual_report(self, request: Request, actor: CurrentActor) -> Response:
        f = filters(request)
        v = await dashboard.view(actor, f)
        province = _single_province(v)
        if province is None:
            flash(request, _("Choose the province of the report."), "error")
            return redirect(request, "/compliance/?" + address(f))
        content = await report.render(v, await _province_name(province), today())
        return Response(
            content,
            media_type=DOCX_TYPE,
            headers={"content-disposition": content_disposition(f"bao-cao-dan-chu-{f.year}.docx")},
        )

    @get("/snapshot", opt=READ)
    async def snapshot(self, request: Request, actor: CurrentActor) -> Response:
        raw = request.query_params.get("id") or ""
        scope = federation_scope(actor)
        if not raw.isdigit():
            return redirect(request, "/compliance/")
        if scope.is_empty or scope.province_ids == ():
            raise NotFound
        row = await snapshots.get(int(raw), scope.province_ids)
        return render(
            request,
            "compliance/snapshot.html",
            snapshot=row,
            province_name=await _province_name(row["province"]),
        )

    @post("/snapshots", opt=KEEP)
    async def take_snapshot(self, request: Request, actor: CurrentActor) -> Response:
        f = filters(request)
        v = await dashboard.view(actor, f)
        province = _single_province(v)
        if province is None:
            raise Invalid({"province": _("Choose the province of the report.")})
        await snapshots.take(v, province, today())
        flash(request, _("The figures of today are kept."))
        return redirect(request, "/compliance/?" + address(f))

    @post("/refresh", opt=KEEP)
    async def refresh(self, request: Request, actor: CurrentActor) -> Response:
        """Read the facts of the enterprises that use the app from their records."""
        f = filters(request)
        scope = federation_scope(actor)
        ids = await register.enter_app_users(
            None if scope.province_ids is None else list(scope.province_ids)
        )
        written = await facts.sync_recorded(ids, f.year)
        flash(request, _("{n} facts were read from the app.").format(n=written))
        return redirect(request, "/compliance/?" + address(f))

    @get("/register", opt=KEEP)
    async def register_page(self, request: Request) -> Template:
        return _register_page(request, errors={}, report=None)

    @post("/register", opt=KEEP, request_max_body_size=UPLOAD_LIMIT)
    async def import_register(self, request: Request, actor: CurrentActor) -> Response:
        data = await read_form(request)
        chosen = data.get("file")
        if not isinstance(chosen, UploadFile):
            return _register_page(
                request,
                422,
                errors={"file": _("Choose a .xlsx or .csv file.")},
                report=None,
            )
        try:
            result = await register.import_register(
                actor, federation_scope(actor), await chosen.read()
            )
        except register.RegisterRejected as rejected:
            return _register_page(
                request,
                422,
                errors={"": str(rejected)},
                report=rejected.report,
            )
        except Invalid as error:
            return _register_page(request, 422, errors=error.errors, report=None)
        flash(
            request,
            _("{added} enterprises added and {updated} updated.").format(
                added=result.added, updated=result.updated
            ),
        )
        return redirect(request, "/compliance/")

    @post("/facts", opt=KEEP, request_max_body_size=UPLOAD_LIMIT)
    async def import_facts(self, request: Request, actor: CurrentActor) -> Response:
        data = await read_form(request)
        chosen = data.get("file")
        if not isinstance(chosen, UploadFile):
            return _register_page(
                request, 422, errors={"facts": _("Choose a .xlsx or .csv file.")}, report=None
            )
        try:
            written = await fact_import.import_facts(
                actor, federation_scope(actor), await chosen.read()
            )
        except register.RegisterRejected as rejected:
            return _register_page(request, 422, errors={"": str(rejected)}, report=rejected.report)
        except Invalid as error:
            errors = (
                {"facts": error.errors.get("file", "")} if "file" in error.errors else error.errors
            )
            return _register_page(request, 422, errors=errors, report=None)
        flash(request, _("{n} reported facts were imported.").format(n=written))
        return redirect(request, "/compliance/")

    @get("/settings", opt=READ)
    async def settings_page(self, request: Request, actor: CurrentActor) -> Template:
        return await _settings(request, actor, {}, {})

    @post("/settings", opt=KEEP)
    async def save_setting(self, request: Request, actor: CurrentActor) -> Response:
        return await submit(
            request,
            ThresholdForm,
            lambda form: _save_threshold(actor, form),
            form=lambda values, errors: _settings(request, actor, values, errors),
            done="/compliance/settings",
            success=_("The threshold was saved."),
        )


def _register_page(request: Request, status: int = 200, *, errors, report) -> Template:
    return render(
        request,
        "compliance/register.html",
        status,
        errors=errors,
        report=report,
        obligations=obligations.declared(),
    )


async def _union_name(union_id: int | None) -> str:
    if union_id is None:
        return ""
    row = await UpperUnion.select(UpperUnion.name).where(UpperUnion.id == union_id).first()
    return row["name"] if row else ""


def _own_province(actor) -> int:
    scope = federation_scope(actor)
    if not scope.province_ids or len(scope.province_ids) != 1:
        raise Invalid({"": _("Thresholds are set by a province's federation officer.")})
    return scope.province_ids[0]


async def _settings(request, actor, values, errors) -> Template:
    scope = federation_scope(actor)
    province = scope.province_ids[0] if scope.province_ids else None
    current = await obligations.thresholds(province)
    return render(
        request,
        "compliance/settings.html",
        status_code=422 if errors else 200,
        lines=[(o, current[o.key]) for o in obligations.declared()],
        band_choices=[(b, str(b)) for b in obligations.current_bands() if b > 0],
        can_edit=bool(scope.province_ids) and len(scope.province_ids) == 1,
        values=values,
        errors=errors,
    )


async def _save_threshold(actor, form: ThresholdForm) -> None:
    province = _own_province(actor)
    declared = obligations.by_key()
    if form.obligation not in declared:
        raise Invalid({"obligation": _("Choose an obligation.")})
    if form.min_workforce is not None and form.min_workforce not in obligations.current_bands():
        raise Invalid({"min_workforce": _("Choose one of the listed sizes.")})
    async with write_transaction():
        await Threshold.delete().where(
            (Threshold.province == province) & (Threshold.obligation == form.obligation)
        )
        if form.min_workforce is not None:
            await Threshold.insert(
                Threshold(
                    province=province, obligation=form.obligation, min_workforce=form.min_workforce
                )
            )


ROUTES = [ComplianceController]
