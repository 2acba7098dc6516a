/**
 * What waits for a signed-in user, per organisation, for the home page: minutes to approve,
 * Sachstand due and comments on the measures they lead, and their next meetings. "My measure"
 * and "my meeting" mean the same as for messages: a body I sit in with my account leads the
 * measure, or meets.
 */
import { and, asc, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { roleAllows } from '../auth/roles';
import { listCatalogue } from '../concept/measures';
import { yearlyPlan } from '../monitoring/monitoring';
import { timeZone, todayIn } from '../time';

export interface WaitingItems {
	organisation: { slug: string; name: string };
	approvals: { process: string; processTitle: string; eventId: number; eventTitle: string }[];
	sachstand: { process: string; measureId: number; number: string; title: string }[];
	comments: {
		process: string;
		commentId: number;
		authorName: string;
		number: string;
		title: string;
	}[];
	events: { process: string; eventId: number; title: string; startsAt: string }[];
}

const nextEventsShown = 5;

function myBodies(db: Db, userId: number) {
	return db
		.select({ bodyId: table.bodyMember.bodyId })
		.from(table.bodyMember)
		.where(eq(table.bodyMember.userId, userId))
		.all()
		.map((row) => row.bodyId);
}

export function waitingFor(db: Db, userId: number, now = new Date()): WaitingItems[] {
	const today = todayIn(timeZone, now);
	const bodies = myBodies(db, userId);
	const memberships = db
		.select({ organisation: table.organisation, role: table.membership.role })
		.from(table.membership)
		.innerJoin(table.organisation, eq(table.membership.organisationId, table.organisation.id))
		.where(eq(table.membership.userId, userId))
		.orderBy(asc(table.organisation.name))
		.all();
	return memberships.map(({ organisation, role }) => {
		const processes = db
			.select()
			.from(table.process)
			.where(
				and(eq(table.process.organisationId, organisation.id), ne(table.process.status, 'archived'))
			)
			.all();
		const processIds = processes.map((p) => p.id);
		const slugOf = new Map(processes.map((p) => [p.id, p]));
		const items: WaitingItems = {
			organisation: { slug: organisation.slug, name: organisation.name },
			approvals: [],
			sachstand: [],
			comments: [],
			events: []
		};
		if (processIds.length === 0) return items;

		if (roleAllows(role, 'approveMinutes')) {
			items.approvals = db
				.selectDistinct({
					processId: table.event.processId,
					eventId: table.event.id,
					eventTitle: table.event.title
				})
				.from(table.minutes)
				.innerJoin(table.event, eq(table.minutes.eventId, table.event.id))
				.where(
					and(inArray(table.event.processId, processIds), eq(table.minutes.status, 'submitted'))
				)
				.orderBy(asc(table.event.startsAt))
				.all()
				.map((row) => ({
					process: slugOf.get(row.processId)!.slug,
					processTitle: slugOf.get(row.processId)!.title,
					eventId: row.eventId,
					eventTitle: row.eventTitle
				}));
		}

		if (bodies.length > 0) {
			const led = db
				.select({ id: table.measure.id, processId: table.measure.processId })
				.from(table.measure)
				.where(
					and(
						inArray(table.measure.processId, processIds),
						inArray(table.measure.leadBodyId, bodies),
						isNull(table.measure.archivedAt)
					)
				)
				.all();
			const ledIds = new Set(led.map((row) => row.id));
			for (const processId of new Set(led.map((row) => row.processId))) {
				const process = slugOf.get(processId)!;
				const numbered = new Map(
					listCatalogue(db, processId)
						.flatMap(({ measures }) => measures)
						.map((measure) => [measure.id, measure])
				);
				for (const { measures } of yearlyPlan(db, processId, today)) {
					for (const entry of measures) {
						if (ledIds.has(entry.id) && entry.stalled) {
							items.sachstand.push({
								process: process.slug,
								measureId: entry.id,
								number: entry.number,
								title: entry.title
							});
						}
					}
				}
				const comments = db
					.select()
					.from(table.conceptComment)
					.where(
						and(
							eq(table.conceptComment.processId, processId),
							isNull(table.conceptComment.resolvedAt)
						)
					)
					.orderBy(asc(table.conceptComment.createdAt))
					.all();
				for (const comment of comments) {
					const match = /^measure:(\d+)$/.exec(comment.target);
					const measure = match ? numbered.get(Number(match[1])) : undefined;
					if (!measure || !ledIds.has(measure.id) || comment.authorId === userId) continue;
					items.comments.push({
						process: process.slug,
						commentId: comment.id,
						authorName: comment.authorName,
						number: measure.number,
						title: measure.title
					});
				}
			}

			items.events = db
				.select({
					processId: table.event.processId,
					eventId: table.event.id,
					title: table.event.title,
					startsAt: table.event.startsAt
				})
				.from(table.event)
				.where(
					and(
						inArray(table.event.processId, processIds),
						inArray(table.event.bodyId, bodies),
						gte(table.event.startsAt, today),
						eq(table.event.datePrecision, 'day'),
						isNull(table.event.archivedAt)
					)
				)
				.orderBy(asc(table.event.startsAt))
				.limit(nextEventsShown)
				.all()
				.map((row) => ({
					process: slugOf.get(row.processId)!.slug,
					eventId: row.eventId,
					title: row.title,
					startsAt: row.startsAt
				}));
		}
		return items;
	});
}
