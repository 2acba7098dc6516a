import { createSession } from '../src/lib/server/auth/session';
import { createUser } from '../src/lib/server/auth/users';
import { openDatabase, type Db } from '../src/lib/server/db';
import * as table from '../src/lib/server/db/schema';
import { createEvent } from '../src/lib/server/events/events';
import { createActivity } from '../src/lib/server/workshop/activities';
import {
	ensureJoinCode,
	joinEvent,
	participantCookieName
} from '../src/lib/server/workshop/participants';
import { addMember, createOrganisation } from '../src/lib/server/organisations/organisations';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { createProcess } from '../src/lib/server/process/processes';
import { stakeholderCategories } from '../src/lib/domain';
import { todayIn } from '../src/lib/server/time';

/** A live event with its join code, and a moderator's session; no activities yet. */
export async function seedEvent(databasePath: string) {
	const db = openDatabase(databasePath);
	const { eventId, moderatorCookie } = await createEventAndModerator(db);
	const joinCode = ensureJoinCode(db, eventId);
	db.$client.close();
	return { eventId, joinCode, moderatorCookie };
}

async function createEventAndModerator(db: Db) {
	const org = createOrganisation(db, { name: 'Landkreis Benchmark', kind: 'landkreis' });
	const moderator = await createUser(db, {
		email: 'moderation@bench.example',
		name: 'Moderation',
		password: 'bench-password'
	});
	if (!moderator.ok) throw new Error('moderator not created');
	addMember(db, org.id, moderator.user.id, 'moderator');
	const process = createProcess(db, {
		organisationId: org.id,
		title: 'Integrationskonzept',
		description: '',
		template: 'empty',
		startsOn: '2026-01-01'
	});
	const event = createEvent(db, process.id, {
		title: 'Integrationskonferenz',
		description: '',
		place: '',
		// Today, so that its join code takes new phones (it closes some hours after the end).
		startsAt: `${todayIn()}T00:00`,
		endsAt: `${todayIn()}T23:59`,
		isPublic: true,
		status: 'live',
		bodyId: null,
		phaseId: null
	});
	const { token } = createSession(db, moderator.user.id);
	return { eventId: event.id, moderatorCookie: `${sessionCookieName}=${token}` };
}

/** A conference with one activity already in voting, its ideas, and `participants` phones. */
export async function seedConference(databasePath: string, participants: number, dotsEach: number) {
	const db = openDatabase(databasePath);
	const { eventId, moderatorCookie } = await createEventAndModerator(db);
	const activity = createActivity(db, eventId, {
		question: 'Was ist am wichtigsten?',
		fieldOfActionId: null,
		dotsPerParticipant: dotsEach,
		maxDotsPerTarget: dotsEach,
		namedIdeas: false
	});
	const ideaIds: number[] = [];
	for (let i = 1; i <= 20; i++) {
		ideaIds.push(
			db
				.insert(table.idea)
				.values({ activityId: activity.id, text: `Idee ${i}`, language: 'de' })
				.returning()
				.get().id
		);
	}
	db.update(table.activity).set({ stage: 'voting', liveResults: true }).run();
	const cookies: string[] = [];
	db.transaction(() => {
		for (let i = 0; i < participants; i++) {
			const { token } = joinEvent(db, eventId, {
				displayName: null,
				category: stakeholderCategories[i % stakeholderCategories.length]!,
				locale: 'de'
			});
			cookies.push(`${participantCookieName}=${token}`);
		}
	});
	db.$client.close();
	return { eventId, activityId: activity.id, ideaIds, cookies, moderatorCookie };
}
