/** A process at the scale of Landkreis Konstanz's catalogue, built with the domain functions. */
import { stakeholderCategories, type MeasureStatus } from '../src/lib/domain';
import type { Db } from '../src/lib/server/db';
import type * as table from '../src/lib/server/db/schema';
import { addMember, createBody } from '../src/lib/server/bodies/bodies';
import { adoptResult } from '../src/lib/server/concept/adopt';
import { addGoal, createMeasure, type MeasureInput } from '../src/lib/server/concept/measures';
import { saveVersion } from '../src/lib/server/concept/versions';
import { createEvent } from '../src/lib/server/events/events';
import { draftMinutes } from '../src/lib/server/minutes/minutes';
import { recordUpdate } from '../src/lib/server/monitoring/monitoring';
import { addField, listFields } from '../src/lib/server/process/fields';
import { createProcess } from '../src/lib/server/process/processes';
import { todayIn } from '../src/lib/server/time';
import { createActivity, moveToStage } from '../src/lib/server/workshop/activities';
import { submitIdea } from '../src/lib/server/workshop/ideas';
import { joinEvent } from '../src/lib/server/workshop/participants';
import { placeDot, rankedResults } from '../src/lib/server/workshop/votes';

export const scale = {
	fields: 10,
	goalsPerField: 3,
	measuresPerField: 18,
	/** Measures with two status entries; the others get one: 115 × 2 + 65 = 295. */
	measuresWithTwoEntries: 115,
	workshops: 8,
	ideasPerWorkshop: 150,
	votersPerWorkshop: 40,
	dotsPerVoter: 5,
	/** Measures adopted from workshop results, so that they carry their sources. */
	adoptedMeasures: 60,
	versions: 3
};

const fieldTitles = [
	'Sprache',
	'Bildung',
	'Arbeit und Ausbildung',
	'Wohnen',
	'Gesundheit',
	'Freizeit und Sport',
	'Ehrenamt',
	'Kultur und Religion',
	'Beteiligung',
	'Antidiskriminierung'
];

/** The day `days` before today (Europe/Berlin). */
const daysAgo = (days: number) => todayIn(undefined, new Date(Date.now() - days * 86_400_000));

function must<T>(value: T | undefined | null | false, what: string): T {
	if (value === undefined || value === null || value === false) throw new Error(`${what} failed`);
	return value;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }, what: string) {
	if (!result.ok) throw new Error(`${what}: ${result.error}`);
	return result.value;
}

/** A workshop some months back: ideas from every phone, dots cast, revealed, closed, minutes. */
function seedWorkshop(db: Db, processId: number, number: number, fieldId: number) {
	const day = daysAgo(40 * (scale.workshops - number) + 20);
	const event = createEvent(db, processId, {
		title: `Fachworkshop ${number}: ${fieldTitles[number % fieldTitles.length]}`,
		description: 'Ideen sammeln und gewichten.',
		place: 'Landratsamt Konstanz, Großer Sitzungssaal',
		startsAt: `${day}T17:00`,
		endsAt: `${day}T20:00`,
		isPublic: true,
		status: 'live',
		bodyId: null,
		phaseId: null
	});
	let activity = createActivity(db, event.id, {
		question: 'Was braucht es, damit Integration im Landkreis gelingt?',
		fieldOfActionId: fieldId,
		dotsPerParticipant: scale.dotsPerVoter,
		maxDotsPerTarget: 2,
		namedIdeas: false
	});
	const phones = Array.from({ length: scale.votersPerWorkshop }, (_, index) =>
		joinEvent(db, event.id, {
			displayName: null,
			category:
				index % 7 === 6 ? null : stakeholderCategories[index % stakeholderCategories.length]!,
			locale: 'de'
		})
	);
	const ideas = Array.from({ length: scale.ideasPerWorkshop }, (_, index) => {
		const phone = phones[index % phones.length]!;
		return unwrap(
			submitIdea(db, activity, {
				participantId: phone.participant.id,
				clientId: `idee-${index}`,
				text: `Idee ${index + 1} aus Workshop ${number}: Angebote für Neuzugewanderte im Bereich ${fieldTitles[index % fieldTitles.length]} ausbauen und bekannter machen`,
				language: 'de'
			}),
			'idea'
		).idea;
	});
	const advance = (stage: table.ActivityStage) => {
		activity = unwrap(moveToStage(db, activity, stage), `stage ${stage}`);
	};
	advance('clustering');
	advance('voting');
	phones.forEach(({ participant }, voter) => {
		for (let dot = 0; dot < scale.dotsPerVoter; dot++) {
			const idea = ideas[(voter * 3 + dot * 17) % 20]!;
			unwrap(
				placeDot(db, activity, participant.id, `punkt-${voter}-${dot}`, {
					kind: 'idea',
					id: idea.id
				}),
				'dot'
			);
		}
	});
	advance('revealed');
	advance('closed');
	draftMinutes(db, event.id);
	return { event, activity };
}

function seedBodies(db: Db, processId: number, fields: table.FieldOfAction[]) {
	const steering = must(
		createBody(db, processId, {
			kind: 'steering_group',
			name: 'Steuerungsgruppe Integration',
			description: '',
			fieldOfActionId: null,
			isPublic: false
		}),
		'steering group'
	);
	for (let seat = 0; seat < 19; seat++) {
		addMember(db, steering.id, {
			name: `Sitz ${seat + 1}`,
			affiliation: seat < 6 ? 'Kreistag' : seat < 12 ? 'Landratsamt' : 'Freier Träger',
			function: seat === 0 ? 'chair' : 'member',
			category: seat < 6 ? 'politics' : seat < 12 ? 'administration' : 'civil_society',
			userId: null
		});
	}
	for (const field of fields) {
		const group = must(
			createBody(db, processId, {
				kind: 'working_group',
				name: `Arbeitsgruppe ${field.title}`,
				description: '',
				fieldOfActionId: field.id,
				isPublic: true
			}),
			'working group'
		);
		for (let seat = 0; seat < 8; seat++) {
			addMember(db, group.id, {
				name: `Mitglied ${seat + 1}`,
				affiliation: 'Fachdienst',
				function: 'member',
				category: stakeholderCategories[seat % stakeholderCategories.length]!,
				userId: null
			});
		}
	}
}

/**
 * Builds the process in the organisation: 10 fields, 30 goals, 180 measures (60 of them from
 * workshop results) with 295 status entries, 8 workshops of 150 ideas and 40 voters each with
 * their minutes, bodies, and 3 saved concept versions.
 */
export function seedKonstanz(
	db: Db,
	organisation: table.Organisation,
	author: { id: number; name: string }
) {
	const process = createProcess(db, {
		organisationId: organisation.id,
		title: 'Integrationskonzept Landkreis Konstanz (Benchmark)',
		description: 'Ein Katalog in der Größe des Konstanzer Integrationskonzepts.',
		template: 'landau',
		startsOn: daysAgo(730)
	});
	fieldTitles.slice(0, scale.fields).forEach((title, index) => {
		must(addField(db, process.id, { code: String(index + 1), title, description: '' }).ok, 'field');
	});
	const fields = listFields(db, process.id);
	const goals = fields.map((field) =>
		Array.from({ length: scale.goalsPerField }, (_, index) =>
			must(
				addGoal(db, process.id, field.id, {
					title: `Ziel ${field.code}.${index + 1}: mehr Teilhabe im Bereich ${field.title}`
				}),
				'goal'
			)
		)
	);
	seedBodies(db, process.id, fields);
	const workshops = Array.from({ length: scale.workshops }, (_, index) =>
		seedWorkshop(db, process.id, index + 1, fields[index % fields.length]!.id)
	);
	const results = workshops.flatMap(({ activity }) =>
		rankedResults(db, activity.id)
			.slice(0, Math.ceil(scale.adoptedMeasures / scale.workshops))
			.map((result) => ({ activityId: activity.id, target: result.target }))
	);

	const year = Number(todayIn().slice(0, 4));
	const measures: table.Measure[] = [];
	const total = scale.fields * scale.measuresPerField;
	const addMeasure = (index: number) => {
		const field = fields[index % fields.length]!;
		const fieldGoals = goals[index % fields.length]!;
		const input: MeasureInput = {
			fieldOfActionId: field.id,
			goalId: fieldGoals[index % fieldGoals.length]!.id,
			title: `Maßnahme ${index + 1}: ${field.title} – Beratung und Begleitung für Neuzugewanderte`,
			description:
				'Bestehende Angebote werden gebündelt, in den Gemeinden bekannt gemacht und mit den freien Trägern abgestimmt.',
			lead: index % 3 === 0 ? 'Landratsamt, Amt für Migration und Integration' : 'Jobcenter',
			parties: {
				addressees: ['gefluechtete', 'zugewanderte'],
				partners: ['kommunen', 'freie_traeger', 'migrantenorganisationen']
			},
			timeframe: (['short', 'medium', 'long'] as const)[index % 3]!,
			costEstimate: index % 4 === 0 ? `${(index + 1) * 1000} € pro Jahr` : '',
			funding: (['own_budget', 'application', 'third_party', 'open'] as const)[index % 4]!,
			priority: (['high', 'medium', 'low'] as const)[index % 3]!,
			status: 'adopted',
			plannedYear: year - 1 + (index % 4)
		};
		const result = results[index];
		measures.push(
			must(
				index < scale.adoptedMeasures && result
					? adoptResult(db, process.id, author.id, result, { create: input })
					: createMeasure(db, process.id, input),
				'measure'
			)
		);
	};
	const saveConcept = (note: string) =>
		saveVersion(
			db,
			process,
			organisation.name,
			{ introduction: 'Das Integrationskonzept des Landkreises.', note },
			author
		);

	for (let index = 0; index < (total * 2) / 3; index++) addMeasure(index);
	saveConcept('Entwurf für die Arbeitsgruppen');
	for (let index = (total * 2) / 3; index < total; index++) addMeasure(index);
	saveConcept('Entwurf für die Integrationskonferenz');

	const statuses: MeasureStatus[] = ['in_implementation', 'in_implementation', 'done', 'deferred'];
	measures.forEach((measure, index) => {
		const entries =
			index < scale.measuresWithTwoEntries
				? [daysAgo(400 - (index % 200)), daysAgo(150 - (index % 120))]
				: [daysAgo(300 - (index % 250))];
		entries.forEach((recordedOn, n) => {
			must(
				recordUpdate(
					db,
					process.id,
					measure.id,
					{
						recordedOn,
						status: n === 0 ? 'in_implementation' : statuses[index % statuses.length]!,
						note: `Sachstand ${n + 1}: Angebot läuft in ${(index % 12) + 1} Gemeinden.`,
						percentDone: n === 0 ? 30 : 70
					},
					author
				).ok,
				'status entry'
			);
		});
	});
	const version = saveConcept('Beschlussvorlage für den Kreistag');

	return {
		process,
		measureId: measures[Math.floor(measures.length / 2)]!.id,
		versionId: version.id,
		eventId: workshops[0]!.event.id,
		activityId: workshops[0]!.activity.id
	};
}
