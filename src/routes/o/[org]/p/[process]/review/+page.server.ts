import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import { optionalId } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import { listEvents } from '$lib/server/events/events';
import { listFields } from '$lib/server/process/fields';
import { listPhases } from '$lib/server/process/phases';
import { reviewResults } from '$lib/server/review/dashboard';
import type { PageServerLoad } from './$types';

const filterForm = v.object({ field: optionalId, event: optionalId, phase: optionalId });

export const load: PageServerLoad = (request) => {
	const { process } = requireProcess(request, 'readProcess');
	const db = getDb();
	const query = request.url.searchParams;
	const parsed = v.safeParse(filterForm, {
		field: query.get('field') ?? '',
		event: query.get('event') ?? '',
		phase: query.get('phase') ?? ''
	});
	const filters = parsed.success
		? { fieldId: parsed.output.field, eventId: parsed.output.event, phaseId: parsed.output.phase }
		: { fieldId: null, eventId: null, phaseId: null };
	return {
		filters,
		items: reviewResults(db, process.id, filters),
		fields: listFields(db, process.id).map((f) => ({
			value: String(f.id),
			label: `${f.code} ${f.title}`
		})),
		events: listEvents(db, process.id).map(({ event }) => ({
			value: String(event.id),
			label: event.title
		})),
		phases: listPhases(db, process.id).map((p) => ({ value: String(p.id), label: p.title }))
	};
};
