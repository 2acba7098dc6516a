import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { listAgenda, listAttendees } from '../events/events';
import { listActivities } from '../workshop/activities';
import { listIdeas } from '../workshop/ideas';
import { talliesVisibleToParticipants } from '../../workshop/rules';
import { rankedResults } from '../workshop/votes';
import { minGroupSize } from '../privacy/config';
import { protectStoredBreakdowns } from '../privacy/small-groups';

export type MinutesChange =
	{ ok: true } | { ok: false; reason: 'not_found' | 'locked' | 'wrong_status' };

const done: MinutesChange = { ok: true };
const refused = (reason: 'not_found' | 'locked' | 'wrong_status'): MinutesChange => ({
	ok: false,
	reason
});

/** Every activity of the event with its ranked results, as they stand now. */
function resultsOf(db: Db, eventId: number): table.MinutesResults {
	const minSize = minGroupSize();
	return {
		activities: listActivities(db, eventId)
			.filter(talliesVisibleToParticipants)
			.map((activity) => {
				const texts = new Map(listIdeas(db, activity.id).map((idea) => [idea.id, idea.text]));
				return {
					activityId: activity.id,
					question: activity.question,
					minGroupSize: minSize,
					results: rankedResults(db, activity.id, minSize).map((result) => ({
						label: result.label,
						kind: result.target.kind,
						targetId: result.target.id,
						ideas:
							result.target.kind === 'cluster'
								? result.ideaIds.map((id) => texts.get(id) ?? '')
								: [],
						dots: result.dots,
						voters: result.voters,
						byCategory: result.byCategory
					}))
				};
			})
	};
}

function attendeesOf(db: Db, eventId: number) {
	return listAttendees(db, eventId).map(({ name, affiliation, category }) => ({
		name,
		affiliation,
		category
	}));
}

export function listRevisions(db: Db, eventId: number) {
	return db
		.select()
		.from(table.minutes)
		.where(eq(table.minutes.eventId, eventId))
		.orderBy(desc(table.minutes.revision))
		.all();
}

function itemsOf(db: DbOrTx, minutesId: number) {
	return db
		.select()
		.from(table.minutesItem)
		.where(eq(table.minutesItem.minutesId, minutesId))
		.orderBy(
			asc(table.minutesItem.kind),
			asc(table.minutesItem.position),
			asc(table.minutesItem.id)
		)
		.all();
}

/** Results of minutes drafted before small groups were merged get them merged when read. */
function withSmallGroupsMerged(results: table.MinutesResults): table.MinutesResults {
	return {
		activities: results.activities.map((activity) =>
			activity.minGroupSize === undefined
				? { ...activity, results: protectStoredBreakdowns(activity.results, minGroupSize()) }
				: activity
		)
	};
}

/**
 * The latest revision of the event's minutes (or the one numbered `revision`) with its agenda
 * notes, decisions and tasks.
 */
export function currentMinutes(db: Db, eventId: number, revision?: number) {
	const revisions = listRevisions(db, eventId);
	const stored =
		revision === undefined ? revisions[0] : revisions.find((r) => r.revision === revision);
	if (!stored) return undefined;
	const minutes = { ...stored, results: withSmallGroupsMerged(stored.results) };
	const items = itemsOf(db, minutes.id);
	return {
		minutes,
		agenda: items.filter((i) => i.kind === 'agenda'),
		decisions: items.filter((i) => i.kind === 'decision'),
		tasks: items.filter((i) => i.kind === 'task')
	};
}

/**
 * Drafts the first revision of the minutes from what the event recorded: attendees, agenda,
 * and the ranked results of its workshop activities. Does nothing if minutes exist.
 */
export function draftMinutes(
	db: Db,
	eventId: number,
	author: { name: string } | null = null
): table.Minutes {
	const existing = listRevisions(db, eventId)[0];
	if (existing) return existing;
	const agenda = listAgenda(db, eventId);
	const attendees = attendeesOf(db, eventId);
	const results = resultsOf(db, eventId);
	return db.transaction((tx) => {
		const minutes = tx
			.insert(table.minutes)
			.values({ eventId, revision: 1, attendees, results, createdByName: author?.name ?? null })
			.returning()
			.get();
		agenda.forEach((item, position) =>
			tx
				.insert(table.minutesItem)
				.values({ minutesId: minutes.id, kind: 'agenda', title: item.title, position })
				.run()
		);
		return minutes;
	});
}

/** Drafts the minutes once the last activity of a workshop is closed. */
export function draftMinutesWhenWorkshopEnds(db: Db, eventId: number) {
	const activities = listActivities(db, eventId);
	if (activities.length > 0 && activities.every((a) => a.stage === 'closed')) {
		draftMinutes(db, eventId);
	}
}

function findMinutes(db: DbOrTx, eventId: number, minutesId: number) {
	return db
		.select()
		.from(table.minutes)
		.where(and(eq(table.minutes.id, minutesId), eq(table.minutes.eventId, eventId)))
		.get();
}

/** Runs a change on a draft; submitted and approved minutes are not edited. */
function onDraft(
	db: Db,
	eventId: number,
	minutesId: number,
	change: (tx: DbOrTx, minutes: table.Minutes) => void
): MinutesChange {
	return db.transaction((tx) => {
		const minutes = findMinutes(tx, eventId, minutesId);
		if (!minutes) return refused('not_found');
		if (minutes.status !== 'draft') return refused('locked');
		change(tx, minutes);
		return done;
	});
}

export function updateSummary(db: Db, eventId: number, minutesId: number, summary: string) {
	return onDraft(db, eventId, minutesId, (tx) =>
		tx.update(table.minutes).set({ summary }).where(eq(table.minutes.id, minutesId)).run()
	);
}

/** Re-reads attendees and results from the event, e.g. after a late correction of a tally. */
export function refreshFromEvent(db: Db, eventId: number, minutesId: number) {
	const attendees = attendeesOf(db, eventId);
	const results = resultsOf(db, eventId);
	return onDraft(db, eventId, minutesId, (tx) =>
		tx
			.update(table.minutes)
			.set({ attendees, results })
			.where(eq(table.minutes.id, minutesId))
			.run()
	);
}

export function updateItemNotes(
	db: Db,
	eventId: number,
	minutesId: number,
	itemId: number,
	notes: string
) {
	if (!findItem(db, eventId, minutesId, itemId)) return refused('not_found');
	return onDraft(db, eventId, minutesId, (tx) =>
		tx
			.update(table.minutesItem)
			.set({ notes })
			.where(and(eq(table.minutesItem.id, itemId), eq(table.minutesItem.minutesId, minutesId)))
			.run()
	);
}

/** A decision, task or agenda note of the event's minutes. */
export function findItem(db: Db, eventId: number, minutesId: number, itemId: number) {
	if (!findMinutes(db, eventId, minutesId)) return undefined;
	return itemsOf(db, minutesId).find((item) => item.id === itemId);
}

export interface NewMinutesItem {
	kind: 'decision' | 'task';
	title: string;
	owner: string;
	dueOn: string | null;
}

export function addItem(db: Db, eventId: number, minutesId: number, item: NewMinutesItem) {
	return onDraft(db, eventId, minutesId, (tx) => {
		const position = itemsOf(tx, minutesId).filter((i) => i.kind === item.kind).length;
		tx.insert(table.minutesItem)
			.values({ ...item, minutesId, position })
			.run();
	});
}

export function removeItem(db: Db, eventId: number, minutesId: number, itemId: number) {
	return onDraft(db, eventId, minutesId, (tx) =>
		tx
			.delete(table.minutesItem)
			.where(and(eq(table.minutesItem.id, itemId), eq(table.minutesItem.minutesId, minutesId)))
			.run()
	);
}

/** Moves minutes along draft → submitted → approved, or back from submitted to draft. */
function moveStatus(
	db: DbOrTx,
	eventId: number,
	minutesId: number,
	from: table.MinutesStatus,
	changes: Partial<table.Minutes> & { status: table.MinutesStatus }
): MinutesChange {
	const updated = db
		.update(table.minutes)
		.set(changes)
		.where(
			and(
				eq(table.minutes.id, minutesId),
				eq(table.minutes.eventId, eventId),
				eq(table.minutes.status, from)
			)
		)
		.returning()
		.get();
	if (updated) return done;
	return findMinutes(db, eventId, minutesId) ? refused('wrong_status') : refused('not_found');
}

/** Submits a draft for approval; every submission starts a new round of approvals. */
export function submitMinutes(db: Db, eventId: number, minutesId: number) {
	const minutes = findMinutes(db, eventId, minutesId);
	if (!minutes) return refused('not_found');
	return moveStatus(db, eventId, minutesId, 'draft', {
		status: 'submitted',
		submittedAt: new Date(),
		approvalRound: minutes.approvalRound + 1
	});
}

/**
 * Approves submitted minutes outright in the name of `approver` (the demo seed, and tests of
 * what follows an approval); the minutes page goes through `minutes/approval.ts`.
 */
export function approveMinutes(
	db: Db,
	eventId: number,
	minutesId: number,
	approver: { id: number; name: string }
) {
	return db.transaction((tx) => {
		const minutes = findMinutes(tx, eventId, minutesId);
		const change = moveStatus(tx, eventId, minutesId, 'submitted', {
			status: 'approved',
			approvedAt: new Date(),
			approvedBy: approver.id,
			approvedByName: approver.name
		});
		if (change.ok && minutes) {
			tx.insert(table.minutesApproval)
				.values({
					minutesId,
					round: minutes.approvalRound,
					userId: approver.id,
					name: approver.name,
					decision: 'approved'
				})
				.run();
		}
		return change;
	});
}

/**
 * Approved minutes stay as approved; a correction starts a new draft revision with the same
 * content and the reason for it, which goes through approval again. Only the latest revision
 * can be revised, and only once it is approved.
 */
export function reviseMinutes(
	db: Db,
	eventId: number,
	minutesId: number,
	correction: { reason: string; author: { name: string } }
) {
	return db.transaction((tx) => {
		const approved = findMinutes(tx, eventId, minutesId);
		if (!approved) return undefined;
		const latest = tx
			.select()
			.from(table.minutes)
			.where(eq(table.minutes.eventId, eventId))
			.orderBy(desc(table.minutes.revision))
			.get()!;
		if (approved.status !== 'approved' || latest.id !== approved.id) return undefined;
		const revision = tx
			.insert(table.minutes)
			.values({
				eventId,
				revision: approved.revision + 1,
				previousId: approved.id,
				reason: correction.reason,
				createdByName: correction.author.name,
				summary: approved.summary,
				attendees: approved.attendees,
				results: approved.results
			})
			.returning()
			.get();
		for (const item of itemsOf(tx, approved.id)) {
			const { kind, title, notes, owner, dueOn, position } = item;
			tx.insert(table.minutesItem)
				.values({ minutesId: revision.id, kind, title, notes, owner, dueOn, position })
				.run();
		}
		return revision;
	});
}
