"""The `labour-democracy` command."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import click

from labour_democracy.settings import ConfigurationError, get_settings, served_base_url


def _run(coroutine):
    """Run a command's coroutine, then close the pooled connections (their threads would
    otherwise keep the process alive)."""
    from labour_democracy import db

    async def run_and_close():
        try:
            return await coroutine
        finally:
            await db.close_pool()

    return asyncio.run(run_and_close())


@click.group()
def main() -> None:
    """labour-democracy: worker conferences, dialogue, agreements and disclosures."""
    try:
        get_settings()
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error
    # Every command sees the installed modules (their reminders, documents, demo data), whether
    # or not it builds the web app.
    from labour_democracy.modules import install

    install()


async def _migrate() -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    import labour_democracy.piccolo_conf  # noqa: F401  (engine and apps)
    from labour_democracy.core.admin_units import load_communes, load_provinces

    result = await run_forwards("all")
    if not result.success:
        raise click.ClickException(f"Migrations failed: {result.message}")
    await load_provinces()
    await load_communes()


@main.command()
def migrate() -> None:
    """Apply every migration and load the shipped reference data (provinces, communes)."""
    _run(_migrate())
    click.echo("Database is up to date.")


@main.command()
@click.option("--if-empty", is_flag=True, help="Only when no demo data exists yet.")
def demo(if_empty: bool) -> None:
    """Load demo enterprises, a roster and one login per role."""
    from labour_democracy.core.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_exists, load_demo

    async def load() -> bool:
        existed = await demo_exists()
        await load_demo()
        return existed

    existed = _run(load())
    if not (if_empty and existed):
        click.echo("Demo data loaded." if not existed else "Demo data was already there.")
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for login in DEMO_LOGINS:
        click.echo(f"  {login.email:<24} {login.role}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
@click.option("--reload", is_flag=True)
def serve(host: str, port: int, workers: int, reload: bool) -> None:
    """Serve the web application (several worker processes need PostgreSQL)."""
    import uvicorn

    if workers < 1:
        raise click.BadParameter("at least 1", param_hint="--workers")
    if workers > 1 and get_settings().is_sqlite:
        # SQLite's writes queue on a lock inside one process (db.PooledSQLiteEngine) and the
        # vote writer batches within a process; several processes would fight over the file's
        # lock with timeouts instead. One process already uses every write SQLite can do.
        raise click.ClickException(
            "--workers above 1 needs PostgreSQL: SQLite has one writer, so serve it from one "
            "process (set LD_DATABASE_URL=postgresql://... to run several; see "
            "docs/deployment.md)."
        )

    if not os.environ.get("LD_BASE_URL"):
        # QR codes and links point where this server answers, not to a fixed port 8000; the
        # worker processes inherit the variable.
        os.environ["LD_BASE_URL"] = served_base_url(host, port)
        get_settings.cache_clear()
    click.echo(f"Serving on http://{host}:{port}")
    click.echo(f"Printed QR codes and links point to {get_settings().base_url} (LD_BASE_URL).")
    uvicorn.run(
        "labour_democracy.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        proxy_headers=True,
        log_level="info",
        access_log=False,
    )


@main.command("create-user")
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.option("--role", type=click.Choice(["admin", "federation", "hr", "union"]), required=True)
@click.option("--enterprise-tax-code", default=None, help="For hr and union.")
@click.option("--province-code", default=None, help="For federation, e.g. 24.")
@click.password_option()
def create_user(email, full_name, role, enterprise_tax_code, province_code, password) -> None:
    """Create a user with one role."""
    from labour_democracy.core import users
    from labour_democracy.core.errors import Invalid
    from labour_democracy.core.permissions import SYSTEM
    from labour_democracy.core.schemas import MembershipForm, UserForm
    from labour_democracy.core.tables import Enterprise, Province, Role
    from labour_democracy.db import write_transaction

    async def create() -> int:
        enterprise = province = None
        if enterprise_tax_code:
            row = (
                await Enterprise.select(Enterprise.id)
                .where(Enterprise.tax_code == enterprise_tax_code)
                .first()
            )
            enterprise = row["id"] if row else -1
        if province_code:
            row = await Province.select(Province.id).where(Province.code == province_code).first()
            province = row["id"] if row else -1
        # One transaction: a refused role must not leave a user without a role behind.
        async with write_transaction():
            user_id = await users.create_user(
                SYSTEM, UserForm(email=email, full_name=full_name, password=password)
            )
            await users.add_membership(
                SYSTEM,
                user_id,
                # The command names the role itself: that is the confirmation.
                MembershipForm(
                    role=Role(role), enterprise=enterprise, province=province, confirm_admin=True
                ),
            )
        return user_id

    try:
        user_id = _run(create())
    except Invalid as error:  # the command line: the reasons are printed, no page
        raise click.ClickException(str(error)) from error
    click.echo(f"User {user_id} created.")


@main.group()
def audit() -> None:
    """The audit log."""


@audit.command("verify")
@click.option(
    "--anchor",
    "anchor_text",
    default=None,
    metavar="ENTRIES·HASH",
    help="Check against an anchor copied from an issued document (e.g. 125·3fa9c1d2e4b5f6a7) "
    "instead of the data directory's anchor file.",
)
def audit_verify(anchor_text: str | None) -> None:
    """Check every entry's keyed hash, the chain and the anchor; report what is changed or
    missing."""
    from labour_democracy.core import audit

    anchor = None
    if anchor_text:
        entries, _, head = anchor_text.replace(":", "·").partition("·")
        if not (entries.strip().isdigit() and len(head.strip()) >= 8):
            raise click.BadParameter("write it as ENTRIES·HASH, e.g. 125·3fa9c1d2e4b5f6a7")
        anchor = audit.Anchor(int(entries), head.strip().lower())
    report = _run(audit.verify(anchor=anchor))
    for problem in report.problems:
        click.echo(f"PROBLEM: {problem}")
    click.echo(f"{report.entries} entries, head {report.head}")
    if report.anchor is None:
        click.echo(
            f"No anchor at {audit.anchor_path()}: the newest entries cannot be checked. "
            "Compare the head with the line printed on the latest issued document."
        )
    else:
        click.echo(f"Anchor: {report.anchor.entries} entries, head {report.anchor.head}")
    if not report.ok:
        sys.exit(1)
    click.echo("The audit log is intact.")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def backup(file: Path) -> None:
    """Write every table to FILE (a zip of JSON lines), consistent while the app runs."""
    from labour_democracy.core import backup as backups

    manifest = _run(backups.backup(file))
    rows = sum(manifest["tables"].values())
    click.echo(f"{rows} rows of {len(manifest['tables'])} tables written to {file}.")
    head = manifest["audit"]
    click.echo(f"Audit log: {head['entries']} entries, head {head['head']}")
    click.echo("Keep LD_SECRET_KEY with your backups, apart from them: a restore needs it.")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore(file: Path) -> None:
    """Restore FILE into this database, which must be new: made by `migrate`, no data yet."""
    from labour_democracy.core import backup as backups

    try:
        report = _run(backups.restore(file))
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{sum(report.tables.values())} rows of {len(report.tables)} tables restored.")
    for problem in report.audit.problems:
        click.echo(f"PROBLEM: {problem}")
    if not report.audit.ok:
        sys.exit(1)
    click.echo(f"The audit log is intact: {report.audit.entries} entries, head {report.audit.head}")


@main.group()
def communes() -> None:
    """Commune-level administrative units."""


@communes.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def communes_import(csv_file: Path) -> None:
    """Import communes from a CSV with the columns code, name, province_code."""
    from labour_democracy.core.admin_units import import_communes
    from labour_democracy.core.errors import Invalid
    from labour_democracy.core.permissions import SYSTEM

    try:
        count = _run(import_communes(SYSTEM, csv_file.read_text(encoding="utf-8")))
    except Invalid as error:  # the command line: the reasons are printed, no page
        raise click.ClickException(str(error)) from error
    click.echo(f"{count} communes imported.")


@main.group()
def ballots() -> None:
    """Votes and consultations."""


@ballots.command("recount")
@click.argument("ballot_id", type=int)
def ballots_recount(ballot_id: int) -> None:
    """Count a closed ballot again from its stored votes and compare with the kept result."""
    from labour_democracy.voting import tally
    from labour_democracy.voting.tables import Ballot

    async def recount():
        stored = (
            await Ballot.select(Ballot.status, Ballot.result_hash)
            .where(Ballot.id == ballot_id)
            .first()
        )
        if stored is None:
            raise click.ClickException(f"No ballot {ballot_id}.")
        return stored, await tally.count(ballot_id)

    stored, result = _run(recount())
    _text, digest = tally.seal(result)
    click.echo(f"ballot: {ballot_id}")
    click.echo(f"electorate: {result.electorate}")
    click.echo(f"cast: {result.cast}")
    for question in result.questions:
        votes = ", ".join(f"{o.label}={o.votes}" for o in question.options)
        click.echo(
            f"question {question.position}: valid={question.valid} "
            f"invalid={question.invalid} {votes}"
        )
    click.echo(f"hash: {digest}")
    if stored["result_hash"] is None:
        click.echo(f"The ballot is {stored['status']}: no result was kept yet.")
    elif stored["result_hash"] == digest:
        click.echo("The recount matches the result kept at closing.")
    else:
        click.echo(f"MISMATCH: the result kept at closing has hash {stored['result_hash']}.")
        sys.exit(1)


@main.command("check-templates")
def check_templates() -> None:
    """Render every .docx template with sample data; fail on a missing or unknown variable."""
    from labour_democracy.documents.checks import check_templates as run_checks

    results = run_checks()
    for result in results:
        source = f"  ({result.source})" if result.source else ""
        if result.problems:
            for problem in result.problems:
                click.echo(f"FAIL {result.template}: {problem}{source}")
        else:
            click.echo(f"ok   {result.template}{source}")
    failed = sum(1 for result in results if result.problems)
    if failed:
        raise click.ClickException(f"{failed} of {len(results)} templates have problems.")
    click.echo(f"All {len(results)} templates render.")


@main.group()
def documents() -> None:
    """Official documents."""


@documents.command("build")
def documents_build() -> None:
    """Rewrite the shipped .docx templates from their builders (commit the files it writes)."""
    from labour_democracy.documents.build import build_all

    for path in build_all(get_settings().document_templates):
        click.echo(f"wrote {path}")


@documents.command("samples")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--no-pdf", is_flag=True, help="Only the .docx files.")
def documents_samples(directory: Path, no_pdf: bool) -> None:
    """Write one of every document the app can issue into DIRECTORY (.docx, and .pdf where
    LibreOffice is installed), filled with each module's sample data; LD_TEMPLATE_DIR's
    overrides are used."""
    from labour_democracy.documents import pdf
    from labour_democracy.documents.samples import write_samples

    results = _run(write_samples(directory, with_pdf=not no_pdf))
    for result in results:
        if result.error:
            click.echo(f"FAIL {result.name}: {result.error}")
        else:
            made = [result.docx] + ([result.pdf] if result.pdf else [])
            click.echo("wrote " + ", ".join(str(path) for path in made))
    if not no_pdf and not pdf.is_available():
        click.echo("No PDF: LibreOffice (soffice) is not installed.")
    failed = sum(1 for result in results if result.error)
    if failed:
        raise click.ClickException(f"{failed} of {len(results)} documents failed.")


@main.group()
def reminders() -> None:
    """Deadlines of the enterprises."""


@reminders.command("send")
@click.option("--days", default=3, show_default=True, help="Send what is due within DAYS.")
def reminders_send(days: int) -> None:
    """E-mail each HR and union user a digest of overdue and soon-due items (run it daily)."""
    from labour_democracy import i18n
    from labour_democracy.core import reminders as due
    from labour_democracy.core.permissions import SYSTEM
    from labour_democracy.core.scope import EnterpriseContext
    from labour_democracy.core.tables import Enterprise, Membership, Role

    settings = get_settings()

    async def send() -> tuple[int, int]:
        sent = skipped = 0
        for enterprise in await Enterprise.objects():
            context = EnterpriseContext(SYSTEM, enterprise, frozenset({Role.ADMIN}))
            people = await Membership.select(
                Membership.user.email.as_alias("email"),
                Membership.user.language.as_alias("language"),
            ).where(
                (Membership.enterprise == enterprise.id)
                & Membership.role.is_in([Role.HR, Role.UNION])
                & Membership.user.is_active.eq(True)
            )
            for person in people:
                with i18n.language(person["language"] or settings.default_language):
                    agenda = await due.agenda(context, horizon_days=days)
                    items = agenda.overdue + agenda.soon
                    if not items:
                        continue
                    lines = [
                        f"- {i18n.format_date(item.due_on)}: {item.title} "
                        f"({settings.base_url}{item.url})"
                        for item in items
                    ]
                    subject = i18n.gettext("Deadlines for {enterprise}").format(
                        enterprise=enterprise.name
                    )
                    delivered = due.send_digest(settings, [person["email"]], subject, lines)
                    sent, skipped = sent + delivered, skipped + (not delivered)
                    click.echo(
                        f"{person['email']} ({enterprise.name}): {len(agenda.overdue)} overdue, "
                        f"{len(agenda.soon)} due soon: {'sent' if delivered else 'not sent'}"
                    )
        return sent, skipped

    sent, skipped = _run(send())
    click.echo(f"{sent} digests sent, {skipped} not sent (SMTP not configured or refused).")
