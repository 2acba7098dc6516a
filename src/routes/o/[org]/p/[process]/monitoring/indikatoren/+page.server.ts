import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { indicatorForm, indicatorValueForm } from '$lib/server/forms/indicators';
import { parseForm } from '$lib/server/forms/parse';
import { requireProcess } from '$lib/server/guard';
import {
	addIndicator,
	indicatorsOfProcess,
	recordIndicatorValue
} from '$lib/server/monitoring/indicators';
import { todayIn } from '$lib/server/time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	return { goals: indicatorsOfProcess(getDb(), process.id), today: todayIn() };
};

export const actions: Actions = {
	addIndicator: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const form = parseForm(indicatorForm, await event.request.formData());
		const goalId = Number(form.values.goalId) || null;
		if (!form.ok) return fail(400, { indicatorErrors: form.errors, goalId, values: form.values });
		const { goalId: goal, ...input } = form.data;
		if (!addIndicator(getDb(), process.id, goal, input)) {
			error(404, { message: m.error_not_found() });
		}
		return { saved: m.indicator_added({ name: input.name }) };
	},
	recordValue: async (event) => {
		const { process, user } = requireProcess(event, 'manageMeasures');
		const form = parseForm(indicatorValueForm, await event.request.formData());
		const indicatorId = Number(form.values.indicatorId) || null;
		if (!form.ok) return fail(400, { valueErrors: form.errors, indicatorId, values: form.values });
		const { indicatorId: indicator, ...input } = form.data;
		const result = recordIndicatorValue(getDb(), process.id, indicator, input, user);
		if (result.ok) return { saved: m.indicator_value_saved() };
		if (result.reason === 'not_found') error(404, { message: m.error_not_found() });
		const valueErrors: Record<string, string> = { measuredOn: m.error_date_future() };
		return fail(400, { valueErrors, indicatorId, values: form.values });
	}
};
