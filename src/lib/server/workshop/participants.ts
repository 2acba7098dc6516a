import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { ParticipantLocale } from '../../domain';
import { issueToken, secretMatches, splitToken } from '../auth/token';

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
