import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { moveInOrder, type Direction } from '../process/ordering';
import {
	hasOptions,
	needsLimits,
	questionnaireTransitions,
	type QuestionKind,
	type QuestionnaireStatus
} from '../../needs/rules';
import type { Translations } from '../../workshop/translations';

/** Codes avoid 0/O and 1/I/L, like the workshops' join codes. */
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const questionnaireCodePattern = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

function randomCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(6));
	return [...bytes].map((byte) => codeAlphabet[byte % codeAlphabet.length]).join('');
}

export type Change<Reason extends string = never> =
	{ ok: true } | { ok: false; reason: 'not_found' | 'not_draft' | Reason };

export function listQuestionnaires(db: Db, processId: number) {
	const responses = db
		.select({
			questionnaireId: table.questionnaireResponse.questionnaireId,
			n: count().as('n')
		})
		.from(table.questionnaireResponse)
		.groupBy(table.questionnaireResponse.questionnaireId)
		.as('responses');
	return db
		.select({ questionnaire: table.questionnaire, responses: responses.n })
		.from(table.questionnaire)
		.leftJoin(responses, eq(responses.questionnaireId, table.questionnaire.id))
		.where(eq(table.questionnaire.processId, processId))
		.orderBy(asc(table.questionnaire.id))
		.all()
		.map((row) => ({ ...row.questionnaire, responses: row.responses ?? 0 }));
}

export function createQuestionnaire(
	db: Db,
	processId: number,
	input: { title: string; intro: string }
): table.Questionnaire {
	for (;;) {
		const code = randomCode();
		const taken = db
			.select({ id: table.questionnaire.id })
			.from(table.questionnaire)
			.where(eq(table.questionnaire.code, code))
			.get();
		if (taken) continue;
		return db
			.insert(table.questionnaire)
			.values({ processId, ...input, code })
			.returning()
			.get();
	}
}

export function findQuestionnaire(db: DbOrTx, processId: number, questionnaireId: number) {
	return db
		.select()
		.from(table.questionnaire)
		.where(
			and(eq(table.questionnaire.id, questionnaireId), eq(table.questionnaire.processId, processId))
		)
		.get();
}

/** The questionnaire a phone link names; codes may be typed in lower case. */
export function findQuestionnaireByCode(db: Db, code: string) {
	const normalised = code.toUpperCase();
	if (!questionnaireCodePattern.test(normalised)) return undefined;
	return db
		.select()
		.from(table.questionnaire)
		.where(eq(table.questionnaire.code, normalised))
		.get();
}

export function updateQuestionnaire(
	db: Db,
	questionnaireId: number,
	input: { title: string; intro: string }
) {
	db.update(table.questionnaire)
		.set(input)
		.where(eq(table.questionnaire.id, questionnaireId))
		.run();
}

export function moveQuestionnaire(
	db: Db,
	questionnaire: table.Questionnaire,
	to: QuestionnaireStatus
): boolean {
	if (!questionnaireTransitions[questionnaire.status].includes(to)) return false;
	db.update(table.questionnaire)
		.set({ status: to })
		.where(
			and(
				eq(table.questionnaire.id, questionnaire.id),
				eq(table.questionnaire.status, questionnaire.status)
			)
		)
		.run();
	return true;
}

export interface OptionView {
	id: number;
	text: string;
	textTranslations: Translations;
}

export interface QuestionView {
	id: number;
	position: number;
	kind: QuestionKind;
	text: string;
	textTranslations: Translations;
	fieldOfActionId: number | null;
	hidden: boolean;
	options: OptionView[];
	/** How many responses answered it. */
	answers: number;
}

/** The questions in order, each with its options and how many responses answered it. */
export function listQuestions(db: DbOrTx, questionnaireId: number): QuestionView[] {
	const questions = db
		.select()
		.from(table.questionnaireQuestion)
		.where(eq(table.questionnaireQuestion.questionnaireId, questionnaireId))
		.orderBy(asc(table.questionnaireQuestion.position), asc(table.questionnaireQuestion.id))
		.all();
	if (questions.length === 0) return [];
	const ids = questions.map((question) => question.id);
	const options = db
		.select()
		.from(table.questionnaireOption)
		.where(inArray(table.questionnaireOption.questionId, ids))
		.orderBy(asc(table.questionnaireOption.position), asc(table.questionnaireOption.id))
		.all();
	const answered = new Map(
		db
			.selectDistinct({
				questionId: table.questionnaireAnswer.questionId,
				responseId: table.questionnaireAnswer.responseId
			})
			.from(table.questionnaireAnswer)
			.where(inArray(table.questionnaireAnswer.questionId, ids))
			.all()
			.reduce((counts, row) => {
				counts.set(row.questionId, (counts.get(row.questionId) ?? 0) + 1);
				return counts;
			}, new Map<number, number>())
	);
	return questions.map((question) => ({
		id: question.id,
		position: question.position,
		kind: question.kind,
		text: question.text,
		textTranslations: question.textTranslations,
		fieldOfActionId: question.fieldOfActionId,
		hidden: question.hidden,
		answers: answered.get(question.id) ?? 0,
		options: options
			.filter((option) => option.questionId === question.id)
			.map(({ id, text, textTranslations }) => ({ id, text, textTranslations }))
	}));
}

function fieldOfProcess(db: DbOrTx, processId: number, fieldId: number | null): boolean {
	if (fieldId === null) return true;
	return Boolean(
		db
			.select({ id: table.fieldOfAction.id })
			.from(table.fieldOfAction)
			.where(and(eq(table.fieldOfAction.id, fieldId), eq(table.fieldOfAction.processId, processId)))
			.get()
	);
}

function findQuestion(db: DbOrTx, questionnaireId: number, questionId: number) {
	return db
		.select()
		.from(table.questionnaireQuestion)
		.where(
			and(
				eq(table.questionnaireQuestion.id, questionId),
				eq(table.questionnaireQuestion.questionnaireId, questionnaireId)
			)
		)
		.get();
}

export interface QuestionInput {
	kind: QuestionKind;
	text: string;
	textTranslations: Translations;
	fieldOfActionId: number | null;
}

export function addQuestion(
	db: Db,
	questionnaire: table.Questionnaire,
	input: QuestionInput
): Change<'too_many'> {
	if (questionnaire.status !== 'draft') return { ok: false, reason: 'not_draft' };
	if (!fieldOfProcess(db, questionnaire.processId, input.fieldOfActionId)) {
		return { ok: false, reason: 'not_found' };
	}
	return db.transaction((tx) => {
		const ids = questionIds(tx, questionnaire.id);
		if (ids.length >= needsLimits.questions) return { ok: false, reason: 'too_many' } as const;
		const question = tx
			.insert(table.questionnaireQuestion)
			.values({ questionnaireId: questionnaire.id, position: ids.length, ...input })
			.returning()
			.get();
		if (input.kind === 'scale') {
			tx.insert(table.questionnaireOption)
				.values(
					Array.from({ length: needsLimits.scalePoints }, (_, position) => ({
						questionId: question.id,
						position,
						text: String(position + 1)
					}))
				)
				.run();
		}
		return { ok: true } as const;
	});
}

/**
 * Once phones may answer, the wording stays as they read it; the field of action and the
 * translations may still be given.
 */
export function updateQuestion(
	db: Db,
	questionnaire: table.Questionnaire,
	questionId: number,
	input: Omit<QuestionInput, 'kind'>
): Change {
	const question = findQuestion(db, questionnaire.id, questionId);
	if (!question || !fieldOfProcess(db, questionnaire.processId, input.fieldOfActionId)) {
		return { ok: false, reason: 'not_found' };
	}
	if (questionnaire.status !== 'draft' && input.text !== question.text) {
		return { ok: false, reason: 'not_draft' };
	}
	db.update(table.questionnaireQuestion)
		.set(input)
		.where(eq(table.questionnaireQuestion.id, question.id))
		.run();
	return { ok: true };
}

function questionIds(db: DbOrTx, questionnaireId: number): number[] {
	return db
		.select({ id: table.questionnaireQuestion.id })
		.from(table.questionnaireQuestion)
		.where(eq(table.questionnaireQuestion.questionnaireId, questionnaireId))
		.orderBy(asc(table.questionnaireQuestion.position), asc(table.questionnaireQuestion.id))
		.all()
		.map((row) => row.id);
}

export function moveQuestion(
	db: Db,
	questionnaire: table.Questionnaire,
	questionId: number,
	direction: Direction
): Change {
	if (!findQuestion(db, questionnaire.id, questionId)) return { ok: false, reason: 'not_found' };
	if (questionnaire.status !== 'draft') return { ok: false, reason: 'not_draft' };
	db.transaction((tx) => {
		moveInOrder(questionIds(tx, questionnaire.id), questionId, direction).forEach((id, position) =>
			tx
				.update(table.questionnaireQuestion)
				.set({ position })
				.where(eq(table.questionnaireQuestion.id, id))
				.run()
		);
	});
	return { ok: true };
}

export function answerCount(db: DbOrTx, questionId: number): number {
	return db
		.selectDistinct({ responseId: table.questionnaireAnswer.responseId })
		.from(table.questionnaireAnswer)
		.where(eq(table.questionnaireAnswer.questionId, questionId))
		.all().length;
}

/** A question with answers is never deleted: hide it instead, and its answers stay. */
export function deleteQuestion(
	db: Db,
	questionnaire: table.Questionnaire,
	questionId: number
): Change<'answered'> {
	return db.transaction((tx) => {
		if (!findQuestion(tx, questionnaire.id, questionId)) {
			return { ok: false, reason: 'not_found' } as const;
		}
		if (answerCount(tx, questionId) > 0) return { ok: false, reason: 'answered' } as const;
		if (questionnaire.status !== 'draft') return { ok: false, reason: 'not_draft' } as const;
		tx.delete(table.questionnaireQuestion)
			.where(eq(table.questionnaireQuestion.id, questionId))
			.run();
		questionIds(tx, questionnaire.id).forEach((id, position) =>
			tx
				.update(table.questionnaireQuestion)
				.set({ position })
				.where(eq(table.questionnaireQuestion.id, id))
				.run()
		);
		return { ok: true } as const;
	});
}

export function setQuestionHidden(
	db: Db,
	questionnaire: table.Questionnaire,
	questionId: number,
	hidden: boolean
): Change {
	if (!findQuestion(db, questionnaire.id, questionId)) return { ok: false, reason: 'not_found' };
	db.update(table.questionnaireQuestion)
		.set({ hidden })
		.where(eq(table.questionnaireQuestion.id, questionId))
		.run();
	return { ok: true };
}

function optionIds(db: DbOrTx, questionId: number): number[] {
	return db
		.select({ id: table.questionnaireOption.id })
		.from(table.questionnaireOption)
		.where(eq(table.questionnaireOption.questionId, questionId))
		.orderBy(asc(table.questionnaireOption.position), asc(table.questionnaireOption.id))
		.all()
		.map((row) => row.id);
}

/** The option, if it belongs to a question of this questionnaire. */
function findOption(db: DbOrTx, questionnaireId: number, optionId: number) {
	return db
		.select({ option: table.questionnaireOption })
		.from(table.questionnaireOption)
		.innerJoin(
			table.questionnaireQuestion,
			eq(table.questionnaireQuestion.id, table.questionnaireOption.questionId)
		)
		.where(
			and(
				eq(table.questionnaireOption.id, optionId),
				eq(table.questionnaireQuestion.questionnaireId, questionnaireId)
			)
		)
		.get()?.option;
}

export interface OptionInput {
	text: string;
	textTranslations: Translations;
}

export function addOption(
	db: Db,
	questionnaire: table.Questionnaire,
	questionId: number,
	input: OptionInput
): Change<'too_many' | 'no_options'> {
	const question = findQuestion(db, questionnaire.id, questionId);
	if (!question) return { ok: false, reason: 'not_found' };
	if (questionnaire.status !== 'draft') return { ok: false, reason: 'not_draft' };
	if (!hasOptions(question.kind)) return { ok: false, reason: 'no_options' };
	return db.transaction((tx) => {
		const ids = optionIds(tx, questionId);
		if (ids.length >= needsLimits.options) return { ok: false, reason: 'too_many' } as const;
		tx.insert(table.questionnaireOption)
			.values({ questionId, position: ids.length, ...input })
			.run();
		return { ok: true } as const;
	});
}

/** The wording of an option stays as phones read it once open; translations may still come. */
export function updateOption(
	db: Db,
	questionnaire: table.Questionnaire,
	optionId: number,
	input: OptionInput
): Change {
	const option = findOption(db, questionnaire.id, optionId);
	if (!option) return { ok: false, reason: 'not_found' };
	if (questionnaire.status !== 'draft' && input.text !== option.text) {
		return { ok: false, reason: 'not_draft' };
	}
	db.update(table.questionnaireOption)
		.set(input)
		.where(eq(table.questionnaireOption.id, optionId))
		.run();
	return { ok: true };
}

export function moveOption(
	db: Db,
	questionnaire: table.Questionnaire,
	optionId: number,
	direction: Direction
): Change {
	const option = findOption(db, questionnaire.id, optionId);
	if (!option) return { ok: false, reason: 'not_found' };
	if (questionnaire.status !== 'draft') return { ok: false, reason: 'not_draft' };
	db.transaction((tx) => {
		moveInOrder(optionIds(tx, option.questionId), optionId, direction).forEach((id, position) =>
			tx
				.update(table.questionnaireOption)
				.set({ position })
				.where(eq(table.questionnaireOption.id, id))
				.run()
		);
	});
	return { ok: true };
}

/** Options change only in drafts, which have no answers; a chosen option is never deleted. */
export function deleteOption(
	db: Db,
	questionnaire: table.Questionnaire,
	optionId: number
): Change<'answered'> {
	return db.transaction((tx) => {
		const option = findOption(tx, questionnaire.id, optionId);
		if (!option) return { ok: false, reason: 'not_found' } as const;
		const chosen = tx
			.select({ id: table.questionnaireAnswer.id })
			.from(table.questionnaireAnswer)
			.where(eq(table.questionnaireAnswer.optionId, optionId))
			.get();
		if (chosen) return { ok: false, reason: 'answered' } as const;
		if (questionnaire.status !== 'draft') return { ok: false, reason: 'not_draft' } as const;
		tx.delete(table.questionnaireOption).where(eq(table.questionnaireOption.id, optionId)).run();
		optionIds(tx, option.questionId).forEach((id, position) =>
			tx
				.update(table.questionnaireOption)
				.set({ position })
				.where(eq(table.questionnaireOption.id, id))
				.run()
		);
		return { ok: true } as const;
	});
}
