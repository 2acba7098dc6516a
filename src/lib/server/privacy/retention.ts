import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { issueToken } from '../auth/token';
import { localToInstant } from '../time';
import { retentionDays } from './config';

const dayMs = 86_400_000;

/** When an event's phones are anonymised: `days` after its end (Europe/Berlin wall clock). */
export function retentionEndsAt(event: Pick<table.Event, 'endsAt'>, days: number): number {
	return localToInstant(event.endsAt) + days * dayMs;
}

/**
 * Removes the link between phones and what they did, for every event whose retention period is
 * over and which is not live. Each participant is replaced by a fresh anonymous one (a new random id, no device token,
 * name, group or language) that keeps its ideas and dots, so tallies, voter counts, minutes and
 * measures stay as they were; the old id, which the phone's cookie names, is gone, and so are
 * the ids the phone gave its writes. Participants already anonymised are left alone, so running
 * this again changes nothing. Returns how many participants were anonymised.
 */
export function anonymiseExpiredParticipants(
	db: Db,
	options: { days?: number; now?: number } = {}
): number {
	const days = options.days ?? retentionDays();
	const now = options.now ?? Date.now();
	const due = db
		.selectDistinct({
			id: table.event.id,
			endsAt: table.event.endsAt,
			startsAt: table.event.startsAt
		})
		.from(table.participant)
		.innerJoin(table.event, eq(table.participant.eventId, table.event.id))
		// A workshop still running is never cut off, even if it outlasts its planned end.
		.where(and(isNull(table.participant.anonymisedAt), ne(table.event.status, 'live')))
		.all()
		.filter((event) => retentionEndsAt(event, days) <= now);
	let anonymised = 0;
	for (const event of due) anonymised += anonymiseEvent(db, event, now);
	return anonymised;
}

function anonymiseEvent(db: Db, event: Pick<table.Event, 'id' | 'startsAt'>, now: number): number {
	return db.transaction((tx) => {
		const participants = tx
			.select({ id: table.participant.id })
			.from(table.participant)
			.where(and(eq(table.participant.eventId, event.id), isNull(table.participant.anonymisedAt)))
			.all();
		for (const { id } of participants) {
			// A token nobody holds: the new row can never be signed in to.
			const { id: anonymousId, secretHash } = issueToken();
			tx.insert(table.participant)
				.values({
					id: anonymousId,
					eventId: event.id,
					secretHash,
					displayName: null,
					category: null,
					locale: 'de',
					// Not the moment the phone joined, which could be matched with other records.
					createdAt: new Date(localToInstant(event.startsAt)),
					anonymisedAt: new Date(now)
				})
				.run();
			tx.update(table.idea)
				.set({ participantId: anonymousId, clientId: null })
				.where(eq(table.idea.participantId, id))
				.run();
			tx.update(table.dot)
				.set({ participantId: anonymousId })
				.where(eq(table.dot.participantId, id))
				.run();
		}
		// The old rows go, and their applied writes with them (on delete cascade).
		tx.delete(table.participant)
			.where(and(eq(table.participant.eventId, event.id), isNull(table.participant.anonymisedAt)))
			.run();
		return participants.length;
	});
}

/** Runs the retention at start and then every `intervalMs`; returns a function that stops it. */
export function scheduleRetention(db: Db, intervalMs = 3_600_000): () => void {
	const run = () => {
		try {
			const count = anonymiseExpiredParticipants(db);
			if (count > 0)
				console.log('Mitwirken: %d Teilnehmende anonymisiert (Aufbewahrungsfrist)', count);
		} catch (error) {
			console.error('Mitwirken: retention failed', error);
		}
	};
	run();
	const timer = setInterval(run, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
