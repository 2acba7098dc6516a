import { beforeEach, describe, expect, it } from 'vitest';
import {
	councilStep,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { saveVersion } from '../concept/versions';
import type { Db } from '../db';
import type * as table from '../db/schema';
import { saveNarrative } from '../monitoring/narratives';
import { addField, listFields } from '../process/fields';
import { reportingDutyOf } from './reporting';
import { addStep } from './steps';

const office = { name: 'Integrationsbüro' };
let db: Db;
let process: table.Process;
let field: number;

beforeEach(async () => {
	db = createTestDb();
	process = createTestEvent(db, createTestOrganisation(db, 'Rems-Murr-Kreis').id).process;
	addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	field = listFields(db, process.id)[0]!.id;
});

async function adopt(reportDueOn: string | null) {
	const author = await createTestUser(db);
	const version = saveVersion(db, process, 'Landkreis', { introduction: '', note: '' }, author);
	const outcome = addStep(
		db,
		process.id,
		version.id,
		councilStep({ meetingOn: '2026-05-07', reportDueOn }),
		office,
		'2026-06-01'
	);
	expect(outcome).toMatchObject({ ok: true, adopted: true });
}

const write = (from: string, to: string) =>
	expect(
		saveNarrative(db, process.id, { fieldId: field, from, to, text: 'Sachstand' }, office).ok
	).toBe(true);

describe('the reporting duty of the adopting decision', () => {
	it('is none before adoption and none when the decision set no due day', async () => {
		expect(reportingDutyOf(db, process.id, '2030-01-01')).toBeNull();
		await adopt(null);
		expect(reportingDutyOf(db, process.id, '2030-01-01')).toBeNull();
	});

	it('is due up to its day and overdue from the next (Europe/Berlin days)', async () => {
		await adopt('2027-05-07');
		const duty = { dueOn: '2027-05-07', decidedOn: '2026-05-07' };
		expect(reportingDutyOf(db, process.id, '2027-05-07')).toEqual({ state: 'due', ...duty });
		expect(reportingDutyOf(db, process.id, '2027-05-08')).toEqual({ state: 'overdue', ...duty });
	});

	it('is met by a Sachstandsbericht on the time after the decision, not by an earlier one', async () => {
		await adopt('2027-05-07');
		// A report on the year before the decision does not report on its implementation.
		write('2025-05-07', '2026-05-07');
		expect(reportingDutyOf(db, process.id, '2027-06-01')).toMatchObject({ state: 'overdue' });
		write('2026-05-07', '2027-05-31');
		expect(reportingDutyOf(db, process.id, '2027-06-01')).toEqual({
			state: 'reported',
			dueOn: '2027-05-07',
			decidedOn: '2026-05-07',
			periodFrom: '2026-05-07',
			periodTo: '2027-05-31'
		});
	});
});
