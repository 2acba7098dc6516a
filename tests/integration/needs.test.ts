/**
 * The needs analysis (Bedarfsanalyse) over HTTP against the production build: staff build a
 * questionnaire, phones answer it anonymously by its code (once each, throttled per address),
 * staff type in paper forms, and the results keep small groups merged. Hostile answers are
 * refused without storing anything.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import {
	addOption,
	addQuestion,
	createQuestionnaire,
	listQuestions,
	moveQuestionnaire
} from '../../src/lib/server/needs/questionnaires';
import { submitResponse } from '../../src/lib/server/needs/responses';
import { questionnaireResults } from '../../src/lib/server/needs/results';
import { answerBudget } from '../../src/lib/server/needs/throttle';
import { addField, listFields } from '../../src/lib/server/process/fields';
import { createProcess } from '../../src/lib/server/process/processes';
import { answeredCookieName } from '../../src/lib/needs/rules';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;

const seeded = {
	org: '',
	process: '',
	processId: 0,
	fieldId: 0,
	owner: '',
	steering: '',
	/** A questionnaire of another organisation, open, with its own question and options. */
	foreign: { code: '', questionId: 0, optionId: 0 }
};

function openQuestionnaire(db: Db, processId: number, title: string) {
	const questionnaire = createQuestionnaire(db, processId, { title, intro: '' });
	addQuestion(db, questionnaire, {
		kind: 'single',
		text: `${title}: Frage`,
		textTranslations: {},
		fieldOfActionId: null
	});
	const questionId = listQuestions(db, questionnaire.id)[0]!.id;
	for (const text of ['Ja', 'Nein'])
		addOption(db, questionnaire, questionId, { text, textTranslations: {} });
	moveQuestionnaire(db, questionnaire, 'open');
	const [question] = listQuestions(db, questionnaire.id);
	return { questionnaire, question: question! };
}

async function seed(db: Db) {
	const organisation = createTestOrganisation(db, 'Landkreis Bedarfshausen');
	const owner = await createMember(db, organisation.id, 'process_owner');
	const steering = await createMember(db, organisation.id, 'steering_member');
	const process = createProcess(db, {
		organisationId: organisation.id,
		title: 'Integrationskonzept Bedarfsanalyse',
		description: '',
		template: 'fuehrungsakademie',
		startsOn: '2026-01-01'
	});
	addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	const other = createTestOrganisation(db, 'Landkreis Anderswo');
	const otherProcess = createProcess(db, {
		organisationId: other.id,
		title: 'Anderswo',
		description: '',
		template: 'empty',
		startsOn: '2026-01-01'
	});
	const foreign = openQuestionnaire(db, otherProcess.id, 'Fremd');
	Object.assign(seeded, {
		org: organisation.slug,
		process: process.slug,
		processId: process.id,
		fieldId: listFields(db, process.id)[0]!.id,
		owner: owner.email,
		steering: steering.email,
		foreign: {
			code: foreign.questionnaire.code,
			questionId: foreign.question.id,
			optionId: foreign.question.options[0]!.id
		}
	});
}

beforeAll(async () => {
	server = await startServer({ seed, env: { ADDRESS_HEADER: 'x-forwarded-for' } });
});

afterAll(() => server?.stop());

let lastAddress = 0;
/** A phone from an address of its own, so that tests do not share a throttle budget. */
const phone = (language = 'de', address = `198.51.100.${++lastAddress}`) =>
	new Visitor(server.url, language, { 'x-forwarded-for': address });

async function staff(email: string) {
	const client = phone();
	const reply = await client.login(email, testPassword);
	expect(reply.status, reply.body).toBe(303);
	return client;
}

const base = () => `/o/${seeded.org}/p/${seeded.process}/bedarfsanalyse`;
const responsesOf = (questionnaireId: number) =>
	server
		.db()
		.select()
		.from(table.questionnaireResponse)
		.where(eq(table.questionnaireResponse.questionnaireId, questionnaireId))
		.all();
const findByCode = (code: string) =>
	server.db().select().from(table.questionnaire).where(eq(table.questionnaire.code, code)).get()!;

/** A questionnaire built and opened in the database, for the tests that only answer it. */
function opened(title: string) {
	return openQuestionnaire(server.db(), seeded.processId, title);
}

describe('the questionnaire builder', () => {
	it('builds, orders, translates and opens a questionnaire; a draft only changes', async () => {
		const owner = await staff(seeded.owner);
		const created = await owner.post(`${base()}?/create`, {
			title: 'Bedarfsanalyse vor Ort',
			intro: 'Was fehlt?'
		});
		expect(created.status, created.body).toBe(303);
		const page = created.location!;
		const id = Number(page.split('/').at(-1));
		const add = (fields: Record<string, string>) => owner.post(`${page}?/addQuestion`, fields);
		expect(
			(
				await add({
					kind: 'single',
					text: 'Kennen Sie die Angebote?',
					fieldOfActionId: String(seeded.fieldId),
					tr_ar: 'هل تعرف العروض؟'
				})
			).status
		).toBe(200);
		expect((await add({ kind: 'scale', text: 'Wie wichtig sind Sprachkurse?' })).status).toBe(200);
		expect((await add({ kind: 'text', text: 'Was wünschen Sie sich?' })).status).toBe(200);
		// Wrong kinds, unknown locales, another organisation's field are refused.
		expect((await add({ kind: 'essay', text: 'x' })).status).toBe(400);
		expect(
			(await add({ kind: 'text', text: 'x', tr_xx: 'x', tr_en: 'x'.repeat(600) })).status
		).toBe(400);
		expect((await add({ kind: 'text', text: 'x', fieldOfActionId: '999999' })).status).toBe(404);

		const [single, scale, text] = listQuestions(server.db(), id);
		expect(single!.textTranslations).toEqual({ ar: 'هل تعرف العروض؟' });
		expect(scale!.options.map((o) => o.text)).toEqual(['1', '2', '3', '4', '5']);
		for (const option of ['Ja', 'Teilweise', 'Nein']) {
			expect(
				(await owner.post(`${page}?/addOption`, { questionId: String(single!.id), text: option }))
					.status
			).toBe(200);
		}
		// A text question has no options; an option of another questionnaire is not found.
		expect(
			(await owner.post(`${page}?/addOption`, { questionId: String(text!.id), text: 'x' })).status
		).toBe(400);
		expect(
			(
				await owner.post(`${page}?/updateOption`, {
					id: String(seeded.foreign.optionId),
					text: 'übernommen'
				})
			).status
		).toBe(404);
		const partly = listQuestions(server.db(), id)[0]!.options[1]!;
		await owner.post(`${page}?/moveOption`, { id: String(partly.id), direction: 'up' });
		await owner.post(`${page}?/moveQuestion`, { id: String(text!.id), direction: 'up' });
		expect(listQuestions(server.db(), id).map((q) => q.kind)).toEqual(['single', 'text', 'scale']);
		expect(listQuestions(server.db(), id)[0]!.options.map((o) => o.text)).toEqual([
			'Teilweise',
			'Ja',
			'Nein'
		]);
		// Deleting an option asks first.
		const asked = await owner.post(`${page}?/deleteOption`, { id: String(partly.id) });
		expect(asked.status).toBe(409);
		expect(listQuestions(server.db(), id)[0]!.options).toHaveLength(3);
		await owner.post(`${page}?/deleteOption`, { id: String(partly.id), confirmed: 'on' });
		expect(listQuestions(server.db(), id)[0]!.options).toHaveLength(2);

		expect((await owner.post(`${page}?/open`, {})).status).toBe(200);
		expect(findByCode(findQuestionnaireCode(id)).status).toBe('open');
		// Once open, the wording stays: no new options or questions, no new wording.
		expect(
			(await owner.post(`${page}?/addOption`, { questionId: String(single!.id), text: 'Neu' }))
				.status
		).toBe(409);
		expect((await add({ kind: 'text', text: 'Zu spät' })).status).toBe(409);
		expect(
			(await owner.post(`${page}?/updateQuestion`, { id: String(single!.id), text: 'Anders' }))
				.status
		).toBe(409);
		// … but translations may still come.
		expect(
			(
				await owner.post(`${page}?/updateQuestion`, {
					id: String(single!.id),
					text: 'Kennen Sie die Angebote?',
					tr_ar: 'هل تعرف العروض؟',
					tr_en: 'Do you know the services?'
				})
			).status
		).toBe(200);
		expect(listQuestions(server.db(), id)[0]!.textTranslations.en).toBe(
			'Do you know the services?'
		);
		// Closing asks first; nothing is lost.
		expect((await owner.post(`${page}?/close`, {})).status).toBe(409);
		expect(findByCode(findQuestionnaireCode(id)).status).toBe('open');
		expect((await owner.post(`${page}?/close`, { confirmed: 'on' })).status).toBe(200);
		expect(findByCode(findQuestionnaireCode(id)).status).toBe('closed');
	});

	it('lets the steering group read, but not build', async () => {
		const member = await staff(seeded.steering);
		expect((await member.get(base())).status).toBe(200);
		expect((await member.post(`${base()}?/create`, { title: 'Nein' })).status).toBe(403);
	});

	it('never deletes a question with answers: it is hidden, and its answers stay', async () => {
		const { questionnaire, question } = opened('Ausblenden');
		submitResponse(server.db(), questionnaire.id, {
			category: null,
			source: 'paper',
			locale: 'de',
			answers: [{ questionId: question.id, optionId: question.options[0]!.id, text: null }]
		});
		const owner = await staff(seeded.owner);
		const page = `${base()}/${questionnaire.id}`;
		const refused = await owner.post(`${page}?/deleteQuestion`, {
			id: String(question.id),
			confirmed: 'on'
		});
		expect(refused.status).toBe(409);
		expect(refused.body).toContain('1 Antworten');
		expect((await owner.post(`${page}?/hideQuestion`, { id: String(question.id) })).status).toBe(
			200
		);
		const [hidden] = listQuestions(server.db(), questionnaire.id);
		expect(hidden!.hidden).toBe(true);
		expect(hidden!.answers).toBe(1);
		// A hidden question is not asked on the phone.
		const page2 = await phone().get(`/umfrage/${questionnaire.code}`);
		expect(page2.body).not.toContain('Ausblenden: Frage');
	});
});

function findQuestionnaireCode(id: number) {
	return server
		.db()
		.select({ code: table.questionnaire.code })
		.from(table.questionnaire)
		.where(eq(table.questionnaire.id, id))
		.get()!.code;
}

describe('answering on a phone', () => {
	it('is anonymous, in Arabic, with the stakeholder group, once per phone', async () => {
		const { questionnaire, question } = opened('Handy');
		server
			.db()
			.update(table.questionnaireQuestion)
			.set({ textTranslations: { ar: 'سؤال بالعربية' } })
			.where(eq(table.questionnaireQuestion.id, question.id))
			.run();
		const arabic = phone('ar');
		const page = await arabic.get(`/umfrage/${questionnaire.code.toLowerCase()}`);
		expect(page.status).toBe(308);
		const shown = await arabic.get(`/umfrage/${questionnaire.code}`);
		expect(shown.status).toBe(200);
		expect(shown.body).toContain('dir="rtl"');
		expect(shown.body).toContain('سؤال بالعربية');
		expect(shown.body).toContain('<fieldset');
		expect(shown.body).toContain('value="individual"');
		const answer = {
			category: 'individual',
			[`q${question.id}`]: String(question.options[1]!.id)
		};
		const sent = await arabic.post(`/umfrage/${questionnaire.code}?/answer`, answer);
		expect(sent.status, sent.body).toBe(303);
		expect(arabic.cookie(answeredCookieName(questionnaire.id))).toBe('1');
		const again = await arabic.post(`/umfrage/${questionnaire.code}?/answer`, answer);
		expect(again.status).toBe(409);
		expect((await arabic.get(`/umfrage/${questionnaire.code}`)).body).not.toContain('<fieldset');
		const stored = responsesOf(questionnaire.id);
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ category: 'individual', source: 'phone', locale: 'ar' });
	});

	it('refuses hostile answers and stores nothing', async () => {
		const { questionnaire, question } = opened('Feindlich');
		const textQuestion = addText(questionnaire.id);
		const other = opened('Nachbar');
		const post = (fields: Record<string, string | string[]>) =>
			phone().post(`/umfrage/${questionnaire.code}?/answer`, fields);
		const q = `q${question.id}`;
		const refusals = [
			{ [q]: 'abc' },
			{ [q]: '1e3' },
			{ [q]: [String(question.options[0]!.id), String(question.options[1]!.id)] },
			// An option of another question, another questionnaire, another organisation.
			{ [q]: String(other.question.options[0]!.id) },
			{ [q]: String(seeded.foreign.optionId) },
			// Only questions of other questionnaires: nothing answered here.
			{ [`q${seeded.foreign.questionId}`]: String(seeded.foreign.optionId) },
			{ [`q${other.question.id}`]: String(other.question.options[0]!.id) },
			{},
			{ [q]: String(question.options[0]!.id), category: 'hacker' },
			{ [`q${textQuestion}`]: 'x'.repeat(100_000) },
			{ [`q${textQuestion}`]: ['eins', 'zwei'] }
		];
		for (const fields of refusals) {
			const reply = await post(fields);
			expect(reply.status, JSON.stringify(fields).slice(0, 200)).toBe(400);
		}
		expect(responsesOf(questionnaire.id)).toHaveLength(0);
		// Control characters and bidi overrides are dropped, the text kept.
		const kept = await post({ [`q${textQuestion}`]: 'Mehr\u0000 Kurse\u202e\u0007 am Abend' });
		expect(kept.status).toBe(303);
		const [answer] = server
			.db()
			.select()
			.from(table.questionnaireAnswer)
			.where(eq(table.questionnaireAnswer.questionId, textQuestion))
			.all();
		expect(answer!.text).toBe('Mehr Kurse am Abend');
	});

	it('is closed for phones once staff close it, and unknown before it opens', async () => {
		const { questionnaire, question } = opened('Geschlossen');
		moveQuestionnaire(server.db(), { ...questionnaire, status: 'open' }, 'closed');
		const reply = await phone().post(`/umfrage/${questionnaire.code}?/answer`, {
			[`q${question.id}`]: String(question.options[0]!.id)
		});
		expect(reply.status).toBe(403);
		expect(responsesOf(questionnaire.id)).toHaveLength(0);
		const draft = createQuestionnaire(server.db(), seeded.processId, {
			title: 'Entwurf',
			intro: ''
		});
		expect((await phone().get(`/umfrage/${draft.code}`)).status).toBe(404);
		expect((await phone().get('/umfrage/ZZZZZZ')).status).toBe(404);
	});

	it('is throttled per address', async () => {
		const { questionnaire, question } = opened('Drossel');
		const address = '192.0.2.77';
		const statuses: number[] = [];
		for (let i = 0; i <= answerBudget.points; i++) {
			const reply = await phone('de', address).post(`/umfrage/${questionnaire.code}?/answer`, {
				[`q${question.id}`]: String(question.options[i % 2]!.id)
			});
			statuses.push(reply.status);
		}
		expect(statuses.slice(0, answerBudget.points).every((status) => status === 303)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
		expect(responsesOf(questionnaire.id)).toHaveLength(answerBudget.points);
		const elsewhere = await phone().post(`/umfrage/${questionnaire.code}?/answer`, {
			[`q${question.id}`]: String(question.options[0]!.id)
		});
		expect(elsewhere.status).toBe(303);
	});
});

function addText(questionnaireId: number): number {
	const db = server.db();
	return db
		.insert(table.questionnaireQuestion)
		.values({ questionnaireId, position: 9, kind: 'text', text: 'Freitext' })
		.returning()
		.get().id;
}

describe('paper forms and results', () => {
	it('are typed in by staff, also after closing, and printed', async () => {
		const { questionnaire, question } = opened('Papier');
		const owner = await staff(seeded.owner);
		const paper = `${base()}/${questionnaire.id}/papier`;
		expect((await owner.get(paper)).status).toBe(200);
		const fields = { category: 'welfare', [`q${question.id}`]: String(question.options[0]!.id) };
		expect((await owner.post(paper, fields)).status).toBe(200);
		moveQuestionnaire(server.db(), { ...questionnaire, status: 'open' }, 'closed');
		expect((await owner.post(paper, fields)).status).toBe(200);
		expect((await owner.post(paper, { [`q${question.id}`]: 'abc' })).status).toBe(400);
		expect(responsesOf(questionnaire.id).map((r) => [r.source, r.category])).toEqual([
			['paper', 'welfare'],
			['paper', 'welfare']
		]);
		const member = await staff(seeded.steering);
		expect((await member.post(paper, fields)).status).toBe(403);
		const printed = await member.get(`${base()}/${questionnaire.id}/druck?sprache=ar`);
		expect(printed.status).toBe(200);
		expect(printed.body).toContain('dir="rtl"');
		expect(printed.body).toContain('Papier: Frage');
	});

	it('show groups below the minimum size only merged, in the page, the CSV and beside the field', async () => {
		const db = server.db();
		const { questionnaire, question } = opened('Gruppen');
		db.update(table.questionnaireQuestion)
			.set({ fieldOfActionId: seeded.fieldId })
			.where(eq(table.questionnaireQuestion.id, question.id))
			.run();
		const answer = (category: table.QuestionnaireResponse['category'], option: number) =>
			submitResponse(db, questionnaire.id, {
				category,
				source: 'phone',
				locale: 'de',
				answers: [{ questionId: question.id, optionId: question.options[option]!.id, text: null }]
			});
		for (let i = 0; i < 5; i++) answer('administration', 0);
		answer('politics', 1);
		answer('politics', 1);
		answer(null, 0);
		answer('business', 1);
		answer('business', 0);
		const results = questionnaireResults(db, questionnaire.id, 5);
		expect(results.groups).toEqual([
			{ category: 'administration', count: 5 },
			{ category: 'merged', count: 5 }
		]);
		const [only] = results.questions;
		expect(only!.options.map((o) => o.byGroup)).toEqual([
			[
				{ category: 'administration', count: 5 },
				{ category: 'merged', count: 2 }
			],
			[{ category: 'merged', count: 3 }]
		]);
		// One group too small and no other to hide it among: no breakdown at all.
		const lonely = opened('Allein');
		submitResponse(db, lonely.questionnaire.id, {
			category: 'politics',
			source: 'phone',
			locale: 'de',
			answers: [
				{ questionId: lonely.question.id, optionId: lonely.question.options[0]!.id, text: null }
			]
		});
		expect(questionnaireResults(db, lonely.questionnaire.id, 5).groups).toEqual([]);

		const member = await staff(seeded.steering);
		const page = await member.get(`${base()}/${questionnaire.id}/ergebnisse`);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Verwaltung (5)');
		expect(page.body).toContain('weitere Gruppen (zusammengefasst) (5)');
		expect(page.body).not.toContain('Politik');
		expect(page.body).toContain('<table');
		const csv = await member.get(`${base()}/${questionnaire.id}/ergebnisse.csv`);
		expect(csv.status).toBe(200);
		expect(csv.body).toContain('Gruppen: Frage;Ja;Verwaltung;5');
		expect(csv.body).not.toContain('Politik');
		const review = await member.get(
			`/o/${seeded.org}/p/${seeded.process}/review?field=${seeded.fieldId}`
		);
		expect(review.status).toBe(200);
		expect(review.body).toContain('Bedarfsanalyse zu diesem Handlungsfeld');
		expect(review.body).toContain('Gruppen: Frage');
	});
});
