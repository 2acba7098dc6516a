import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { stakeholderCategories } from '$lib/domain';
import { spokenLanguage } from '$lib/i18n/area';
import { answeredCookieName } from '$lib/needs/rules';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { choice } from '$lib/server/forms/fields';
import { refuseThrottledLookup } from '$lib/server/join-guard';
import { answerProblemMessage } from '$lib/server/needs/forms';
import { findQuestionnaireByCode, listQuestions } from '$lib/server/needs/questionnaires';
import { readAnswers, submitResponse } from '$lib/server/needs/responses';
import { takeAnswer } from '$lib/server/needs/throttle';
import { organisationOfProcess } from '$lib/server/needs/public';
import { waitSeconds } from '$lib/server/workshop/join-throttle';
import { translated } from '$lib/workshop/translations';
import type { Actions, PageServerLoad } from './$types';

const category = v.optional(choice(['', ...stakeholderCategories]), '');

/** A phone keeps the note that it answered for a year: longer than any needs analysis runs. */
const answeredCookieMaxAge = 60 * 60 * 24 * 365;

/** The questionnaire the code names, once it was opened; unknown codes count as misses. */
async function requireQuestionnaire(request: RequestEvent) {
	const questionnaire = findQuestionnaireByCode(getDb(), request.params.survey ?? '');
	const found = questionnaire !== undefined && questionnaire.status !== 'draft';
	await refuseThrottledLookup(request, found);
	if (!questionnaire || !found) error(404, { message: m.needs_code_unknown() });
	if (questionnaire.code !== request.params.survey) redirect(308, `/umfrage/${questionnaire.code}`);
	return questionnaire;
}

export const load: PageServerLoad = async (request) => {
	const questionnaire = await requireQuestionnaire(request);
	const db = getDb();
	const locale = getLocale();
	const organisation = organisationOfProcess(db, questionnaire.processId);
	return {
		questionnaire: {
			title: questionnaire.title,
			intro: questionnaire.intro,
			status: questionnaire.status
		},
		organisation: organisation?.name ?? '',
		legal: organisation ? { slug: organisation.slug } : null,
		answered: request.cookies.get(answeredCookieName(questionnaire.id)) !== undefined,
		questions: listQuestions(db, questionnaire.id)
			.filter((question) => !question.hidden)
			.map((question) => ({
				id: question.id,
				kind: question.kind,
				text: translated(question.text, question.textTranslations, locale),
				options: question.options.map((option) => ({
					id: option.id,
					text: translated(option.text, option.textTranslations, locale)
				}))
			}))
	};
};

/** What the phone chose, to show again after a refusal: every value of every field. */
function chosenValues(form: FormData): Record<string, string[]> {
	const values: Record<string, string[]> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string' && /^q\d{1,12}$|^category$/.test(key)) {
			(values[key] ??= []).push(value.slice(0, 4000));
		}
	}
	return values;
}

export const actions: Actions = {
	answer: async (request) => {
		const questionnaire = await requireQuestionnaire(request);
		if (questionnaire.status !== 'open') return fail(403, { closed: true });
		if (request.cookies.get(answeredCookieName(questionnaire.id)) !== undefined) {
			return fail(409, { already: true });
		}
		const form = await request.request.formData();
		const values = chosenValues(form);
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
		const wait = await takeAnswer(request.getClientAddress());
		if (wait > 0) {
			const seconds = waitSeconds(wait);
			request.setHeaders({ 'retry-after': String(seconds) });
			return fail(429, { throttled: seconds, values });
		}
		const stored = submitResponse(getDb(), questionnaire.id, {
			category: group.output || null,
			source: 'phone',
			locale: spokenLanguage(getLocale()),
			answers: answers.answers
		});
		if (!stored.ok) return fail(403, { closed: true });
		request.cookies.set(answeredCookieName(questionnaire.id), '1', {
			httpOnly: true,
			sameSite: 'lax',
			secure: request.url.protocol === 'https:',
			path: '/umfrage',
			maxAge: answeredCookieMaxAge
		});
		redirect(303, `/umfrage/${questionnaire.code}`);
	}
};
