import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import type { LegalPage } from '../../legal';
import { todayIn } from '../time';
import { minGroupSize, platformLegalSlug, retentionDays } from './config';

/** What an organisation states about itself for its legal pages. */
export type LegalDetails = Pick<
	table.Organisation,
	| 'postalAddress'
	| 'email'
	| 'phone'
	| 'representative'
	| 'dataProtectionOfficer'
	| 'dataProtectionLaw'
	| 'supervisoryAuthority'
	| 'accessibilityEnforcement'
	| 'accessibilityReviewedOn'
>;

type LegalOrganisation = Pick<table.Organisation, 'name' | 'kind'> &
	LegalDetails &
	Pick<table.Organisation, 'imprintText' | 'privacyText' | 'accessibilityText'>;

const textColumn = {
	impressum: 'imprintText',
	datenschutz: 'privacyText',
	barrierefreiheit: 'accessibilityText'
} as const satisfies Record<LegalPage, keyof table.Organisation>;

export function findOrganisationBySlug(db: Db, slug: string) {
	return db.select().from(table.organisation).where(eq(table.organisation.slug, slug)).get();
}

/**
 * Whose legal pages the pages of no organisation link to (sign-in, set-up, the start page):
 * the organisation `LEGAL_ORGANISATION` names, else the first one created (on most installs the
 * only one). Before any exists there are none.
 */
export function platformLegalOrganisation(db: Db, slug = platformLegalSlug()) {
	const named = slug ? findOrganisationBySlug(db, slug) : undefined;
	return (
		named ?? db.select().from(table.organisation).orderBy(asc(table.organisation.id)).limit(1).get()
	);
}

export function updateLegalDetails(db: DbOrTx, organisationId: number, details: LegalDetails) {
	db.update(table.organisation).set(details).where(eq(table.organisation.id, organisationId)).run();
}

/** Stores the organisation's own text for a page; null goes back to the template. */
export function saveLegalText(
	db: Db,
	organisationId: number,
	page: LegalPage,
	text: string | null
) {
	const column = textColumn[page];
	db.update(table.organisation)
		.set(
			column === 'imprintText'
				? { imprintText: text }
				: column === 'privacyText'
					? { privacyText: text }
					: { accessibilityText: text }
		)
		.where(eq(table.organisation.id, organisationId))
		.run();
}

/** Whether the page shows the organisation's own text rather than the template. */
export function hasOwnText(organisation: LegalOrganisation, page: LegalPage): boolean {
	return organisation[textColumn[page]] !== null;
}

/** The page's text: the organisation's own, or the template filled in with its details. */
export function legalText(organisation: LegalOrganisation, page: LegalPage): string {
	return organisation[textColumn[page]] ?? legalTemplate(organisation, page);
}

export interface TemplateSettings {
	retentionDays: number;
	minGroupSize: number;
	/** `YYYY-MM-DD`, for an accessibility statement never reviewed. */
	today: string;
}

const missing = (what: string) => `[bitte ergänzen: ${what}]`;
const or = (value: string, what: string) => value.trim() || missing(what);

function germanDate(isoDate: string): string {
	const [year, month, day] = isoDate.split('-');
	return `${day}.${month}.${year}`;
}

/** The template of a page, in German as the law requires, filled in with the details. */
export function legalTemplate(
	org: LegalOrganisation,
	page: LegalPage,
	settings: TemplateSettings = {
		retentionDays: retentionDays(),
		minGroupSize: minGroupSize(),
		today: todayIn()
	}
): string {
	const address = or(org.postalAddress, 'Postanschrift');
	const contact = [
		org.phone.trim() ? `Telefon: ${org.phone.trim()}` : null,
		`E-Mail: ${or(org.email, 'E-Mail-Adresse')}`
	]
		.filter(Boolean)
		.join('\n');
	const publicBody = org.kind !== 'other';

	if (page === 'impressum') {
		return [
			'## Anbieter',
			`${org.name}\n${address}`,
			org.representative.trim() ? `Vertreten durch: ${org.representative.trim()}` : '',
			publicBody ? `${org.name} ist eine Körperschaft des öffentlichen Rechts.` : '',
			'## Kontakt',
			contact,
			'## Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV)',
			`${org.representative.trim() || org.name}, Anschrift wie oben.`,
			'## Beiträge der Teilnehmenden',
			`Ideen und Punkte in den Workshops stammen von den Teilnehmenden. ${org.name} moderiert sie und kann Beiträge ausblenden, die gegen Recht oder die Regeln der Veranstaltung verstoßen.`
		]
			.filter(Boolean)
			.join('\n\n');
	}

	if (page === 'datenschutz') {
		const law = org.dataProtectionLaw.trim() || missing('Landesdatenschutzgesetz, z. B. § 4 LDSG');
		return [
			'## Verantwortlich',
			`${org.name}\n${address}\n${contact}`,
			'## Datenschutzbeauftragte oder Datenschutzbeauftragter',
			or(org.dataProtectionOfficer, 'Kontakt der oder des Datenschutzbeauftragten'),
			'## Wofür wir Daten verarbeiten',
			`Mit dieser Plattform beteiligen wir Bürgerinnen, Bürger, Vereine und Institutionen an unserem Integrationskonzept: Veranstaltungen, Live-Workshops mit Ideen und Punkten, Protokolle, Maßnahmen und Berichte.`,
			'## Welche Daten',
			[
				'- Wenn Sie mit dem Telefon mitmachen: Ihre Ideen und Punkte; freiwillig ein Name und eine Gruppe; die gewählte Sprache. Ihr Telefon bekommt eine zufällige Kennung in einem Cookie, damit Ihre Beiträge nach einem Verbindungsabbruch erhalten bleiben. Es gibt kein Konto und kein Tracking.',
				'- Für Konten der Mitarbeitenden: Name, E-Mail-Adresse, Passwort (nur verschlüsselt als Hash), Anmeldungen und Rollen.',
				'- In Protokollen: Namen, Einrichtungen und Gruppen der Mitglieder von Gremien, die an einer Sitzung teilnehmen.',
				'- Bei jedem Aufruf: die IP-Adresse, nur kurz im Arbeitsspeicher, um Missbrauch zu bremsen (zu viele Versuche).'
			].join('\n'),
			'## Rechtsgrundlage',
			`Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit ${law}: Die Beteiligung an der Integrationsplanung ist eine Aufgabe im öffentlichen Interesse. Name und Gruppe geben Sie freiwillig an (Art. 6 Abs. 1 Buchst. a DSGVO); Sie können sie weglassen.`,
			'## Empfänger',
			`Die Daten liegen auf Servern von ${org.name} oder eines beauftragten IT-Dienstleisters (Auftragsverarbeitung nach Art. 28 DSGVO). Ergebnisse ohne Namen der Teilnehmenden gehen in Protokolle und in das Integrationskonzept ein, das die politischen Gremien beraten und das veröffentlicht wird. Wir geben keine Daten in Länder außerhalb der EU. Die Plattform lädt nichts von Dritten (keine Schriften, keine Statistikdienste).`,
			'## Wie lange wir Daten speichern',
			[
				`- ${settings.retentionDays} Tage nach dem Ende einer Veranstaltung löschen wir die Verbindung zwischen Ihrem Telefon und Ihren Ideen und Punkten, dazu Name und Gruppe. Ideen und Punkte bleiben ohne Bezug zu Ihnen als Ergebnis erhalten.`,
				'- Das Cookie auf Ihrem Telefon läuft nach 30 Tagen ab.',
				`- Ergebnisse nach Gruppen zeigen wir nur für Gruppen mit mindestens ${settings.minGroupSize} Personen; kleinere Gruppen fassen wir zusammen.`,
				'- Protokolle und das Integrationskonzept bewahren wir nach den Vorschriften für Akten auf.'
			].join('\n'),
			'## Ihre Rechte',
			[
				'- Auskunft (Art. 15 DSGVO)',
				'- Berichtigung (Art. 16 DSGVO)',
				'- Löschung (Art. 17 DSGVO)',
				'- Einschränkung der Verarbeitung (Art. 18 DSGVO)',
				'- Widerspruch (Art. 21 DSGVO)',
				'- Widerruf einer Einwilligung für die Zukunft (Art. 7 Abs. 3 DSGVO)'
			].join('\n'),
			'Nach Ablauf der Speicherfrist können wir Beiträge keinem Telefon mehr zuordnen.',
			'## Beschwerde',
			`Sie können sich bei der Aufsichtsbehörde beschweren:\n${or(org.supervisoryAuthority, 'Landesbeauftragte oder Landesbeauftragter für den Datenschutz')}`
		].join('\n\n');
	}

	const reviewed = germanDate(org.accessibilityReviewedOn ?? settings.today);
	return [
		`${org.name} will diese Beteiligungsplattform barrierefrei zugänglich machen, nach der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und dem Landesrecht. Diese Erklärung gilt für die Plattform unter dieser Adresse.`,
		'## Stand der Vereinbarkeit',
		'Die Plattform ist mit den Anforderungen weitgehend vereinbar (WCAG 2.1, Stufe AA; EN 301 549). Alle Seiten werden bei jeder Änderung automatisch geprüft.',
		'## Nicht barrierefreie Inhalte',
		[
			'- Das Diagramm der Auswertung nach Gruppen ist ein Bild. Dieselben Zahlen stehen in der Tabelle daneben.',
			'- Informationen in Deutscher Gebärdensprache gibt es nur als Video auf der Startseite, sofern wir eines bereitstellen; die übrigen Inhalte gibt es nicht in Gebärdensprache.',
			'- Word-Dateien (Protokolle, Konzept) sind mit Überschriften und Tabellen gegliedert, aber nicht einzeln geprüft.'
		].join('\n'),
		'## Erstellung dieser Erklärung',
		`Diese Erklärung wurde am ${reviewed} erstellt beziehungsweise zuletzt überprüft. Grundlage ist eine Selbstbewertung.`,
		'## Barrieren melden: Kontakt',
		`Wenn Ihnen eine Barriere auffällt, schreiben Sie uns oder rufen Sie an:\n${org.name}\n${address}\n${contact}`,
		'## Durchsetzungsverfahren und Schlichtung',
		`Wenn wir Ihnen nicht zufriedenstellend antworten, können Sie sich hierhin wenden:\n${or(org.accessibilityEnforcement, 'Durchsetzungs- oder Schlichtungsstelle des Landes')}`
	].join('\n\n');
}

/** The organisation an event belongs to: whose legal pages its phones see. */
export function organisationOfEvent(db: Db, eventId: number) {
	return db
		.select({ slug: table.organisation.slug, name: table.organisation.name })
		.from(table.event)
		.innerJoin(table.process, eq(table.event.processId, table.process.id))
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(eq(table.event.id, eventId))
		.get();
}
