import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openDatabase, type Db } from '../src/lib/server/db';
import type { Role } from '../src/lib/server/auth/roles';
import { createUser } from '../src/lib/server/auth/users';
import { createEvent } from '../src/lib/server/events/events';
import { addMember, createOrganisation } from '../src/lib/server/organisations/organisations';
import { createProcess } from '../src/lib/server/process/processes';
import type { StepInput } from '../src/lib/server/council/steps';

/** A fresh SQLite file with the current schema, in its own temp folder. */
export function tempDatabasePath(): string {
	return join(mkdtempSync(join(tmpdir(), 'mitwirken-test-')), 'test.db');
}

/**
 * A fresh database for one test. Called in the test or its `beforeEach`, it is closed and its
 * folder removed when the test ends.
 */
export function createTestDb(): Db {
	const path = tempDatabasePath();
	const db = openDatabase(path);
	try {
		onTestFinished(() => {
			db.$client.close();
			rmSync(dirname(path), { recursive: true, force: true });
		});
	} catch {
		// Outside a test, or in a concurrent one, there is no test to wait for: the file stays.
	}
	return db;
}

let counter = 0;

export const testPassword = 'richtig-langes-passwort';

export async function createTestUser(db: Db, overrides: { email?: string; name?: string } = {}) {
	counter += 1;
	const result = await createUser(db, {
		email: overrides.email ?? `person${counter}@kreis.example`,
		name: overrides.name ?? `Person ${counter}`,
		password: testPassword
	});
	if (!result.ok) throw new Error(`test user not created: ${result.reason}`);
	return result.user;
}

export function createTestOrganisation(db: Db, name = 'Landkreis Konstanz') {
	return createOrganisation(db, { name, kind: 'landkreis' });
}

export async function createMember(db: Db, organisationId: number, role: Role) {
	const user = await createTestUser(db);
	addMember(db, organisationId, user.id, role);
	return user;
}

/** A process with one live event in it, as a workshop needs. */
export function createTestEvent(db: Db, organisationId: number, title = 'Fachkonferenz Arbeit') {
	const process = createProcess(db, {
		organisationId,
		title: 'Integrationskonzept',
		description: '',
		template: 'empty',
		startsOn: '2026-01-01'
	});
	const event = createEvent(db, process.id, {
		title,
		description: '',
		place: '',
		startsAt: '2026-03-01T17:00',
		endsAt: '2026-03-01T20:00',
		isPublic: true,
		status: 'live',
		bodyId: null,
		phaseId: null
	});
	return { process, event };
}

/** A step of a Beratungsfolge: by default the Kreistag's final adoption on `meetingOn`. */
export function councilStep(overrides: Partial<StepInput> = {}): StepInput {
	return {
		bodyId: null,
		bodyName: 'Kreistag',
		meetingOn: '2026-05-07',
		paperNumber: '',
		isPublic: true,
		result: 'adopted',
		votesYes: null,
		votesNo: null,
		votesAbstained: null,
		oparlUrl: '',
		note: '',
		isFinal: true,
		changes: '',
		reportDueOn: null,
		starterMeasureIds: [],
		...overrides
	};
}
