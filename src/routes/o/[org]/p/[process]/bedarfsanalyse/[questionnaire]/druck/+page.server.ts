import * as v from 'valibot';
import { pageLocales, type PageLocale } from '$lib/i18n/area';
import { getDb } from '$lib/server/db';
import { requireQuestionnaire } from '$lib/server/needs/guard';
import { listQuestions } from '$lib/server/needs/questionnaires';
import { translated } from '$lib/workshop/translations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { questionnaire } = requireQuestionnaire(event, 'readProcess');
	const chosen = v.safeParse(v.picklist(pageLocales), event.url.searchParams.get('sprache'));
	const language: PageLocale = chosen.success ? chosen.output : 'de';
	return {
		language,
		questionnaire: { id: questionnaire.id, title: questionnaire.title, intro: questionnaire.intro },
		questions: listQuestions(getDb(), questionnaire.id)
			.filter((question) => !question.hidden)
			.map((question) => ({
				id: question.id,
				kind: question.kind,
				text: translated(question.text, question.textTranslations, language),
				options: question.options.map((option) => ({
					id: option.id,
					text: translated(option.text, option.textTranslations, language)
				}))
			}))
	};
};
