import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { addMember, setSeatPlan } from '../bodies/bodies';

/**
 * Landau's Prozesssteuerungsgruppe as the Sitzungsvorlage 500/035/2017 lists it: the seven
 * civil-society seats split among the institutions it names, each seat with a deputy and a
 * contact. Institutions and offices only, never people's names; demo addresses only.
 */
const civilSociety: {
	name: string;
	category: table.StakeholderCategory;
	deputy: string;
	contact: string;
}[] = [
	{
		name: 'CJD / Jugendmigrationsdienst Neustadt – Landau',
		category: 'welfare',
		deputy: 'Migrationsberatung des CJD',
		contact: 'jmd@cjd.example'
	},
	{
		name: 'Evangelische Familienbildungsstätte – Haus der Familie',
		category: 'religious_community',
		deputy: 'Leitung Haus der Familie',
		contact: 'haus-der-familie@landau.example'
	},
	{
		name: 'Café Asyl Landau',
		category: 'volunteers',
		deputy: 'Sprecherkreis Café Asyl',
		contact: 'cafe-asyl@landau.example'
	},
	{
		name: 'ProfeS GmbH (Bildungsträger)',
		category: 'education',
		deputy: 'Standortleitung ProfeS',
		contact: 'landau@profes.example'
	}
];

/** Deputies and contacts of the members the demo seed gave the group, by institution. */
const seatDetails: Record<
	string,
	{ category?: table.StakeholderCategory; deputy: string; contact: string }
> = {
	'Leitung Sozialamt': {
		deputy: 'Stellvertretende Leitung Sozialamt',
		contact: 'sozialamt@landau.example'
	},
	Integrationsbeauftragte: {
		deputy: 'Sachbearbeitung Integration, Sozialamt',
		contact: 'integration@landau.example'
	},
	Jugendamt: { deputy: 'Jugendhilfeplanung', contact: 'jugendamt@landau.example' },
	Jobcenter: {
		deputy: 'Migrationsbeauftragte des Jobcenters',
		contact: 'jobcenter@landau.example'
	},
	'Vertretung einer Stadtratsfraktion': {
		deputy: 'Stellvertretung der Fraktion',
		contact: 'fraktionen@landau.example'
	},
	'Beirat für Migration und Integration': {
		deputy: 'Stellvertretender Vorsitz des Beirats',
		contact: 'beirat-migration@landau.example'
	},
	'Caritas-Zentrum': {
		category: 'welfare',
		deputy: 'Migrationsdienst der Caritas',
		contact: 'caritas-zentrum@landau.example'
	},
	Volkshochschule: {
		category: 'education',
		deputy: 'Fachbereich Deutsch als Zweitsprache',
		contact: 'vhs@landau.example'
	},
	Migrantenorganisation: {
		deputy: 'Vorstand der Migrantenorganisation',
		contact: 'migrantenorganisation@landau.example'
	}
};

export function seedSteeringSeats(db: Db, processId: number) {
	const steering = db
		.select()
		.from(table.body)
		.where(and(eq(table.body.processId, processId), eq(table.body.kind, 'steering_group')))
		.get();
	if (!steering) return;
	setSeatPlan(db, steering.id, {
		maxMembers: 19,
		seats: {
			politics: 6,
			administration: 6,
			civil_society: 7,
			migrant_organisation: 1,
			welfare: 2,
			religious_community: 1,
			education: 2,
			volunteers: 1
		},
		parents: {
			migrant_organisation: 'civil_society',
			welfare: 'civil_society',
			religious_community: 'civil_society',
			education: 'civil_society',
			volunteers: 'civil_society'
		}
	});
	for (const member of db
		.select()
		.from(table.bodyMember)
		.where(eq(table.bodyMember.bodyId, steering.id))
		.all()) {
		const details = seatDetails[member.name];
		if (!details) continue;
		db.update(table.bodyMember)
			.set({ ...details, category: details.category ?? member.category })
			.where(eq(table.bodyMember.id, member.id))
			.run();
	}
	for (const member of civilSociety) {
		addMember(db, steering.id, {
			...member,
			affiliation: member.name,
			function: 'member',
			userId: null
		});
	}
}
