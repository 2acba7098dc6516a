import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { ParticipantLocale } from '../../domain';
import { issueToken, secretMatches, splitToken } from '../auth/token';
import { localToInstant } from '../time';

export const participantCookieName = 'mitwirken_participant';

// No 0/O, 1/I/L: codes are read off a projector and typed on small phones.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const joinCodePattern = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

function randomCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(6));
	return Array.from(bytes, (b) => codeAlphabet[b % codeAlphabet.length]).join('');
}

/** The event's join code, created on first use. */
export function ensureJoinCode(db: Db, eventId: number): string {
	const existing = db
		.select({ joinCode: table.event.joinCode })
		.from(table.event)
		.where(eq(table.event.id, eventId))
		.get();
	if (existing?.joinCode) return existing.joinCode;
	for (;;) {
		const code = randomCode();
		const taken = db
			.select({ id: table.event.id })
			.from(table.event)
			.where(eq(table.event.joinCode, code))
			.get();
		if (taken) continue;
		db.update(table.event)
			.set({ joinCode: code })
			.where(and(eq(table.event.id, eventId), isNull(table.event.joinCode)))
			.run();
		return ensureJoinCode(db, eventId);
	}
}

export function findEventByJoinCode(db: Db, code: string) {
	const normalised = code.trim().toUpperCase();
	if (!joinCodePattern.test(normalised)) return undefined;
	return db.select().from(table.event).where(eq(table.event.joinCode, normalised)).get();
}

export type ParticipantProfile = Pick<table.Participant, 'displayName' | 'category' | 'locale'>;

export function joinEvent(db: Db, eventId: number, profile: ParticipantProfile) {
	const { id, secretHash, token } = issueToken();
	const participant = db
		.insert(table.participant)
		.values({ id, eventId, secretHash, ...profile })
		.returning()
		.get();
	return { participant, token };
}

/**
 * Why a new phone may not join the event now, or null when it may. Phones already in keep
 * their place whatever this says.
 */
export type JoinClosedReason = 'event_closed' | 'closed_by_moderator' | 'event_over';

/** Hours after an event's end during which its code still lets new phones in. */
export const defaultJoinGraceHours = 12;

export function joinClosedReason(
	event: Pick<table.Event, 'status' | 'joinClosed' | 'endsAt' | 'datePrecision'>,
	graceHours = defaultJoinGraceHours,
	now = Date.now()
): JoinClosedReason | null {
	if (event.status === 'closed') return 'event_closed';
	if (event.datePrecision === 'month') return 'event_over';
	if (event.joinClosed) return 'closed_by_moderator';
	if (now > localToInstant(event.endsAt) + graceHours * 3_600_000) return 'event_over';
	return null;
}

export function setJoinClosed(db: Db, eventId: number, closed: boolean) {
	db.update(table.event).set({ joinClosed: closed }).where(eq(table.event.id, eventId)).run();
}

/**
 * The participant a device token names, if it belongs to this event: joining again gives it
 * back (with the name and group updated where given) instead of adding a second one.
 */
export function rejoinEvent(
	db: Db,
	eventId: number,
	token: string,
	changes: Partial<Pick<table.Participant, 'displayName' | 'category'>>
) {
	const participant = findParticipant(db, token);
	if (participant?.eventId !== eventId) return undefined;
	const given = {
		...(changes.displayName ? { displayName: changes.displayName } : {}),
		...(changes.category ? { category: changes.category } : {})
	};
	if (Object.keys(given).length === 0) return participant;
	return db
		.update(table.participant)
		.set(given)
		.where(eq(table.participant.id, participant.id))
		.returning()
		.get();
}

/** How fast phones are joining: in the minute before `now`, and in all. */
export function joinRate(db: Db, eventId: number, now = new Date()) {
	const row = db
		.select({
			total: count(),
			lastMinute: sql<number>`coalesce(sum(${table.participant.createdAt} >= ${now.getTime() - 60_000}), 0)`
		})
		.from(table.participant)
		.where(eq(table.participant.eventId, eventId))
		.get();
	return { lastMinute: Number(row?.lastMinute ?? 0), total: row?.total ?? 0 };
}

export function findParticipant(db: Db, token: string) {
	const parts = splitToken(token);
	if (!parts) return undefined;
	const participant = db
		.select()
		.from(table.participant)
		.where(eq(table.participant.id, parts.id))
		.get();
	if (!participant || !secretMatches(parts.secret, participant.secretHash)) return undefined;
	return participant;
}

export function setParticipantLocale(db: Db, participantId: string, locale: ParticipantLocale) {
	db.update(table.participant).set({ locale }).where(eq(table.participant.id, participantId)).run();
}
