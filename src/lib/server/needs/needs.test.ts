import { describe, expect, it } from 'vitest';
import { createProcess } from '../process/processes';
import { createTestDb, createTestOrganisation } from '../../../../tests/factories';
import {
	addOption,
	addQuestion,
	createQuestionnaire,
	listQuestionnaires,
	listQuestions,
	moveQuestionnaire
} from './questionnaires';
import { readAnswers, submitResponse } from './responses';

function setUp() {
	const db = createTestDb();
	const organisation = createTestOrganisation(db);
	const process = createProcess(db, {
		organisationId: organisation.id,
		title: 'Integrationskonzept',
		description: '',
		template: 'fuehrungsakademie',
		startsOn: '2026-01-01'
	});
	const questionnaire = createQuestionnaire(db, process.id, { title: 'Bedarf', intro: '' });
	addQuestion(db, questionnaire, {
		kind: 'multiple',
		text: 'Was fehlt?',
		textTranslations: {},
		fieldOfActionId: null
	});
	const questionId = listQuestions(db, questionnaire.id)[0]!.id;
	for (const text of ['Kurse', 'Beratung', 'Wohnungen']) {
		addOption(db, questionnaire, questionId, { text, textTranslations: {} });
	}
	moveQuestionnaire(db, questionnaire, 'open');
	return { db, process, questionnaire, questions: listQuestions(db, questionnaire.id) };
}

const form = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
};

describe('answers to a questionnaire', () => {
	it('takes several options of a multiple-choice question, each once', () => {
		const { questions } = setUp();
		const [question] = questions;
		const [a, b] = question!.options.map((option) => String(option.id));
		const read = readAnswers(
			questions,
			form([
				[`q${question!.id}`, a!],
				[`q${question!.id}`, b!],
				[`q${question!.id}`, a!]
			])
		);
		expect(read.ok && read.answers.map((answer) => answer.optionId)).toEqual([
			Number(a),
			Number(b)
		]);
	});

	it('counts the responses of each questionnaire in the list', () => {
		const { db, process, questionnaire, questions } = setUp();
		const [question] = questions;
		submitResponse(db, questionnaire.id, {
			category: null,
			source: 'paper',
			locale: 'de',
			answers: [{ questionId: question!.id, optionId: question!.options[0]!.id, text: null }]
		});
		expect(listQuestionnaires(db, process.id).map((q) => q.responses)).toEqual([1]);
	});
});
