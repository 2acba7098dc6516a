import { and, eq } from 'drizzle-orm';
import { addWalkIn, checkIn, register, type Person } from '../attendance/attendance';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listRevisions, refreshFromEvent } from '../minutes/minutes';
import { localToInstant } from '../time';

// Institutions sign up, never people: the seeds name bodies and offices, and so does the demo.
const finishedRegistrations: [Person, checkedInAfterMinutes: number | null][] = [
	[
		{ name: 'Vertretung Jobcenter', affiliation: 'Jobcenter Landau', category: 'administration' },
		-12
	],
	[
		{
			name: 'Vertretung Agentur für Arbeit',
			affiliation: 'Agentur für Arbeit Landau',
			category: 'administration'
		},
		-9
	],
	[
		{
			name: 'Vertretung Ausländerbehörde',
			affiliation: 'Stadtverwaltung Landau',
			category: 'administration'
		},
		-4
	],
	[
		{ name: 'Vertretung Stadtratsfraktion', affiliation: 'Stadtrat Landau', category: 'politics' },
		6
	],
	[
		{
			name: 'Vertretung Caritasverband',
			affiliation: 'Caritasverband Landau',
			category: 'civil_society'
		},
		-15
	],
	[
		{
			name: 'Vertretung Diakonisches Werk',
			affiliation: 'Diakonisches Werk Pfalz',
			category: 'civil_society'
		},
		-7
	],
	[
		{
			name: 'Vertretung Beirat für Migration',
			affiliation: 'Beirat für Migration und Integration',
			category: 'migrant_organisation'
		},
		-2
	],
	[{ name: 'Vertretung IHK', affiliation: 'IHK Pfalz', category: 'business' }, null],
	[
		{
			name: 'Vertretung Handwerkskammer',
			affiliation: 'Handwerkskammer der Pfalz',
			category: 'business'
		},
		3
	],
	[
		{
			name: 'Vertretung Volkshochschule',
			affiliation: 'Volkshochschule Landau',
			category: 'education'
		},
		null
	]
];

const finishedWalkIns: [Person, afterMinutes: number][] = [
	[
		{
			name: 'Vertretung Sprachpatenschaften',
			affiliation: 'Ehrenamtliche Sprachpaten',
			category: 'volunteers'
		},
		1
	],
	[
		{
			name: 'Vertretung Moscheegemeinde',
			affiliation: 'Islamische Gemeinde Landau',
			category: 'migrant_organisation'
		},
		11
	]
];

const upcomingRegistrations: Person[] = [
	{
		name: 'Vertretung Volkshochschule',
		affiliation: 'Volkshochschule Landau',
		category: 'education'
	},
	{
		name: 'Vertretung Kita-Träger',
		affiliation: 'Städtische Kindertagesstätten',
		category: 'education'
	},
	{ name: 'Vertretung Schulamt', affiliation: 'Staatliches Schulamt', category: 'administration' },
	{ name: 'Vertretung Elternbeirat', affiliation: 'Stadtelternbeirat', category: 'civil_society' },
	{
		name: 'Vertretung Beirat für Migration',
		affiliation: 'Beirat für Migration und Integration',
		category: 'migrant_organisation'
	},
	{ name: 'Vertretung Bildungsausschuss', affiliation: 'Stadtrat Landau', category: 'politics' }
];

function eventTitled(db: Db, processId: number, title: string) {
	return db
		.select()
		.from(table.event)
		.where(and(eq(table.event.processId, processId), eq(table.event.title, title)))
		.get();
}

/**
 * The attendance lists: the finished workshop had its registrations checked in at the door
 * (two did not come, two came unregistered), and its draft minutes list those present; the
 * coming conference has its registrations waiting at the door.
 */
export function seedAttendance(db: Db, processId: number) {
	const finished = eventTitled(db, processId, 'Fachkonferenz Arbeitsmarkt');
	if (finished) {
		const start = localToInstant(finished.startsAt);
		const at = (minutes: number) => new Date(start + minutes * 60_000);
		for (const [person, minutes] of finishedRegistrations) {
			const registered = register(db, finished.id, person);
			if (minutes !== null) checkIn(db, finished.id, registered.id, at(minutes));
		}
		for (const [person, minutes] of finishedWalkIns)
			addWalkIn(db, finished.id, person, at(minutes));
		const minutes = listRevisions(db, finished.id)[0];
		if (minutes) refreshFromEvent(db, finished.id, minutes.id);
	}
	const upcoming = eventTitled(db, processId, 'Fachkonferenz Sprache und Bildung');
	if (upcoming) for (const person of upcomingRegistrations) register(db, upcoming.id, person);
}
