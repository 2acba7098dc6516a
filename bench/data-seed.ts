/** A process at the scale of Landkreis Konstanz's catalogue, built with the domain functions. */
import { stakeholderCategories, type MeasureStatus } from '../src/lib/domain';
import type { Db } from '../src/lib/server/db';
import type * as table from '../src/lib/server/db/schema';
import { addMember, createBody } from '../src/lib/server/bodies/bodies';
import { adoptResult } from '../src/lib/server/concept/adopt';
import {
	addGoal,
	createMeasure,
	listCatalogue,
	type MeasureInput
} from '../src/lib/server/concept/measures';
import { createProject } from '../src/lib/server/concept/projects';
import { saveVersion } from '../src/lib/server/concept/versions';
import { addStep, type StepInput } from '../src/lib/server/council/steps';
import { createEvent } from '../src/lib/server/events/events';
import { draftMinutes } from '../src/lib/server/minutes/minutes';
import { addIndicator, recordIndicatorValue } from '../src/lib/server/monitoring/indicators';
import { recordUpdate } from '../src/lib/server/monitoring/monitoring';
import { saveNarrative } from '../src/lib/server/monitoring/narratives';
import { addField, listFields } from '../src/lib/server/process/fields';
import { createProcess } from '../src/lib/server/process/processes';
import {
	addPublicComment,
	answerComment,
	publishComment,
	setCommentPeriod
} from '../src/lib/server/public/comments';
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
	versions: 3,
	/** Every second measure has an amount per year of its period. */
	measuresWithMoney: 90,
	/** One indicator per goal, measured once a year. */
	indicatorValues: 4,
	/** Measures bundled into each of the starter projects. */
	projects: 5,
	projectSize: 6,
	publicComments: 40,
	/** The bodies the last version goes through, the last one deciding. */
	adoptionSteps: 3
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
	return steering;
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
	const steering = seedBodies(db, process.id, fields);
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
			plannedYear: year - 1 + (index % 4),
			...(index % 2 === 0 && {
				costCents: ((index % 9) + 1) * 1_200_000,
				costKind: 'per_year' as const,
				fundingName: index % 4 === 0 ? 'Integrationsmanagement des Landes' : '',
				budgetReservation: index % 8 === 0,
				costYears: [year - 1, year, year + 1].map((costYear, n) => ({
					year: costYear,
					cents: ((index % 9) + 1) * 1_200_000 + n * 100_000
				}))
			})
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
	seedReporting(db, process.id, fields, goals.flat(), author);
	seedProjects(db, process.id);
	seedPublicComments(db, process.id, fields, measures, author);
	const version = saveConcept('Beschlussvorlage für den Kreistag');
	seedAdoption(db, process.id, version.id, measures, author);

	return {
		process,
		measureId: measures[Math.floor(measures.length / 2)]!.id,
		versionId: version.id,
		bodyId: steering.id,
		eventId: workshops[0]!.event.id,
		activityId: workshops[0]!.activity.id
	};
}

/** Indicators with values on every goal, and last year's text on every field. */
function seedReporting(
	db: Db,
	processId: number,
	fields: table.FieldOfAction[],
	goals: table.Goal[],
	author: { id: number; name: string }
) {
	const year = Number(todayIn().slice(0, 4));
	goals.forEach((goal, index) => {
		const indicator = must(
			addIndicator(db, processId, goal.id, {
				name: `Teilnehmende an Angeboten zu Ziel ${index + 1}`,
				unit: 'Personen',
				baselineValue: 100 + index,
				baselineOn: `${year - scale.indicatorValues}-12-31`,
				targetValue: 300 + index,
				targetOn: `${year + 2}-12-31`
			}),
			'indicator'
		);
		for (let n = 0; n < scale.indicatorValues; n++) {
			must(
				recordIndicatorValue(
					db,
					processId,
					indicator.id,
					{
						measuredOn: `${year - scale.indicatorValues + n}-12-31`,
						value: 120 + index + n * 40,
						note: ''
					},
					author
				).ok,
				'indicator value'
			);
		}
	});
	for (const field of fields) {
		must(
			saveNarrative(
				db,
				processId,
				{
					fieldId: field.id,
					from: `${year - 1}-01-01`,
					to: `${year - 1}-12-31`,
					text: `Im Handlungsfeld ${field.title} liefen die Angebote in allen Gemeinden; zwei neue Kooperationen mit freien Trägern kamen hinzu.`
				},
				author
			).ok,
			'narrative'
		);
	}
}

/** Starter projects, each bundling measures of one field by their numbers. */
function seedProjects(db: Db, processId: number) {
	listCatalogue(db, processId)
		.slice(0, scale.projects)
		.forEach(({ field, measures }) => {
			const created = createProject(
				db,
				processId,
				{
					title: `Starterprojekt ${field.title}`,
					description: 'Bündelt die Maßnahmen, die gleich nach dem Beschluss beginnen.',
					lead: 'Stabsstelle Integration'
				},
				measures.slice(0, scale.projectSize).map((measure) => measure.number)
			);
			must(created.ok, 'project');
		});
}

/** A public comment period on the draft: comments on fields and measures, most answered. */
function seedPublicComments(
	db: Db,
	processId: number,
	fields: table.FieldOfAction[],
	measures: table.Measure[],
	author: { id: number; name: string }
) {
	const today = todayIn();
	must(setCommentPeriod(db, processId, { opensOn: daysAgo(30), closesOn: today }), 'period');
	for (let index = 0; index < scale.publicComments; index++) {
		const target =
			index % 4 === 0
				? { kind: 'field' as const, id: fields[index % fields.length]!.id }
				: { kind: 'measure' as const, id: measures[(index * 7) % measures.length]!.id };
		const added = addPublicComment(
			db,
			processId,
			{
				target,
				authorName: index % 3 === 0 ? '' : `Bürgerin ${index + 1}`,
				body: `Anregung ${index + 1}: Die Angebote sollten auch abends und in den kleineren Gemeinden stattfinden.`
			},
			today
		);
		if (!added.ok) throw new Error(`public comment: ${added.reason}`);
		if (index % 5 === 4) continue;
		must(publishComment(db, processId, added.comment.id, author) === 'done', 'publish');
		if (index % 5 === 3) continue;
		must(
			answerComment(
				db,
				processId,
				added.comment.id,
				{
					verdict: index % 2 === 0 ? 'adopted' : 'not_adopted',
					answer: 'Die Steuerungsgruppe hat die Anregung beraten.'
				},
				author
			) === 'done',
			'answer'
		);
	}
}

/** The Beratungsfolge of the last version: two committees recommend, the Kreistag decides. */
function seedAdoption(
	db: Db,
	processId: number,
	versionId: number,
	measures: table.Measure[],
	author: { id: number; name: string }
) {
	const bodies = ['Ausschuss für Soziales und Gesundheit', 'Kreisausschuss', 'Kreistag'];
	bodies.slice(0, scale.adoptionSteps).forEach((name, index) => {
		const final = index === scale.adoptionSteps - 1;
		const body = must(
			createBody(db, processId, {
				kind: final ? 'council' : 'committee',
				name,
				description: '',
				fieldOfActionId: null,
				isPublic: true
			}),
			'council body'
		);
		const input: StepInput = {
			bodyId: body.id,
			bodyName: '',
			meetingOn: daysAgo(14 - index * 5),
			paperNumber: `KT/${index + 1}/2026`,
			isPublic: true,
			result: final ? 'adopted' : 'recommended',
			votesYes: final ? 41 : 12,
			votesNo: final ? 6 : 1,
			votesAbstained: 2,
			oparlUrl: '',
			note: '',
			isFinal: final,
			changes: '',
			reportDueOn: final ? daysAgo(-365) : null,
			starterMeasureIds: final ? measures.slice(0, 10).map((measure) => measure.id) : []
		};
		const added = addStep(db, processId, versionId, input, author);
		if (!added.ok) throw new Error(`adoption step: ${added.problem}`);
	});
}
