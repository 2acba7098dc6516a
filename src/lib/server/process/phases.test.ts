import { describe, expect, it } from 'vitest';
import { createTestDb, createTestOrganisation } from '../../../../tests/factories';
import * as table from '../db/schema';
import { createEvent } from '../events/events';
import {
	addPhase,
	currentPhase,
	deletePhase,
	listPhases,
	movePhase,
	phaseStateAt,
	phaseStateOn
} from './phases';
import { createProcess } from './processes';

type P = Pick<table.Phase, 'statusOverride' | 'startsOn' | 'endsOn'> & { title: string };
const phase = (
	title: string,
	startsOn: string | null,
	endsOn: string | null,
	statusOverride: P['statusOverride'] = 'automatic'
): P => ({ title, startsOn, endsOn, statusOverride });

const timeline = [
	phase('Steuerungsgruppe', '2017-06-01', '2017-06-30'),
	phase('Auftakt', '2017-08-01', '2017-08-31'),
	phase('Fachkonferenzen', '2017-08-01', '2017-08-31'),
	phase('Integrationskonferenz', '2018-01-01', '2018-01-31')
];

describe('phaseStateOn', () => {
	const june = phase('Steuerungsgruppe', '2017-06-01', '2017-06-30');

	it('is planned before the first day, active on both boundary days, done after the last', () => {
		expect(phaseStateOn(june, '2017-05-31')).toEqual({ status: 'planned', manual: false });
		expect(phaseStateOn(june, '2017-06-01')).toEqual({ status: 'active', manual: false });
		expect(phaseStateOn(june, '2017-06-30')).toEqual({ status: 'active', manual: false });
		expect(phaseStateOn(june, '2017-07-01')).toEqual({ status: 'done', manual: false });
	});

	it('reads open dates: no start is not begun, no end runs on', () => {
		expect(phaseStateOn(phase('A', null, null), '2030-01-01').status).toBe('planned');
		expect(phaseStateOn(phase('B', null, '2017-06-30'), '2017-06-15').status).toBe('planned');
		expect(phaseStateOn(phase('C', null, '2017-06-30'), '2017-07-01').status).toBe('done');
		expect(phaseStateOn(phase('D', '2017-06-01', null), '2099-01-01').status).toBe('active');
	});

	it('takes the override over the dates, and says so', () => {
		for (const status of ['planned', 'active', 'done'] as const) {
			expect(phaseStateOn({ ...june, statusOverride: status }, '2017-06-15')).toEqual({
				status,
				manual: true
			});
		}
	});

	it('turns over at midnight in Berlin, not in UTC, across both daylight-saving changes', () => {
		// Summer time starts on 29 March 2026: midnight in Berlin is 22:00 UTC the day before.
		const march = phase('März', '2026-03-01', '2026-03-29');
		expect(phaseStateAt(march, new Date('2026-03-29T21:59:59Z')).status).toBe('active');
		expect(phaseStateAt(march, new Date('2026-03-29T22:00:00Z')).status).toBe('done');
		// Winter time from 25 October 2026: midnight is 23:00 UTC again.
		const october = phase('Oktober', '2026-10-26', '2026-10-31');
		expect(phaseStateAt(october, new Date('2026-10-25T22:59:59Z')).status).toBe('planned');
		expect(phaseStateAt(october, new Date('2026-10-25T23:00:00Z')).status).toBe('active');
		// On the day of the change itself (25 hours long) the phase is active all day.
		const changeDay = phase('Umstellung', '2026-10-25', '2026-10-25');
		expect(phaseStateAt(changeDay, new Date('2026-10-24T22:00:00Z')).status).toBe('active');
		expect(phaseStateAt(changeDay, new Date('2026-10-25T22:59:59Z')).status).toBe('active');
		expect(phaseStateAt(changeDay, new Date('2026-10-25T23:00:00Z')).status).toBe('done');
	});
});

describe('currentPhase', () => {
	it('follows the dates', () => {
		const { current, next } = currentPhase(timeline, '2017-06-15');
		expect(current?.title).toBe('Steuerungsgruppe');
		expect(next?.title).toBe('Auftakt');
	});

	it('takes the first of overlapping phases until it is set done', () => {
		expect(currentPhase(timeline, '2017-08-10').current?.title).toBe('Auftakt');
		const afterKickoff = timeline.map((p) =>
			p.title === 'Auftakt' ? { ...p, statusOverride: 'done' as const } : p
		);
		expect(currentPhase(afterKickoff, '2017-08-10').current?.title).toBe('Fachkonferenzen');
	});

	it('prefers a phase set active by hand over the calendar', () => {
		const late = timeline.map((p) =>
			p.title === 'Steuerungsgruppe' ? { ...p, statusOverride: 'active' as const } : p
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
			statusOverride: 'automatic'
		});
		const b = addPhase(db, process.id, {
			title: 'B',
			description: '',
			startsOn: null,
			endsOn: null,
			statusOverride: 'automatic'
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
