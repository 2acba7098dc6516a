import { and, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import * as table from '../db/schema';

/** The bodies made per field of action, with a first meeting, from the process page. */
export const fieldBodyKinds = ['expert_conference', 'working_group'] as const;
export type FieldBodyKind = (typeof fieldBodyKinds)[number];

export interface FieldBodyInput {
	kind: FieldBodyKind;
	fieldOfActionId: number;
	/** Empty: the kind and the field's title ("Fachkonferenz Sprache und Bildung"). */
	name: string;
	firstMeeting: Pick<table.Event, 'startsAt' | 'endsAt' | 'place' | 'phaseId' | 'isPublic'>;
}

export type FieldBodyResult =
	{ ok: true; body: table.Body; event: table.Event } | { ok: false; reason: 'not_found' };

const kindNames: Record<FieldBodyKind, () => string> = {
	expert_conference: () => m.body_kind_expert_conference({}, { locale: 'de' }),
	working_group: () => m.body_kind_working_group({}, { locale: 'de' })
};

/**
 * A Fachkonferenz or Arbeitsgruppe for one field of action and its first meeting, in one
 * transaction. The field and the phase must be the process's own; otherwise nothing is made.
 */
export function createFieldBody(db: Db, processId: number, input: FieldBodyInput): FieldBodyResult {
	return db.transaction((tx) => {
		const field = tx
			.select()
			.from(table.fieldOfAction)
			.where(
				and(
					eq(table.fieldOfAction.id, input.fieldOfActionId),
					eq(table.fieldOfAction.processId, processId)
				)
			)
			.get();
		const { phaseId } = input.firstMeeting;
		const phase =
			phaseId === null
				? null
				: tx
						.select({ id: table.phase.id })
						.from(table.phase)
						.where(and(eq(table.phase.id, phaseId), eq(table.phase.processId, processId)))
						.get();
		if (!field || phase === undefined) return { ok: false, reason: 'not_found' } as const;
		const name = input.name || `${kindNames[input.kind]()} ${field.title}`;
		const body = tx
			.insert(table.body)
			.values({
				processId,
				kind: input.kind,
				name,
				fieldOfActionId: field.id,
				isPublic: input.firstMeeting.isPublic
			})
			.returning()
			.get();
		const event = tx
			.insert(table.event)
			.values({
				...input.firstMeeting,
				processId,
				bodyId: body.id,
				title: name,
				status: 'planned'
			})
			.returning()
			.get();
		return { ok: true, body, event } as const;
	});
}
