import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { stageTransitions, type ActivityStage } from '../../domain';
import { failure, ok, type LiveResult } from '../../workshop/errors';
import { allowsEditing } from '../../workshop/rules';
import type { Translations } from '../../workshop/translations';
import type { ActivitySummary } from '../../workshop/protocol';
import { nextPosition } from '../process/ordering';

export type ActivityInput = Pick<
	table.Activity,
	'question' | 'fieldOfActionId' | 'dotsPerParticipant' | 'maxDotsPerTarget' | 'namedIdeas'
> &
	Partial<Pick<table.Activity, 'liveResults'>>;

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

/**
 * Creates an activity from the moderator's console; its field of action must belong to the
 * event's own process.
 */
export function createActivityInEvent(
	db: Db,
	eventId: number,
	input: ActivityInput
): LiveResult<table.Activity> {
	const event = db
		.select({ datePrecision: table.event.datePrecision })
		.from(table.event)
		.where(eq(table.event.id, eventId))
		.get();
	// A live workshop happens on a day; an event known only to the month had none.
	if (event?.datePrecision !== 'day') return failure('wrong_stage');
	if (input.fieldOfActionId !== null) {
		const field = db
			.select({ id: table.fieldOfAction.id })
			.from(table.fieldOfAction)
			.innerJoin(table.event, eq(table.event.processId, table.fieldOfAction.processId))
			.where(and(eq(table.fieldOfAction.id, input.fieldOfActionId), eq(table.event.id, eventId)))
			.get();
		if (!field) return failure('not_found');
	}
	return ok(createActivity(db, eventId, input));
}

/** What the event's activity list says of an activity. */
export function activitySummary({
	id,
	question,
	questionTranslations,
	stage
}: table.Activity): ActivitySummary {
	return { id, question, questionTranslations, stage };
}

export function activitySummaries(db: Db, eventId: number): ActivitySummary[] {
	return listActivities(db, eventId).map(activitySummary);
}

export function listActivities(db: Db, eventId: number) {
	return db
		.select()
		.from(table.activity)
		.where(eq(table.activity.eventId, eventId))
		.orderBy(asc(table.activity.position), asc(table.activity.id))
		.all();
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

/** Replaces the question's translations; a closed activity is a record and keeps its own. */
export function translateQuestion(
	db: Db,
	activity: table.Activity,
	translations: Translations
): LiveResult<table.Activity> {
	if (!allowsEditing(activity.stage)) return failure('wrong_stage');
	const updated = db
		.update(table.activity)
		.set({ questionTranslations: translations })
		.where(and(eq(table.activity.id, activity.id), eq(table.activity.stage, activity.stage)))
		.returning()
		.get();
	return updated ? ok(updated) : failure('wrong_stage');
}
