import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { runAudited, type AuditContext } from '../db/audit';
import * as table from '../db/schema';
import type { Role } from '../auth/roles';
import { hashPassword } from '../auth/password';
import { issueToken } from '../auth/token';
import { hasAnyUser } from '../auth/users';
import { addMember, createOrganisation } from '../organisations/organisations';
import { updateLegalDetails, type LegalDetails } from '../privacy/legal';
import { createProcess } from '../process/processes';
import { seedAttachments } from './attachments';
import { seedAttendance } from './attendance';
import { seedCatalogue } from './catalogue';
import { seedCouncil } from './council';
import { seedPublicParticipation } from './public';
import { seedRecords } from './records';
import { seedTimeline } from './timeline';
import { seedRelations } from './relations';
import { seedReport } from './report';
import { seedSteeringSeats } from './steering-seats';
import { seedFinishedWorkshop } from './workshop';
import { seedNotifications } from './notifications';
import { seedGovernance } from './governance';
import { seedNeedsAnalysis } from './needs';

export const demoPassword = 'mitwirken-demo';

export const demoAccounts: { email: string; name: string; role: Role }[] = [
	{ email: 'admin@landau.example', name: 'Demo-Administration', role: 'admin' },
	{
		email: 'integration@landau.example',
		name: 'Integrationsbeauftragte (Demo)',
		role: 'process_owner'
	},
	{
		email: 'moderation@landau.example',
		name: 'Moderation (Demo)',
		role: 'moderator'
	},
	{
		email: 'steuerung@landau.example',
		name: 'Steuerungsgruppe (Demo)',
		role: 'steering_member'
	}
];

const demoOfficeBrowser =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

// Rems-Murr-Kreis, Integrationsplan (Drucksache 2017/064): four fields of action, five guidelines.
const demoFields = ['Sprache und Bildung', 'Arbeitsmarkt', 'Wohnen', 'Freizeit'];
const demoGuidelines: [string, string][] = [
	['Information und Kommunikation', 'Daten und Fakten gezielt steuern und vermitteln'],
	['Prozesse', 'Bestehendes überprüfen, Neues wagen, Standards etablieren'],
	['Ehrenamt', 'Chancen besser nutzen, Ehrenamt gezielter einbinden'],
	['Beteiligung', 'Betroffene in Entwicklungsprozesse einbinden'],
	['Eigeninitiative', 'Selbstständigkeit und Eigenverantwortung fördern und fordern']
];

// Landau's steering group (Sitzungsvorlage 500/035/2017): at most 19 seats, 6 politics,
// 6 administration, 7 civil society; members named by institution, not by person.
const steeringGroupMembers: [string, table.StakeholderCategory, 'chair' | 'member'][] = [
	['Leitung Sozialamt', 'administration', 'chair'],
	['Integrationsbeauftragte', 'administration', 'member'],
	['Jugendamt', 'administration', 'member'],
	['Jobcenter', 'administration', 'member'],
	['Vertretung einer Stadtratsfraktion', 'politics', 'member'],
	['Beirat für Migration und Integration', 'politics', 'member'],
	['Caritas-Zentrum', 'civil_society', 'member'],
	['Volkshochschule', 'civil_society', 'member'],
	['Migrantenorganisation', 'migrant_organisation', 'member']
];

/**
 * The city's public addresses for its legal pages; roles, never people's names. Demo addresses
 * for mail and phone, so that no one writes to the real city office about the demo.
 */
const demoLegalDetails: LegalDetails = {
	postalAddress: 'Stadtverwaltung Landau in der Pfalz\nMarktstraße 50\n76829 Landau in der Pfalz',
	email: 'integration@landau.example',
	phone: '06341 13-0',
	representative: 'Der Oberbürgermeister der Stadt Landau in der Pfalz',
	dataProtectionOfficer:
		'Datenschutzbeauftragte/r der Stadtverwaltung Landau in der Pfalz\nMarktstraße 50\n76829 Landau in der Pfalz\ndatenschutz@landau.example',
	dataProtectionLaw: '§ 3 Landesdatenschutzgesetz Rheinland-Pfalz (LDSG)',
	supervisoryAuthority:
		'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz\nHintere Bleiche 34\n55116 Mainz',
	accessibilityEnforcement:
		'Durchsetzungsstelle für digitale Barrierefreiheit Rheinland-Pfalz beim Landesbeauftragten für die Belange von Menschen mit Behinderungen\nBauhofstraße 9\n55116 Mainz',
	accessibilityReviewedOn: null
};

function monthsAgo(months: number, now: Date): string {
	const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
	return date.toISOString().slice(0, 10);
}

const demoSeeding: AuditContext = {
	actorKind: 'system',
	actorUserId: null,
	actorName: 'Demo-Daten',
	organisationId: null,
	processId: null,
	path: 'demo'
};

/**
 * A demo install: Stadt Landau's "Integrationskonzept 2.0" timeline, started two months ago, with
 * the expert conferences under way: one finished, with its minutes drafted, one coming up.
 * Does nothing when any account exists.
 */
export function seedDemo(db: Db, now = new Date()): Promise<boolean> {
	return runAudited(demoSeeding, () => seedDemoData(db, now));
}

async function seedDemoData(db: Db, now: Date): Promise<boolean> {
	if (hasAnyUser(db)) return false;
	const passwordHash = await hashPassword(demoPassword);
	const seeded = db.transaction((tx) => {
		if (hasAnyUser(tx)) return null;
		const organisation = createOrganisation(tx, {
			name: 'Stadt Landau in der Pfalz (Demo)',
			kind: 'stadt'
		});
		updateLegalDetails(tx, organisation.id, demoLegalDetails);
		for (const account of demoAccounts) {
			const user = tx
				.insert(table.user)
				.values({
					email: account.email,
					name: account.name,
					passwordHash,
					isSystemAdmin: account.role === 'admin'
				})
				.returning()
				.get();
			addMember(tx, organisation.id, user.id, account.role);
			// A session on the office computer two days ago, for "Angemeldete Geräte" to show and end.
			const officeVisit = new Date(now.getTime() - 2 * 24 * 60 * 60 * 1000);
			const { id, secretHash } = issueToken();
			tx.insert(table.session)
				.values({
					id,
					secretHash,
					userId: user.id,
					createdAt: officeVisit,
					lastVerifiedAt: officeVisit,
					userAgent: demoOfficeBrowser
				})
				.run();
		}
		const process = createProcess(tx, {
			organisationId: organisation.id,
			title: 'Integrationskonzept 2.0',
			description:
				'Fortschreibung des Integrationskonzepts von 2011 in einem mehrstufigen, partizipativen Prozess.',
			template: 'landau',
			startsOn: monthsAgo(2, now)
		});
		tx.update(table.process)
			.set({ status: 'running', isPublic: true })
			.where(eq(table.process.id, process.id))
			.run();
		tx.insert(table.fieldOfAction)
			.values(
				demoFields.map((title, i) => ({
					processId: process.id,
					code: String(i + 1),
					title,
					position: i
				}))
			)
			.run();
		tx.insert(table.guideline)
			.values(
				demoGuidelines.map(([title, description], position) => ({
					processId: process.id,
					title,
					description,
					position
				}))
			)
			.run();
		// The Landau template made the steering group with its 6/6/7 seat plan.
		const steeringGroup = tx
			.select()
			.from(table.body)
			.where(and(eq(table.body.processId, process.id), eq(table.body.kind, 'steering_group')))
			.get()!;
		tx.insert(table.bodyMember)
			.values(
				steeringGroupMembers.map(([name, category, role]) => ({
					bodyId: steeringGroup.id,
					name,
					affiliation: name,
					category,
					function: role
				}))
			)
			.run();
		const conferences = tx
			.select()
			.from(table.phase)
			.where(and(eq(table.phase.processId, process.id), eq(table.phase.title, 'Fachkonferenzen')))
			.get();
		const conference = tx
			.insert(table.event)
			.values({
				processId: process.id,
				phaseId: conferences?.id ?? null,
				title: 'Fachkonferenz Sprache und Bildung',
				description: 'Offener Fachworkshop: Ideen sammeln, bündeln und mit Punkten gewichten.',
				place: 'Rathaus, Großer Saal',
				startsAt: `${inDays(7, now)}T17:00`,
				endsAt: `${inDays(7, now)}T20:00`
			})
			.returning()
			.get();
		tx.insert(table.agendaItem)
			.values(
				['Begrüßung und Ziele', 'Ideen sammeln', 'Ideen bündeln', 'Punkte kleben', 'Ausblick'].map(
					(title, position) => ({ eventId: conference.id, title, position })
				)
			)
			.run();
		const approver = tx
			.select({ id: table.user.id, name: table.user.name })
			.from(table.user)
			.where(eq(table.user.email, 'steuerung@landau.example'))
			.get()!;
		return {
			processId: process.id,
			organisationId: organisation.id,
			steering: { bodyId: steeringGroup.id, approver }
		};
	});
	if (seeded === null) return false;
	const { processId } = seeded;
	seedFinishedWorkshop(db, processId, `${inDays(-14, now)}T09:00`, `${inDays(-14, now)}T13:00`);
	seedStaffEdits(db, processId);

	seedRecords(db, processId, seeded.steering, now);
	seedAttachments(db, processId);
	await seedCatalogue(db, processId, now);
	seedCouncil(db, processId, seeded.steering.approver);
	seedTimeline(db, processId, now);
	seedPublicParticipation(db, processId, seeded.steering.approver, now);
	seedRelations(db, processId);
	seedReport(db, processId, now);
	seedSteeringSeats(db, processId);
	seedNotifications(db, processId, now);
	seedGovernance(db, seeded.organisationId, passwordHash, now);
	seedNeedsAnalysis(db, seeded.organisationId, now);
	seedAttendance(db, processId);
	return true;
}

/** Two edits by demo accounts, so that the audit log shows people and not only the seeding. */
function seedStaffEdits(db: Db, processId: number) {
	const conference = db
		.select()
		.from(table.event)
		.where(
			and(
				eq(table.event.processId, processId),
				eq(table.event.title, 'Fachkonferenz Sprache und Bildung')
			)
		)
		.get();
	if (!conference) return;
	const asAccount = (email: string, path: string, edit: () => void) => {
		const account = db.select().from(table.user).where(eq(table.user.email, email)).get();
		if (!account) return;
		runAudited(
			{
				actorKind: 'user',
				actorUserId: account.id,
				actorName: account.name,
				organisationId: null,
				processId,
				path
			},
			edit
		);
	};
	asAccount('integration@landau.example', 'POST /o/[org]/p/[process]/events/[event]?/update', () =>
		db
			.update(table.event)
			.set({ place: 'Rathaus, Großer Saal (barrierefreier Zugang über den Hof)' })
			.where(eq(table.event.id, conference.id))
			.run()
	);
	asAccount(
		'moderation@landau.example',
		'POST /o/[org]/p/[process]/events/[event]?/updateAgendaItem',
		() =>
			db
				.update(table.agendaItem)
				.set({ description: 'Nächste Schritte und Termine der Arbeitsgruppen' })
				.where(
					and(eq(table.agendaItem.eventId, conference.id), eq(table.agendaItem.title, 'Ausblick'))
				)
				.run()
	);
}

function inDays(days: number, now: Date): string {
	return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
