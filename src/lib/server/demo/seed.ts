import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { Role } from '../auth/roles';
import { hashPassword } from '../auth/password';
import { hasAnyUser } from '../auth/users';
import { addMember, createOrganisation } from '../organisations/organisations';
import { createProcess } from '../process/processes';

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

// Rems-Murr-Kreis, Integrationsplan (Drucksache 2017/064): four fields of action, five guidelines.
const demoFields = ['Sprache und Bildung', 'Arbeitsmarkt', 'Wohnen', 'Freizeit'];
const demoGuidelines: [string, string][] = [
	['Information und Kommunikation', 'Daten und Fakten gezielt steuern und vermitteln'],
	['Prozesse', 'Bestehendes überprüfen, Neues wagen, Standards etablieren'],
	['Ehrenamt', 'Chancen besser nutzen, Ehrenamt gezielter einbinden'],
	['Beteiligung', 'Betroffene in Entwicklungsprozesse einbinden'],
	['Eigeninitiative', 'Selbstständigkeit und Eigenverantwortung fördern und fordern']
];

function monthsAgo(months: number, now: Date): string {
	const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
	return date.toISOString().slice(0, 10);
}

/**
 * A demo install: Stadt Landau's "Integrationskonzept 2.0" timeline, started a few months ago so
 * that the expert conferences are under way. Does nothing when any account exists.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
	if (hasAnyUser(db)) return false;
	const passwordHash = await hashPassword(demoPassword);
	return db.transaction((tx) => {
		if (hasAnyUser(tx)) return false;
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
		}
		const process = createProcess(tx, {
			organisationId: organisation.id,
			title: 'Integrationskonzept 2.0',
			description:
				'Fortschreibung des Integrationskonzepts von 2011 in einem mehrstufigen, partizipativen Prozess.',
			template: 'landau',
			startsOn: monthsAgo(3, now)
		});
		tx.update(table.process)
			.set({ status: 'running' })
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
		return true;
	});
}
