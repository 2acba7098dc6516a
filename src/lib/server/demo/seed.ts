import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { Role } from '../auth/roles';
import { hashPassword } from '../auth/password';
import { issueToken } from '../auth/token';
import { hasAnyUser } from '../auth/users';
import { addMember, createOrganisation } from '../organisations/organisations';
import { createProcess } from '../process/processes';
import { seedFinishedWorkshop } from './workshop';

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

function monthsAgo(months: number, now: Date): string {
	const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
	return date.toISOString().slice(0, 10);
}

/**
 * A demo install: Stadt Landau's "Integrationskonzept 2.0" timeline, started two months ago, with
 * the expert conferences under way: one finished, with its minutes drafted, one coming up.
 * Does nothing when any account exists.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
	if (hasAnyUser(db)) return false;
	const passwordHash = await hashPassword(demoPassword);
	const processId = db.transaction((tx) => {
		if (hasAnyUser(tx)) return null;
		const organisation = createOrganisation(tx, {
			name: 'Stadt Landau in der Pfalz (Demo)',
			kind: 'stadt'
		});
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
		const steeringGroup = tx
			.insert(table.body)
			.values({
				processId: process.id,
				kind: 'steering_group',
				name: 'Prozesssteuerungsgruppe',
				isPublic: false,
				maxMembers: 19
			})
			.returning()
			.get();
		tx.insert(table.bodySeat)
			.values([
				{ bodyId: steeringGroup.id, category: 'politics', seats: 6 },
				{ bodyId: steeringGroup.id, category: 'administration', seats: 6 },
				{ bodyId: steeringGroup.id, category: 'civil_society', seats: 7 }
			])
			.run();
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
		if (conferences) {
			tx.update(table.phase)
				.set({ status: 'done' })
				.where(
					and(eq(table.phase.processId, process.id), lt(table.phase.position, conferences.position))
				)
				.run();
			tx.update(table.phase)
				.set({ status: 'active' })
				.where(eq(table.phase.id, conferences.id))
				.run();
		}
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
		return process.id;
	});
	if (processId === null) return false;
	seedFinishedWorkshop(db, processId, `${inDays(-14, now)}T09:00`, `${inDays(-14, now)}T13:00`);
	return true;
}

function inDays(days: number, now: Date): string {
	return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
