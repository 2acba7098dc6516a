import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { stakeholderCategories } from '$lib/domain';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { choice } from '$lib/server/forms/fields';
import { answerProblemMessage } from '$lib/server/needs/forms';
import { requireQuestionnaire } from '$lib/server/needs/guard';
import { listQuestions } from '$lib/server/needs/questionnaires';
import { readAnswers, submitResponse } from '$lib/server/needs/responses';
import type { Actions, PageServerLoad } from './$types';

const category = v.optional(choice(['', ...stakeholderCategories]), '');
const original = (text: string) => ({ text, lang: 'de' });

export const load: PageServerLoad = (event) => {
	const { questionnaire } = requireQuestionnaire(event, 'editProcess');
	if (questionnaire.status === 'draft') error(404, { message: m.error_not_found() });
	return {
		questionnaire: {
			id: questionnaire.id,
			title: questionnaire.title,
			status: questionnaire.status
		},
		questions: listQuestions(getDb(), questionnaire.id)
			.filter((question) => !question.hidden)
			.map((question) => ({
				id: question.id,
				kind: question.kind,
				text: original(question.text),
				options: question.options.map((option) => ({ id: option.id, text: original(option.text) }))
			}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { questionnaire } = requireQuestionnaire(event, 'editProcess');
		const form = await event.request.formData();
		const values: Record<string, string[]> = {};
		for (const [key, value] of form) {
			if (typeof value === 'string' && /^q\d{1,12}$|^category$/.test(key)) {
				(values[key] ??= []).push(value.slice(0, 4000));
			}
		}
		const group = v.safeParse(category, form.get('category') ?? '');
		const answers = readAnswers(listQuestions(getDb(), questionnaire.id), form);
		if (!group.success || !answers.ok) {
			const errors: Record<string, string> = {};
			if (!group.success) errors.category = m.error_choice();
			if (!answers.ok) {
				for (const [name, problem] of Object.entries(answers.errors)) {
					errors[name] = answerProblemMessage(problem);
				}
			}
			return fail(400, { errors, values });
		}
		const stored = submitResponse(getDb(), questionnaire.id, {
			category: group.output || null,
			source: 'paper',
			locale: 'de',
			answers: answers.answers
		});
		if (!stored.ok) return fail(409, { message: m.needs_not_open() });
		return { saved: m.needs_paper_saved() };
	}
};
