import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms/parse';
import { narrativeForm } from '$lib/server/forms/report';
import { requireProcess } from '$lib/server/guard';
import { statusReport } from '$lib/server/monitoring/monitoring';
import { saveNarrative } from '$lib/server/monitoring/narratives';
import { reportPeriod } from '$lib/server/monitoring/period';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const period = reportPeriod(event.url.searchParams);
	const report = statusReport(getDb(), process.id, period.from, period.to);
	// Only what the page shows: at county scale the whole rows would double the page.
	return {
		period,
		report: {
			...report,
			changes: report.changes.map(({ number, title, update }) => ({
				number,
				title,
				update: {
					id: update.id,
					recordedOn: update.recordedOn,
					status: update.status,
					note: update.note,
					reason: update.reason,
					correctsOn: update.correctsOn,
					correctedBy: update.correctedBy && {
						correctedOn: update.correctedBy.correctedOn,
						reason: update.correctedBy.reason
					}
				}
			})),
			fields: report.fields.map(({ field, narrative, measures, counts, money, indicators }) => ({
				field: { id: field.id, code: field.code, title: field.title },
				narrative: narrative && { text: narrative.text, writtenBy: narrative.writtenBy },
				counts,
				money,
				// What the tables and charts show: the whole history stays on the indicators page.
				indicators: indicators.map(({ goal, indicators }) => ({
					goal: { id: goal.id, title: goal.title },
					indicators: indicators.map((indicator) => ({
						id: indicator.id,
						name: indicator.name,
						unit: indicator.unit,
						baselineOn: indicator.baselineOn,
						baselineValue: indicator.baselineValue,
						targetOn: indicator.targetOn,
						targetValue: indicator.targetValue,
						inPeriod: indicator.inPeriod.map(({ measuredOn, value, note }) => ({
							measuredOn,
							value,
							note
						}))
					}))
				})),
				measures: measures.map(({ id, number, title, lead, leadBody, status, latest }) => ({
					id,
					number,
					title,
					lead,
					leadBody,
					status,
					latest: latest && { recordedOn: latest.recordedOn, note: latest.note }
				}))
			}))
		}
	};
};

export const actions: Actions = {
	saveNarrative: async (event) => {
		const { process, user } = requireProcess(event, 'manageMeasures');
		const form = parseForm(narrativeForm, await event.request.formData());
		const fieldId = Number(form.values.fieldId) || null;
		if (!form.ok) return fail(400, { narrativeErrors: form.errors, fieldId, values: form.values });
		const result = saveNarrative(getDb(), process.id, form.data, user);
		if (!result.ok) error(404, { message: m.error_not_found() });
		const name = { field: `${result.field.code} ${result.field.title}` };
		const saved = result.narrative
			? m.report_narrative_saved(name)
			: m.report_narrative_removed(name);
		return { saved, fieldId };
	}
};
