import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { listEvents } from '$lib/server/events/events';
import { parseForm } from '$lib/server/forms/parse';
import { listFields, listGuidelines } from '$lib/server/process/fields';
import { currentPhase, listPhases, withStates } from '$lib/server/process/phases';
import {
	addPublicComment,
	commentPeriodOf,
	draftTargets,
	isOpenOn,
	publishedComments
} from '$lib/server/public/comments';
import { adoptedConcept, goalAim } from '$lib/server/public/concept';
import { indicatorsByGoal } from '$lib/server/concept/goal-indicators';
import { listPublishedMinutes } from '$lib/server/public/minutes';
import { publicWorkshopResults } from '$lib/server/public/results';
import { takeComment } from '$lib/server/public/throttle';
import { todayIn } from '$lib/server/time';
import { waitSeconds } from '$lib/server/workshop/join-throttle';
import { listCatalogue } from '$lib/server/concept/measures';
import { commentForm, maxCommentLength } from '$lib/server/public/comment-form';
import type { Actions, PageServerLoad } from './$types';
import { requirePublicProcess } from './public';

export const load: PageServerLoad = ({ params }) => {
	const { process, organisationName } = requirePublicProcess(params);
	const db = getDb();
	const today = todayIn();
	const phases = listPhases(db, process.id);
	const period = commentPeriodOf(db, process.id);
	const periodOpen = isOpenOn(period, today);
	const adopted = adoptedConcept(db, process.id, today);
	const comments = Object.fromEntries(publishedComments(db, process.id));
	// The draft is shown while the public may comment on it, and after, with its answers, until a
	// version is adopted.
	const showDraft = periodOpen || (period !== undefined && adopted === null);
	const indicators = indicatorsByGoal(db, process.id);
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
		),
		today,
		results: publicWorkshopResults(db, process.id),
		minutes: listPublishedMinutes(db, process.id),
		adopted,
		period: period
			? { opensOn: period.opensOn, closesOn: period.closesOn, open: periodOpen }
			: null,
		draft: showDraft
			? listCatalogue(db, process.id).map(({ field, goals, measures }) => ({
					key: `field:${field.id}`,
					code: field.code,
					title: field.title,
					description: field.description,
					goals: goals.map((goal) =>
						goalAim({ title: goal.title, indicators: indicators.get(goal.id) })
					),
					measures: measures.map((measure) => ({
						key: `measure:${measure.id}`,
						number: measure.number,
						title: measure.title,
						description: measure.description,
						lead: measure.lead,
						timeframe: measure.timeframe,
						status: null
					}))
				}))
			: null,
		targets: periodOpen ? draftTargets(db, process.id) : [],
		comments,
		maxCommentLength
	};
};

export const actions: Actions = {
	comment: async ({ params, request, getClientAddress, setHeaders }) => {
		const { process } = requirePublicProcess(params);
		const db = getDb();
		const today = todayIn();
		if (!isOpenOn(commentPeriodOf(db, process.id), today)) {
			return fail(409, { message: m.public_comment_closed() });
		}
		const form = parseForm(commentForm, await request.formData());
		if (!form.ok) {
			return fail(400, { message: m.form_has_errors(), errors: form.errors, values: form.values });
		}
		// A form filled in by a script: thanked like anyone, and forgotten.
		if (form.data.website !== '') return { commented: true };
		const wait = await takeComment(getClientAddress());
		if (wait > 0) {
			const seconds = waitSeconds(wait);
			setHeaders({ 'retry-after': String(seconds) });
			return fail(429, { message: m.live_throttled({ seconds }), values: form.values });
		}
		const added = addPublicComment(
			db,
			process.id,
			{ target: form.data.target, authorName: form.data.name, body: form.data.text },
			today
		);
		if (!added.ok) {
			if (added.reason === 'closed') return fail(409, { message: m.public_comment_closed() });
			error(404, { message: m.error_not_found() });
		}
		return { commented: true };
	}
};
