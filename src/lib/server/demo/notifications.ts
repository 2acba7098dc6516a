import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { addComment } from '../concept/comments';
import { createEvent } from '../events/events';
import { draftMinutes, submitMinutes, updateSummary } from '../minutes/minutes';
import { recordUpdate } from '../monitoring/monitoring';
import { appOrigin, writeSachstandDue } from '../notify/schedule';
import {
	notifyEventInvitation,
	notifyMeasureComment,
	notifyMinutesSubmitted
} from '../notify/triggers';
import { todayIn } from '../time';

const accountOf = (db: Db, email: string) =>
	db.select().from(table.user).where(eq(table.user.email, email)).get();

/**
 * The outbox and the home pages of the demo: the steering group's demo account sits in the
 * steering group (for the migrant advisory council's seat), so it is invited to the group's
 * next meeting (with the .ics), asked to approve the minutes of the last one, told of a comment
 * on a measure the group leads, and reminded of that measure's Sachstand. Without SMTP these
 * messages wait in the organisation's outbox.
 */
export function seedNotifications(db: Db, processId: number, now: Date) {
	const day = (days: number) => todayIn(undefined, new Date(now.getTime() + days * 86_400_000));
	const origin = appOrigin();
	const steering = accountOf(db, 'steuerung@landau.example');
	const moderation = accountOf(db, 'moderation@landau.example');
	const office = accountOf(db, 'integration@landau.example');
	const group = db
		.select()
		.from(table.body)
		.where(and(eq(table.body.processId, processId), eq(table.body.kind, 'steering_group')))
		.get();
	if (!steering || !moderation || !office || !group) return;
	db.update(table.bodyMember)
		.set({ userId: steering.id })
		.where(
			and(
				eq(table.bodyMember.bodyId, group.id),
				eq(table.bodyMember.name, 'Beirat für Migration und Integration')
			)
		)
		.run();

	const interim = createEvent(db, processId, {
		title: 'Zwischenstand der Prozesssteuerungsgruppe',
		description: 'Ergebnisse der ersten Fachkonferenz, Vorbereitung der Arbeitsgruppen.',
		place: 'Rathaus, Sitzungssaal',
		startsAt: `${day(-5)}T16:00`,
		endsAt: `${day(-5)}T18:00`,
		isPublic: false,
		status: 'closed',
		bodyId: group.id,
		phaseId: null
	});
	const minutes = draftMinutes(db, interim.id, moderation);
	updateSummary(
		db,
		interim.id,
		minutes.id,
		'Die Steuerungsgruppe nimmt die Ergebnisse der Fachkonferenz zur Kenntnis und setzt zwei Arbeitsgruppen ein.'
	);
	submitMinutes(db, interim.id, minutes.id);
	notifyMinutesSubmitted(db, {
		eventId: interim.id,
		minutesId: minutes.id,
		submittedBy: moderation.id,
		origin
	});

	const next = createEvent(db, processId, {
		title: 'Arbeitsgruppen einsetzen (Prozesssteuerungsgruppe)',
		description: 'Aufträge und Besetzung der Arbeitsgruppen.',
		place: 'Rathaus, Sitzungssaal',
		startsAt: `${day(12)}T16:00`,
		endsAt: `${day(12)}T18:00`,
		isPublic: false,
		status: 'planned',
		bodyId: group.id,
		phaseId: null
	});
	notifyEventInvitation(db, { eventId: next.id, origin, moved: false, now });

	const advice = db
		.select()
		.from(table.measure)
		.where(
			and(
				eq(table.measure.processId, processId),
				eq(table.measure.title, 'Mehrsprachige Bildungsberatung an einem Ort')
			)
		)
		.get();
	if (!advice) return;
	db.update(table.measure)
		.set({ leadBodyId: group.id })
		.where(eq(table.measure.id, advice.id))
		.run();
	// Adopted more than a year ago and not heard of since: its Sachstand is due.
	recordUpdate(
		db,
		processId,
		advice.id,
		{
			recordedOn: day(-400),
			status: 'adopted',
			note: 'Vom Stadtrat beschlossen; Träger und Räume noch offen.',
			percentDone: 0
		},
		{ name: office.name }
	);
	const comment = addComment(
		db,
		processId,
		office,
		`measure:${advice.id}`,
		'Können die Volkshochschule und die Migrationsberatung gemeinsame Sprechzeiten anbieten?'
	);
	if (comment) notifyMeasureComment(db, { comment, origin });
	writeSachstandDue(db, now, origin);
}
