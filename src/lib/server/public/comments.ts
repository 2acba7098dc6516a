import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listCatalogue } from '../concept/measures';

export type CommentPeriodDates = Pick<table.PublicCommentPeriod, 'opensOn' | 'closesOn'>;

export function commentPeriodOf(db: Db, processId: number) {
	return db
		.select()
		.from(table.publicCommentPeriod)
		.where(eq(table.publicCommentPeriod.processId, processId))
		.get();
}

/** Open from its first to its last day, both included (days in Europe/Berlin). */
export function isOpenOn(period: CommentPeriodDates | undefined, today: string): boolean {
	return Boolean(period && period.opensOn <= today && today <= period.closesOn);
}

/** Opens the period, or moves its days; false when the last day lies before the first. */
export function setCommentPeriod(db: Db, processId: number, dates: CommentPeriodDates): boolean {
	if (dates.closesOn < dates.opensOn) return false;
	db.insert(table.publicCommentPeriod)
		.values({ processId, ...dates })
		.onConflictDoUpdate({ target: table.publicCommentPeriod.processId, set: dates })
		.run();
	return true;
}

/** What the public may comment on: a field of action or a measure of the current draft. */
export type CommentTarget = { kind: 'field' | 'measure'; id: number };

export const targetKeyOf = (target: CommentTarget) => `${target.kind}:${target.id}`;

/** The draft's fields and their measures, as the comment form offers them. */
export function draftTargets(db: Db, processId: number) {
	return listCatalogue(db, processId).map(({ field, measures }) => ({
		key: targetKeyOf({ kind: 'field', id: field.id }),
		label: `${field.code} ${field.title}`,
		measures: measures.map((measure) => ({
			key: targetKeyOf({ kind: 'measure', id: measure.id }),
			label: `${measure.number} ${measure.title}`
		}))
	}));
}

function isDraftTarget(db: Db, processId: number, target: CommentTarget): boolean {
	const key = targetKeyOf(target);
	return draftTargets(db, processId).some(
		(field) => field.key === key || field.measures.some((measure) => measure.key === key)
	);
}

export type CommentSubmission =
	{ ok: true; comment: table.PublicComment } | { ok: false; reason: 'closed' | 'not_found' };

/** Stores a comment of the public, held for moderation, if the period is open and the target the draft's. */
export function addPublicComment(
	db: Db,
	processId: number,
	input: { target: CommentTarget; authorName: string; body: string },
	today: string
): CommentSubmission {
	if (!isOpenOn(commentPeriodOf(db, processId), today)) return { ok: false, reason: 'closed' };
	if (!isDraftTarget(db, processId, input.target)) return { ok: false, reason: 'not_found' };
	const comment = db
		.insert(table.publicComment)
		.values({
			processId,
			fieldOfActionId: input.target.kind === 'field' ? input.target.id : null,
			measureId: input.target.kind === 'measure' ? input.target.id : null,
			authorName: input.authorName,
			body: input.body
		})
		.returning()
		.get();
	return { ok: true, comment };
}

const keyOfRow = (comment: Pick<table.PublicComment, 'fieldOfActionId' | 'measureId'>) =>
	comment.measureId !== null
		? targetKeyOf({ kind: 'measure', id: comment.measureId })
		: targetKeyOf({ kind: 'field', id: comment.fieldOfActionId ?? 0 });

function targetLabels(db: Db, processId: number) {
	return new Map(
		draftTargets(db, processId).flatMap((field) => [
			[field.key, field.label] as const,
			...field.measures.map((measure) => [measure.key, measure.label] as const)
		])
	);
}

/** Every comment of the process for the moderation page, newest first, optionally of one target. */
export function listForModeration(db: Db, processId: number, target?: CommentTarget) {
	const conditions = [eq(table.publicComment.processId, processId)];
	if (target?.kind === 'field') conditions.push(eq(table.publicComment.fieldOfActionId, target.id));
	if (target?.kind === 'measure') conditions.push(eq(table.publicComment.measureId, target.id));
	const labels = targetLabels(db, processId);
	return db
		.select()
		.from(table.publicComment)
		.where(and(...conditions))
		.orderBy(asc(table.publicComment.createdAt), asc(table.publicComment.id))
		.all()
		.map((comment) => {
			const key = keyOfRow(comment);
			return { ...comment, targetKey: key, targetLabel: labels.get(key) ?? '' };
		});
}

export function findPublicComment(db: Db, processId: number, commentId: number) {
	return db
		.select()
		.from(table.publicComment)
		.where(and(eq(table.publicComment.id, commentId), eq(table.publicComment.processId, processId)))
		.get();
}

export type Moderation = 'done' | 'not_found' | 'wrong_state';

/** Publishes a held comment. */
export function publishComment(
	db: Db,
	processId: number,
	commentId: number,
	moderator: { name: string }
): Moderation {
	const comment = findPublicComment(db, processId, commentId);
	if (!comment) return 'not_found';
	if (comment.status !== 'held') return 'wrong_state';
	db.update(table.publicComment)
		.set({ status: 'published', moderatedAt: new Date(), moderatedByName: moderator.name })
		.where(eq(table.publicComment.id, commentId))
		.run();
	return 'done';
}

/** Rejects a held or published comment: it leaves the public page. */
export function rejectComment(
	db: Db,
	processId: number,
	commentId: number,
	moderator: { name: string }
): Moderation {
	const comment = findPublicComment(db, processId, commentId);
	if (!comment) return 'not_found';
	if (comment.status === 'rejected') return 'wrong_state';
	db.update(table.publicComment)
		.set({ status: 'rejected', moderatedAt: new Date(), moderatedByName: moderator.name })
		.where(eq(table.publicComment.id, commentId))
		.run();
	return 'done';
}

/** Answers a published comment (or changes its answer). */
export function answerComment(
	db: Db,
	processId: number,
	commentId: number,
	input: { verdict: table.PublicCommentVerdict; answer: string },
	author: { name: string }
): Moderation {
	const comment = findPublicComment(db, processId, commentId);
	if (!comment) return 'not_found';
	if (comment.status !== 'published') return 'wrong_state';
	db.update(table.publicComment)
		.set({ ...input, answeredAt: new Date(), answeredByName: author.name })
		.where(eq(table.publicComment.id, commentId))
		.run();
	return 'done';
}

/** The published comments and their answers by target ("measure:12"), for the public page. */
export function publishedComments(db: Db, processId: number) {
	const byTarget = new Map<
		string,
		{
			id: number;
			authorName: string;
			body: string;
			createdAt: Date;
			verdict: table.PublicCommentVerdict | null;
			answer: string;
		}[]
	>();
	const rows = db
		.select()
		.from(table.publicComment)
		.where(
			and(eq(table.publicComment.processId, processId), eq(table.publicComment.status, 'published'))
		)
		.orderBy(asc(table.publicComment.createdAt), asc(table.publicComment.id))
		.all();
	for (const row of rows) {
		const key = keyOfRow(row);
		const list = byTarget.get(key) ?? [];
		list.push({
			id: row.id,
			authorName: row.authorName,
			body: row.body,
			createdAt: row.createdAt,
			verdict: row.verdict,
			answer: row.answer
		});
		byTarget.set(key, list);
	}
	return byTarget;
}

/**
 * The draft's fields and measures with their comments (held or published, not rejected) and the
 * answers, in the draft's order, for staff reading the draft beside what the public said.
 */
export function draftCommentThreads(db: Db, processId: number) {
	const byTarget = new Map<string, table.PublicComment[]>();
	const rows = db
		.select()
		.from(table.publicComment)
		.where(
			and(
				eq(table.publicComment.processId, processId),
				inArray(table.publicComment.status, ['held', 'published'])
			)
		)
		.orderBy(asc(table.publicComment.createdAt), asc(table.publicComment.id))
		.all();
	for (const row of rows) {
		const key = keyOfRow(row);
		byTarget.set(key, [...(byTarget.get(key) ?? []), row]);
	}
	return draftTargets(db, processId)
		.flatMap((field) => [{ key: field.key, label: field.label }, ...field.measures])
		.filter((target) => byTarget.has(target.key))
		.map((target) => ({
			...target,
			comments: byTarget.get(target.key)!.map((comment) => ({
				id: comment.id,
				status: comment.status as 'held' | 'published',
				authorName: comment.authorName,
				body: comment.body,
				createdAt: comment.createdAt,
				verdict: comment.verdict,
				answer: comment.answer
			}))
		}));
}
