import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import { matchesFilter } from '../../attendance-filter';
import type { Db } from '../db';
import type * as table from '../db/schema';
import { addGuest, listAttendees } from '../events/events';
import { participationByGroup } from '../review/participation';
import {
	addWalkIn,
	attendanceByGroup,
	checkIn,
	doorList,
	register,
	undoCheckIn
} from './attendance';

let db: Db;
let event: table.Event;
let processId: number;

beforeEach(() => {
	db = createTestDb();
	const created = createTestEvent(db, createTestOrganisation(db).id);
	event = created.event;
	processId = created.process.id;
});

const person = (name: string, category: table.StakeholderCategory | null = null) => ({
	name,
	affiliation: '',
	category
});

describe('the door', () => {
	it('checks a registration in once and keeps the first time', () => {
		const jobcenter = register(db, event.id, person('Jobcenter', 'administration'));
		const first = checkIn(db, event.id, jobcenter.id, new Date('2026-03-01T16:55:00Z'));
		expect(first.kind).toBe('checked_in');
		const second = checkIn(db, event.id, jobcenter.id, new Date('2026-03-01T17:05:00Z'));
		expect(second).toMatchObject({
			kind: 'already',
			attendee: { checkedInAt: new Date('2026-03-01T16:55:00Z') }
		});
		const other = createTestEvent(db, createTestOrganisation(db, 'Stadt Andernorts').id);
		expect(checkIn(db, other.event.id, jobcenter.id).kind).toBe('not_found');
	});

	it('undoes a check-in of a registration, never a walk-in', () => {
		const caritas = register(db, event.id, person('Caritas'));
		checkIn(db, event.id, caritas.id);
		expect(undoCheckIn(db, event.id, caritas.id)).toBe(true);
		expect(undoCheckIn(db, event.id, caritas.id)).toBe(false);
		const walkIn = addWalkIn(db, event.id, person('Tafel'));
		expect(undoCheckIn(db, event.id, walkIn.id)).toBe(false);
		expect(doorList(db, event.id).map((a) => [a.name, a.present])).toEqual([
			['Caritas', false],
			['Tafel', true]
		]);
	});

	it('counts registered against present per group, and only those present as attendance', () => {
		const vhs = register(db, event.id, person('VHS', 'education'));
		register(db, event.id, person('IHK', 'business'));
		checkIn(db, event.id, vhs.id);
		addWalkIn(db, event.id, person('Beirat', 'migrant_organisation'));
		addGuest(db, event.id, person('Nachgetragen', 'education'));
		const { groups, total } = attendanceByGroup(db, event.id);
		expect(total).toEqual({
			category: null,
			registered: 2,
			checkedIn: 1,
			walkIns: 2,
			present: 3
		});
		expect(groups.find((g) => g.category === 'education')).toMatchObject({
			registered: 1,
			checkedIn: 1,
			present: 2
		});
		expect(listAttendees(db, event.id).map((a) => a.name)).toEqual([
			'Beirat',
			'Nachgetragen',
			'VHS'
		]);
		const turnout = participationByGroup(db, processId);
		expect(turnout.find((g) => g.category === 'business')).toBeUndefined();
		expect(turnout.find((g) => g.category === 'education')?.attendees).toBe(2);
	});

	it('filters names by every typed word, in any case', () => {
		const vhs = { name: 'Vertretung Volkshochschule', affiliation: 'VHS Landau' };
		expect(matchesFilter(vhs, '')).toBe(true);
		expect(matchesFilter(vhs, '  volks  landau ')).toBe(true);
		expect(matchesFilter(vhs, 'volks kreis')).toBe(false);
	});
});
