import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { addAgendaItem, createEvent } from '../events/events';
import { approveMinutesAsMember } from '../minutes/approval';
import { draftMinutes, submitMinutes, updateSummary } from '../minutes/minutes';
import { grantProcessRole } from '../organisations/process-members';
import { createProcess } from '../process/processes';

/** The external moderator of the demo: one process of the organisation, nothing else. */
export const demoExternalModerator = {
	email: 'moderation-extern@landau.example',
	name: 'Externe Moderation (Demo)'
};

export const demoGovernanceProcess = 'Zukunftskonferenz 2027';

function accountOf(db: Db, email: string) {
	return db.select().from(table.user).where(eq(table.user.email, email)).get()!;
}

/**
 * A second, smaller process of the demo organisation: the preparation of the next
 * Zukunftskonferenz, prepared by a steering group that approves minutes by majority (two
 * members with accounts, so both must approve), whose last minutes wait with one of two
 * approvals; and an external moderation office that has this one process only.
 */
export function seedGovernance(db: Db, organisationId: number, passwordHash: string, now: Date) {
	const process = createProcess(db, {
		organisationId,
		title: demoGovernanceProcess,
		description:
			'Vorbereitung der nächsten Zukunftskonferenz; eine externe Moderation begleitet nur diesen Prozess.',
		template: 'empty',
		startsOn: new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10)
	});
	db.update(table.process).set({ status: 'running' }).where(eq(table.process.id, process.id)).run();
	const owner = accountOf(db, 'integration@landau.example');
	const steering = accountOf(db, 'steuerung@landau.example');
	const group = db
		.insert(table.body)
		.values({
			processId: process.id,
			kind: 'steering_group',
			name: 'Vorbereitungsgruppe Zukunftskonferenz',
			description: 'Gibt Protokolle mit der Mehrheit ihrer Mitglieder frei.',
			isPublic: false,
			approvalRule: 'majority'
		})
		.returning()
		.get();
	db.insert(table.bodyMember)
		.values([
			{
				bodyId: group.id,
				name: 'Stabsstelle Integration',
				affiliation: 'Stadtverwaltung Landau',
				function: 'chair',
				category: 'administration',
				userId: owner.id
			},
			{
				bodyId: group.id,
				name: 'Steuerungsgruppe Integrationskonzept',
				affiliation: 'Prozesssteuerungsgruppe',
				function: 'member',
				category: 'politics',
				userId: steering.id
			},
			{
				bodyId: group.id,
				name: 'Beirat für Migration und Integration',
				affiliation: 'Beirat für Migration und Integration',
				function: 'member',
				category: 'migrant_organisation',
				userId: null
			}
		])
		.run();
	const day = new Date(now.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
	const meeting = createEvent(db, process.id, {
		title: 'Erste Sitzung der Vorbereitungsgruppe',
		description: 'Ablauf und Einladungsliste der Zukunftskonferenz.',
		place: 'Rathaus, Sitzungssaal',
		startsAt: `${day}T16:00`,
		endsAt: `${day}T18:00`,
		isPublic: false,
		status: 'closed',
		bodyId: group.id,
		phaseId: null
	});
	for (const title of ['Ablauf der Konferenz', 'Einladungsliste']) {
		addAgendaItem(db, meeting.id, { title, description: '' });
	}
	const minutes = draftMinutes(db, meeting.id, owner);
	updateSummary(
		db,
		meeting.id,
		minutes.id,
		'Die Vorbereitungsgruppe legt den Ablauf fest und ergänzt die Einladungsliste um die Migrantenorganisationen.'
	);
	submitMinutes(db, meeting.id, minutes.id);
	approveMinutesAsMember(db, process.id, meeting.id, minutes.id, {
		id: owner.id,
		name: owner.name,
		role: 'process_owner'
	});

	const moderator = db
		.insert(table.user)
		.values({ ...demoExternalModerator, passwordHash })
		.returning()
		.get();
	grantProcessRole(db, process, moderator.id, 'moderator');
}
