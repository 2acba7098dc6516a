import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { runAudited } from '../db/audit';
import * as table from '../db/schema';
import {
	locateHeader,
	planImport,
	runImport,
	suggestMapping
} from '../catalogue-io/catalogue-import';
import { readTable } from '../catalogue-io/read-table';
import { adoptResult } from '../concept/adopt';
import { saveVersion } from '../concept/versions';
import { addIndicator, recordIndicatorValue } from '../monitoring/indicators';
import { recordUpdate } from '../monitoring/monitoring';
import { rankedResults } from '../workshop/votes';
import { todayIn } from '../time';

const header = [
	'Nr.',
	'Handlungsfeld',
	'Ziel',
	'Maßnahme',
	'Beschreibung',
	'Federführung',
	'Adressaten und Zielgruppen',
	'Kooperationspartner',
	'Zeitraum',
	'Kosten',
	'Kostenart',
	'Kosten je Jahr',
	'Anmerkung zu den Kosten',
	'Finanzierung',
	'Förderprogramm oder Dritte',
	'Haushaltsvorbehalt',
	'Priorität',
	'Stand',
	'Geplant für das Jahr'
] as const;

type Row = Record<(typeof header)[number], string>;

const languageGoal = 'Zugewanderte erreichen früh gute Deutschkenntnisse';
const schoolGoal = 'Kinder aus zugewanderten Familien haben gleiche Bildungschancen';
const workGoal = 'Zugewanderte finden schneller eine Arbeit, die ihrer Qualifikation entspricht';
const housingGoal = 'Geflüchtete finden eigenen Wohnraum';
const leisureGoal = 'Vereine und Freizeitangebote stehen allen offen';

/**
 * The catalogue as the city's office would keep it in a spreadsheet (Landau's fields, the
 * Rems-Murr paper's shapes): own numbers with gaps ("IK 1.3" is missing), some rows without a
 * number, lead bodies and offices, periods with amounts per year, funding programmes and
 * Haushaltsvorbehalt, and statuses across the range. `year` is the current year.
 */
function catalogueRows(year: number): Partial<Row>[] {
	const last = year - 1;
	const next = year + 1;
	return [
		{
			'Nr.': 'IK 1.1',
			Handlungsfeld: 'Sprache und Bildung',
			Ziel: languageGoal,
			Maßnahme: 'Sprachkurse mit Kinderbetreuung ausbauen',
			Beschreibung: 'Integrationskurse am Vormittag mit Betreuung der Kinder im selben Haus.',
			Federführung: 'Volkshochschule Landau',
			'Adressaten und Zielgruppen': 'Neuzugewanderte, Eltern, Frauen',
			Kooperationspartner: 'BAMF, Kitas, Haus der Familie Landau',
			Zeitraum: `${last}/${String(year).slice(2)}`,
			Kosten: '18.000 €',
			Kostenart: 'pro Jahr',
			'Kosten je Jahr': `${last}: 18.000 €; ${year}: 18.000 €`,
			Finanzierung: 'Förderprogramm',
			'Förderprogramm oder Dritte': 'Integrationskurse (BAMF)',
			Priorität: 'Hoch',
			Stand: 'Beschlossen',
			'Geplant für das Jahr': String(last)
		},
		{
			'Nr.': 'IK 1.2',
			Handlungsfeld: 'Sprache und Bildung',
			Ziel: languageGoal,
			Maßnahme: 'Sprachcafés in den Stadtteilen',
			Beschreibung: 'Ehrenamtliche laden wöchentlich zum Deutschsprechen ein.',
			Federführung: 'Café Asyl Landau',
			'Adressaten und Zielgruppen': 'Neuzugewanderte',
			Kooperationspartner: 'Ehrenamt, Volkshochschulen',
			Zeitraum: 'kurzfristig',
			Kosten: '2.500 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Eigene Haushaltsmittel',
			Priorität: 'Mittel',
			Stand: 'In Umsetzung',
			'Geplant für das Jahr': String(last)
		},
		{
			'Nr.': 'IK 1.4',
			Handlungsfeld: 'Sprache und Bildung',
			Ziel: schoolGoal,
			Maßnahme: 'Elternlotsinnen und -lotsen an Grundschulen',
			Beschreibung: 'Mehrsprachige Eltern begleiten neue Familien durch das erste Schuljahr.',
			Federführung: 'Jugendamt',
			'Adressaten und Zielgruppen': 'Eltern, Kinder und Jugendliche',
			Kooperationspartner: 'Schulen, Migrantenorganisationen',
			Zeitraum: `${year}–${next}`,
			Kosten: '24.000 €',
			Kostenart: 'pro Jahr',
			'Kosten je Jahr': `${year}: 24.000 €; ${next}: 26.000 €`,
			'Anmerkung zu den Kosten': 'Aufwandsentschädigungen und Schulungen',
			Finanzierung: 'Förderprogramm',
			'Förderprogramm oder Dritte': 'Landesprogramm Integration',
			Haushaltsvorbehalt: 'ja',
			Priorität: 'Hoch',
			Stand: 'Unter Ressourcenvorbehalt',
			'Geplant für das Jahr': String(year)
		},
		{
			'Nr.': 'IK 1.5',
			Handlungsfeld: 'Sprache und Bildung',
			Ziel: schoolGoal,
			Maßnahme: 'Sprachförderung in Kitas verstetigen',
			Federführung: 'Jugendamt',
			'Adressaten und Zielgruppen': 'Kinder und Jugendliche',
			Kooperationspartner: 'Kitas, Freie Träger',
			Zeitraum: 'langfristig',
			Kosten: '40.000 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Eigene Haushaltsmittel',
			Haushaltsvorbehalt: 'ja',
			Priorität: 'Hoch',
			Stand: 'Gremienbeschluss nötig'
		},
		{
			'Nr.': 'IK 1.6',
			Handlungsfeld: 'Sprache und Bildung',
			Ziel: schoolGoal,
			Maßnahme: 'Hausaufgabenhilfe in Gemeinschaftsunterkünften',
			Federführung: 'Caritas-Zentrum Landau',
			'Adressaten und Zielgruppen': 'Kinder und Jugendliche, Geflüchtete',
			Kooperationspartner: 'Ehrenamt, Schulen',
			Zeitraum: 'kurzfristig',
			Kosten: '3.000 €',
			Kostenart: 'einmalig',
			Finanzierung: 'Mittel Dritter',
			'Förderprogramm oder Dritte': 'Bürgerstiftung',
			Priorität: 'Mittel',
			Stand: 'Umgesetzt',
			'Geplant für das Jahr': String(last)
		},
		{
			Handlungsfeld: 'Sprache und Bildung',
			Maßnahme: 'Mehrsprachige Bildungsberatung an einem Ort',
			Federführung: 'Prozesssteuerungsgruppe',
			'Adressaten und Zielgruppen': 'Neuzugewanderte',
			Kooperationspartner: 'Volkshochschulen, Bildungsträger, ProfeS GmbH',
			Zeitraum: 'mittelfristig',
			Finanzierung: 'Noch offen',
			Priorität: 'Niedrig',
			Stand: 'Vorgeschlagen'
		},
		{
			'Nr.': 'IK 1.8',
			Handlungsfeld: 'Sprache und Bildung',
			Maßnahme: 'Digitale Lernangebote für Berufstätige',
			Federführung: 'Volkshochschule Landau',
			'Adressaten und Zielgruppen': 'Neuzugewanderte',
			Zeitraum: 'mittelfristig',
			Kosten: '6.000 €',
			Kostenart: 'einmalig',
			Finanzierung: 'Eigene Haushaltsmittel',
			Priorität: 'Niedrig',
			Stand: 'Zurückgestellt'
		},
		{
			'Nr.': 'IK 2.1',
			Handlungsfeld: 'Arbeitsmarkt',
			Ziel: workGoal,
			Maßnahme: 'Lotsendienst Berufsanerkennung',
			Beschreibung: 'Eine Anlaufstelle prüft Unterlagen und begleitet das Anerkennungsverfahren.',
			Federführung: 'Prozesssteuerungsgruppe; Geschäftsstelle im Sozialamt',
			'Adressaten und Zielgruppen': 'Neuzugewanderte',
			Kooperationspartner: 'Kammern (IHK, HWK), Jobcenter, Agentur für Arbeit',
			Zeitraum: `${last}–${next}`,
			Kosten: '35.000 €',
			Kostenart: 'pro Jahr',
			'Kosten je Jahr': `${last}: 30.000 €; ${year}: 35.000 €; ${next}: 35.000 €`,
			Finanzierung: 'Förderprogramm',
			'Förderprogramm oder Dritte': 'IQ Netzwerk Rheinland-Pfalz',
			Haushaltsvorbehalt: 'ja',
			Priorität: 'Hoch',
			Stand: 'Beschlossen',
			'Geplant für das Jahr': String(last)
		},
		{
			'Nr.': 'IK 2.2',
			Handlungsfeld: 'Arbeitsmarkt',
			Ziel: workGoal,
			Maßnahme: 'Berufssprachkurse am Abend',
			Federführung: 'Jobcenter',
			'Adressaten und Zielgruppen': 'Neuzugewanderte, Eltern',
			Kooperationspartner: 'Volkshochschulen, BAMF, Bildungsträger',
			Zeitraum: 'kurzfristig',
			Kosten: '12.000 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Mittel Dritter',
			'Förderprogramm oder Dritte': 'Agentur für Arbeit',
			Priorität: 'Hoch',
			Stand: 'Abgestimmt',
			'Geplant für das Jahr': String(year)
		},
		{
			'Nr.': 'IK 2.3',
			Handlungsfeld: 'Arbeitsmarkt',
			Ziel: workGoal,
			Maßnahme: 'Praktikumsbörse mit Landauer Betrieben',
			Federführung: 'Hauptamt',
			'Adressaten und Zielgruppen': 'Geflüchtete, Unternehmen',
			Kooperationspartner: 'Kammern (IHK, HWK), Unternehmen, CJD / JMD Neustadt – Landau',
			Zeitraum: 'kurzfristig',
			Kosten: '8.000 €',
			Kostenart: 'einmalig',
			Finanzierung: 'Eigene Haushaltsmittel',
			Priorität: 'Mittel',
			Stand: 'Vorgeschlagen'
		},
		{
			'Nr.': 'IK 2.5',
			Handlungsfeld: 'Arbeitsmarkt',
			Maßnahme: 'Jobcafé mit ehrenamtlichen Mentorinnen und Mentoren',
			Federführung: 'Café Asyl Landau',
			'Adressaten und Zielgruppen': 'Neuzugewanderte',
			Kooperationspartner: 'Ehrenamt, Jobcenter',
			Zeitraum: 'kurzfristig',
			Kosten: '1.500 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Eigene Haushaltsmittel',
			Priorität: 'Niedrig',
			Stand: 'Vorgeschlagen'
		},
		{
			'Nr.': 'IK 2.7',
			Handlungsfeld: 'Arbeitsmarkt',
			Ziel: workGoal,
			Maßnahme: 'Interkulturelle Öffnung der Stadtverwaltung',
			Beschreibung: 'Fortbildungen und mehrsprachige Stellenausschreibungen.',
			Federführung: 'Hauptamt',
			'Adressaten und Zielgruppen': 'Kommunen',
			Kooperationspartner: 'Beirat für Migration und Integration',
			Zeitraum: 'mittelfristig',
			Kosten: '5.000 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Eigene Haushaltsmittel',
			Priorität: 'Mittel',
			Stand: 'In Umsetzung',
			'Geplant für das Jahr': String(last)
		},
		{
			Handlungsfeld: 'Arbeitsmarkt',
			Maßnahme: 'Gründungsberatung für Zugewanderte',
			Federführung: 'Wirtschaftsförderung',
			'Adressaten und Zielgruppen': 'Neuzugewanderte',
			Kooperationspartner: 'Kammern (IHK, HWK)',
			Zeitraum: 'langfristig',
			Finanzierung: 'Noch offen',
			Priorität: 'Niedrig',
			Stand: 'Verworfen'
		},
		{
			'Nr.': 'IK 2.9',
			Handlungsfeld: 'Arbeitsmarkt',
			Maßnahme: 'Ausbildungspatenschaften für junge Geflüchtete',
			Federführung: 'CJD / JMD Neustadt – Landau',
			'Adressaten und Zielgruppen': 'Kinder und Jugendliche, Geflüchtete',
			Kooperationspartner: 'Unternehmen, Schulen, Ehrenamt',
			Zeitraum: `${year}/${String(next).slice(2)}`,
			Kosten: '9.000 €',
			Kostenart: 'pro Jahr',
			'Kosten je Jahr': `${year}: 9.000 €; ${next}: 9.000 €`,
			Finanzierung: 'Förderprogramm',
			'Förderprogramm oder Dritte': 'Respekt Coaches (Bund)',
			Haushaltsvorbehalt: 'ja',
			Priorität: 'Mittel',
			Stand: 'Gremienbeschluss nötig',
			'Geplant für das Jahr': String(next)
		},
		{
			'Nr.': 'IK 3.2',
			Handlungsfeld: 'Wohnen',
			Ziel: housingGoal,
			Maßnahme: 'Mietpatenschaften vermitteln',
			Beschreibung: 'Ehrenamtliche begleiten Wohnungssuche, Besichtigung und Mietvertrag.',
			Federführung: 'Caritas-Zentrum Landau',
			'Adressaten und Zielgruppen': 'Geflüchtete',
			Kooperationspartner: 'Ehrenamt, Wohlfahrtsverbände',
			Zeitraum: 'kurzfristig',
			Kosten: '4.000 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Mittel Dritter',
			'Förderprogramm oder Dritte': 'Caritasverband',
			Priorität: 'Hoch',
			Stand: 'In Umsetzung',
			'Geplant für das Jahr': String(last)
		},
		{
			'Nr.': 'IK 3.3',
			Handlungsfeld: 'Wohnen',
			Ziel: housingGoal,
			Maßnahme: 'Auszug aus Gemeinschaftsunterkünften begleiten',
			Federführung: 'Sozialamt',
			'Adressaten und Zielgruppen': 'Geflüchtete',
			Kooperationspartner: 'Jobcenter, Freie Träger',
			Zeitraum: 'mittelfristig',
			Kosten: '15.000 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Eigene Haushaltsmittel',
			Haushaltsvorbehalt: 'ja',
			Priorität: 'Mittel',
			Stand: 'Abgestimmt'
		},
		{
			'Nr.': 'IK 3.5',
			Handlungsfeld: 'Wohnen',
			Maßnahme: 'Mehrsprachige Hausordnung und Mieterinformation',
			Federführung: 'Sozialamt',
			'Adressaten und Zielgruppen': 'Neuzugewanderte',
			Kooperationspartner: 'Migrantenorganisationen',
			Zeitraum: 'kurzfristig',
			Kosten: '1.200 €',
			Kostenart: 'einmalig',
			Finanzierung: 'Eigene Haushaltsmittel',
			Priorität: 'Niedrig',
			Stand: 'Umgesetzt',
			'Geplant für das Jahr': String(last)
		},
		{
			Handlungsfeld: 'Wohnen',
			Maßnahme: 'Nachbarschaftsfeste in neuen Wohnquartieren',
			Federführung: 'Beirat für Migration und Integration',
			'Adressaten und Zielgruppen': 'Neuzugewanderte, Kommunen',
			Kooperationspartner: 'Ehrenamt, Migrantenorganisationen',
			Zeitraum: 'kurzfristig',
			Kosten: '2.000 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Noch offen',
			Priorität: 'Niedrig',
			Stand: 'Vorgeschlagen'
		},
		{
			'Nr.': 'IK 3.7',
			Handlungsfeld: 'Wohnen',
			Maßnahme: 'Belegungsquote im sozialen Wohnungsbau prüfen',
			Federführung: 'Prozesssteuerungsgruppe',
			'Adressaten und Zielgruppen': 'Kommunen',
			Zeitraum: 'langfristig',
			Finanzierung: 'Noch offen',
			Priorität: 'Mittel',
			Stand: 'Gremienbeschluss nötig'
		},
		{
			'Nr.': 'IK 4.1',
			Handlungsfeld: 'Freizeit',
			Ziel: leisureGoal,
			Maßnahme: 'Integrationspatenschaften in Sportvereinen',
			Beschreibung: 'Vereine benennen Patinnen und Paten und erlassen den Beitrag im ersten Jahr.',
			Federführung: 'Sportamt',
			'Adressaten und Zielgruppen': 'Kinder und Jugendliche, Neuzugewanderte',
			Kooperationspartner: 'Ehrenamt, Sportkreis Südpfalz',
			Zeitraum: `${last}–${year}`,
			Kosten: '6.000 €',
			Kostenart: 'pro Jahr',
			'Kosten je Jahr': `${last}: 6.000 €; ${year}: 7.500 €`,
			Finanzierung: 'Förderprogramm',
			'Förderprogramm oder Dritte': 'Integration durch Sport (DOSB)',
			Priorität: 'Mittel',
			Stand: 'In Umsetzung',
			'Geplant für das Jahr': String(last)
		},
		{
			'Nr.': 'IK 4.2',
			Handlungsfeld: 'Freizeit',
			Ziel: leisureGoal,
			Maßnahme: 'Familienpass auch für Asylsuchende',
			Federführung: 'Sozialamt',
			'Adressaten und Zielgruppen': 'Geflüchtete, Eltern',
			Zeitraum: 'kurzfristig',
			Kosten: '10.000 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Eigene Haushaltsmittel',
			Haushaltsvorbehalt: 'ja',
			Priorität: 'Hoch',
			Stand: 'Unter Ressourcenvorbehalt'
		},
		{
			'Nr.': 'IK 4.3',
			Handlungsfeld: 'Freizeit',
			Ziel: leisureGoal,
			Maßnahme: 'Interkulturelle Woche gemeinsam planen',
			Federführung: 'Beirat für Migration und Integration',
			'Adressaten und Zielgruppen': 'Neuzugewanderte, Migrantenorganisationen',
			Kooperationspartner: 'Migrantenorganisationen, Haus der Familie Landau, Volkshochschulen',
			Zeitraum: 'kurzfristig',
			Kosten: '5.000 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Eigene Haushaltsmittel',
			Priorität: 'Mittel',
			Stand: 'Umgesetzt',
			'Geplant für das Jahr': String(last)
		},
		{
			'Nr.': 'IK 4.5',
			Handlungsfeld: 'Freizeit',
			Maßnahme: 'Frauenschwimmzeiten im Freizeitbad',
			Federführung: 'Sportamt',
			'Adressaten und Zielgruppen': 'Frauen',
			Kooperationspartner: 'Migrantenorganisationen',
			Zeitraum: 'kurzfristig',
			Kosten: '3.500 €',
			Kostenart: 'pro Jahr',
			Finanzierung: 'Eigene Haushaltsmittel',
			Priorität: 'Niedrig',
			Stand: 'Abgestimmt',
			'Geplant für das Jahr': String(year)
		},
		{
			'Nr.': 'IK 4.6',
			Handlungsfeld: 'Freizeit',
			Maßnahme: 'Mehrsprachiger Veranstaltungskalender',
			Federführung: 'Hauptamt',
			'Adressaten und Zielgruppen': 'Neuzugewanderte',
			Kooperationspartner: 'Volkshochschulen, Ehrenamt',
			Zeitraum: 'mittelfristig',
			Kosten: '7.000 €',
			Kostenart: 'einmalig',
			Finanzierung: 'Noch offen',
			Priorität: 'Niedrig',
			Stand: 'Zurückgestellt'
		},
		{
			Handlungsfeld: 'Freizeit',
			Maßnahme: 'Kulturführerscheine für Jugendliche',
			Federführung: 'Jugendamt',
			'Adressaten und Zielgruppen': 'Kinder und Jugendliche',
			Kooperationspartner: 'Schulen, Ehrenamt',
			Zeitraum: 'kurzfristig',
			Kosten: '2.500 €',
			Kostenart: 'einmalig',
			Finanzierung: 'Mittel Dritter',
			'Förderprogramm oder Dritte': 'Bürgerstiftung',
			Priorität: 'Mittel',
			Stand: 'Vorgeschlagen'
		}
	];
}

/** The rows as a semicolon CSV with every cell quoted, as spreadsheet programs save it. */
function asCsv(rows: Partial<Row>[]): Uint8Array {
	const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
	const lines = [
		header.join(';'),
		...rows.map((row) => header.map((column) => quoted(row[column] ?? '')).join(';'))
	];
	return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

const recorder = { name: 'Integrationsbeauftragte (Demo)' };

/**
 * The demo's catalogue, brought in through the import as the integration officer would: then
 * workshop results adopted into its measures, indicators of its goals measured over two years,
 * Sachstand entries over two years (one corrected), and the concept saved as a version.
 */
export async function seedCatalogue(db: Db, processId: number, now: Date) {
	const today = todayIn(undefined, now);
	const year = Number(today.slice(0, 4));
	// A day of this year, or today if that day is still to come.
	const thisYear = (monthDay: string) => {
		const day = `${year}-${monthDay}`;
		return day > today ? today : day;
	};
	const officer = db
		.select()
		.from(table.user)
		.where(eq(table.user.email, 'integration@landau.example'))
		.get();
	const process = db.select().from(table.process).where(eq(table.process.id, processId)).get();
	if (!officer || !process) return;
	const organisation = db
		.select()
		.from(table.organisation)
		.where(eq(table.organisation.id, process.organisationId))
		.get()!;
	const asOfficer = <T>(path: string, work: () => T): T =>
		runAudited(
			{
				actorKind: 'user',
				actorUserId: officer.id,
				actorName: officer.name,
				organisationId: organisation.id,
				processId,
				path
			},
			work
		);

	const read = await readTable(asCsv(catalogueRows(year)));
	if (!read.ok) throw new Error(`demo catalogue unreadable: ${read.problem}`);
	const headerAt = locateHeader(read.rows);
	const mapping = suggestMapping(read.rows[headerAt]!.cells);
	const rows = read.rows.slice(headerAt + 1);
	const plan = planImport(db, processId, rows, mapping, 'demo-catalogue');
	const imported = asOfficer('POST /o/[org]/p/[process]/measures/import/[upload]?/run', () =>
		runImport(db, processId, rows, mapping, 'demo-catalogue', plan.fingerprint)
	);
	if (!imported.ok) {
		const refused = plan.rows.filter((row) => row.action === 'refused');
		throw new Error(`demo catalogue refused: ${JSON.stringify(refused.map((r) => r.details))}`);
	}

	const measures = new Map(
		db
			.select()
			.from(table.measure)
			.where(eq(table.measure.processId, processId))
			.all()
			.map((measure) => [measure.title, measure])
	);
	const measureId = (title: string) => {
		const measure = measures.get(title);
		if (!measure) throw new Error(`demo measure missing: ${title}`);
		return measure.id;
	};

	adoptWorkshopResults(db, processId, officer.id, measureId, asOfficer);
	asOfficer('POST /o/[org]/p/[process]/monitoring/indikatoren?/addIndicator', () =>
		seedIndicators(db, processId, year, thisYear, today)
	);
	asOfficer('POST /o/[org]/p/[process]/measures/[measure]?/recordUpdate', () =>
		seedUpdates(db, processId, measureId, year, thisYear, today)
	);
	asOfficer('POST /o/[org]/p/[process]/concept?/saveVersion', () =>
		saveVersion(
			db,
			process,
			organisation.name,
			{
				introduction:
					'Das Integrationskonzept 2.0 schreibt das Konzept von 2011 fort. Es bündelt die Ergebnisse der Fachkonferenzen und die Maßnahmen der Stadt und ihrer Partner in vier Handlungsfeldern.',
				note: 'Entwurf für die Sitzung der Prozesssteuerungsgruppe',
				standOn: thisYear('11-15')
			},
			{ id: officer.id, name: officer.name }
		)
	);
}

/**
 * The finished workshop's ranked results, adopted into the imported measures they match the
 * way staff do it from the review: so the measures show where they came from.
 */
function adoptWorkshopResults(
	db: Db,
	processId: number,
	userId: number,
	measureId: (title: string) => number,
	asOfficer: <T>(path: string, work: () => T) => T
) {
	const activity = db
		.select({ id: table.activity.id })
		.from(table.activity)
		.innerJoin(table.event, eq(table.activity.eventId, table.event.id))
		.where(
			and(eq(table.event.processId, processId), eq(table.event.title, 'Fachkonferenz Arbeitsmarkt'))
		)
		.get();
	if (!activity) return;
	const into: Record<string, string> = {
		Anerkennung: 'Lotsendienst Berufsanerkennung',
		'Sprache im Beruf': 'Berufssprachkurse am Abend',
		'Betriebe öffnen': 'Praktikumsbörse mit Landauer Betrieben',
		'Jobcafé mit Ehrenamtlichen': 'Jobcafé mit ehrenamtlichen Mentorinnen und Mentoren'
	};
	for (const result of rankedResults(db, activity.id)) {
		const title = into[result.label];
		if (!title) continue;
		asOfficer('POST /o/[org]/p/[process]/measures/new?/addToMeasure', () =>
			adoptResult(
				db,
				processId,
				userId,
				{ activityId: activity.id, target: result.target },
				{ measureId: measureId(title) }
			)
		);
	}
}

/** Indicators of the imported goals, from a baseline two years back, measured since. */
function seedIndicators(
	db: Db,
	processId: number,
	year: number,
	thisYear: (monthDay: string) => string,
	today: string
) {
	const goals = new Map(
		db
			.select({ id: table.goal.id, title: table.goal.title })
			.from(table.goal)
			.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
			.where(eq(table.fieldOfAction.processId, processId))
			.all()
			.map((goal) => [goal.title, goal.id])
	);
	const indicators: [string, string, string, number, number, [string, number, string][]][] = [
		[
			languageGoal,
			'Integrationskurse mit Abschluss B1',
			'Personen',
			120,
			200,
			[
				[`${year - 1}-06-30`, 131, 'Kursstatistik 1. Halbjahr'],
				[`${year - 1}-12-31`, 148, 'Kursstatistik 2. Halbjahr'],
				[thisYear('06-30'), 167, 'Kursstatistik 1. Halbjahr']
			]
		],
		[
			schoolGoal,
			'Kinder mit Sprachförderbedarf bei der Einschulung',
			'%',
			34,
			20,
			[
				[`${year - 1}-09-01`, 31, 'Schuleingangsuntersuchung'],
				[thisYear('09-01'), 27, 'Schuleingangsuntersuchung']
			]
		],
		[
			workGoal,
			'Sozialversicherungspflichtig beschäftigte Geflüchtete',
			'Personen',
			410,
			600,
			[
				[`${year - 1}-03-31`, 436, 'Statistik der Agentur für Arbeit'],
				[`${year - 1}-09-30`, 472, 'Statistik der Agentur für Arbeit'],
				[thisYear('03-31'), 498, 'Statistik der Agentur für Arbeit'],
				[thisYear('09-30'), 531, 'Statistik der Agentur für Arbeit']
			]
		],
		[
			workGoal,
			'Anerkannte ausländische Berufsabschlüsse',
			'Abschlüsse',
			18,
			60,
			[
				[`${year - 1}-12-31`, 27, 'Lotsendienst, Jahresbilanz'],
				[thisYear('06-30'), 38, 'Lotsendienst, Halbjahresbilanz']
			]
		],
		[
			leisureGoal,
			'Sportvereine mit Integrationspatenschaft',
			'Vereine',
			3,
			15,
			[
				[`${year - 1}-12-31`, 7, 'Umfrage des Sportamts'],
				[thisYear('10-31'), 11, 'Umfrage des Sportamts']
			]
		]
	];
	for (const [goal, name, unit, baselineValue, targetValue, values] of indicators) {
		const goalId = goals.get(goal);
		if (goalId === undefined) continue;
		const indicator = addIndicator(db, processId, goalId, {
			name,
			unit,
			baselineValue,
			baselineOn: `${year - 2}-12-31`,
			targetValue,
			targetOn: `${year + 2}-12-31`
		});
		if (!indicator) continue;
		for (const [measuredOn, value, note] of values) {
			recordIndicatorValue(
				db,
				processId,
				indicator.id,
				{ measuredOn, value, note },
				recorder,
				today
			);
		}
	}
}

type Update = [string, table.MeasureStatus, number | null, string];

/**
 * Sachstand entries over last year and this one, so the status reports of the two years
 * differ; one entry of last year was corrected this year.
 */
function seedUpdates(
	db: Db,
	processId: number,
	measureId: (title: string) => number,
	year: number,
	thisYear: (monthDay: string) => string,
	today: string
) {
	const last = year - 1;
	const updates: [string, Update[]][] = [
		[
			'Sprachkurse mit Kinderbetreuung ausbauen',
			[
				[`${last}-02-15`, 'adopted', 0, 'Vom Stadtrat beschlossen, Träger angefragt.'],
				[`${last}-09-01`, 'in_implementation', 40, 'Zwei Kurse mit Betreuung laufen.'],
				[thisYear('04-15'), 'in_implementation', 75, 'Vier Kurse, Warteliste für den Herbst.']
			]
		],
		[
			'Sprachcafés in den Stadtteilen',
			[
				[`${last}-05-10`, 'in_implementation', 30, 'Erstes Sprachcafé in der Innenstadt.'],
				[thisYear('03-01'), 'in_implementation', 60, 'Drei Stadtteile, wöchentlich.']
			]
		],
		[
			'Hausaufgabenhilfe in Gemeinschaftsunterkünften',
			[
				[`${last}-03-01`, 'in_implementation', 50, 'Angebot in zwei Unterkünften.'],
				[`${last}-11-30`, 'done', 100, 'In das Regelangebot des Trägers übernommen.']
			]
		],
		[
			'Lotsendienst Berufsanerkennung',
			[
				[`${last}-01-20`, 'adopted', 0, 'Förderantrag bewilligt.'],
				[
					thisYear('02-01'),
					'in_implementation',
					35,
					'Lotsin eingestellt, Sprechstunde zweimal pro Woche.'
				]
			]
		],
		[
			'Interkulturelle Öffnung der Stadtverwaltung',
			[
				[`${last}-06-01`, 'in_implementation', 20, 'Erste Fortbildungsreihe für Führungskräfte.'],
				[thisYear('06-01'), 'in_implementation', 45, 'Stellenausschreibungen in fünf Sprachen.']
			]
		],
		[
			'Mietpatenschaften vermitteln',
			[
				[`${last}-04-01`, 'in_implementation', 25, '12 Patenschaften vermittelt.'],
				[thisYear('05-01'), 'in_implementation', 50, '27 Patenschaften vermittelt.']
			]
		],
		[
			'Mehrsprachige Hausordnung und Mieterinformation',
			[[`${last}-07-15`, 'done', 100, 'In sechs Sprachen gedruckt und verteilt.']]
		],
		[
			'Integrationspatenschaften in Sportvereinen',
			[
				[`${last}-03-15`, 'in_implementation', 20, 'Drei Vereine machen mit.'],
				[thisYear('07-01'), 'in_implementation', 55, 'Elf Vereine machen mit.']
			]
		],
		[
			'Interkulturelle Woche gemeinsam planen',
			[
				[`${last}-05-01`, 'in_implementation', 50, 'Planungsgruppe mit acht Vereinen.'],
				[`${last}-10-01`, 'done', 100, 'Woche mit 24 Veranstaltungen durchgeführt.']
			]
		],
		[
			'Familienpass auch für Asylsuchende',
			[[thisYear('03-20'), 'resource_reservation', null, 'Haushaltsmittel erst im Nachtrag.']]
		]
	];
	for (const [title, entries] of updates) {
		const id = measureId(title);
		for (const [recordedOn, status, percentDone, note] of entries) {
			recordUpdate(db, processId, id, { recordedOn, status, percentDone, note }, recorder, today);
		}
	}
	// An entry of last year with the wrong share, corrected this year: both stay in the history.
	const sports = measureId('Integrationspatenschaften in Sportvereinen');
	const wrong = recordUpdate(
		db,
		processId,
		sports,
		{
			recordedOn: `${last}-09-15`,
			status: 'in_implementation',
			percentDone: 70,
			note: 'Sieben Vereine machen mit.'
		},
		recorder,
		today
	);
	if (!wrong.ok) return;
	recordUpdate(
		db,
		processId,
		sports,
		{
			recordedOn: `${last}-09-15`,
			status: 'in_implementation',
			percentDone: 35,
			note: 'Sieben Vereine machen mit.',
			corrects: { id: wrong.update.id, reason: 'Anteil aus dem Vorjahresbericht übernommen.' }
		},
		recorder,
		today
	);
}
