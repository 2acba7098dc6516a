import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import {
	mergedGroups,
	stakeholderCategories,
	type ResultGroup,
	type StakeholderCategory
} from '../../domain';
import { toCsv } from '../export/csv';
import { minGroupSize } from '../privacy/config';
import { groupsToShow } from '../privacy/small-groups';
import type { QuestionKind, QuestionnaireStatus } from '../../needs/rules';
import { listQuestions } from './questionnaires';

export interface GroupCount {
	category: ResultGroup;
	count: number;
}

export interface OptionResult {
	id: number;
	text: string;
	total: number;
	/** Per shown group (and the merged small ones); empty when no group may be shown. */
	byGroup: GroupCount[];
}

export interface QuestionResult {
	id: number;
	kind: QuestionKind;
	text: string;
	fieldOfActionId: number | null;
	hidden: boolean;
	/** Responses that answered the question, in all and per shown group. */
	respondents: number;
	respondentsByGroup: GroupCount[];
	options: OptionResult[];
	/** A scale's mean, its points counted 1, 2, 3 … */
	mean: number | null;
	texts: string[];
}

export interface QuestionnaireResults {
	responses: number;
	minSize: number;
	/** The groups shown on their own, then the merged small ones, with their responses. */
	groups: GroupCount[];
	questions: QuestionResult[];
}

const groupOrder: ResultGroup[] = [...stakeholderCategories, null, mergedGroups];
const byGroupOrder = (a: GroupCount, b: GroupCount) =>
	groupOrder.indexOf(a.category) - groupOrder.indexOf(b.category);

function tally(groups: ResultGroup[]): GroupCount[] {
	const counts = new Map<ResultGroup, number>();
	for (const group of groups) counts.set(group, (counts.get(group) ?? 0) + 1);
	return [...counts].map(([category, count]) => ({ category, count })).sort(byGroupOrder);
}

/**
 * The answers of a questionnaire by stakeholder group. A group with fewer responses than the
 * workshops' minimum (`MIN_GROUP_SIZE`) is merged with the other small ones, exactly as workshop
 * results are (`privacy/small-groups.ts`); when none may be shown, there is no breakdown. Free
 * texts are listed without their group, which could name a small one.
 */
export function questionnaireResults(
	db: Db,
	questionnaireId: number,
	minSize = minGroupSize()
): QuestionnaireResults {
	const responses = db
		.select({ id: table.questionnaireResponse.id, category: table.questionnaireResponse.category })
		.from(table.questionnaireResponse)
		.where(eq(table.questionnaireResponse.questionnaireId, questionnaireId))
		.all();
	const sizes = new Map<StakeholderCategory | null, number>();
	for (const { category } of responses) sizes.set(category, (sizes.get(category) ?? 0) + 1);
	const shown = groupsToShow(sizes, minSize);
	const breakdown = shown.size > 0;
	const groupOf = new Map<number, ResultGroup>(
		responses.map(({ id, category }) => [id, shown.has(category) ? category : mergedGroups])
	);
	const answers =
		responses.length === 0
			? []
			: db
					.select()
					.from(table.questionnaireAnswer)
					.where(
						inArray(
							table.questionnaireAnswer.responseId,
							db
								.select({ id: table.questionnaireResponse.id })
								.from(table.questionnaireResponse)
								.where(eq(table.questionnaireResponse.questionnaireId, questionnaireId))
						)
					)
					.orderBy(asc(table.questionnaireAnswer.id))
					.all();
	const questions = listQuestions(db, questionnaireId).map((question): QuestionResult => {
		const own = answers.filter((answer) => answer.questionId === question.id);
		const respondentIds = [...new Set(own.map((answer) => answer.responseId))];
		const options = question.options.map((option) => {
			const choosers = own
				.filter((answer) => answer.optionId === option.id)
				.map((answer) => answer.responseId);
			return {
				id: option.id,
				text: option.text,
				total: choosers.length,
				byGroup: breakdown ? tally(choosers.map((id) => groupOf.get(id)!)) : []
			};
		});
		let mean: number | null = null;
		if (question.kind === 'scale') {
			const points = options.reduce((sum, option) => sum + option.total, 0);
			const weighted = options.reduce((sum, option, index) => sum + option.total * (index + 1), 0);
			mean = points > 0 ? weighted / points : null;
		}
		return {
			id: question.id,
			kind: question.kind,
			text: question.text,
			fieldOfActionId: question.fieldOfActionId,
			hidden: question.hidden,
			respondents: respondentIds.length,
			respondentsByGroup: breakdown ? tally(respondentIds.map((id) => groupOf.get(id)!)) : [],
			options,
			mean,
			texts: own.flatMap((answer) => (answer.text ? [answer.text] : []))
		};
	});
	return {
		responses: responses.length,
		minSize,
		groups: breakdown ? tally([...groupOf.values()]) : [],
		questions
	};
}

export interface FieldFinding {
	questionnaire: { id: number; title: string; status: QuestionnaireStatus };
	responses: number;
	groups: GroupCount[];
	questions: QuestionResult[];
}

/** What the needs analyses of a process found on one field of action: its visible questions. */
export function fieldFindings(
	db: Db,
	processId: number,
	fieldId: number,
	minSize = minGroupSize()
): FieldFinding[] {
	const questionnaires = db
		.select({
			id: table.questionnaire.id,
			title: table.questionnaire.title,
			status: table.questionnaire.status
		})
		.from(table.questionnaire)
		.where(
			and(eq(table.questionnaire.processId, processId), ne(table.questionnaire.status, 'draft'))
		)
		.orderBy(asc(table.questionnaire.id))
		.all();
	return questionnaires.flatMap((questionnaire) => {
		const hasField = db
			.select({ id: table.questionnaireQuestion.id })
			.from(table.questionnaireQuestion)
			.where(
				and(
					eq(table.questionnaireQuestion.questionnaireId, questionnaire.id),
					eq(table.questionnaireQuestion.fieldOfActionId, fieldId),
					eq(table.questionnaireQuestion.hidden, false)
				)
			)
			.get();
		if (!hasField) return [];
		const results = questionnaireResults(db, questionnaire.id, minSize);
		return [
			{
				questionnaire,
				responses: results.responses,
				groups: results.groups,
				questions: results.questions.filter(
					(question) => question.fieldOfActionId === fieldId && !question.hidden
				)
			}
		];
	});
}

export interface CsvLabels {
	question: string;
	answer: string;
	group: string;
	count: string;
	total: string;
	groupName: (group: ResultGroup) => string;
}

/** One row per option and group (the total first), then one per free-text answer. */
export function resultsCsv(results: QuestionnaireResults, labels: CsvLabels): string {
	const rows: (string | number | null)[][] = [
		[labels.question, labels.answer, labels.group, labels.count]
	];
	for (const question of results.questions) {
		for (const option of question.options) {
			rows.push([question.text, option.text, labels.total, option.total]);
			for (const { category, count } of option.byGroup) {
				rows.push([question.text, option.text, labels.groupName(category), count]);
			}
		}
		for (const text of question.texts) rows.push([question.text, text, null, null]);
	}
	return toCsv(rows);
}
