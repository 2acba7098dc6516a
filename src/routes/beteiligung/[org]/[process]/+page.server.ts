import { getDb } from '$lib/server/db';
import { listEvents } from '$lib/server/events/events';
import { listFields, listGuidelines } from '$lib/server/process/fields';
import { currentPhase, listPhases, withStates } from '$lib/server/process/phases';
import { todayIn } from '$lib/server/time';
import type { PageServerLoad } from './$types';
import { requirePublicProcess } from './public';

export const load: PageServerLoad = ({ params }) => {
	const { process, organisationName } = requirePublicProcess(params);
	const db = getDb();
	const today = todayIn();
	const phases = listPhases(db, process.id);
	return {
		organisationName,
		legal: { slug: params.org },
		process: {
			title: process.title,
			description: process.description,
			status: process.status
		},
		phases: withStates(phases, today),
		currentPhaseId: currentPhase(phases, today).current?.id ?? null,
		fields: listFields(db, process.id).map(({ id, code, title, description }) => ({
			id,
			code,
			title,
			description
		})),
		guidelines: listGuidelines(db, process.id).map(({ id, title, description }) => ({
			id,
			title,
			description
		})),
		events: listEvents(db, process.id, { publicOnly: true, from: `${today}T00:00` }).map(
			({ event, bodyName }) => ({
				id: event.id,
				title: event.title,
				description: event.description,
				place: event.place,
				startsAt: event.startsAt,
				endsAt: event.endsAt,
				datePrecision: event.datePrecision,
				bodyName
			})
		)
	};
};
