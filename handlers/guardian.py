"""A minor's agreement (appendix 3) sent to the parent, who accepts or declines it on the
child's behalf; the programme starts only once the parent has accepted too."""

from __future__ import annotations

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.conversation import Button, Reply
from bot.core.flow import Context, Replies, Router
from bot.core.models import AgreementStatus, Notification, Person, Programme, ProgrammeStatus
from bot.core.refusal import StaleButton
from bot.core.services import consent, programmes
from handlers.buttons import GuardianAnswer
from handlers.common import help_hint
from handlers.notifications import help_button, renderer, shown_name
from handlers.programme import agreement_text

router = Router()


@renderer(programmes.GUARDIAN_AGREEMENT)
async def render_for_parent(
    session: AsyncSession, row: Notification, child: Person
) -> list[Reply] | None:
    """The child's agreement, with Accept / Decline on the child's behalf, while still open."""
    programme = await session.get(Programme, int(row.params.get("programme_id", 0)))
    member = await programmes.membership(session, programme.id, child.id) if programme else None
    if programme is None or member is None or programme.status != ProgrammeStatus.PROPOSED:
        return None
    if member.guardian_agreement != AgreementStatus.PENDING:
        return None
    locale = child.locale
    intro = texts.t("agreement-guardian-intro", locale, child=child.name or "—")
    text = Markup("\n\n").join(
        [intro, await agreement_text(session, programme, locale, child.timezone)]
    )
    buttons = [
        [
            Button(
                texts.t("btn-agreement-guardian-accept", locale),
                GuardianAnswer(True, programme.id, child.id).pack(),
            ),
            Button(
                texts.t("btn-agreement-decline", locale),
                GuardianAnswer(False, programme.id, child.id).pack(),
            ),
        ]
    ]
    return [Reply(text, buttons)]


@renderer("programme-declined-guardian")
async def render_declined(
    session: AsyncSession, row: Notification, person: Person
) -> list[Reply] | None:
    """News that a minor's parent declined the agreement (names looked up when sent)."""
    programme = await session.get(Programme, int(row.params.get("programme_id", 0)))
    if programme is None:
        return None
    child = await session.get(Person, int(row.params.get("child_id", 0)))
    locale = person.locale
    names = " · ".join(
        shown_name(p, locale) for _, p in await programmes.members(session, programme.id)
    )
    text = texts.t(row.template, locale, names=names, child=shown_name(child, locale))
    return [Reply(text, help_button(locale))]


@router.button(GuardianAnswer)
async def guardian_answer(ctx: Context, answer: GuardianAnswer) -> Replies:
    """The parent's answer, from the account their standing consent for the child came from."""
    given = await consent.given_as_parent(ctx.session, ctx.account, active_only=True)
    programme = await ctx.session.get(Programme, answer.programme_id)
    if programme is None or answer.child not in {child.id for _, child in given}:
        raise StaleButton()
    outcome = await programmes.answer_as_guardian(
        ctx.session,
        programme,
        answer.child,
        answer.accept,
        ctx.now,
        remind_at=ctx.settings.reminder_clock,
    )
    return [ctx.reply(f"agreement-guardian-{outcome}", help_hint(ctx))]
