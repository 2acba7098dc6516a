/**
 * What sends a message. Each function finds the recipients, writes the message in each one's
 * language and puts it into the outbox (`notifyUser`); the caller then calls `deliverSoon`.
 * Routes call these after the change they report succeeded, so the minutes, events and concept
 * modules stay free of mail.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import * as table from '../db/schema';
import { roleAllows, roles } from '../auth/roles';
import { eventsToIcs } from '../events/ics';
import { timeZone, todayIn } from '../time';
import type { MessageLocale } from '../../notify-kinds';
import { listCatalogue } from '../concept/measures';
import { approvalAuthority } from '../minutes/approval';
import { deliverSoon, notifyUser, type MessageText, type Recipient } from './outbox';

/** For routes: after a change that succeeded, write its messages and send them. */
export function thenNotify<T extends { ok: boolean }>(db: Db, result: T, notify: () => unknown): T {
	if (result.ok) {
		notify();
		deliverSoon(db);
	}
	return result;
}

const opts = (locale: MessageLocale) => ({ locale });

/** Greeting, body and the footer that says where to switch messages off. */
export function letter(locale: MessageLocale, name: string, body: string, origin: string) {
	return [
		m.notify_greeting({ name }, opts(locale)),
		'',
		body,
		'',
		'-- ',
		m.notify_footer({ link: `${origin}/account#notifications` }, opts(locale))
	].join('\n');
}

/** `2026-12-03T18:00` as "03.12.2026, 18:00" (German) or "2026-12-03 18:00". */
export function formatWhen(startsAt: string, locale: MessageLocale) {
	const day = startsAt.slice(0, 10);
	const time = startsAt.slice(11, 16);
	if (locale === 'en') return `${day} ${time}`;
	const [y, mo, d] = day.split('-');
	return `${d}.${mo}.${y}, ${time} Uhr`;
}

interface EventContext {
	organisation: table.Organisation;
	process: table.Process;
	event: table.Event;
}

function eventContext(db: Db, eventId: number): EventContext | undefined {
	return db
		.select({ organisation: table.organisation, process: table.process, event: table.event })
		.from(table.event)
		.innerJoin(table.process, eq(table.event.processId, table.process.id))
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(eq(table.event.id, eventId))
		.get();
}

const eventPath = (c: EventContext) =>
	`/o/${c.organisation.slug}/p/${c.process.slug}/events/${c.event.id}`;

function userRecipient(db: Db, userId: number): Recipient | undefined {
	const row = db
		.select({ userId: table.user.id, email: table.user.email, name: table.user.name })
		.from(table.user)
		.where(eq(table.user.id, userId))
		.get();
	return row;
}

/**
 * Who may approve the event's minutes, but not the one who submitted them: the members of the
 * approving body whom its rule counts, or, where no body approves, the organisation's members
 * whose role allows it (`minutes/approval`).
 */
export function minutesApprovers(db: Db, context: EventContext, exceptUserId: number | null) {
	const authority = approvalAuthority(db, context.process.id);
	if (authority.kind === 'body') {
		return authority.voters
			.filter((voter) => voter.userId !== exceptUserId)
			.flatMap((voter) => userRecipient(db, voter.userId) ?? []);
	}
	const allowed = roles.filter((role) => roleAllows(role, 'approveMinutes'));
	return db
		.select({ userId: table.user.id, email: table.user.email, name: table.user.name })
		.from(table.membership)
		.innerJoin(table.user, eq(table.membership.userId, table.user.id))
		.where(
			and(
				eq(table.membership.organisationId, context.organisation.id),
				inArray(table.membership.role, allowed),
				...(exceptUserId === null ? [] : [ne(table.user.id, exceptUserId)])
			)
		)
		.all();
}

function findMinutesOf(db: Db, eventId: number, minutesId: number) {
	return db
		.select()
		.from(table.minutes)
		.where(and(eq(table.minutes.id, minutesId), eq(table.minutes.eventId, eventId)))
		.get();
}

/** Who submitted the minutes, as `notifyMinutesSubmitted` recorded it. */
export function submitterOf(db: Db, minutesId: number) {
	return db
		.select({ userId: table.minutesSubmitter.userId })
		.from(table.minutesSubmitter)
		.where(eq(table.minutesSubmitter.minutesId, minutesId))
		.get()?.userId;
}

/** Minutes submitted for approval: a message to each who may approve them. */
export function notifyMinutesSubmitted(
	db: Db,
	input: { eventId: number; minutesId: number; submittedBy: number | null; origin: string }
) {
	const context = eventContext(db, input.eventId);
	const minutes = findMinutesOf(db, input.eventId, input.minutesId);
	if (!context || !minutes || minutes.status !== 'submitted') return [];
	if (input.submittedBy !== null) {
		db.insert(table.minutesSubmitter)
			.values({ minutesId: minutes.id, userId: input.submittedBy })
			.onConflictDoUpdate({
				target: table.minutesSubmitter.minutesId,
				set: { userId: input.submittedBy }
			})
			.run();
	}
	const link = `${input.origin}${eventPath(context)}/minutes`;
	const round = minutes.submittedAt?.getTime() ?? 0;
	return minutesApprovers(db, context, input.submittedBy).flatMap((recipient) => {
		const sent = notifyUser(db, {
			organisationId: context.organisation.id,
			recipient,
			kind: 'approval_waiting',
			dedupeKey: `approval_waiting:minutes:${minutes.id}:${round}:user:${recipient.userId}`,
			write: (locale) => ({
				subject: m.notify_approval_waiting_subject({ event: context.event.title }, opts(locale)),
				text: letter(
					locale,
					recipient.name,
					m.notify_approval_waiting_text(
						{ event: context.event.title, process: context.process.title, link },
						opts(locale)
					),
					input.origin
				),
				link
			})
		});
		return sent ? [sent] : [];
	});
}

/** Minutes approved: a message to whoever submitted them (if recorded and not the approver). */
export function notifyApprovalGiven(
	db: Db,
	input: {
		eventId: number;
		minutesId: number;
		approver: { id: number; name: string };
		origin: string;
	}
) {
	const context = eventContext(db, input.eventId);
	const submitterId = submitterOf(db, input.minutesId);
	if (!context || submitterId === undefined || submitterId === input.approver.id) return;
	const recipient = userRecipient(db, submitterId);
	if (!recipient) return;
	const link = `${input.origin}${eventPath(context)}/minutes`;
	return notifyUser(db, {
		organisationId: context.organisation.id,
		recipient,
		kind: 'approval_given',
		dedupeKey: `approval_given:minutes:${input.minutesId}:user:${recipient.userId}`,
		write: (locale) => ({
			subject: m.notify_approval_given_subject({ event: context.event.title }, opts(locale)),
			text: letter(
				locale,
				recipient.name,
				m.notify_approval_given_text(
					{
						approver: input.approver.name,
						event: context.event.title,
						process: context.process.title,
						link
					},
					opts(locale)
				),
				input.origin
			),
			link
		})
	});
}

/**
 * Minutes refused with a reason and sent back: a message to whoever submitted them. For the
 * approval rules per body, which add the refusal; `refusedAt` tells one refusal from the next.
 */
export function notifyApprovalRefused(
	db: Db,
	input: {
		eventId: number;
		minutesId: number;
		refuser: { id: number; name: string };
		reason: string;
		refusedAt: Date;
		origin: string;
	}
) {
	const context = eventContext(db, input.eventId);
	const submitterId = submitterOf(db, input.minutesId);
	if (!context || submitterId === undefined || submitterId === input.refuser.id) return;
	const recipient = userRecipient(db, submitterId);
	if (!recipient) return;
	const link = `${input.origin}${eventPath(context)}/minutes`;
	return notifyUser(db, {
		organisationId: context.organisation.id,
		recipient,
		kind: 'approval_refused',
		dedupeKey: `approval_refused:minutes:${input.minutesId}:${input.refusedAt.getTime()}:user:${recipient.userId}`,
		write: (locale) => ({
			subject: m.notify_approval_refused_subject({ event: context.event.title }, opts(locale)),
			text: letter(
				locale,
				recipient.name,
				m.notify_approval_refused_text(
					{
						approver: input.refuser.name,
						event: context.event.title,
						process: context.process.title,
						reason: input.reason,
						link
					},
					opts(locale)
				),
				input.origin
			),
			link
		})
	});
}

/** The accounts among the members of the event's body that still belong to the organisation. */
export function bodyMemberAccounts(db: Db, bodyId: number, organisationId: number): Recipient[] {
	return db
		.selectDistinct({ userId: table.user.id, email: table.user.email, name: table.user.name })
		.from(table.bodyMember)
		.innerJoin(table.user, eq(table.bodyMember.userId, table.user.id))
		.innerJoin(
			table.membership,
			and(
				eq(table.membership.userId, table.user.id),
				eq(table.membership.organisationId, organisationId)
			)
		)
		.where(eq(table.bodyMember.bodyId, bodyId))
		.all();
}

function eventIcs(context: EventContext, origin: string) {
	const host = new URL(origin).host;
	return {
		fileName: `sitzung-${context.event.id}.ics`,
		content: eventsToIcs([context.event], {
			calendarName: context.process.title,
			host,
			url: () => `${origin}${eventPath(context)}`
		})
	};
}

function eventBodyName(db: Db, bodyId: number) {
	return (
		db.select({ name: table.body.name }).from(table.body).where(eq(table.body.id, bodyId)).get()
			?.name ?? ''
	);
}

/**
 * An event of a body was created or moved: each member of the body with an account gets an
 * invitation with the event's .ics. The key holds the dates, so saving without moving the event
 * sends nothing, and moving it sends a new one.
 */
export function notifyEventInvitation(
	db: Db,
	input: { eventId: number; origin: string; moved: boolean; now?: Date }
) {
	const context = eventContext(db, input.eventId);
	const { event } = context ?? {};
	if (!context || !event || event.bodyId === null) return [];
	if (event.datePrecision === 'month' || event.archivedAt) return [];
	// A meeting recorded afterwards invites nobody.
	if (event.startsAt.slice(0, 10) < todayIn(timeZone, input.now)) return [];
	const bodyName = eventBodyName(db, event.bodyId);
	const link = `${input.origin}${eventPath(context)}`;
	const ics = eventIcs(context, input.origin);
	return bodyMemberAccounts(db, event.bodyId, context.organisation.id).flatMap((recipient) => {
		const sent = notifyUser(db, {
			organisationId: context.organisation.id,
			recipient,
			kind: 'event_invitation',
			dedupeKey: `event_invitation:${event.id}:${event.startsAt}:${event.endsAt}:user:${recipient.userId}`,
			write: (locale): MessageText => {
				const when = formatWhen(event.startsAt, locale);
				const subject = input.moved
					? m.notify_event_moved_subject
					: m.notify_event_invitation_subject;
				return {
					subject: subject({ event: event.title, when }, opts(locale)),
					text: letter(
						locale,
						recipient.name,
						m.notify_event_invitation_text(
							{
								body: bodyName,
								event: event.title,
								when,
								place: event.place || m.notify_place_unknown({}, opts(locale)),
								link
							},
							opts(locale)
						),
						input.origin
					),
					link,
					ics
				};
			}
		});
		return sent ? [sent] : [];
	});
}

/** The day-before reminder of one event to one member; the key holds the start, so once. */
export function notifyEventReminder(
	db: Db,
	input: { eventId: number; recipient: Recipient; origin: string }
) {
	const context = eventContext(db, input.eventId);
	if (!context) return;
	const { event } = context;
	const link = `${input.origin}${eventPath(context)}`;
	return notifyUser(db, {
		organisationId: context.organisation.id,
		recipient: input.recipient,
		kind: 'event_reminder',
		dedupeKey: `event_reminder:${event.id}:${event.startsAt}:user:${input.recipient.userId}`,
		write: (locale) => ({
			subject: m.notify_event_reminder_subject({ event: event.title }, opts(locale)),
			text: letter(
				locale,
				input.recipient.name,
				m.notify_event_reminder_text(
					{
						event: event.title,
						when: formatWhen(event.startsAt, locale),
						place: event.place || m.notify_place_unknown({}, opts(locale)),
						link
					},
					opts(locale)
				),
				input.origin
			),
			link
		})
	});
}

/**
 * "My measure": a measure whose Federführung (`measure.leadBodyId`) is a body I sit in with my
 * account. The accounts of that body, still members of the organisation.
 */
export function measureLeads(db: Db, measureId: number) {
	const row = db
		.select({
			measure: table.measure,
			process: table.process,
			organisation: table.organisation
		})
		.from(table.measure)
		.innerJoin(table.process, eq(table.measure.processId, table.process.id))
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(eq(table.measure.id, measureId))
		.get();
	if (!row || row.measure.leadBodyId === null) return undefined;
	return { ...row, leads: bodyMemberAccounts(db, row.measure.leadBodyId, row.organisation.id) };
}

/** A concept comment on a measure: a message to the measure's leads (not to its author). */
export function notifyMeasureComment(
	db: Db,
	input: { comment: table.ConceptComment; origin: string }
) {
	const match = /^measure:(\d+)$/.exec(input.comment.target);
	if (!match) return [];
	const found = measureLeads(db, Number(match[1]));
	if (!found || found.process.id !== input.comment.processId) return [];
	const { measure, process, organisation } = found;
	const number =
		listCatalogue(db, process.id)
			.flatMap(({ measures }) => measures)
			.find((numbered) => numbered.id === measure.id)?.number ?? '';
	const link = `${input.origin}/o/${organisation.slug}/p/${process.slug}/concept#comments-heading`;
	return found.leads
		.filter((lead) => lead.userId !== input.comment.authorId)
		.flatMap((recipient) => {
			const sent = notifyUser(db, {
				organisationId: organisation.id,
				recipient,
				kind: 'measure_comment',
				dedupeKey: `measure_comment:${input.comment.id}:user:${recipient.userId}`,
				write: (locale) => ({
					subject: m.notify_measure_comment_subject({ measure: number }, opts(locale)),
					text: letter(
						locale,
						recipient.name,
						m.notify_measure_comment_text(
							{
								author: input.comment.authorName,
								measure: number,
								title: measure.title,
								process: process.title,
								comment: input.comment.body,
								link
							},
							opts(locale)
						),
						input.origin
					),
					link
				})
			});
			return sent ? [sent] : [];
		});
}
