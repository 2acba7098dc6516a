import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { roleAllows } from '$lib/server/auth/roles';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { findTopic, linkAsTopic, unlinkTopic } from '$lib/server/review/topics';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import { getDb } from '$lib/server/db';
import { id, optionalId } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import { listEvents } from '$lib/server/events/events';
import { listFields } from '$lib/server/process/fields';
import { listPhases } from '$lib/server/process/phases';
import { participation } from '$lib/server/concept/versions';
import {
	reviewPage,
	reviewResults,
	reviewSorts,
	reviewTopicModes
} from '$lib/server/review/dashboard';
import { readListing } from '$lib/server/search/listing';
import { participationByGroup } from '$lib/server/review/participation';
import { fieldFindings } from '$lib/server/needs/results';
import type { Actions, PageServerLoad } from './$types';

const filterForm = v.object({ field: optionalId, event: optionalId, phase: optionalId });

export const load: PageServerLoad = (request) => {
	const { process, role } = requireProcess(request, 'readProcess');
	request.depends('app:review');
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
	const topic = v.safeParse(v.picklist(reviewTopicModes), query.get('topic'));
	const listing = readListing(query, reviewSorts);
	const shown = reviewPage(reviewResults(db, process.id, filters), {
		topic: topic.success ? topic.output : 'all',
		listing
	});
	return {
		filters,
		topic: topic.success ? topic.output : 'all',
		listing: { q: listing.q, sort: listing.sort, per: listing.per },
		window: shown.window,
		items: shown.items,
		canHarmonise: roleAllows(role, 'harmoniseResults'),
		participation: participationByGroup(db, process.id),
		// A field's needs analysis findings, shown beside its workshop results.
		needsFindings: filters.fieldId ? fieldFindings(db, process.id, filters.fieldId) : [],
		events: participation(db, process.id).events,
		fields: listFields(db, process.id).map((f) => ({
			value: String(f.id),
			label: `${f.code} ${f.title}`
		})),
		eventOptions: listEvents(db, process.id).map(({ event }) => ({
			value: String(event.id),
			label: event.title
		})),
		phases: listPhases(db, process.id).map((p) => ({ value: String(p.id), label: p.title }))
	};
};

const itemRef = v.pipe(
	v.string(),
	v.regex(/^\d+:(idea|cluster):\d+$/),
	v.transform((value) => {
		const [activityId, kind, id] = value.split(':') as [string, 'idea' | 'cluster', string];
		return { activityId: Number(activityId), kind, id: Number(id) };
	})
);
const linkForm = v.object({ title: field.requiredLine(200), items: v.array(itemRef) });

export const actions: Actions = {
	link: async (event) => {
		const { process } = requireProcess(event, 'harmoniseResults');
		const data = await event.request.formData();
		const parsed = v.safeParse(linkForm, {
			title: data.get('title') ?? '',
			items: data.getAll('items')
		});
		if (!parsed.success) return fail(400, { message: m.review_link_invalid() });
		if (!linkAsTopic(getDb(), process.id, parsed.output.title, parsed.output.items)) {
			return fail(400, { message: m.review_link_invalid() });
		}
		return { saved: m.review_linked() };
	},
	unlink: async (event) => {
		const { process } = requireProcess(event, 'harmoniseResults');
		const form = parseForm(v.object({ topicId: id, ...confirmed }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const topic = findTopic(db, process.id, form.data.topicId);
		if (!topic) error(404, { message: m.error_not_found() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/unlink',
				fields: { topicId: String(topic.id) },
				question: m.review_unlink_question({ topic: topic.title }),
				consequence: m.review_unlink_consequence({ count: topic.results }),
				confirmLabel: m.review_unlink_confirm()
			});
		}
		unlinkTopic(db, process.id, topic.id);
		return { saved: m.review_unlinked() };
	}
};
