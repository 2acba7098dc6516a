import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { needsLimits, questionKinds } from '$lib/needs/rules';
import { getDb } from '$lib/server/db';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { direction, id, optionalId } from '$lib/server/forms/process-fields';
import { readTranslations } from '$lib/server/needs/forms';
import { requireQuestionnaire } from '$lib/server/needs/guard';
import {
	addOption,
	addQuestion,
	answerCount,
	deleteOption,
	deleteQuestion,
	listQuestions,
	moveOption,
	moveQuestion,
	moveQuestionnaire,
	setQuestionHidden,
	updateOption,
	updateQuestion,
	updateQuestionnaire,
	type Change
} from '$lib/server/needs/questionnaires';
import { listFields } from '$lib/server/process/fields';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const detailsForm = v.object({
	title: field.requiredLine(needsLimits.title),
	intro: field.optionalText(needsLimits.intro)
});
const questionFields = {
	text: field.requiredText(needsLimits.question),
	fieldOfActionId: optionalId
};
const newQuestionForm = v.object({ kind: field.choice(questionKinds), ...questionFields });
const questionForm = v.object({ id, ...questionFields });
const optionText = { text: field.requiredLine(needsLimits.option) };
const newOptionForm = v.object({ questionId: id, ...optionText });
const optionForm = v.object({ id, ...optionText });
const moveForm = v.object({ id, direction });
const idForm = v.object({ id });
const deleteForm = v.object({ id, ...confirmed });
const closeForm = v.object(confirmed);

export const load: PageServerLoad = (event) => {
	const { process, questionnaire } = requireQuestionnaire(event, 'readProcess');
	const db = getDb();
	return {
		questionnaire,
		questions: listQuestions(db, questionnaire.id),
		fields: listFields(db, process.id).map((f) => ({
			value: String(f.id),
			label: `${f.code} ${f.title}`
		}))
	};
};

/** A refusal of the domain, said for the form it came from; an unknown id answers 404. */
function refused(change: Change<'too_many' | 'no_options' | 'answered'>, target: string) {
	if (change.ok) return { saved: m.saved() };
	switch (change.reason) {
		case 'not_found':
			error(404, { message: m.error_not_found() });
		// eslint-disable-next-line no-fallthrough -- error() throws
		case 'not_draft':
			return fail(409, { target, message: m.needs_not_draft() });
		case 'too_many':
			return fail(409, { target, message: m.needs_too_many() });
		case 'no_options':
			return fail(400, { target, message: m.error_choice() });
		case 'answered':
			return fail(409, { target, message: m.needs_option_answered() });
	}
}

async function editing(event: RequestEvent) {
	const access = requireQuestionnaire(event, 'editProcess');
	return { ...access, formData: await event.request.formData() };
}

export const actions: Actions = {
	details: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(detailsForm, formData);
		if (!form.ok) {
			return fail(400, { target: 'details', errors: form.errors, values: form.values });
		}
		updateQuestionnaire(getDb(), questionnaire.id, form.data);
		return { target: 'details', saved: m.saved() };
	},
	open: async (event) => {
		const { questionnaire } = await editing(event);
		const db = getDb();
		const visible = listQuestions(db, questionnaire.id).filter((q) => !q.hidden);
		if (visible.length === 0) return fail(409, { message: m.needs_open_empty() });
		const withoutOptions = visible.find((q) => q.kind !== 'text' && q.options.length < 2);
		if (withoutOptions) {
			return fail(409, { message: m.needs_open_no_options({ question: withoutOptions.text }) });
		}
		if (!moveQuestionnaire(db, questionnaire, 'open')) {
			return fail(409, { message: m.needs_not_draft() });
		}
		return { saved: m.needs_opened() };
	},
	close: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(closeForm, formData);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (questionnaire.status !== 'open') return fail(409, { message: m.needs_not_open() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/close',
				fields: {},
				question: m.needs_close_question({ title: questionnaire.title }),
				consequence: m.needs_close_consequence(),
				confirmLabel: m.needs_close()
			});
		}
		moveQuestionnaire(getDb(), questionnaire, 'closed');
		return { saved: m.needs_closed() };
	},
	reopen: async (event) => {
		const { questionnaire } = await editing(event);
		if (!moveQuestionnaire(getDb(), questionnaire, 'open')) {
			return fail(409, { message: m.needs_not_open() });
		}
		return { saved: m.needs_opened() };
	},
	addQuestion: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const target = 'new-question';
		const form = parseForm(newQuestionForm, formData);
		const translations = readTranslations(formData, needsLimits.question);
		if (!form.ok || !translations.ok) {
			const errors = {
				...(form.ok ? {} : form.errors),
				...(translations.ok ? {} : translations.errors)
			};
			return fail(400, { target, errors, values: form.values });
		}
		return refused(
			addQuestion(getDb(), questionnaire, {
				...form.data,
				textTranslations: translations.translations
			}),
			target
		);
	},
	updateQuestion: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(questionForm, formData);
		const target = `question-${form.values.id}`;
		const translations = readTranslations(formData, needsLimits.question);
		if (!form.ok || !translations.ok) {
			const errors = {
				...(form.ok ? {} : form.errors),
				...(translations.ok ? {} : translations.errors)
			};
			return fail(400, { target, errors, values: form.values });
		}
		const { id: questionId, ...input } = form.data;
		return refused(
			updateQuestion(getDb(), questionnaire, questionId, {
				...input,
				textTranslations: translations.translations
			}),
			target
		);
	},
	moveQuestion: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(moveForm, formData);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		return refused(
			moveQuestion(getDb(), questionnaire, form.data.id, form.data.direction),
			`question-${form.data.id}`
		);
	},
	hideQuestion: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(idForm, formData);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		return refused(setQuestionHidden(getDb(), questionnaire, form.data.id, true), '');
	},
	showQuestion: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(idForm, formData);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		return refused(setQuestionHidden(getDb(), questionnaire, form.data.id, false), '');
	},
	deleteQuestion: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(deleteForm, formData);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const question = listQuestions(db, questionnaire.id).find((q) => q.id === form.data.id);
		if (!question) error(404, { message: m.error_not_found() });
		const answers = answerCount(db, question.id);
		if (answers > 0) {
			return fail(409, { message: m.needs_delete_answered({ count: answers }) });
		}
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/deleteQuestion',
				fields: { id: String(question.id) },
				question: m.confirm_delete_named({ name: question.text }),
				consequence: m.needs_delete_consequence({ count: question.options.length })
			});
		}
		const result = deleteQuestion(db, questionnaire, question.id);
		if (!result.ok && result.reason === 'answered') {
			return fail(409, {
				message: m.needs_delete_answered({ count: answerCount(db, question.id) })
			});
		}
		return refused(result, '');
	},
	addOption: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(newOptionForm, formData);
		const target = `new-option-${form.values.questionId}`;
		const translations = readTranslations(formData, needsLimits.option);
		if (!form.ok || !translations.ok) {
			const errors = {
				...(form.ok ? {} : form.errors),
				...(translations.ok ? {} : translations.errors)
			};
			return fail(400, { target, errors, values: form.values });
		}
		return refused(
			addOption(getDb(), questionnaire, form.data.questionId, {
				text: form.data.text,
				textTranslations: translations.translations
			}),
			target
		);
	},
	updateOption: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(optionForm, formData);
		const target = `option-${form.values.id}`;
		const translations = readTranslations(formData, needsLimits.option);
		if (!form.ok || !translations.ok) {
			const errors = {
				...(form.ok ? {} : form.errors),
				...(translations.ok ? {} : translations.errors)
			};
			return fail(400, { target, errors, values: form.values });
		}
		return refused(
			updateOption(getDb(), questionnaire, form.data.id, {
				text: form.data.text,
				textTranslations: translations.translations
			}),
			target
		);
	},
	moveOption: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(moveForm, formData);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		return refused(
			moveOption(getDb(), questionnaire, form.data.id, form.data.direction),
			`option-${form.data.id}`
		);
	},
	deleteOption: async (event) => {
		const { questionnaire, formData } = await editing(event);
		const form = parseForm(deleteForm, formData);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const option = listQuestions(getDb(), questionnaire.id)
			.flatMap((q) => q.options)
			.find((o) => o.id === form.data.id);
		if (!option) error(404, { message: m.error_not_found() });
		if (questionnaire.status !== 'draft') return fail(409, { message: m.needs_not_draft() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/deleteOption',
				fields: { id: String(option.id) },
				question: m.confirm_delete_named({ name: option.text })
			});
		}
		return refused(deleteOption(getDb(), questionnaire, option.id), '');
	}
};
