import { describe, expect, it } from 'vitest';
import { createTestDb, createTestOrganisation } from '../../../../tests/factories';
import * as table from '../db/schema';
import { createEvent } from '../events/events';
import { addPhase, currentPhase, deletePhase, listPhases, movePhase } from './phases';
import { createProcess } from './processes';

type P = Pick<table.Phase, 'status' | 'startsOn' | 'endsOn'> & { title: string };
const phase = (
	title: string,
	startsOn: string,
	endsOn: string,
	status: P['status'] = 'planned'
): P => ({
	title,
	startsOn,
	endsOn,
	status
});

const timeline = [
	phase('Steuerungsgruppe', '2017-06-01', '2017-06-30'),
	phase('Auftakt', '2017-08-01', '2017-08-31'),
	phase('Fachkonferenzen', '2017-08-01', '2017-08-31'),
	phase('Integrationskonferenz', '2018-01-01', '2018-01-31')
];

describe('currentPhase', () => {
	it('follows the dates', () => {
		const { current, next } = currentPhase(timeline, '2017-06-15');
		expect(current?.title).toBe('Steuerungsgruppe');
		expect(next?.title).toBe('Auftakt');
	});

	it('takes the first of overlapping phases until it is done', () => {
		expect(currentPhase(timeline, '2017-08-10').current?.title).toBe('Auftakt');
		const afterKickoff = timeline.map((p) =>
			p.title === 'Auftakt' ? { ...p, status: 'done' as const } : p
		);
		expect(currentPhase(afterKickoff, '2017-08-10').current?.title).toBe('Fachkonferenzen');
	});

	it('prefers a phase marked active over the calendar', () => {
		const late = timeline.map((p) =>
			p.title === 'Steuerungsgruppe' ? { ...p, status: 'active' as const } : p
		);
		expect(currentPhase(late, '2017-08-10').current?.title).toBe('Steuerungsgruppe');
	});

	it('has no current phase between phases or before the start, but knows the next', () => {
		expect(currentPhase(timeline, '2017-07-10')).toMatchObject({
			current: null,
			next: { title: 'Auftakt' }
		});
		expect(currentPhase(timeline, '2017-01-01').next?.title).toBe('Steuerungsgruppe');
		expect(currentPhase(timeline, '2019-01-01')).toEqual({ current: null, next: null });
	});
});

describe('phases', () => {
	it('are added at the end, move, and are not deleted while events are filed under them', () => {
		const db = createTestDb();
		const org = createTestOrganisation(db);
		const process = createProcess(db, {
			organisationId: org.id,
			title: 'Integrationskonzept',
			description: '',
			template: 'empty',
			startsOn: '2026-01-01'
		});
		const a = addPhase(db, process.id, {
			title: 'A',
			description: '',
			startsOn: null,
			endsOn: null,
			status: 'planned'
		});
		const b = addPhase(db, process.id, {
			title: 'B',
			description: '',
			startsOn: null,
			endsOn: null,
			status: 'planned'
		});
		movePhase(db, process.id, b.id, 'up');
		expect(listPhases(db, process.id).map((p) => p.title)).toEqual(['B', 'A']);
		movePhase(db, process.id, b.id, 'up');
		expect(listPhases(db, process.id).map((p) => p.position)).toEqual([0, 1]);

		const event = createEvent(db, process.id, {
			title: 'Auftakt',
			description: '',
			place: 'Rathaus',
			startsAt: '2026-02-01T18:00',
			endsAt: '2026-02-01T20:00',
			isPublic: true,
			status: 'planned',
			bodyId: null,
			phaseId: a.id
		});
		expect(deletePhase(db, process.id, a.id)).toEqual({ ok: false, reason: 'in_use', events: 1 });
		const kept = db.select().from(table.event).all();
		expect(kept).toHaveLength(1);
		expect(kept[0]).toMatchObject({ id: event.id, phaseId: a.id });
	});
});
