"""Use cases of the democracy regulation (Decree 145/2020 Arts. 37(2), 42-48): build a version
from its chapters, consult on it, answer the comments, issue, publish, revise.

The dialogue chapter is read from the dialogue module (`dialogue.regulation.settings_for`), which
keeps it; this module never copies it into its own tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from labour_democracy.core import audit, throttle
from labour_democracy.core.enterprises import workforce
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import regulation as dialogue_regulation
from labour_democracy.documents import services as issuing
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.workplace_rules import documents, rules
from labour_democracy.workplace_rules.permissions import (
    COMMENT_RULES,
    EDIT_RULES,
    VIEW_RULES,
    chapters_may_change,
)
from labour_democracy.workplace_rules.schemas import (
    ChapterForm,
    CommentForm,
    ConsultationForm,
    DecisionForm,
    IssueForm,
    PublicCommentForm,
)
from labour_democracy.workplace_rules.settings import soe_rules
from labour_democracy.workplace_rules.tables import (
    CommentStatus,
    RegulationChapter,
    RegulationComment,
    RegulationStatus,
    RegulationVersion,
)

MATTER_COLUMNS = {
    "comment": RegulationVersion.comment_matters,
    "decide": RegulationVersion.decide_matters,
    "supervise": RegulationVersion.supervise_matters,
}


def require(context: EnterpriseContext, permission) -> None:
    if not context.can(permission):
        raise Forbidden


async def state_owned(context: EnterpriseContext) -> bool:
    """Which chapters apply: Law 10/2022's for a state-owned enterprise or one that opted in."""
    return await soe_rules(context.enterprise)


@dataclass
class ChapterView:
    key: str
    title: str
    article: str
    default_text: str
    text: str
    from_dialogue: bool = False
    legal_matters: tuple[str, ...] = ()
    matters: list[str] = field(default_factory=list)
    restricted: list[str] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return not self.text.strip()


@dataclass
class RegulationView:
    version: RegulationVersion
    chapters: list[ChapterView]
    comments: list[RegulationComment]
    versions: list[dict]
    workforce: int

    @property
    def missing(self) -> list[ChapterView]:
        return [c for c in self.chapters if c.missing]

    @property
    def restricted(self) -> list[ChapterView]:
        return [c for c in self.chapters if c.restricted]

    @property
    def pending(self) -> int:
        return sum(1 for c in self.comments if c.status == CommentStatus.PENDING)

    @property
    def required(self) -> bool:
        return rules.regulation_required(self.workforce)

    @property
    def may_issue(self) -> bool:
        return self.version.status == RegulationStatus.CONSULTING and rules.may_issue(
            True, self.pending, len(self.missing) + len(self.restricted)
        )


def _matters(value: str) -> list[str]:
    return [part for part in (value or "").split(",") if part]


async def current_version(enterprise_id: int) -> RegulationVersion | None:
    """The newest version (draft or not)."""
    return (
        await RegulationVersion.objects()
        .where(RegulationVersion.enterprise == enterprise_id)
        .order_by(RegulationVersion.number, ascending=False)
        .first()
    )


async def published_version(enterprise_id: int) -> RegulationVersion | None:
    return (
        await RegulationVersion.objects()
        .where(
            (RegulationVersion.enterprise == enterprise_id)
            & (RegulationVersion.status == RegulationStatus.PUBLISHED)
        )
        .order_by(RegulationVersion.number, ascending=False)
        .first()
    )


async def consulting_version(enterprise_id: int) -> RegulationVersion | None:
    return (
        await RegulationVersion.objects()
        .where(
            (RegulationVersion.enterprise == enterprise_id)
            & (RegulationVersion.status == RegulationStatus.CONSULTING)
        )
        .first()
    )


async def for_workers(enterprise) -> tuple[RegulationVersion | None, list[ChapterView]]:
    """What the workers' page shows: the draft under consultation, else the published version
    (no account: nothing of other enterprises, nothing of a draft not yet sent)."""
    version = await consulting_version(enterprise.id) or await published_version(enterprise.id)
    return version, (await _chapters(version) if version else [])


async def _dialogue_text(enterprise_id: int) -> str:
    settings = await dialogue_regulation.settings_for(enterprise_id)
    return rules.dialogue_chapter_text(
        settings.periodic_per_year, settings.periodic_months, settings.event_reply_days
    )


async def _chapters(version: RegulationVersion) -> list[ChapterView]:
    stored = {
        row["key"]: row["text"]
        for row in await RegulationChapter.select(
            RegulationChapter.key, RegulationChapter.text
        ).where(RegulationChapter.version == version.id)
    }
    views = []
    for chapter in rules.required_chapters(version.state_owned):
        if chapter.key == "dialogue":
            text = stored.get("dialogue") or await _dialogue_text(version.enterprise)
        else:
            text = stored.get(chapter.key, "")
        matters = _matters(getattr(version, f"{chapter.key}_matters", "") or "")
        views.append(
            ChapterView(
                key=chapter.key,
                title=chapter.title,
                article=chapter.article,
                default_text=chapter.default_text,
                text=text,
                from_dialogue=chapter.key == "dialogue",
                legal_matters=chapter.legal_matters,
                matters=matters,
                restricted=rules.restricted_matters(chapter.legal_matters, matters)
                if chapter.legal_matters and text.strip()
                else [],
            )
        )
    return views


async def _ensure_version(context: EnterpriseContext) -> RegulationVersion:
    version = await current_version(context.enterprise_id)
    if version is not None:
        return version
    require(context, EDIT_RULES)
    soe = await state_owned(context)
    version = RegulationVersion(
        enterprise=context.enterprise_id,
        number=1,
        state_owned=soe,
        comment_matters=",".join(rules.SOE_COMMENT_MATTERS if soe else rules.COMMENT_MATTERS),
        decide_matters=",".join(rules.SOE_DECIDE_MATTERS if soe else rules.DECIDE_MATTERS),
        supervise_matters=",".join(rules.SUPERVISE_MATTERS),
        created_by=context.actor.id,
    )
    async with write_transaction():
        await version.save()
        await audit.record(
            context.actor,
            "regulation.created",
            "regulation_version",
            version.id,
            context.enterprise_id,
        )
    return version


async def overview(context: EnterpriseContext, version_id: int | None = None) -> RegulationView:
    """The newest version (made empty on first visit by HR) or one named, with what is missing."""
    require(context, VIEW_RULES)
    if version_id is not None:
        version = await get_owned(context, RegulationVersion, version_id)
    elif context.can(EDIT_RULES):
        version = await _ensure_version(context)
    else:
        version = await current_version(context.enterprise_id)
        if version is None:
            version = RegulationVersion(
                enterprise=context.enterprise_id, state_owned=await state_owned(context), number=0
            )
    comments = []
    if version.id is not None:
        comments = (
            await RegulationComment.objects()
            .where(RegulationComment.version == version.id)
            .order_by(RegulationComment.id)
        )
    return RegulationView(
        version=version,
        chapters=await _chapters(version) if version.id else [],
        comments=comments,
        versions=await versions(context.enterprise_id),
        workforce=(await workforce(context.enterprise_id)).count,
    )


async def versions(enterprise_id: int) -> list[dict]:
    return (
        await RegulationVersion.select(
            RegulationVersion.id,
            RegulationVersion.number,
            RegulationVersion.status,
            RegulationVersion.issued_on,
            RegulationVersion.published_on,
            RegulationVersion.decision_document,
            RegulationVersion.regulation_document,
            RegulationVersion.decision_document.reference.as_alias("decision_reference"),
            RegulationVersion.regulation_document.reference.as_alias("regulation_reference"),
        )
        .where(RegulationVersion.enterprise == enterprise_id)
        .order_by(RegulationVersion.number, ascending=False)
    )


async def _editable(context: EnterpriseContext, version_id: int) -> RegulationVersion:
    require(context, EDIT_RULES)
    version = await get_owned(context, RegulationVersion, version_id)
    if not chapters_may_change(version.status):
        raise Conflict(_("This version is issued: revise it to change its text."))
    return version


async def save_chapter(
    context: EnterpriseContext, version_id: int, key: str, form: ChapterForm
) -> None:
    version = await _editable(context, version_id)
    chapter = rules.chapter(key, version.state_owned)
    if chapter is None:
        raise Invalid({"text": _("This regulation has no such chapter.")})
    if key == "dialogue":  # kept by the dialogue module (Decree 145 Art. 37(2))
        raise Invalid({"text": _("Edit the dialogue part on the dialogue's regulation page.")})
    if len(form.text) > 50_000:
        raise Invalid({"text": _("At most {n} characters.").format(n=50_000)})
    errors: dict[str, str] = {}
    if chapter.legal_matters:
        restricted = rules.restricted_matters(chapter.legal_matters, form.matters)
        if restricted and form.text.strip():
            errors["matters"] = _(
                "A regulation may extend the workers' rights but not restrict them (Law "
                "10/2022/QH15, Art. 82(3)): keep every matter the law lists."
            )
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        existing = (
            await RegulationChapter.objects()
            .where((RegulationChapter.version == version.id) & (RegulationChapter.key == key))
            .first()
        )
        if existing:
            existing.text = form.text.strip()
            await existing.save()
        else:
            await RegulationChapter(version=version.id, key=key, text=form.text.strip()).save()
        if key in MATTER_COLUMNS:
            await RegulationVersion.update({MATTER_COLUMNS[key]: ",".join(form.matters)}).where(
                RegulationVersion.id == version.id
            )
        await audit.record(
            context.actor,
            "regulation.chapter_saved",
            "regulation_version",
            version.id,
            context.enterprise_id,
            chapter=key,
        )


async def use_defaults(context: EnterpriseContext, version_id: int) -> int:
    """Fill every empty chapter with the law's default text; returns how many were filled."""
    version = await _editable(context, version_id)
    filled = 0
    for view in await _chapters(version):
        if view.missing and view.default_text:
            await save_chapter(
                context,
                version_id,
                view.key,
                ChapterForm(text=view.default_text, matters=list(view.legal_matters)),
            )
            filled += 1
    return filled


async def start_consultation(
    context: EnterpriseContext, version_id: int, form: ConsultationForm
) -> None:
    """Send the draft to the representative organisations and the dialogue group (Art. 48(2))."""
    version = await _editable(context, version_id)
    if version.status != RegulationStatus.DRAFT:
        raise Conflict(_("The consultation has already started."))
    if not form.consulted_bodies.strip():
        raise Invalid({"consulted_bodies": _("Name who receives the draft for comments.")})
    if len(form.consulted_bodies) > 500:
        raise Invalid({"consulted_bodies": _("At most {n} characters.").format(n=500)})
    if form.started_on > today():
        raise Invalid({"started_on": _("This date cannot be in the future.")})
    async with write_transaction():
        await RegulationVersion.update(
            {
                RegulationVersion.status: RegulationStatus.CONSULTING,
                RegulationVersion.consulted_bodies: form.consulted_bodies.strip(),
                RegulationVersion.consultation_started_on: form.started_on,
            }
        ).where(RegulationVersion.id == version.id)
        await audit.record(
            context.actor,
            "regulation.consultation",
            "regulation_version",
            version.id,
            context.enterprise_id,
        )


async def add_comment(context: EnterpriseContext, version_id: int, form: CommentForm) -> int:
    """Record a comment on the draft: the union's, a worker's, or one received on paper."""
    require(context, COMMENT_RULES)
    version = await get_owned(context, RegulationVersion, version_id)
    if version.status != RegulationStatus.CONSULTING:
        raise Conflict(_("Comments are recorded while the draft is under consultation."))
    errors = {}
    if not form.author.strip() or len(form.author) > 255:
        errors["author"] = _("Name who made the comment (at most 255 characters).")
    if not form.body.strip() or len(form.body) > 10_000:
        errors["body"] = _("Write the comment (at most 10,000 characters).")
    if form.chapter_key and rules.chapter(form.chapter_key, version.state_owned) is None:
        errors["chapter_key"] = _("Choose one of the chapters offered.")
    if errors:
        raise Invalid(errors)
    comment = RegulationComment(
        enterprise=context.enterprise_id,
        version=version.id,
        chapter_key=form.chapter_key,
        author=form.author.strip(),
        body=form.body.strip(),
        received_on=form.received_on or today(),
    )
    async with write_transaction():
        await comment.save()
        await audit.record(
            context.actor,
            "regulation.comment",
            "regulation_comment",
            comment.id,
            context.enterprise_id,
        )
    return comment.id


# A worker comments from the public page without an account: a few comments an hour from one
# address are free, then each waits longer (core/throttle.py), so the list cannot be flooded.
PUBLIC_COMMENTS = throttle.Policy(free=10, first_delay=60, max_delay=3600)


async def add_public_comment(enterprise, form: PublicCommentForm, client: str) -> None:
    """A worker's comment on the draft under consultation, from the workers' page (Decree 145
    Art. 44(2): workers comment directly). Anonymous unless they sign it."""
    version = await consulting_version(enterprise.id)
    if version is None:
        raise Conflict(_("Comments are recorded while the draft is under consultation."))
    errors = {}
    if len(form.author) > 255:
        errors["author"] = _("At most {n} characters.").format(n=255)
    if not form.body.strip() or len(form.body) > 10_000:
        errors["body"] = _("Write the comment (at most 10,000 characters).")
    if form.chapter_key and rules.chapter(form.chapter_key, version.state_owned) is None:
        errors["chapter_key"] = _("Choose one of the chapters offered.")
    if errors:
        raise Invalid(errors)
    try:
        await throttle.claim((throttle.key("regulation-comment", client), PUBLIC_COMMENTS))
    except throttle.Throttled as waiting:
        raise Invalid(
            {
                "body": _("Many comments came from this connection. Try again in {wait}.").format(
                    wait=throttle.wait_words(waiting.seconds)
                )
            }
        ) from None
    comment = RegulationComment(
        enterprise=enterprise.id,
        version=version.id,
        chapter_key=form.chapter_key,
        author=form.author.strip() or "Người lao động (không ghi tên)",
        body=form.body.strip(),
        received_on=today(),
    )
    async with write_transaction():
        await comment.save()


async def decide_comment(context: EnterpriseContext, comment_id: int, form: DecisionForm) -> None:
    """Take a comment up, or not with its reason (Decree 145 Art. 48(2))."""
    require(context, EDIT_RULES)
    comment = await get_owned(context, RegulationComment, comment_id)
    await _editable(context, comment.version)
    if form.decision not in ("accept", "reject"):
        raise Invalid({"decision": _("Choose one of the options offered.")})
    if form.decision == "reject" and not rules.rejection_reason_valid(form.reason):
        raise Invalid(
            {
                "reason": _(
                    "Give the reason the comment is not taken up (Decree 145/2020/NĐ-CP, Art. "
                    "48(2))."
                )
            }
        )
    if len(form.reason) > 5_000:
        raise Invalid({"reason": _("At most {n} characters.").format(n=5_000)})
    status = CommentStatus.ACCEPTED if form.decision == "accept" else CommentStatus.REJECTED
    async with write_transaction():
        await RegulationComment.update(
            {
                RegulationComment.status: status,
                RegulationComment.reason: form.reason.strip(),
                RegulationComment.decided_by: context.actor.id,
            }
        ).where(RegulationComment.id == comment.id)
        await audit.record(
            context.actor,
            "regulation.comment_decided",
            "regulation_comment",
            comment.id,
            context.enterprise_id,
            status=status.value,
        )


async def issue(context: EnterpriseContext, version_id: int, form: IssueForm) -> None:
    """Sign the decision and the regulation: refused before the consultation, with a comment
    unanswered, a chapter missing or a right restricted (Decree 145 Art. 48; Law 10/2022 Art.
    82(3))."""
    require(context, EDIT_RULES)
    view = await overview(context, version_id)
    version = view.version
    if version.status == RegulationStatus.DRAFT:
        raise Invalid(
            {
                "": _(
                    "Consult the workers' representatives on the draft before issuing it "
                    "(Decree 145/2020/NĐ-CP, Art. 48(2))."
                )
            }
        )
    if version.status != RegulationStatus.CONSULTING:
        raise Conflict(_("This version is already issued."))
    if view.missing:
        raise Invalid(
            {
                "": _("Some chapters are still empty: {names}.").format(
                    names=", ".join(c.title for c in view.missing)
                )
            }
        )
    if view.restricted:
        raise Invalid(
            {"": _("A chapter leaves out a right the law gives (Law 10/2022/QH15, Art. 82(3)).")}
        )
    if view.pending:
        raise Invalid(
            {"": _("Answer every comment first: take it up, or give the reason it is not.")}
        )
    errors = {}
    if form.issued_on > today() or (
        version.consultation_started_on and form.issued_on < version.consultation_started_on
    ):
        errors["issued_on"] = _("Issue on a day between the consultation and today.")
    if not form.signer_title.strip() or len(form.signer_title) > 255:
        errors["signer_title"] = _("Enter the signer's title.")
    if not form.signer_name.strip() or len(form.signer_name) > 255:
        errors["signer_name"] = _("Enter the signer's name.")
    if form.issued_on.year != today().year:
        errors["issued_on"] = _("Date the decision in this year (Decree 30/2020/NĐ-CP, Art. 15).")
    if errors:
        raise Invalid(errors)
    head = await issuing.letterhead(context)
    common = {
        "issuer": head.issuer,
        "place": head.place,
        "on": form.issued_on,
        "signer_title": form.signer_title,
        "signer_name": form.signer_name,
    }
    async with write_transaction():
        decision = await issuing.issue(
            context,
            kind=documents.DECISION_KIND,
            type_code="QĐ",
            title="Quyết định ban hành Quy chế dân chủ ở cơ sở tại nơi làm việc",
            template=documents.DECISION,
            document_context=documents.decision_context(**common, version=version.number),
            on=form.issued_on,
        )
        regulation = await issuing.issue(
            context,
            kind=documents.REGULATION_KIND,
            type_code="QC",
            title="Quy chế dân chủ ở cơ sở tại nơi làm việc",
            template=documents.REGULATION,
            document_context=documents.regulation_context(
                **common,
                decision_reference=decision.reference,
                chapters=[
                    {"title": c.title, "article": c.article, "text": c.text} for c in view.chapters
                ],
            ),
            on=form.issued_on,
        )
        # The dialogue chapter is printed as the dialogue settings stand today: keep that text
        # with the version, so a later change of the settings leaves the issued version as it was.
        dialogue = next(c for c in view.chapters if c.from_dialogue)
        await RegulationChapter.delete().where(
            (RegulationChapter.version == version.id) & (RegulationChapter.key == "dialogue")
        )
        await RegulationChapter(version=version.id, key="dialogue", text=dialogue.text).save()
        await RegulationVersion.update(
            {
                RegulationVersion.status: RegulationStatus.ISSUED,
                RegulationVersion.issued_on: form.issued_on,
                RegulationVersion.signer_title: form.signer_title.strip(),
                RegulationVersion.signer_name: form.signer_name.strip(),
                RegulationVersion.decision_document: decision.id,
                RegulationVersion.regulation_document: regulation.id,
            }
        ).where(RegulationVersion.id == version.id)
        await audit.record(
            context.actor,
            "regulation.issued",
            "regulation_version",
            version.id,
            context.enterprise_id,
            decision=decision.id,
            regulation=regulation.id,
        )


async def publish(context: EnterpriseContext, version_id: int) -> None:
    """Publicise the issued regulation to the workers (Art. 48(3)): it shows on the public page
    and the earlier published version is superseded."""
    require(context, EDIT_RULES)
    version = await get_owned(context, RegulationVersion, version_id)
    if version.status != RegulationStatus.ISSUED:
        raise Conflict(_("Only an issued regulation is published."))
    async with write_transaction():
        await RegulationVersion.update(
            {RegulationVersion.status: RegulationStatus.SUPERSEDED}
        ).where(
            (RegulationVersion.enterprise == context.enterprise_id)
            & (RegulationVersion.status == RegulationStatus.PUBLISHED)
        )
        await RegulationVersion.update(
            {
                RegulationVersion.status: RegulationStatus.PUBLISHED,
                RegulationVersion.published_on: today(),
            }
        ).where(RegulationVersion.id == version.id)
        await audit.record(
            context.actor,
            "regulation.published",
            "regulation_version",
            version.id,
            context.enterprise_id,
        )


async def revise(context: EnterpriseContext) -> int:
    """Start a new version from the published one: same chapters, consulted again."""
    require(context, EDIT_RULES)
    latest = await current_version(context.enterprise_id)
    if latest is None or latest.status not in (RegulationStatus.PUBLISHED, RegulationStatus.ISSUED):
        raise Conflict(_("A revision starts from an issued or published regulation."))
    # The new draft reads the dialogue chapter from the dialogue settings again.
    chapters = await RegulationChapter.select(RegulationChapter.key, RegulationChapter.text).where(
        (RegulationChapter.version == latest.id) & (RegulationChapter.key != "dialogue")
    )
    version = RegulationVersion(
        enterprise=context.enterprise_id,
        number=latest.number + 1,
        state_owned=await state_owned(context),
        comment_matters=latest.comment_matters,
        decide_matters=latest.decide_matters,
        supervise_matters=latest.supervise_matters,
        created_by=context.actor.id,
    )
    async with write_transaction():
        await version.save()
        for row in chapters:
            await RegulationChapter(version=version.id, key=row["key"], text=row["text"]).save()
        await audit.record(
            context.actor,
            "regulation.revised",
            "regulation_version",
            version.id,
            context.enterprise_id,
            previous=latest.id,
        )
    return version.id
