import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import { seedVotedWorkshop } from '../../../../tests/workshop-factory';
import * as table from '../db/schema';
import { resultsCsv } from '../export/results-csv';
import { currentMinutes, draftMinutes } from '../minutes/minutes';
import { localToInstant } from '../time';
import { findParticipant, joinEvent, rejoinEvent } from '../workshop/participants';
import { rankedResults, tallies } from '../workshop/votes';
import { anonymiseExpiredParticipants } from './retention';

const day = 86_400_000;

function closedWorkshop() {
	const db = createTestDb();
	const { event } = createTestEvent(db, createTestOrganisation(db).id);
	const workshop = seedVotedWorkshop(db, event.id, ['politics', 'business', null], [2]);
	db.update(table.event).set({ status: 'closed' }).where(eq(table.event.id, event.id)).run();
	const end = localToInstant(event.endsAt);
	return { db, event, ...workshop, end };
}

describe('anonymiseExpiredParticipants', () => {
	it('waits until the retention period after the event has passed', () => {
		const { db, end } = closedWorkshop();
		expect(anonymiseExpiredParticipants(db, { days: 30, now: end + 30 * day - 1 })).toBe(0);
		expect(
			db
				.select()
				.from(table.participant)
				.all()
				.map((p) => p.displayName)
		).toEqual(['Telefon 1', 'Telefon 2', 'Telefon 3']);
		expect(anonymiseExpiredParticipants(db, { days: 30, now: end + 30 * day })).toBe(3);
	});

	it('unlinks phones, names and groups, and keeps every idea and dot counting', () => {
		const { db, event, activity, phones, end } = closedWorkshop();
		const before = { tallies: tallies(db, activity.id), ranked: rankedResults(db, activity.id, 1) };
		const oldIds = phones.map(({ participant }) => participant.id);

		expect(anonymiseExpiredParticipants(db, { days: 30, now: end + 31 * day })).toBe(3);

		const participants = db.select().from(table.participant).all();
		expect(participants).toHaveLength(3);
		for (const participant of participants) {
			expect(oldIds).not.toContain(participant.id);
			expect(participant).toMatchObject({
				eventId: event.id,
				displayName: null,
				category: null,
				locale: 'de'
			});
			expect(participant.anonymisedAt).toBeInstanceOf(Date);
		}
		expect(db.select().from(table.appliedWrite).all()).toEqual([]);
		expect(
			db
				.select()
				.from(table.idea)
				.all()
				.map((idea) => idea.clientId)
		).toEqual([null, null]);
		// The same dots on the same ideas from the same number of people, now of no stated group.
		expect(tallies(db, activity.id)).toEqual(before.tallies);
		const after = rankedResults(db, activity.id, 1);
		expect(after.map((r) => [r.label, r.dots, r.voters])).toEqual(
			before.ranked.map((r) => [r.label, r.dots, r.voters])
		);
		expect(after[0]!.byCategory).toEqual([{ category: null, dots: 4, voters: 2 }]);
		// Minutes and CSV are built from the anonymous results as before.
		draftMinutes(db, event.id);
		expect(currentMinutes(db, event.id)!.minutes.results.activities[0]!.results).toHaveLength(2);
		expect(resultsCsv(db, activity.id)).toContain('Sprachcafé;;4;2');
	});

	it('does nothing more when run again, and treats an old phone as a new one', () => {
		const { db, event, phones, end } = closedWorkshop();
		const now = end + 31 * day;
		anonymiseExpiredParticipants(db, { days: 30, now });
		const anonymous = db.select().from(table.participant).all();
		expect(anonymiseExpiredParticipants(db, { days: 30, now: now + day })).toBe(0);
		expect(db.select().from(table.participant).all()).toEqual(anonymous);

		const oldToken = phones[0]!.token;
		expect(findParticipant(db, oldToken)).toBeUndefined();
		expect(rejoinEvent(db, event.id, oldToken, { displayName: 'Neu' })).toBeUndefined();
		// Reopened: the phone joins as anyone would.
		db.update(table.event).set({ status: 'live' }).where(eq(table.event.id, event.id)).run();
		const { participant } = joinEvent(db, event.id, {
			displayName: null,
			category: 'politics',
			locale: 'de'
		});
		expect(anonymiseExpiredParticipants(db, { days: 30, now: now + day })).toBe(0);
		expect(
			db.select().from(table.participant).where(eq(table.participant.id, participant.id)).get()
		).toMatchObject({ category: 'politics', anonymisedAt: null });
	});

	it('leaves live events alone', () => {
		const { db, end } = closedWorkshop();
		const other = createTestEvent(db, createTestOrganisation(db, 'Landkreis Lörrach').id);
		seedVotedWorkshop(db, other.event.id, ['politics']);
		// The other event is still live (createTestEvent), ended the same day.
		expect(anonymiseExpiredParticipants(db, { days: 0, now: end + 1 })).toBe(3);
		expect(
			db.select().from(table.participant).where(eq(table.participant.eventId, other.event.id)).get()
		).toMatchObject({ displayName: 'Telefon 1', category: 'politics' });
	});
});
