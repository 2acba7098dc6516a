/**
 * The decision's reporting duty and starter measures through the pages: set on the final step of
 * the Beratungsfolge, shown on the monitoring page; an overdue duty stands out until a
 * Sachstandsbericht on the time after the decision is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeasure } from '../../src/lib/server/concept/measures';
import { saveVersion } from '../../src/lib/server/concept/versions';
import type { Db } from '../../src/lib/server/db';
import { addField, listFields } from '../../src/lib/server/process/fields';
import { createProcess } from '../../src/lib/server/process/processes';
import { todayIn } from '../../src/lib/server/time';
import { createMember, createTestOrganisation, createTestUser, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const dayFrom = (days: number) => todayIn(undefined, new Date(Date.now() + days * 86_400_000));
const german = (iso: string) => iso.split('-').reverse().join('.');

interface Seeded {
	base: string;
	versionId: number;
	fieldId: number;
	starterId: number;
	otherId: number;
}
const seeded = { owner: '', late: {} as Seeded, fresh: {} as Seeded };

async function concept(
	db: Db,
	organisation: { id: number; slug: string },
	title: string
): Promise<Seeded> {
	const process = createProcess(db, {
		organisationId: organisation.id,
		title,
		description: '',
		template: 'empty',
		startsOn: '2024-01-01'
	});
	addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	const fieldId = listFields(db, process.id)[0]!.id;
	const measure = (title: string) =>
		createMeasure(db, process.id, {
			fieldOfActionId: fieldId,
			goalId: null,
			title,
			description: '',
			lead: 'Volkshochschule',
			timeframe: 'short',
			costEstimate: '',
			funding: 'open',
			priority: 'high',
			status: 'proposed'
		})!;
	const starter = measure('Sprachkurse mit Kinderbetreuung');
	const other = measure('Elterncafés an Grundschulen');
	const author = await createTestUser(db);
	const version = saveVersion(db, process, 'Stadt', { introduction: '', note: '' }, author);
	return {
		base: `/o/${organisation.slug}/p/${process.slug}`,
		versionId: version.id,
		fieldId,
		starterId: starter.id,
		otherId: other.id
	};
}

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Stadt Landau');
	seeded.owner = (await createMember(db, org.id, 'process_owner')).email;
	seeded.late = await concept(db, org, 'Integrationskonzept 2024');
	seeded.fresh = await concept(db, org, 'Integrationskonzept 2026');
}

beforeAll(async () => {
	server = await startServer({ seed });
});

afterAll(() => server.stop());

async function owner() {
	const visitor = new Visitor(server.url);
	await visitor.login(seeded.owner, testPassword);
	return visitor;
}

/** The Stadtrat's decision, entered on the Beratungsfolge page as staff do. */
async function decide(visitor: Visitor, concept: Seeded, meetingOn: string, reportDueOn: string) {
	const reply = await visitor.post(
		`${concept.base}/concept/${concept.versionId}/beratungsfolge?/add`,
		{
			bodyName: 'Stadtrat',
			meetingOn,
			paperNumber: '500/012',
			isPublic: 'on',
			result: 'adopted',
			votesYes: '38',
			votesNo: '4',
			votesAbstained: '2',
			isFinal: 'on',
			reportDueOn,
			starter: [String(concept.starterId)]
		}
	);
	expect(reply.status, reply.body).toBe(200);
	expect(reply.body).toContain('Die Fassung ist beschlossen');
}

/** The monitoring table's row of a measure. */
const rowOf = (html: string, title: string) =>
	html.split('<tr').find((row) => row.includes(title)) ?? '';

describe('the reporting duty and starter measures of a decision', () => {
	it('show on monitoring as a due day and a badge on the starter measure', async () => {
		const visitor = await owner();
		const dueOn = dayFrom(355);
		await decide(visitor, seeded.fresh, dayFrom(-10), dueOn);
		const page = await visitor.get(`${seeded.fresh.base}/monitoring`);
		expect(page.status).toBe(200);
		expect(page.body).toContain(
			`Berichtspflicht aus dem Beschluss: Bericht fällig am ${german(dueOn)}`
		);
		expect(page.body).not.toContain('ist überfällig');
		expect(rowOf(page.body, 'Sprachkurse mit Kinderbetreuung')).toContain('Startermaßnahme');
		expect(rowOf(page.body, 'Sprachkurse mit Kinderbetreuung')).toContain('Beschlossen');
		expect(rowOf(page.body, 'Elterncafés an Grundschulen')).not.toContain('Startermaßnahme');
	});

	it('is overdue after its day until a Sachstandsbericht on the time after the decision is written', async () => {
		const visitor = await owner();
		const decidedOn = dayFrom(-400);
		const dueOn = dayFrom(-35);
		await decide(visitor, seeded.late, decidedOn, dueOn);
		const monitoring = `${seeded.late.base}/monitoring`;
		const overdue = await visitor.get(monitoring);
		expect(overdue.body).toContain(
			`Die Berichtspflicht aus dem Beschluss ist überfällig: Der Bericht über die Umsetzung war am ${german(dueOn)} fällig, und seit dem Beschluss vom ${german(decidedOn)} ist kein Sachstandsbericht geschrieben.`
		);
		// The way to the report, for the time since the decision.
		expect(overdue.body).toContain(
			`monitoring/bericht?from=${decidedOn}">Sachstandsbericht schreiben</a>`
		);

		const narrative = (from: string, to: string) =>
			visitor.post(`${seeded.late.base}/monitoring/bericht?from=${from}&to=${to}&/saveNarrative`, {
				fieldId: String(seeded.late.fieldId),
				from,
				to,
				text: 'Die Sprachkurse laufen, die Elterncafés beginnen im Herbst.'
			});
		// A report on the time before the decision does not meet the duty.
		expect((await narrative(dayFrom(-500), decidedOn)).status).toBe(200);
		expect((await visitor.get(monitoring)).body).toContain('ist überfällig');

		const to = dayFrom(-1);
		expect((await narrative(decidedOn, to)).status).toBe(200);
		const reported = await visitor.get(monitoring);
		expect(reported.body).not.toContain('ist überfällig');
		expect(reported.body).toContain(
			`Berichtspflicht aus dem Beschluss (fällig am ${german(dueOn)}): Sachstandsbericht für ${german(decidedOn)} bis ${german(to)} geschrieben.`
		);
	});
});
