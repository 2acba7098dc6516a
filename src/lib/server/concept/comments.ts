import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listCatalogue } from './measures';

/** What can be commented on: the introduction, the guidelines, each field and each measure. */
export function commentTargets(db: Db, processId: number) {
	return [
		{ value: 'introduction', label: 'introduction' as const },
		{ value: 'guidelines', label: 'guidelines' as const },
		...listCatalogue(db, processId).flatMap(({ field, measures }) => [
			{ value: `field:${field.id}`, label: `${field.code} ${field.title}` },
			...measures.map((measure) => ({
				value: `measure:${measure.id}`,
				label: `${measure.number} ${measure.title}`
			}))
		])
	];
}

export function listComments(db: Db, processId: number) {
	return db
		.select()
		.from(table.conceptComment)
		.where(eq(table.conceptComment.processId, processId))
		.orderBy(asc(table.conceptComment.createdAt), asc(table.conceptComment.id))
		.all();
}

/** Adds a comment on a target of this process; anything else is refused. */
export function addComment(
	db: Db,
	processId: number,
	author: { id: number; name: string },
	target: string,
	body: string
) {
	if (!commentTargets(db, processId).some((t) => t.value === target)) return undefined;
	return db
		.insert(table.conceptComment)
		.values({ processId, target, body, authorId: author.id, authorName: author.name })
		.returning()
		.get();
}

export function resolveComment(
	db: Db,
	processId: number,
	commentId: number,
	resolver: { name: string }
): boolean {
	return Boolean(
		db
			.update(table.conceptComment)
			.set({ resolvedAt: new Date(), resolvedByName: resolver.name })
			.where(
				and(
					eq(table.conceptComment.id, commentId),
					eq(table.conceptComment.processId, processId),
					isNull(table.conceptComment.resolvedAt)
				)
			)
			.returning()
			.get()
	);
}
