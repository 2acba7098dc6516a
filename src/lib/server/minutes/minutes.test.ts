import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type { Db } from '../db';
import type * as table from '../db/schema';
import { addAgendaItem, addGuest, findEvent } from '../events/events';
import { minutesDocx } from '../export/minutes-docx';
import { createActivity, moveToStage } from '../workshop/activities';
import { createCluster, submitIdea } from '../workshop/ideas';
import { joinEvent } from '../workshop/participants';
import { placeDot } from '../workshop/votes';
import {
	addItem,
	approveMinutes,
	currentMinutes,
	draftMinutesWhenWorkshopEnds,
	listRevisions,
	reviseMinutes,
	submitMinutes,
	updateItemNotes,
	updateSummary
} from './minutes';
import { refuseMinutes } from './approval';

const hostile = '<w:p>Ende</w:p><script>alert(1)</script> & "Zitat"';

let db: Db;
let eventId: number;
let processId: number;

/** A workshop that has run: two ideas clustered, one alone, dots from two groups, then closed. */
function runWorkshop() {
	let activity = createActivity(db, eventId, {
		question: 'Was hilft beim Ankommen?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 3,
		namedIdeas: false
	});
	const [a, b] = (['politics', 'volunteers'] as const).map(
		(category) => joinEvent(db, eventId, { displayName: null, category, locale: 'de' }).participant
	) as [table.Participant, table.Participant];
	const idea = (text: string) => {
		const result = submitIdea(db, activity, {
			participantId: a.id,
			clientId: text,
			text,
			language: 'de'
		});
		if (!result.ok) throw new Error(result.error);
		return result.value.idea;
	};
	const lotsen = idea('Ehrenamtliche Lotsen');
	const paten = idea('Patenschaften');
	const wrong = idea(hostile);
	const advance = (stage: table.Activity['stage']) => {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(moved.error);
		activity = moved.value;
	};
	advance('clustering');
	const cluster = createCluster(db, activity, 'Begleitung', [lotsen.id, paten.id]);
	if (!cluster.ok) throw new Error(cluster.error);
	advance('voting');
	placeDot(db, activity, a.id, 'a1', { kind: 'cluster', id: cluster.value.id });
	placeDot(db, activity, a.id, 'a2', { kind: 'cluster', id: cluster.value.id });
	placeDot(db, activity, b.id, 'b1', { kind: 'cluster', id: cluster.value.id });
	placeDot(db, activity, b.id, 'b2', { kind: 'idea', id: wrong.id });
	advance('revealed');
	advance('closed');
	draftMinutesWhenWorkshopEnds(db, eventId);
}

beforeEach(() => {
	db = createTestDb();
	const created = createTestEvent(db, createTestOrganisation(db).id, 'Fachkonferenz Ankommen');
	eventId = created.event.id;
	processId = created.process.id;
	addAgendaItem(db, eventId, { title: 'Begrüßung', description: '' });
	addAgendaItem(db, eventId, { title: 'Workshop', description: '' });
	addGuest(db, eventId, {
		name: 'Frau Yılmaz',
		affiliation: 'Elternverein',
		category: 'civil_society'
	});
});

describe('minutes', () => {
	it('are drafted when the workshop ends, with attendees, agenda and ranked results', () => {
		let activity = createActivity(db, eventId, {
			question: 'Noch offen',
			fieldOfActionId: null,
			dotsPerParticipant: 3,
			maxDotsPerTarget: 3,
			namedIdeas: false
		});
		draftMinutesWhenWorkshopEnds(db, eventId);
		expect(listRevisions(db, eventId)).toHaveLength(0);
		for (const stage of ['clustering', 'voting', 'revealed', 'closed'] as const) {
			const moved = moveToStage(db, activity, stage);
			if (moved.ok) activity = moved.value;
		}

		runWorkshop();
		const current = currentMinutes(db, eventId)!;
		expect(current.minutes).toMatchObject({ revision: 1, status: 'draft' });
		expect(current.minutes.attendees).toEqual([
			{ name: 'Frau Yılmaz', affiliation: 'Elternverein', category: 'civil_society' }
		]);
		expect(current.agenda.map((item) => item.title)).toEqual(['Begrüßung', 'Workshop']);
		const workshop = current.minutes.results.activities.find(
			(a) => a.question === 'Was hilft beim Ankommen?'
		)!;
		expect(workshop.results.map((r) => [r.label, r.dots, r.voters])).toEqual([
			['Begleitung', 3, 2],
			[hostile, 1, 1]
		]);
		expect(workshop.results[0]!.ideas).toEqual(['Ehrenamtliche Lotsen', 'Patenschaften']);
		// One person per group: a breakdown would show how each of them voted, so there is none.
		expect(workshop.results[0]!.byCategory).toEqual([]);
	});

	it('lock once submitted and approved; a correction is a new revision', async () => {
		runWorkshop();
		const { minutes, agenda } = currentMinutes(db, eventId)!;
		expect(updateSummary(db, eventId, minutes.id, 'Gute Stimmung.')).toEqual({ ok: true });
		expect(updateItemNotes(db, eventId, minutes.id, agenda[0]!.id, 'Landrätin begrüßt.')).toEqual({
			ok: true
		});
		addItem(db, eventId, minutes.id, {
			kind: 'decision',
			title: 'Lotsenprogramm ausarbeiten',
			owner: '',
			dueOn: null
		});
		addItem(db, eventId, minutes.id, {
			kind: 'task',
			title: 'Träger anfragen',
			owner: 'Integrationsbeauftragte',
			dueOn: '2026-12-15'
		});

		const approver = await createTestUser(db, { name: 'Vorsitz Steuerungsgruppe' });
		expect(approveMinutes(db, eventId, minutes.id, approver)).toEqual({
			ok: false,
			reason: 'wrong_status'
		});
		expect(submitMinutes(db, eventId, minutes.id)).toEqual({ ok: true });
		expect(updateSummary(db, eventId, minutes.id, 'Nachträglich')).toEqual({
			ok: false,
			reason: 'locked'
		});
		expect(
			refuseMinutes(
				db,
				processId,
				eventId,
				minutes.id,
				{ ...approver, role: 'steering_member' },
				'Anwesenheit fehlt'
			)
		).toEqual({ ok: true, approved: false });
		expect(submitMinutes(db, eventId, minutes.id)).toEqual({ ok: true });
		expect(approveMinutes(db, eventId, minutes.id, approver)).toEqual({ ok: true });
		expect(currentMinutes(db, eventId)!.minutes).toMatchObject({
			status: 'approved',
			approvedByName: 'Vorsitz Steuerungsgruppe'
		});
		expect(
			addItem(db, eventId, minutes.id, { kind: 'decision', title: 'X', owner: '', dueOn: null })
		).toEqual({
			ok: false,
			reason: 'locked'
		});
		expect(updateSummary(db, 999, minutes.id, 'Fremd')).toEqual({ ok: false, reason: 'not_found' });

		const correction = { reason: 'Name falsch geschrieben', author: { name: 'Geschäftsstelle' } };
		const revision = reviseMinutes(db, eventId, minutes.id, correction)!;
		expect(revision).toMatchObject({
			revision: 2,
			status: 'draft',
			previousId: minutes.id,
			reason: 'Name falsch geschrieben',
			createdByName: 'Geschäftsstelle'
		});
		const second = currentMinutes(db, eventId)!;
		expect(second.minutes.summary).toBe('Gute Stimmung.');
		expect(second.decisions.map((d) => d.title)).toEqual(['Lotsenprogramm ausarbeiten']);
		expect(second.tasks[0]).toMatchObject({
			owner: 'Integrationsbeauftragte',
			dueOn: '2026-12-15'
		});
		// The approved revision stays as it was.
		expect(listRevisions(db, eventId).map((r) => [r.revision, r.status])).toEqual([
			[2, 'draft'],
			[1, 'approved']
		]);
		expect(reviseMinutes(db, eventId, minutes.id, correction)).toBeUndefined();
		expect(currentMinutes(db, eventId, 1)!.minutes).toMatchObject({ status: 'approved' });
	});

	it('export as a valid Word document with the results table, hostile text escaped', async () => {
		runWorkshop();
		const current = currentMinutes(db, eventId)!;
		addItem(db, eventId, current.minutes.id, {
			kind: 'decision',
			title: hostile,
			owner: '',
			dueOn: null
		});
		const event = findEvent(db, processId, eventId)!;
		const docx = await minutesDocx({
			organisation: 'Landkreis Konstanz',
			process: 'Integrationskonzept',
			event,
			current: currentMinutes(db, eventId)!
		});
		const files = unzipSync(new Uint8Array(docx));
		expect(Object.keys(files)).toEqual(
			expect.arrayContaining(['[Content_Types].xml', 'word/document.xml'])
		);
		const xml = strFromU8(files['word/document.xml']!);
		expect(xml).toContain('Protokoll: Fachkonferenz Ankommen');
		expect(xml).toContain('<w:tbl>');
		expect(xml).toContain('Begleitung: Ehrenamtliche Lotsen; Patenschaften');
		// Groups of one are not broken down; the note says why.
		expect(xml).not.toContain('Politik 2');
		expect(xml).toContain('mindestens 5 Personen');
		expect(xml).not.toContain('<script>');
		expect(xml).not.toContain('<w:p>Ende</w:p>');
		expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; ');
	});
});
