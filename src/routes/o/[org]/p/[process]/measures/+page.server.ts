import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	fieldsWithGoals,
	listCataloguePage,
	readCatalogueQuery
} from '$lib/server/concept/catalogue';
import {
	addGoal,
	deleteGoal,
	findGoal,
	findMeasure,
	listArchivedMeasures,
	listCatalogue,
	moveMeasureTo,
	updateGoal
} from '$lib/server/concept/measures';
import { getDb } from '$lib/server/db';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import { goalForm } from '$lib/server/forms/measures';
import { parseForm } from '$lib/server/forms/parse';
import { indicatorsByGoal } from '$lib/server/concept/goal-indicators';
import { id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	event.depends('app:catalogue');
	const db = getDb();
	const query = readCatalogueQuery(db, process.id, event.url.searchParams);
	const { window, measures } = listCataloguePage(db, process.id, query);
	const fieldFilter = query.filters.find((filter) => filter.key === 'field')?.value;
	const indicators = indicatorsByGoal(db, process.id);
	return {
		filters: query.filters,
		listing: { q: query.listing.q, sort: query.listing.sort, per: query.listing.per },
		window,
		measures,
		hasFields: query.fields.length > 0,
		// The goals of the field shown, or of all fields.
		goals: fieldsWithGoals(db, process.id)
			.filter(({ field }) => !fieldFilter || String(field.id) === fieldFilter)
			.map(({ field, goals }) => ({
				field,
				goals: goals.map((goal) => ({
					...goal,
					indicators: (indicators.get(goal.id) ?? []).map(
						({ name, unit, baselineValue, targetValue, targetOn }) => ({
							name,
							unit,
							baselineValue,
							targetValue,
							targetOn
						})
					)
				}))
			})),
		archived:
			event.url.searchParams.get('archived') === '1'
				? listArchivedMeasures(db, process.id).map((measure) => ({
						id: measure.id,
						label: `${measure.number} ${measure.title}`,
						archivedAt: measure.archivedAt
					}))
				: null
	};
};

const moveForm = v.object({
	id,
	place: v.pipe(
		v.string(() => m.error_choice()),
		v.regex(/^-?\d{1,6}$/, () => m.error_choice()),
		v.transform(Number)
	)
});

export const actions: Actions = {
	addGoal: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const data = await event.request.formData();
		const field = parseForm(v.object({ fieldId: id }), data);
		const form = parseForm(goalForm, data);
		if (!field.ok) return fail(400, { message: m.form_has_errors() });
		if (!form.ok) {
			return fail(400, { goalField: field.data.fieldId, errors: form.errors, values: form.values });
		}
		if (!addGoal(getDb(), process.id, field.data.fieldId, form.data))
			error(404, { message: m.error_not_found() });
		return { saved: m.saved() };
	},
	updateGoal: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const data = await event.request.formData();
		const goal = parseForm(v.object({ id }), data);
		const form = parseForm(goalForm, data);
		if (!goal.ok || !form.ok) return fail(400, { message: m.form_has_errors() });
		if (!updateGoal(getDb(), process.id, goal.data.id, form.data))
			error(404, { message: m.error_not_found() });
		return { saved: m.saved() };
	},
	deleteGoal: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const form = parseForm(v.object({ id, ...confirmed }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const goal = findGoal(db, process.id, form.data.id);
		if (!goal) error(404, { message: m.error_not_found() });
		const refused = (measures: number) =>
			fail(409, { message: m.goal_delete_refused({ name: goal.title, measures }) });
		if (!form.data.confirmed) {
			const pursuing = listCatalogue(db, process.id)
				.flatMap((c) => c.measures)
				.filter((measure) => measure.goalId === goal.id).length;
			if (pursuing > 0) return refused(pursuing);
			return askToConfirm({
				action: '?/deleteGoal',
				fields: { id: String(goal.id) },
				question: m.confirm_delete_named({ name: goal.title })
			});
		}
		const result = deleteGoal(db, process.id, goal.id);
		if (!result.ok && result.reason === 'in_use') return refused(result.measures);
		return { saved: m.deleted() };
	},
	moveMeasure: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const form = parseForm(moveForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const moved = moveMeasureTo(db, process.id, form.data.id, form.data.place);
		if (!moved.ok && moved.reason === 'not_found') error(404, { message: m.error_not_found() });
		if (!moved.ok) {
			return fail(400, { message: m.measure_move_out_of_range({ places: moved.places }) });
		}
		const measure = findMeasure(db, process.id, form.data.id)!;
		return {
			saved: m.measure_moved({ name: `${measure.number} ${measure.title}`, place: form.data.place })
		};
	}
};
