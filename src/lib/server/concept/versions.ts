import {
	and,
	count,
	countDistinct,
	desc,
	eq,
	not,
	sql,
	type SQL,
	type SQLWrapper
} from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { bodyNamesOf } from '../bodies/bodies';
import * as table from '../db/schema';
import { indicatorsByGoal } from './goal-indicators';
import { adoptingResults } from '../../domain';
import { listGuidelines } from '../process/fields';
import { todayIn } from '../time';
import { sourcesOfProcess } from './adopt';
import { isHeld } from '../../event-dates';
import { leadText, partyLabel, timeframeText } from '../../measure-values';
import { listCatalogue, listsOfMeasures, relationNamesOf, relationsNamed } from './measures';
import { listProjects } from './projects';

/** The participation behind the concept: per event its people, phones, ideas and dots. */
export function participation(db: Db, processId: number): table.ConceptSnapshot['participation'] {
	const events = db
		.select()
		.from(table.event)
		.where(eq(table.event.processId, processId))
		.orderBy(table.event.startsAt)
		.all();
	const perEvent = (rows: { eventId: number; n: number }[]) =>
		new Map(rows.map((row) => [row.eventId, row.n]));
	const inProcess = eq(table.event.processId, processId);
	const attendees = perEvent(
		db
			.select({ eventId: table.eventAttendee.eventId, n: count() })
			.from(table.eventAttendee)
			.innerJoin(table.event, eq(table.eventAttendee.eventId, table.event.id))
			.where(and(inProcess, eq(table.eventAttendee.present, true)))
			.groupBy(table.eventAttendee.eventId)
			.all()
	);
	const phones = perEvent(
		db
			.select({ eventId: table.participant.eventId, n: count() })
			.from(table.participant)
			.innerJoin(table.event, eq(table.participant.eventId, table.event.id))
			.where(inProcess)
			.groupBy(table.participant.eventId)
			.all()
	);
	const ideas = perEvent(
		db
			.select({ eventId: table.activity.eventId, n: count() })
			.from(table.idea)
			.innerJoin(table.activity, eq(table.idea.activityId, table.activity.id))
			.innerJoin(table.event, eq(table.activity.eventId, table.event.id))
			.where(and(inProcess, eq(table.idea.hidden, false)))
			.groupBy(table.activity.eventId)
			.all()
	);
	const dots = perEvent(
		db
			.select({ eventId: table.activity.eventId, n: count() })
			.from(table.dot)
			.innerJoin(table.activity, eq(table.dot.activityId, table.activity.id))
			.innerJoin(table.event, eq(table.activity.eventId, table.event.id))
			.where(inProcess)
			.groupBy(table.activity.eventId)
			.all()
	);
	const rows = events.map((event) => ({
		title: event.title,
		startsAt: event.startsAt,
		endsAt: event.endsAt,
		datePrecision: event.datePrecision,
		held: isHeld(event),
		attendees: attendees.get(event.id) ?? 0,
		phones: phones.get(event.id) ?? 0,
		ideas: ideas.get(event.id) ?? 0,
		dots: dots.get(event.id) ?? 0
	}));
	const phonesByCategory = db
		.select({ category: table.participant.category, count: countDistinct(table.participant.id) })
		.from(table.participant)
		.innerJoin(table.event, eq(table.participant.eventId, table.event.id))
		.where(inProcess)
		.groupBy(table.participant.category)
		.all();
	return {
		events: rows
			.filter(({ held, attendees, phones }) => held || attendees + phones > 0)
			.map(({ held: _, ...row }) => row),
		phonesByCategory
	};
}

/** The whole concept as it stands now. */
export function conceptSnapshot(
	db: Db,
	process: table.Process,
	organisation: string,
	introduction: string
): table.ConceptSnapshot {
	const catalogue = listCatalogue(db, process.id);
	const lists = listsOfMeasures(
		db,
		catalogue.flatMap(({ measures }) => measures.map((measure) => measure.id))
	);
	const leads = bodyNamesOf(db, process.id);
	const joined = (labels: string[]) => labels.map((label) => partyLabel(label, 'de')).join(', ');
	const sources = sourcesOfProcess(db, process.id);
	const names = relationNamesOf(db, process.id);
	const allMeasures = catalogue.flatMap((entry) => entry.measures);
	const indicators = indicatorsByGoal(db, process.id);
	return {
		organisation,
		title: process.title,
		introduction,
		guidelines: listGuidelines(db, process.id).map(({ title, description }) => ({
			title,
			description
		})),
		fields: catalogue.map(({ field, goals, measures }) => ({
			code: field.code,
			title: field.title,
			description: field.description,
			goals: goals.map((goal) => ({
				title: goal.title,
				indicators: (indicators.get(goal.id) ?? []).map(
					({ name, unit, baselineValue, baselineOn, targetValue, targetOn }) => ({
						name,
						unit,
						baselineValue,
						baselineOn,
						targetValue,
						targetOn
					})
				)
			})),
			measures: measures.map((measure) => ({
				id: measure.id,
				number: measure.number,
				title: measure.title,
				description: measure.description,
				goal: goals.find((g) => g.id === measure.goalId)?.title ?? null,
				lead: leadText(
					measure.leadBodyId === null ? null : leads.get(measure.leadBodyId),
					measure.lead,
					'de'
				),
				addressees: joined(lists.get(measure.id)!.addressees),
				partners: joined(lists.get(measure.id)!.partners),
				timeframe: measure.timeframe,
				period: measure.timeframe === 'period' ? timeframeText(measure, 'de') : '',
				periodYears:
					measure.periodStart === null
						? null
						: { start: measure.periodStart, end: measure.periodEnd ?? measure.periodStart },
				plannedYear: measure.plannedYear,
				costEstimate: measure.costEstimate,
				money: {
					cents: measure.costCents,
					kind: measure.costKind,
					years: lists.get(measure.id)!.costYears,
					reservation: measure.budgetReservation
				},
				funding: measure.funding,
				fundingName: measure.fundingName,
				priority: measure.priority,
				status: measure.status,
				sources: (sources.get(measure.id) ?? []).map(({ eventTitle, label, dots, voters }) => ({
					eventTitle,
					label,
					dots,
					voters
				})),
				...(({ furtherFields, guidelines, project }) => ({
					alsoServes: furtherFields,
					guidelines,
					project
				}))(relationsNamed(names, measure, lists.get(measure.id)!))
			})),
			references: allMeasures
				.filter((measure) => lists.get(measure.id)!.furtherFieldIds.includes(field.id))
				.map(({ number, title }) => ({ number, title }))
		})),
		projects: listProjects(db, process.id).map((project) => ({
			title: project.title,
			description: project.description,
			lead: project.lead,
			measures: project.measures.map((measure) => measure.number),
			cents: project.money.cents,
			reservedCents: project.money.reservedCents
		})),
		participation: participation(db, process.id)
	};
}

export function listVersions(db: DbOrTx, processId: number) {
	return db
		.select()
		.from(table.conceptVersion)
		.where(eq(table.conceptVersion.processId, processId))
		.orderBy(desc(table.conceptVersion.number))
		.all();
}

export function findVersion(db: Db, processId: number, versionId: number) {
	return db
		.select()
		.from(table.conceptVersion)
		.where(
			and(eq(table.conceptVersion.id, versionId), eq(table.conceptVersion.processId, processId))
		)
		.get();
}

/** Saves the concept as it stands as the next version. */
export function saveVersion(
	db: Db,
	process: table.Process,
	organisation: string,
	input: { introduction: string; note: string; standOn?: string },
	author: { id: number; name: string }
) {
	const snapshot = conceptSnapshot(db, process, organisation, input.introduction);
	return db.transaction((tx) => {
		const number = (listVersions(tx, process.id)[0]?.number ?? 0) + 1;
		return tx
			.insert(table.conceptVersion)
			.values({
				processId: process.id,
				number,
				note: input.note,
				standOn: input.standOn ?? todayIn(),
				snapshot,
				createdBy: author.id,
				createdByName: author.name
			})
			.returning()
			.get();
	});
}

const step = table.adoptionStep;

/**
 * SQL: the version (a column or an id) is adopted. Its Beratungsfolge has final steps
 * (Beschlussfassung; in the Rems-Murr paper two committees decide on the same day) and every
 * one of them reached an adopting result.
 */
export function adoptedSql(versionId: SQLWrapper | number): SQL {
	const adopting = sql.join(
		adoptingResults.map((result) => sql`${result}`),
		sql`, `
	);
	return sql`(exists (select 1 from ${step} where ${step.versionId} = ${versionId} and ${step.isFinal} = 1)
		and not exists (select 1 from ${step} where ${step.versionId} = ${versionId} and ${step.isFinal} = 1
			and ${step.result} not in (${adopting})))`;
}

/** SQL: a step of the version was decided or corrected, so deleting it would lose a record. */
function decidedSql(versionId: SQLWrapper | number): SQL {
	return sql`exists (select 1 from ${step} where ${step.versionId} = ${versionId}
		and (${step.result} <> 'pending' or exists (select 1 from ${table.adoptionStepCorrection}
			where ${table.adoptionStepCorrection.stepId} = ${step.id})))`;
}

/** Whether the version is adopted (and so frozen). */
export function isAdopted(db: DbOrTx, versionId: number): boolean {
	return Boolean(
		db.get<{ adopted: number }>(sql`select ${adoptedSql(versionId)} as adopted`)?.adopted
	);
}

/** A version of the process that is not adopted yet. */
const unadopted = (processId: number, versionId: number) =>
	and(
		eq(table.conceptVersion.id, versionId),
		eq(table.conceptVersion.processId, processId),
		not(adoptedSql(table.conceptVersion.id))
	);

/** Sets the "Stand" of a version nobody adopted yet. */
export function setVersionStand(
	db: Db,
	processId: number,
	versionId: number,
	standOn: string
): boolean {
	return Boolean(
		db
			.update(table.conceptVersion)
			.set({ standOn })
			.where(unadopted(processId, versionId))
			.returning()
			.get()
	);
}

/** Deletes a version no body decided on yet: a recorded decision is never lost with it. */
export function deleteVersion(db: Db, processId: number, versionId: number): boolean {
	return Boolean(
		db
			.delete(table.conceptVersion)
			.where(and(unadopted(processId, versionId), not(decidedSql(table.conceptVersion.id))))
			.returning()
			.get()
	);
}

type SnapshotMeasure = table.ConceptSnapshot['fields'][number]['measures'][number];

/** The measure fields a comparison looks at, with the field of action they sit in. */
const compared = [
	'number',
	'title',
	'description',
	'goal',
	'lead',
	'addressees',
	'partners',
	'timeframe',
	'period',
	'costEstimate',
	'funding',
	'fundingName',
	'money',
	'priority',
	'status'
] as const;

export interface VersionComparison {
	added: SnapshotMeasure[];
	dropped: SnapshotMeasure[];
	changed: {
		before: SnapshotMeasure;
		after: SnapshotMeasure;
		fields: (typeof compared)[number][];
	}[];
}

/** What measures the later version added, dropped and changed against the earlier one. */
export function compareVersions(
	earlier: table.ConceptSnapshot,
	later: table.ConceptSnapshot
): VersionComparison {
	const measures = (snapshot: table.ConceptSnapshot) =>
		new Map(snapshot.fields.flatMap((f) => f.measures).map((m) => [m.id, m]));
	const before = measures(earlier);
	const after = measures(later);
	return {
		added: [...after.values()].filter((m) => !before.has(m.id)),
		dropped: [...before.values()].filter((m) => !after.has(m.id)),
		changed: [...after.values()].flatMap((m) => {
			const old = before.get(m.id);
			if (!old) return [];
			const fields = compared.filter((key) => JSON.stringify(old[key]) !== JSON.stringify(m[key]));
			return fields.length > 0 ? [{ before: old, after: m, fields }] : [];
		})
	};
}
