import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import type { Db } from '../db';
import { localToInstant } from '../time';
import { joinClosedReason, joinEvent, joinRate, rejoinEvent } from './participants';

let db: Db;
let eventId: number;

beforeEach(() => {
	db = createTestDb();
	eventId = createTestEvent(db, createTestOrganisation(db).id).event.id;
});

describe('joinClosedReason', () => {
	const open = {
		status: 'live',
		joinClosed: false,
		endsAt: '2026-03-01T20:00',
		datePrecision: 'day'
	} as const;
	const end = localToInstant(open.endsAt);
	const hour = 3_600_000;

	it('lets phones in until the grace period after the end (Berlin time) runs out', () => {
		expect(joinClosedReason(open, 12, end - hour)).toBeNull();
		expect(joinClosedReason(open, 12, end + 12 * hour)).toBeNull();
		expect(joinClosedReason(open, 12, end + 12 * hour + 1)).toBe('event_over');
		expect(joinClosedReason(open, 0, end + 1)).toBe('event_over');
		// 20:00 in Berlin in March is 19:00 UTC.
		expect(new Date(end).toISOString()).toBe('2026-03-01T19:00:00.000Z');
	});

	it('closes with the event or when the moderator says so', () => {
		expect(joinClosedReason({ ...open, status: 'closed' }, 12, end)).toBe('event_closed');
		expect(joinClosedReason({ ...open, joinClosed: true }, 12, end)).toBe('closed_by_moderator');
	});

	it('takes no phones for an event known only to the month: it had no live workshop', () => {
		expect(joinClosedReason({ ...open, datePrecision: 'month' }, 12, end - hour)).toBe(
			'event_over'
		);
	});
});

describe('rejoinEvent', () => {
	it('gives a phone its participant back, updating only what it gave', () => {
		const { participant, token } = joinEvent(db, eventId, {
			displayName: 'Amal',
			category: 'business',
			locale: 'ar'
		});
		expect(rejoinEvent(db, eventId, token, { displayName: null, category: null })).toEqual(
			participant
		);
		expect(rejoinEvent(db, eventId, token, { displayName: 'Amal K.', category: null })).toEqual({
			...participant,
			displayName: 'Amal K.'
		});
	});

	it('refuses tokens of other events and forged ones', () => {
		const other = createTestEvent(db, createTestOrganisation(db, 'Anderswo').id).event.id;
		const { participant, token } = joinEvent(db, other, {
			displayName: null,
			category: null,
			locale: 'de'
		});
		expect(rejoinEvent(db, eventId, token, {})).toBeUndefined();
		expect(rejoinEvent(db, other, `${participant.id}.forged`, {})).toBeUndefined();
		expect(rejoinEvent(db, other, '%', {})).toBeUndefined();
	});
});

describe('joinRate', () => {
	it('counts the phones of the last minute and of all time', () => {
		expect(joinRate(db, eventId)).toEqual({ lastMinute: 0, total: 0 });
		for (let i = 0; i < 3; i++) {
			joinEvent(db, eventId, { displayName: null, category: null, locale: 'de' });
		}
		expect(joinRate(db, eventId)).toEqual({ lastMinute: 3, total: 3 });
		expect(joinRate(db, eventId, new Date(Date.now() + 61_000))).toEqual({
			lastMinute: 0,
			total: 3
		});
	});
});
