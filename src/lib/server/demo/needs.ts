import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { StakeholderCategory } from '../../domain';
import type { QuestionKind } from '../../needs/rules';
import type { Translations } from '../../workshop/translations';
import {
	addOption,
	addQuestion,
	createQuestionnaire,
	listQuestions,
	moveQuestionnaire
} from '../needs/questionnaires';
import { submitResponse, type AnswerInput } from '../needs/responses';
import { addField, listFields } from '../process/fields';
import { createProcess } from '../process/processes';

interface DemoQuestion {
	kind: QuestionKind;
	text: string;
	translations?: Translations;
	field?: string;
	options?: string[];
}

/** The fields of action the Führungsakademie model's working groups take up. */
const demoFields = ['Sprache und Bildung', 'Arbeit und Ausbildung', 'Wohnen'];

const questions: DemoQuestion[] = [
	{
		kind: 'single',
		text: 'Wie gut kennen Sie die Integrationsangebote in Ihrer Gemeinde?',
		translations: {
			en: 'How well do you know the integration services in your municipality?',
			ar: 'ما مدى معرفتك بخدمات الاندماج في بلديتك؟',
			tr: 'Belediyenizdeki uyum hizmetlerini ne kadar iyi biliyorsunuz?'
		},
		options: ['Gut', 'Teilweise', 'Kaum', 'Gar nicht']
	},
	{
		kind: 'scale',
		text: 'Wie dringend braucht es mehr Sprachkurse mit Kinderbetreuung?',
		translations: { en: 'How urgently are more language courses with childcare needed?' },
		field: 'Sprache und Bildung'
	},
	{
		kind: 'multiple',
		text: 'Was fehlt beim Einstieg in Ausbildung und Arbeit?',
		translations: { en: 'What is missing for getting into training and work?' },
		field: 'Arbeit und Ausbildung',
		options: [
			'Anerkennung ausländischer Abschlüsse',
			'Berufsbezogene Sprachkurse',
			'Praktikumsplätze',
			'Beratung in der Herkunftssprache'
		]
	},
	{
		kind: 'scale',
		text: 'Wie schwer ist es, in Ihrer Gemeinde eine bezahlbare Wohnung zu finden?',
		field: 'Wohnen'
	},
	{
		kind: 'text',
		text: 'Was sollte das Integrationskonzept unbedingt erreichen?'
	}
];

/** Who answered: large groups shown on their own, the small ones merged (`MIN_GROUP_SIZE` 5). */
const respondents: [StakeholderCategory | null, number][] = [
	['administration', 8],
	['civil_society', 10],
	['migrant_organisation', 9],
	['individual', 7],
	['volunteers', 3],
	['politics', 2],
	[null, 2]
];

const texts = [
	'Mehr Kurse am Abend, damit Berufstätige teilnehmen können.',
	'Eine Anlaufstelle in jeder Gemeinde, nicht nur in der Kreisstadt.',
	'Dass Ehrenamtliche besser begleitet werden.',
	'Bezahlbarer Wohnraum auch für große Familien.'
];

/**
 * The Lörrach-style process (Führungsakademie model, 000): its first step, the needs analysis on
 * site, done and closed, with answers from phones and from paper forms. The process is the one
 * with that template, or a new one in the demo organisation.
 */
export function seedNeedsAnalysis(db: Db, organisationId: number, now: Date) {
	const existing = db
		.select()
		.from(table.process)
		.where(
			and(
				eq(table.process.organisationId, organisationId),
				eq(table.process.template, 'fuehrungsakademie')
			)
		)
		.get();
	const process =
		existing ??
		createProcess(db, {
			organisationId,
			title: 'Integrationskonzept nach dem Modell der Führungsakademie',
			description:
				'Erstellung eines Integrationskonzepts im Programm der Führungsakademie Baden-Württemberg: Bedarfsanalyse vor Ort, Zukunftskonferenz, Strategieworkshop, Arbeitsgruppen.',
			template: 'fuehrungsakademie',
			startsOn: new Date(now.getTime() - 90 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
		});
	const known = new Set(listFields(db, process.id).map((field) => field.title));
	demoFields
		.filter((title) => !known.has(title))
		.forEach((title, index) =>
			addField(db, process.id, { code: `B${index + 1}`, title, description: '' })
		);
	const fieldIds = new Map(listFields(db, process.id).map((field) => [field.title, field.id]));

	const questionnaire = createQuestionnaire(db, process.id, {
		title: 'Bedarfsanalyse vor Ort',
		intro:
			'Mit diesem Fragebogen erheben wir, welche Angebote es gibt und was fehlt. Die Ergebnisse fließen in die Zukunftskonferenz ein.'
	});
	for (const question of questions) {
		addQuestion(db, questionnaire, {
			kind: question.kind,
			text: question.text,
			textTranslations: question.translations ?? {},
			fieldOfActionId: question.field ? (fieldIds.get(question.field) ?? null) : null
		});
	}
	const stored = listQuestions(db, questionnaire.id);
	questions.forEach((question, index) => {
		for (const text of question.options ?? []) {
			addOption(db, questionnaire, stored[index]!.id, { text, textTranslations: {} });
		}
	});
	moveQuestionnaire(db, questionnaire, 'open');
	const [known1, courses, work, housing, wish] = listQuestions(db, questionnaire.id);
	let n = 0;
	for (const [category, count] of respondents) {
		for (let i = 0; i < count; i++, n++) {
			// A fixed spread, not chance: the demo shows the same figures every time.
			const answers: AnswerInput[] = [
				{ questionId: known1!.id, optionId: known1!.options[(n * 3) % 4]!.id, text: null },
				{
					questionId: courses!.id,
					optionId: courses!.options[Math.min(4, 2 + ((n * 7) % 4))]!.id,
					text: null
				},
				{ questionId: work!.id, optionId: work!.options[n % 4]!.id, text: null },
				{
					questionId: housing!.id,
					optionId: housing!.options[category === 'administration' ? 2 : 3 + (n % 2)]!.id,
					text: null
				}
			];
			if (n % 2 === 0) {
				answers.push({
					questionId: work!.id,
					optionId: work!.options[(n + 2) % 4]!.id,
					text: null
				});
			}
			if (n % 5 === 0) {
				answers.push({
					questionId: wish!.id,
					optionId: null,
					text: texts[(n / 5) % texts.length]!
				});
			}
			submitResponse(db, questionnaire.id, {
				category,
				source: n % 4 === 0 ? 'paper' : 'phone',
				locale: n % 6 === 1 ? 'ar' : n % 6 === 3 ? 'tr' : 'de',
				answers
			});
		}
	}
	moveQuestionnaire(db, { ...questionnaire, status: 'open' }, 'closed');
}
