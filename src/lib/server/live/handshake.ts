import { eq } from 'drizzle-orm';
import type { IncomingHttpHeaders } from 'node:http';
import * as v from 'valibot';
import { cookieValue } from '../../cookie-value';
import type { HandshakeErrorCode } from '../../workshop/errors';
import { socketAuth } from '../../workshop/messages';
import { sessionCookieName, sessionIsActive, validateSessionToken } from '../auth/session';
import type { Db } from '../db';
import * as table from '../db/schema';
import { processRoleOf } from '../organisations/process-members';
import { roleAllows } from '../auth/roles';
import { findParticipant, participantCookieName } from '../workshop/participants';

export type Viewer =
	| { kind: 'moderator'; userId: number; sessionId: string }
	| { kind: 'participant'; participantId: string };

export interface SocketData {
	eventId: number;
	viewer: Viewer;
}

export interface Handshake {
	headers: IncomingHttpHeaders;
	auth: unknown;
}

/**
 * Who opens this socket. A handshake naming an event (`auth.eventId`) asks to moderate it and
 * needs the session of a member who may manage its events; any other needs a participant's
 * device token. Browsers must come from our own origin (`ORIGIN`); other clients send none.
 */
export function authenticate(
	db: Db,
	handshake: Handshake,
	allowedOrigin: string | undefined
): SocketData | HandshakeErrorCode {
	const origin = handshake.headers.origin;
	if (allowedOrigin && origin !== undefined && origin !== allowedOrigin) return 'forbidden_origin';
	const auth = v.safeParse(socketAuth, handshake.auth);
	if (!auth.success) return 'invalid_handshake';
	const cookies = handshake.headers.cookie;
	if (!('eventId' in auth.output)) {
		const token = cookieValue(cookies, participantCookieName);
		const participant = token ? findParticipant(db, token) : undefined;
		if (!participant) return 'unauthorised';
		return {
			eventId: participant.eventId,
			viewer: { kind: 'participant', participantId: participant.id }
		};
	}
	const { eventId } = auth.output;
	const sessionToken = cookieValue(cookies, sessionCookieName);
	const session = sessionToken ? validateSessionToken(db, sessionToken) : undefined;
	if (!session?.valid) return 'unauthorised';
	const viewer = {
		kind: 'moderator',
		userId: session.user.id,
		sessionId: session.session.id
	} as const;
	if (!moderatorMayRun(db, viewer, eventId)) return 'unauthorised';
	return { eventId, viewer };
}

/**
 * Whether a moderator's session is still active and its user still may manage the event's
 * process's events (by their organisation role, or their role in that one process): checked at the handshake, before every message and whenever that
 * user's access changes.
 */
export function moderatorMayRun(
	db: Db,
	viewer: Extract<Viewer, { kind: 'moderator' }>,
	eventId: number
): boolean {
	if (!sessionIsActive(db, viewer.sessionId)) return false;
	const owner = db
		.select({ processId: table.event.processId })
		.from(table.event)
		.where(eq(table.event.id, eventId))
		.get();
	if (!owner) return false;
	const role = processRoleOf(db, viewer.userId, owner.processId);
	return role !== null && roleAllows(role, 'manageEvents');
}
