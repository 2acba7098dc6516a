import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { ActivityStage } from '../../domain';
import { nextPosition } from '../process/ordering';
import { failure, ok, type LiveResult } from './errors';

export type ActivityInput = Pick<
	table.Activity,
	'question' | 'fieldOfActionId' | 'dotsPerParticipant' | 'maxDotsPerTarget' | 'namedIdeas'
>;

/** Where the moderator may move an activity from each stage: onwards, or one step back. */
export const stageTransitions: Record<ActivityStage, ActivityStage[]> = {
	collecting: ['clustering'],
	clustering: ['collecting', 'voting'],
	voting: ['clustering', 'revealed'],
	revealed: ['voting', 'closed'],
	closed: ['revealed']
};

const activityScope = (eventId: number) => ({
	rows: table.activity,
	parent: table.activity.eventId,
	parentId: eventId
});

export function createActivity(db: Db, eventId: number, input: ActivityInput) {
	return db.transaction((tx) =>
		tx
			.insert(table.activity)
			.values({ ...input, eventId, position: nextPosition(tx, activityScope(eventId)) })
			.returning()
			.get()
	);
}

export function listActivities(db: Db, eventId: number) {
	return db
		.select()
		.from(table.activity)
		.where(eq(table.activity.eventId, eventId))
		.orderBy(asc(table.activity.position), asc(table.activity.id))
		.all();
}

export function findActivity(db: Db, activityId: number) {
	return db.select().from(table.activity).where(eq(table.activity.id, activityId)).get();
}

export function findActivityOfEvent(db: Db, eventId: number, activityId: number) {
	return db
		.select()
		.from(table.activity)
		.where(and(eq(table.activity.id, activityId), eq(table.activity.eventId, eventId)))
		.get();
}

export function moveToStage(
	db: Db,
	activity: table.Activity,
	stage: ActivityStage
): LiveResult<table.Activity> {
	if (!stageTransitions[activity.stage].includes(stage)) return failure('wrong_stage');
	const updated = db
		.update(table.activity)
		.set({ stage })
		.where(and(eq(table.activity.id, activity.id), eq(table.activity.stage, activity.stage)))
		.returning()
		.get();
	return updated ? ok(updated) : failure('wrong_stage');
}
