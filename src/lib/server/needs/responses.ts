import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { ParticipantLocale, StakeholderCategory } from '../../domain';
import { needsLimits, type ResponseSource } from '../../needs/rules';
import { cleanText } from '../../text/clean';
import type { QuestionView } from './questionnaires';

export interface AnswerInput {
	questionId: number;
	optionId: number | null;
	text: string | null;
}

/** Why an answer was refused: not one of the question's options, too long, or nothing at all. */
export type AnswerProblem = 'choice' | 'too_long' | 'empty';

export type AnswersRead =
	{ ok: true; answers: AnswerInput[] } | { ok: false; errors: Record<string, AnswerProblem> };

export const answerFieldName = (questionId: number) => `q${questionId}`;

/**
 * The answers of a submitted form (`q<question id>`), checked against the questions shown: an
 * option must be one of its own question's, a text no longer than the limit. Every question may
 * be left out, but not all of them. Fields of hidden or unknown questions are ignored.
 */
export function readAnswers(questions: QuestionView[], form: FormData): AnswersRead {
	const answers: AnswerInput[] = [];
	const errors: Record<string, AnswerProblem> = {};
	for (const question of questions) {
		if (question.hidden) continue;
		const name = answerFieldName(question.id);
		const given = form.getAll(name);
		if (given.some((value) => typeof value !== 'string')) {
			errors[name] = 'choice';
			continue;
		}
		const values = (given as string[]).filter((value) => value !== '');
		if (values.length === 0) continue;
		if (question.kind === 'text') {
			if (values.length > 1) {
				errors[name] = 'choice';
				continue;
			}
			const text = cleanText(values[0]!);
			if (text.length > needsLimits.answer) errors[name] = 'too_long';
			else if (text) answers.push({ questionId: question.id, optionId: null, text });
			continue;
		}
		const optionIds = new Set(question.options.map((option) => String(option.id)));
		const chosen = [...new Set(values)];
		if (
			(question.kind !== 'multiple' && chosen.length > 1) ||
			chosen.some((value) => !optionIds.has(value))
		) {
			errors[name] = 'choice';
			continue;
		}
		for (const value of chosen) {
			answers.push({ questionId: question.id, optionId: Number(value), text: null });
		}
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	if (answers.length === 0) return { ok: false, errors: { form: 'empty' } };
	return { ok: true, answers };
}

export interface ResponseInput {
	category: StakeholderCategory | null;
	source: ResponseSource;
	locale: ParticipantLocale;
	answers: AnswerInput[];
}

/**
 * Stores one filled-in questionnaire. Phones answer only while it is open; staff type in paper
 * forms also after it closed (they arrive late by post), never into a draft.
 */
export function submitResponse(
	db: Db,
	questionnaireId: number,
	input: ResponseInput
): { ok: true; responseId: number } | { ok: false; reason: 'not_open' } {
	return db.transaction((tx) => {
		const current = tx
			.select({ status: table.questionnaire.status })
			.from(table.questionnaire)
			.where(eq(table.questionnaire.id, questionnaireId))
			.get();
		const accepts =
			current &&
			(current.status === 'open' || (input.source === 'paper' && current.status === 'closed'));
		if (!accepts) return { ok: false, reason: 'not_open' } as const;
		const response = tx
			.insert(table.questionnaireResponse)
			.values({
				questionnaireId,
				category: input.category,
				source: input.source,
				locale: input.locale
			})
			.returning({ id: table.questionnaireResponse.id })
			.get();
		tx.insert(table.questionnaireAnswer)
			.values(input.answers.map((answer) => ({ ...answer, responseId: response.id })))
			.run();
		return { ok: true, responseId: response.id } as const;
	});
}
