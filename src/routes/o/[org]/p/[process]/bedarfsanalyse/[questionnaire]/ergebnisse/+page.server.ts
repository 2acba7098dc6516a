import { getDb } from '$lib/server/db';
import { requireQuestionnaire } from '$lib/server/needs/guard';
import { questionnaireResults } from '$lib/server/needs/results';
import { listFields } from '$lib/server/process/fields';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process, questionnaire } = requireQuestionnaire(event, 'readProcess');
	const db = getDb();
	return {
		questionnaire: {
			id: questionnaire.id,
			title: questionnaire.title,
			status: questionnaire.status
		},
		results: questionnaireResults(db, questionnaire.id),
		fields: listFields(db, process.id).map((f) => ({ id: f.id, label: `${f.code} ${f.title}` }))
	};
};
