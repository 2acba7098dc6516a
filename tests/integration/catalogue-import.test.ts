import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createMeasure,
	listCatalogue,
	listsOfMeasure
} from '../../src/lib/server/concept/measures';
import type { Db } from '../../src/lib/server/db';
import { addField, listFields } from '../../src/lib/server/process/fields';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

let server: TestServer;
let sink: SmtpSink;
const seeded = {
	base: '',
	org: '',
	processId: 0,
	admin: '',
	moderator: '',
	otherModerator: '',
	foreignMeasureId: 0
};

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Landkreis Wittmund');
	seeded.org = org.slug;
	seeded.admin = (await createMember(db, org.id, 'admin')).email;
	seeded.moderator = (await createMember(db, org.id, 'moderator')).email;
	seeded.otherModerator = (await createMember(db, org.id, 'process_owner')).email;
	const { process } = createTestEvent(db, org.id);
	seeded.base = `/o/${org.slug}/p/${process.slug}`;
	seeded.processId = process.id;
	const other = createTestEvent(db, createTestOrganisation(db, 'Stadt Landau').id).process;
	addField(db, other.id, { code: '1', title: 'Arbeit', description: '' });
	seeded.foreignMeasureId = createMeasure(db, other.id, {
		fieldOfActionId: listFields(db, other.id)[0]!.id,
		goalId: null,
		title: 'Fremde Maßnahme',
		description: '',
		lead: '',
		timeframe: 'short',
		costEstimate: '',
		funding: 'open',
		priority: 'medium',
		status: 'proposed'
	})!.id;
}

beforeAll(async () => {
	sink = await startSmtpSink();
	server = await startServer({ seed, env: { SMTP_URL: sink.url } });
});

afterAll(async () => {
	await server.stop();
	await sink.close();
});

async function signedIn(email: string) {
	const visitor = new Visitor(server.url);
	await visitor.login(email, testPassword);
	return visitor;
}

/** Windows-1252, as German Excel saves "CSV (Trennzeichen-getrennt)". */
function windows1252(text: string): Uint8Array {
	return Uint8Array.from([...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0))));
}

const importPath = () => `${seeded.base}/measures/import`;
const fingerprintIn = (html: string) => /name="fingerprint" value="([0-9a-f]{64})"/.exec(html)?.[1];

/** Uploads a file and returns the dry run page. */
async function dryRunOf(visitor: Visitor, file: { name: string; content: Uint8Array }) {
	const uploaded = await visitor.upload(`${importPath()}?/upload`, file);
	expect(uploaded.status, uploaded.body.slice(0, 300)).toBe(303);
	const page = await visitor.get(uploaded.location!);
	expect(page.status).toBe(200);
	return { page, query: uploaded.location!.split('?')[1]! };
}

describe('importing a catalogue over HTTP', () => {
	it('uploads, shows a dry run, imports, exports, and reads its export back unchanged', async () => {
		const moderator = await signedIn(seeded.moderator);
		const csv = windows1252(
			[
				'Maßnahmenkatalog Integrationskonzept 2018;;;;',
				';;;;',
				'Nr.;Handlungsfeld;Ziel;Maßnahme;Federführung;Kooperationspartner;Zeitraum;Kosten;Kostenart;Kosten je Jahr;Anmerkung zu den Kosten;Finanzierung;Förderprogramm;Haushaltsvorbehalt;Stand',
				'IP 1.5;Sprache & Bildung;Alle Kinder sprechen Deutsch;Sprachcafé für Mütter;VHS;"Volkshochschulen; Mütterzentrum Süd";2018/19;5.000 €;pro Jahr;"2018: 5.000 €; 2019: 4.500 €";;Förderprogramm;Bündnis für Familien;×;In Umsetzung',
				';;;;;',
				';Sprache & Bildung;Alle Kinder sprechen Deutsch;Elternlotsen;Jugendamt;;;;;;;;;;Vorgeschlagen',
				';Arbeit;;"Jobcafé; offen";Jobcenter;;;;;;=SUMME(A1);;;;umgesetzt',
				''
			].join('\r\n')
		);
		const { page, query } = await dryRunOf(moderator, { name: 'katalog.csv', content: csv });
		expect(page.body).toContain('Neu: 3 · Geändert: 0 · Unverändert: 0 · Abgelehnt: 0');
		expect(page.body).toContain('Neue Handlungsfelder: 1 Sprache &amp; Bildung · 2 Arbeit');
		expect(page.body).toContain('Leere Zeilen übersprungen');
		expect(page.body).toMatch(/<option value="title" selected[^>]*>Maßnahme<\/option>/);
		const fingerprint = fingerprintIn(page.body)!;

		// A form without the mapping's fields (no JavaScript needed) imports what the headers say.
		const imported = await moderator.post(`${importPath()}?/import&${query}`, {
			upload: query.split('=')[1]!,
			fingerprint
		});
		expect(imported.status, imported.body.slice(0, 300)).toBe(303);
		expect(imported.location).toContain('create=3');
		const done = await moderator.get(imported.location!);
		expect(done.body).toContain('Importiert: 3 neu, 0 geändert, 0 unverändert.');
		// The upload is gone after the import.
		const again = await moderator.post(`${importPath()}?/import&${query}`, {
			upload: query.split('=')[1]!,
			fingerprint
		});
		expect(again.status).toBe(410);

		const db = server.db();
		const catalogue = listCatalogue(db, seeded.processId);
		expect(catalogue.map((c) => c.measures.map((m) => m.title))).toEqual([
			['Sprachcafé für Mütter', 'Elternlotsen'],
			['Jobcafé; offen']
		]);
		expect(catalogue[0]!.measures[0]).toMatchObject({
			number: 'IP 1.5',
			timeframe: 'period',
			periodStart: 2018,
			periodEnd: 2019,
			costCents: 500_000,
			costKind: 'per_year',
			fundingName: 'Bündnis für Familien',
			budgetReservation: true,
			status: 'in_implementation'
		});
		expect(listsOfMeasure(db, catalogue[0]!.measures[0]!.id)).toMatchObject({
			addressees: [],
			partners: ['volkshochschulen', 'Mütterzentrum Süd'],
			costYears: [
				{ year: 2018, cents: 500_000 },
				{ year: 2019, cents: 450_000 }
			]
		});
		expect(catalogue[1]!.measures[0]).toMatchObject({ costEstimate: '=SUMME(A1)', status: 'done' });
		const logged = db.$client
			.prepare(
				"SELECT count(*) AS n FROM audit_log WHERE table_name = 'measure' AND operation = 'insert' AND path = 'POST /o/[org]/p/[process]/measures/import?/import'"
			)
			.get() as { n: number };
		expect(logged.n).toBe(3);

		const exportedCsv = await moderator.download(`${seeded.base}/measures/massnahmen.csv`);
		expect(exportedCsv.status).toBe(200);
		expect(new TextDecoder().decode(exportedCsv.bytes)).toContain("'=SUMME(A1)");
		const exportedXlsx = await moderator.download(`${seeded.base}/measures/massnahmen.xlsx`);
		expect(exportedXlsx.status).toBe(200);
		for (const [name, content] of [
			['massnahmen.csv', exportedCsv.bytes],
			['massnahmen.xlsx', exportedXlsx.bytes]
		] as const) {
			const roundTrip = await dryRunOf(moderator, { name, content });
			expect(roundTrip.page.body, name).toContain(
				'Neu: 0 · Geändert: 0 · Unverändert: 3 · Abgelehnt: 0'
			);
			expect(roundTrip.page.body).toContain('Die Datei ändert nichts am Katalog.');
			expect(fingerprintIn(roundTrip.page.body)).toBeUndefined();
		}
	});

	it('refuses ids of another organisation per row, and bad files with a reason', async () => {
		const moderator = await signedIn(seeded.moderator);
		const csv = strToU8(
			`ID;Handlungsfeld;Maßnahme\n${seeded.foreignMeasureId};Arbeit;Übernommen\n;Arbeit;Neu\n`
		);
		const { page, query } = await dryRunOf(moderator, { name: 'fremd.csv', content: csv });
		expect(page.body).toContain('Abgelehnt: 1');
		expect(page.body).toContain(
			`Eine Maßnahme mit der ID ${seeded.foreignMeasureId} gibt es in diesem Prozess nicht.`
		);
		expect(fingerprintIn(page.body)).toBeUndefined();
		// Forcing the import anyway writes nothing.
		const forced = await moderator.post(`${importPath()}?/import&${query}`, {
			upload: query.split('=')[1]!,
			fingerprint: '0'.repeat(64)
		});
		expect(forced.status).toBe(409);
		const db = server.db();
		expect(
			listCatalogue(db, seeded.processId)
				.flatMap((c) => c.measures)
				.some((m) => m.title === 'Übernommen' || m.title === 'Neu')
		).toBe(false);

		// Someone else of the same organisation cannot open this upload.
		const colleague = await signedIn(seeded.otherModerator);
		const foreignUpload = await colleague.get(`${importPath()}?${query}`);
		expect(foreignUpload.body).toContain('Die hochgeladene Datei ist nicht mehr da');

		const macros = zipSync({
			'[Content_Types].xml': strToU8('<Types/>'),
			'xl/workbook.xml': strToU8('<workbook/>'),
			'xl/vbaProject.bin': new Uint8Array(64)
		});
		const refused = await moderator.upload(`${importPath()}?/upload`, {
			name: 'katalog.xlsm',
			content: macros
		});
		expect(refused.status).toBe(400);
		expect(refused.body).toContain('Die Datei enthält Makros (.xlsm)');
		const renamed = await moderator.upload(`${importPath()}?/upload`, {
			name: 'katalog.xlsx',
			content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
		});
		expect(renamed.status).toBe(400);
		expect(renamed.body).toContain('weder eine Excel-Datei (.xlsx) noch eine CSV-Datei');
		const tooMany = await moderator.upload(`${importPath()}?/upload`, {
			name: 'gross.csv',
			content: strToU8('Handlungsfeld;Maßnahme\n' + 'Arbeit;Kurs\n'.repeat(10_000))
		});
		expect(tooMany.status).toBe(400);
		expect(tooMany.body).toContain('Die Datei hat 10000 Zeilen; ein Import nimmt höchstens 5000.');
	});
});

describe('inviting members from a list over HTTP', () => {
	it('shows who is invited, then mails the invitations', async () => {
		const admin = await signedIn(seeded.admin);
		const list = windows1252(
			`Name;E-Mail;Rolle\r\nLeitung Volkshochschule;vhs@kreis.example;Moderation\r\nSchon dabei;${seeded.moderator};\r\n`
		);
		const uploaded = await admin.upload('/o/' + seeded.org + '/members/import?/upload', {
			name: 'mitglieder.csv',
			content: list
		});
		expect(uploaded.status).toBe(303);
		const page = await admin.get(uploaded.location!);
		expect(page.body).toContain('Einladen: 1 · Schon bekannt: 1 · Abgelehnt: 0');
		const invited = await admin.post(
			`/o/${seeded.org}/members/import?/invite&${uploaded.location!.split('?')[1]}`,
			{ upload: uploaded.location!.split('=')[1]!, fingerprint: fingerprintIn(page.body)! }
		);
		expect(invited.status).toBe(200);
		expect(invited.body).toContain('Einladungen angelegt: 1.');
		expect(invited.body).toContain('Die Einladungen wurden per E-Mail verschickt.');
		const mail = await sink.nextMail();
		expect(mail.to).toEqual(['vhs@kreis.example']);
		expect(mail.text).toMatch(/Guten Tag Leitung Volkshochschule,[\s\S]*\/invite\/\S+/);
		const members = await admin.get(`/o/${seeded.org}/members`);
		expect(members.body).toMatch(/Leitung Volkshochschule &lt;vhs@kreis.example(&gt;|>)/);
	});
});
