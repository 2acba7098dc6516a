import { getDb } from '$lib/server/db';
import { categoryLabel } from '$lib/live/labels';
import { m } from '$lib/paraglide/messages';
import { requireQuestionnaire } from '$lib/server/needs/guard';
import { questionnaireResults, resultsCsv } from '$lib/server/needs/results';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { questionnaire } = requireQuestionnaire(event, 'readProcess');
	const results = questionnaireResults(getDb(), questionnaire.id);
	const csv = resultsCsv(results, {
		question: m.needs_question(),
		answer: m.needs_option(),
		group: m.needs_group(),
		count: m.needs_count(),
		total: m.needs_total(),
		groupName: categoryLabel
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="bedarfsanalyse-${questionnaire.id}.csv"`
		}
	});
};
