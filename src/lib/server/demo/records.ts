import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { addGoal, createMeasure } from '../concept/measures';
import { addGuest, createEvent, removeEvent, setMemberAttendance } from '../events/events';
import {
	approveMinutes,
	draftMinutes,
	reviseMinutes,
	submitMinutes,
	updateSummary
} from '../minutes/minutes';
import { addIndicator, recordIndicatorValue } from '../monitoring/indicators';
import { recordUpdate } from '../monitoring/monitoring';
import { todayIn } from '../time';

/**
 * Records that cannot be undone, for the demo: a steering group meeting whose approved minutes
 * were corrected once (two revisions, the reason shown), an information evening that was
 * archived rather than deleted, and a measure whose status report corrects a wrong entry.
 */
export function seedRecords(
	db: Db,
	processId: number,
	steering: { bodyId: number; approver: { id: number; name: string } },
	now: Date
) {
	const day = (days: number) => todayIn(undefined, new Date(now.getTime() + days * 86_400_000));
	const meeting = createEvent(db, processId, {
		title: 'Sitzung der Prozesssteuerungsgruppe',
		description: 'Auftakt: Zeitplan, Fachkonferenzen und Beteiligung der Migrantenorganisationen.',
		place: 'Rathaus, Sitzungssaal',
		startsAt: `${day(-42)}T16:00`,
		endsAt: `${day(-42)}T18:00`,
		isPublic: false,
		status: 'closed',
		bodyId: steering.bodyId,
		phaseId: null
	});
	const members = db
		.select()
		.from(table.bodyMember)
		.where(eq(table.bodyMember.bodyId, steering.bodyId))
		.all();
	setMemberAttendance(
		db,
		meeting,
		members.slice(0, 6).map((member) => member.id)
	);
	const first = draftMinutes(db, meeting.id, steering.approver);
	updateSummary(
		db,
		meeting.id,
		first.id,
		'Die Steuerungsgruppe beschließt den Zeitplan und lädt zu zwei Fachkonferenzen ein.'
	);
	submitMinutes(db, meeting.id, first.id);
	approveMinutes(db, meeting.id, first.id, steering.approver);
	const second = reviseMinutes(db, meeting.id, first.id, {
		reason: 'Die Vertretung der Migrantenorganisation fehlte in der Anwesenheitsliste.',
		author: steering.approver
	});
	if (second) {
		db.update(table.minutes)
			.set({
				attendees: [
					...second.attendees,
					{ name: 'Migrantenorganisation', affiliation: '', category: 'migrant_organisation' }
				]
			})
			.where(eq(table.minutes.id, second.id))
			.run();
		submitMinutes(db, meeting.id, second.id);
		approveMinutes(db, meeting.id, second.id, steering.approver);
	}

	const evening = createEvent(db, processId, {
		title: 'Informationsabend Ehrenamt (abgesagt)',
		description: 'Wegen geringer Anmeldungen abgesagt; die Anmeldungen bleiben dokumentiert.',
		place: 'Volkshochschule',
		startsAt: `${day(-21)}T18:00`,
		endsAt: `${day(-21)}T20:00`,
		isPublic: true,
		status: 'planned',
		bodyId: null,
		phaseId: null
	});
	addGuest(db, evening.id, {
		name: 'Freiwilligenagentur',
		affiliation: '',
		category: 'volunteers'
	});
	removeEvent(db, processId, evening.id);

	const housing = db
		.select()
		.from(table.fieldOfAction)
		.where(and(eq(table.fieldOfAction.processId, processId), eq(table.fieldOfAction.code, '3')))
		.get();
	if (!housing) return;
	seedIndicator(db, processId, housing.id, day);
	const measure = createMeasure(db, processId, {
		fieldOfActionId: housing.id,
		goalId: null,
		title: 'Wohnraumbörse für Geflüchtete fortführen',
		description: 'Die Börse aus dem Integrationskonzept von 2011 läuft weiter.',
		ownNumber: 'IK 3.1',
		lead: 'Sozialamt',
		parties: {
			addressees: ['gefluechtete', 'kommunen'],
			partners: ['wohlfahrtsverbaende', 'Wohnungsbaugesellschaft', 'Caritas-Zentrum']
		},
		timeframe: 'period',
		periodStart: Number(day(0).slice(0, 4)),
		periodEnd: Number(day(0).slice(0, 4)) + 1,
		costCents: 1_250_000,
		costKind: 'per_year',
		costYears: [
			{ year: Number(day(0).slice(0, 4)), cents: 1_250_000 },
			{ year: Number(day(0).slice(0, 4)) + 1, cents: 900_000 }
		],
		costEstimate: 'Personalkosten der Börse; Mieten tragen die Mieterinnen und Mieter.',
		funding: 'application',
		fundingName: 'VwV Integration (Land)',
		budgetReservation: true,
		priority: 'medium',
		status: 'in_implementation',
		plannedYear: Number(day(0).slice(0, 4))
	});
	if (!measure) return;
	const by = { name: 'Integrationsbeauftragte (Demo)' };
	const wrong = recordUpdate(
		db,
		processId,
		measure.id,
		{
			recordedOn: day(-30),
			status: 'in_implementation',
			note: '60 Wohnungen vermittelt',
			percentDone: 60
		},
		by,
		day(0)
	);
	if (!wrong.ok) return;
	recordUpdate(
		db,
		processId,
		measure.id,
		{
			recordedOn: day(-30),
			status: 'in_implementation',
			note: '16 Wohnungen vermittelt',
			percentDone: 30,
			corrects: { id: wrong.update.id, reason: 'Zahl der Wohnungen falsch übertragen.' }
		},
		by,
		day(0)
	);
}

/** A goal of the housing field with an indicator measured twice, for the status report. */
function seedIndicator(db: Db, processId: number, fieldId: number, day: (days: number) => string) {
	const goal = addGoal(db, processId, fieldId, { title: 'Geflüchtete finden eigenen Wohnraum' });
	if (!goal) return;
	const indicator = addIndicator(db, processId, goal.id, {
		name: 'Vermittelte Wohnungen',
		unit: 'Wohnungen',
		baselineValue: 0,
		baselineOn: day(-365),
		targetValue: 60,
		targetOn: `${Number(day(0).slice(0, 4)) + 2}-12-31`
	});
	if (!indicator) return;
	const by = { name: 'Integrationsbeauftragte (Demo)' };
	for (const [days, value, note] of [
		[-180, 8, 'Wohnraumbörse'],
		[-30, 16, 'Wohnraumbörse und Mietpatenschaften']
	] as const) {
		recordIndicatorValue(
			db,
			processId,
			indicator.id,
			{ measuredOn: day(days), value, note },
			by,
			day(0)
		);
	}
}
