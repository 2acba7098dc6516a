import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { ActivityStage } from '../../src/lib/domain';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createActivity } from '../../src/lib/server/workshop/activities';
import { joinEvent, participantCookieName } from '../../src/lib/server/workshop/participants';
import { maxQuestionLength } from '../../src/lib/workshop/limits';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { connectLive, next, send, type LiveClient } from './live-client';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const seeded = { organisationId: 0, moderatorEmail: '' };
const open: LiveClient[] = [];

async function seed(db: Db) {
	seeded.organisationId = createTestOrganisation(db, 'Landkreis Konstanz').id;
	seeded.moderatorEmail = (await createMember(db, seeded.organisationId, 'moderator')).email;
}

/** An event of its own with one activity and a Ukrainian and an Arabic phone. */
function workshop() {
	const db = server.db();
	const eventId = createTestEvent(db, seeded.organisationId).event.id;
	const activityId = createActivity(db, eventId, {
		question: 'Was hilft beim Einstieg in Arbeit?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	}).id;
	const cookies = (['uk', 'ar'] as const).map((locale) => {
		const { token } = joinEvent(db, eventId, { displayName: null, category: null, locale });
		return `${participantCookieName}=${token}`;
	});
	return { eventId, activityId, cookies };
}
type Workshop = ReturnType<typeof workshop>;

async function phone(of: Workshop, index = 0) {
	const socket = await connectLive(server.url, { cookie: of.cookies[index] });
	open.push(socket);
	return socket;
}

async function moderator(of: Workshop) {
	const visitor = new Visitor(server.url);
	await visitor.login(seeded.moderatorEmail, testPassword);
	const socket = await connectLive(server.url, {
		cookie: `${sessionCookieName}=${visitor.cookie(sessionCookieName)}`,
		eventId: of.eventId
	});
	open.push(socket);
	return socket;
}

async function clusterIn(mod: LiveClient, activityId: number, title: string) {
	const reply = await send(mod, 'cluster:create', { activityId, title, ideaIds: [] });
	if (!reply.ok) throw new Error(reply.error);
	return reply.value.id;
}

/** The next whole activity in `stage`: broadcasts of earlier moves may still be on their way. */
async function stateIn(socket: LiveClient, stage: ActivityStage) {
	for (;;) {
		const state = await next(socket, 'activity:state');
		if (!state || state.stage === stage) return state;
	}
}

const stored = (activityId: number) =>
	server.db().select().from(table.activity).where(eq(table.activity.id, activityId)).get()!;
const storedCluster = (clusterId: number) =>
	server.db().select().from(table.cluster).where(eq(table.cluster.id, clusterId)).get()!;

beforeAll(async () => {
	server = await startServer({ seed });
});

afterEach(() => {
	for (const socket of open.splice(0)) socket.close();
});

afterAll(() => server.stop());

describe('translations of the question and the cluster titles', () => {
	it('are stored cleaned, acknowledged, and reach every phone without a reload', async () => {
		const of = workshop();
		const { activityId } = of;
		const mod = await moderator(of);
		const ukrainian = await phone(of, 0);
		const heard = next(ukrainian, 'event:activities');

		const reply = await send(mod, 'activity:translate', {
			activityId,
			translations: {
				uk: ' Що допомагає\u0000 почати працювати? ',
				ar: 'ما الذي يساعد على بدء العمل؟',
				en: ''
			}
		});
		const translations = {
			uk: 'Що допомагає почати працювати?',
			ar: 'ما الذي يساعد على بدء العمل؟'
		};
		expect(reply).toEqual({
			ok: true,
			value: {
				id: activityId,
				question: 'Was hilft beim Einstieg in Arbeit?',
				questionTranslations: translations,
				stage: 'collecting'
			}
		});
		expect(stored(activityId)).toMatchObject({
			question: 'Was hilft beim Einstieg in Arbeit?',
			questionTranslations: translations
		});
		expect((await heard)?.find((a) => a.id === activityId)?.questionTranslations).toEqual(
			translations
		);
		const synced = await send(ukrainian, 'activity:sync', { activityId });
		expect(synced.ok && synced.value.questionTranslations).toEqual(translations);

		// Saving the set again without Arabic removes it.
		const removed = await send(mod, 'activity:translate', {
			activityId,
			translations: { uk: translations.uk, ar: '  ' }
		});
		expect(removed.ok && removed.value.questionTranslations).toEqual({ uk: translations.uk });

		const created = next(ukrainian, 'cluster:changed');
		const clusterId = await clusterIn(mod, activityId, 'Sprache und Arbeit');
		expect((await created)?.cluster.titleTranslations).toEqual({});
		const clusterOnPhone = next(ukrainian, 'cluster:changed');
		const titled = await send(mod, 'cluster:translate', {
			activityId,
			clusterId,
			translations: { uk: 'Мова\nі робота', 'de-x-ls': 'Deutsch lernen und Arbeit finden' }
		});
		const titleTranslations = {
			uk: 'Мова і робота',
			'de-x-ls': 'Deutsch lernen und Arbeit finden'
		};
		expect(titled).toEqual({
			ok: true,
			value: { id: clusterId, title: 'Sprache und Arbeit', titleTranslations }
		});
		expect(storedCluster(clusterId)).toMatchObject({
			title: 'Sprache und Arbeit',
			titleTranslations
		});
		expect(await clusterOnPhone).toEqual({
			activityId,
			cluster: { id: clusterId, title: 'Sprache und Arbeit', titleTranslations }
		});

		// The results a phone sees at the reveal carry them too.
		for (const stage of ['clustering', 'voting'] as const) {
			expect((await send(mod, 'activity:stage', { activityId, stage })).ok).toBe(true);
		}
		const revealed = stateIn(ukrainian, 'revealed');
		expect((await send(mod, 'activity:stage', { activityId, stage: 'revealed' })).ok).toBe(true);
		const state = await revealed;
		expect(state?.questionTranslations).toEqual({ uk: translations.uk });
		expect(state?.clusters).toEqual([
			{ id: clusterId, title: 'Sprache und Arbeit', titleTranslations }
		]);
		expect(state?.tallies).not.toBeNull();
	});

	it('are refused with a clear code when they are not a moderator’s valid translations', async () => {
		const of = workshop();
		const other = workshop();
		const { activityId } = of;
		const mod = await moderator(of);
		const otherMod = await moderator(other);
		const clusterId = await clusterIn(mod, activityId, 'Ausbildung');
		const foreignCluster = await clusterIn(otherMod, other.activityId, 'Anderswo');
		const participant = await phone(of, 0);
		const refusal = (error: string) => ({ ok: false, error });

		const invalid: unknown[] = [
			{ xx: 'Frage' },
			{ de: 'Eine deutsche „Übersetzung“' },
			{ 'uk-UA': 'Питання' },
			{ en: 'a'.repeat(maxQuestionLength + 1) },
			{ en: 7 },
			['en', 'Question']
		];
		for (const translations of invalid) {
			expect(
				await send(mod, 'activity:translate', {
					activityId,
					translations
				} as never)
			).toEqual(refusal('invalid_payload'));
		}
		expect(
			await send(mod, 'cluster:translate', {
				activityId,
				clusterId,
				translations: { en: 'a'.repeat(121) }
			})
		).toEqual(refusal('invalid_payload'));
		expect(
			await send(mod, 'cluster:translate', {
				activityId,
				clusterId: String(clusterId),
				translations: {}
			} as never)
		).toEqual(refusal('invalid_payload'));

		// Another event's cluster or activity, through this event's socket.
		expect(
			await send(mod, 'cluster:translate', {
				activityId,
				clusterId: foreignCluster,
				translations: { en: 'Elsewhere' }
			})
		).toEqual(refusal('not_found'));
		expect(
			await send(mod, 'cluster:translate', {
				activityId: other.activityId,
				clusterId: foreignCluster,
				translations: { en: 'Elsewhere' }
			})
		).toEqual(refusal('not_found'));
		expect(
			await send(mod, 'activity:translate', {
				activityId: other.activityId,
				translations: { en: 'Elsewhere' }
			})
		).toEqual(refusal('not_found'));

		// A phone may not set them.
		expect(
			await send(participant, 'activity:translate', {
				activityId,
				translations: { uk: 'Питання' }
			})
		).toEqual(refusal('unauthorised'));
		expect(
			await send(participant, 'cluster:translate', {
				activityId,
				clusterId,
				translations: { uk: 'Навчання' }
			})
		).toEqual(refusal('unauthorised'));

		expect(stored(activityId).questionTranslations).toEqual({});
		expect(stored(other.activityId).questionTranslations).toEqual({});
		expect(storedCluster(clusterId).titleTranslations).toEqual({});
		expect(storedCluster(foreignCluster).titleTranslations).toEqual({});

		// A closed activity is a record: its translations stay as they were.
		for (const stage of ['clustering', 'voting', 'revealed', 'closed'] as const) {
			expect((await send(mod, 'activity:stage', { activityId, stage })).ok).toBe(true);
		}
		expect(
			await send(mod, 'activity:translate', { activityId, translations: { en: 'Late' } })
		).toEqual(refusal('wrong_stage'));
		expect(
			await send(mod, 'cluster:translate', { activityId, clusterId, translations: { en: 'Late' } })
		).toEqual(refusal('wrong_stage'));
		expect(stored(activityId).questionTranslations).toEqual({});
	});
});
