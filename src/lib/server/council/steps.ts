import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import {
	adoptingResults,
	councilBodyKinds,
	statusesAdoptedByDecision,
	type AdoptionResult
} from '../../domain';
import { adoptedSql, findVersion, isAdopted } from '../concept/versions';
import { todayIn } from '../time';
import { adoptionLine, decisionNote } from './wording';

export interface StepInput {
	bodyId: number | null;
	/** A body outside the process; ignored when `bodyId` names one of the process's bodies. */
	bodyName: string;
	meetingOn: string | null;
	paperNumber: string;
	isPublic: boolean;
	result: AdoptionResult;
	votesYes: number | null;
	votesNo: number | null;
	votesAbstained: number | null;
	oparlUrl: string;
	note: string;
	isFinal: boolean;
	changes: string;
	reportDueOn: string | null;
	/** Starter measures (to be done first); only a final step's decision picks them. */
	starterMeasureIds: number[];
}

export type StepProblem =
	| 'not_found'
	/** The version is adopted: its Beratungsfolge takes corrections only. */
	| 'frozen'
	/** The step was decided: a change is a correction and needs a reason. */
	| 'reason_required'
	/** A decided result needs the meeting day, which cannot lie after today. */
	| 'meeting_day'
	/** Votes that cannot have led to the result, or votes on a pending step. */
	| 'votes'
	| 'body'
	/** The decision that adopted the version stays as it is (its cascade already ran). */
	| 'decision_locked'
	/** Another version of the process is adopted already. */
	| 'other_adopted'
	| 'starters'
	/** A decided or corrected step is corrected, never removed. */
	| 'decided';

export type StepOutcome =
	{ ok: true; step: table.AdoptionStep; adopted: boolean } | { ok: false; problem: StepProblem };

const isDecided = (result: AdoptionResult) => result !== 'pending';
const isAdopting = (result: AdoptionResult) => adoptingResults.includes(result);

/** A version's steps in order, each with its corrections (newest first) and starter measures. */
export function listSteps(db: DbOrTx, versionId: number) {
	const steps = db
		.select()
		.from(table.adoptionStep)
		.where(eq(table.adoptionStep.versionId, versionId))
		.orderBy(asc(table.adoptionStep.position), asc(table.adoptionStep.id))
		.all();
	const ids = steps.map((s) => s.id);
	const corrections =
		ids.length === 0
			? []
			: db
					.select()
					.from(table.adoptionStepCorrection)
					.where(inArray(table.adoptionStepCorrection.stepId, ids))
					.orderBy(desc(table.adoptionStepCorrection.id))
					.all();
	const starters =
		ids.length === 0
			? []
			: db
					.select()
					.from(table.starterMeasure)
					.where(inArray(table.starterMeasure.stepId, ids))
					.all();
	return steps.map((step) => ({
		...step,
		corrections: corrections.filter((c) => c.stepId === step.id),
		starterMeasureIds: starters.filter((s) => s.stepId === step.id).map((s) => s.measureId)
	}));
}

export type ListedStep = ReturnType<typeof listSteps>[number];

/** The step of the process named by id, with its version. */
export function findStep(db: DbOrTx, processId: number, stepId: number) {
	return db
		.select({ step: table.adoptionStep, version: table.conceptVersion })
		.from(table.adoptionStep)
		.innerJoin(table.conceptVersion, eq(table.adoptionStep.versionId, table.conceptVersion.id))
		.where(and(eq(table.adoptionStep.id, stepId), eq(table.conceptVersion.processId, processId)))
		.get();
}

/** The bodies a step may name: the process's Ausschüsse, council, Beiräte, Verwaltungsvorstand. */
export function councilBodies(db: DbOrTx, processId: number) {
	return db
		.select({ id: table.body.id, name: table.body.name, kind: table.body.kind })
		.from(table.body)
		.where(
			and(
				eq(table.body.processId, processId),
				inArray(table.body.kind, [...councilBodyKinds]),
				isNull(table.body.archivedAt)
			)
		)
		.orderBy(table.body.name)
		.all();
}

/** The ids of the measures a version holds (its snapshot). */
function measureIdsOf(version: table.ConceptVersion): number[] {
	return version.snapshot.fields.flatMap((f) => f.measures.map((measure) => measure.id));
}

function votesFit(input: StepInput): boolean {
	const { votesYes: yes, votesNo: no, votesAbstained: abstained } = input;
	if (yes === null && no === null && abstained === null) return true;
	if (!isDecided(input.result) || input.result === 'deferred') return false;
	const forIt = yes ?? 0;
	const against = no ?? 0;
	if (forIt + against + (abstained ?? 0) === 0) return false;
	// A tie rejects (Stimmengleichheit); anything passed needs more yes than no.
	return input.result === 'rejected' ? forIt <= against : forIt > against;
}

/** The first problem of the input itself, before it meets the stored steps. */
function inputProblem(
	db: DbOrTx,
	processId: number,
	version: table.ConceptVersion,
	input: StepInput,
	today: string
): StepProblem | undefined {
	if (input.bodyId !== null) {
		if (!councilBodies(db, processId).some((b) => b.id === input.bodyId)) return 'body';
	} else if (input.bodyName === '') return 'body';
	if (isDecided(input.result) && (input.meetingOn === null || input.meetingOn > today)) {
		return 'meeting_day';
	}
	if (!votesFit(input)) return 'votes';
	if (input.starterMeasureIds.length > 0) {
		if (!input.isFinal || !isAdopting(input.result)) return 'starters';
		const held = new Set(measureIdsOf(version));
		if (input.starterMeasureIds.some((id) => !held.has(id))) return 'starters';
	}
	return undefined;
}

/** The stored columns of a step from its input. */
function columnsOf(db: DbOrTx, input: StepInput) {
	const body =
		input.bodyId === null
			? undefined
			: db.select().from(table.body).where(eq(table.body.id, input.bodyId)).get();
	const decision = input.isFinal && isAdopting(input.result);
	return {
		bodyId: body?.id ?? null,
		bodyName: body?.name ?? input.bodyName,
		meetingOn: input.meetingOn,
		paperNumber: input.paperNumber,
		isPublic: input.isPublic,
		result: input.result,
		votesYes: input.votesYes,
		votesNo: input.votesNo,
		votesAbstained: input.votesAbstained,
		oparlUrl: input.oparlUrl,
		note: input.note,
		isFinal: input.isFinal,
		changes: input.result === 'adopted_amended' ? input.changes : '',
		reportDueOn: decision ? input.reportDueOn : null
	};
}

function setStarters(tx: DbOrTx, stepId: number, measureIds: number[]) {
	tx.delete(table.starterMeasure).where(eq(table.starterMeasure.stepId, stepId)).run();
	for (const measureId of [...new Set(measureIds)]) {
		tx.insert(table.starterMeasure).values({ stepId, measureId }).run();
	}
}

/** Another version of the process is adopted already. */
function otherAdopted(tx: DbOrTx, processId: number, versionId: number): boolean {
	return Boolean(
		tx
			.select({ id: table.conceptVersion.id })
			.from(table.conceptVersion)
			.where(
				and(eq(table.conceptVersion.processId, processId), adoptedSql(table.conceptVersion.id))
			)
			.all()
			.some((v) => v.id !== versionId)
	);
}

/**
 * What adoption sets off, in the caller's transaction: the process becomes adopted, and the
 * version's measures still proposed or agreed become adopted, each with a status update whose
 * note names the decision, so that monitoring's history shows where the status came from.
 */
function cascadeAdoption(
	tx: DbOrTx,
	processId: number,
	version: table.ConceptVersion,
	recorder: string
) {
	tx.update(table.process)
		.set({ status: 'adopted' })
		.where(
			and(
				eq(table.process.id, processId),
				inArray(table.process.status, ['preparation', 'running'])
			)
		)
		.run();
	const decisions = listSteps(tx, version.id).filter((s) => s.isFinal);
	const decidedOn =
		decisions
			.map((s) => s.meetingOn ?? '')
			.sort()
			.at(-1) ?? todayIn();
	const note = decisionNote(decisions);
	const ids = measureIdsOf(version);
	if (ids.length === 0) return;
	const measures = tx
		.select({ id: table.measure.id })
		.from(table.measure)
		.where(
			and(
				eq(table.measure.processId, processId),
				inArray(table.measure.id, ids),
				isNull(table.measure.archivedAt),
				inArray(table.measure.status, [...statusesAdoptedByDecision])
			)
		)
		.all();
	for (const { id } of measures) {
		tx.insert(table.measureUpdate)
			.values({
				measureId: id,
				recordedOn: decidedOn,
				status: 'adopted',
				note,
				recordedBy: recorder
			})
			.run();
		tx.update(table.measure)
			.set({ status: 'adopted', updatedAt: new Date() })
			.where(eq(table.measure.id, id))
			.run();
	}
}

/** After a write: if the version just became adopted, check it may be, and cascade. */
function afterWrite(
	tx: DbOrTx,
	processId: number,
	version: table.ConceptVersion,
	wasAdopted: boolean,
	recorder: string
): { adopted: boolean } | StepProblem {
	const adopted = isAdopted(tx, version.id);
	if (adopted && !wasAdopted) {
		if (otherAdopted(tx, processId, version.id)) return 'other_adopted';
		cascadeAdoption(tx, processId, version, recorder);
	}
	return { adopted: adopted && !wasAdopted };
}

/** Rolls back the transaction with a problem, so nothing of a refused write stays. */
class Refused extends Error {
	constructor(readonly problem: StepProblem) {
		super(problem);
	}
}

function refusable(work: () => StepOutcome): StepOutcome {
	try {
		return work();
	} catch (thrown) {
		if (thrown instanceof Refused) return { ok: false, problem: thrown.problem };
		throw thrown;
	}
}

/** Adds a step at the end of the version's Beratungsfolge; a final decision adopts it. */
export function addStep(
	db: Db,
	processId: number,
	versionId: number,
	input: StepInput,
	recorder: { name: string },
	today: string = todayIn()
): StepOutcome {
	const version = findVersion(db, processId, versionId);
	if (!version) return { ok: false, problem: 'not_found' };
	if (isAdopted(db, version.id)) return { ok: false, problem: 'frozen' };
	const problem = inputProblem(db, processId, version, input, today);
	if (problem) return { ok: false, problem };
	return refusable(() =>
		db.transaction((tx) => {
			const last = listSteps(tx, version.id).at(-1);
			const step = tx
				.insert(table.adoptionStep)
				.values({ versionId, position: (last?.position ?? 0) + 1, ...columnsOf(tx, input) })
				.returning()
				.get();
			setStarters(tx, step.id, input.starterMeasureIds);
			const after = afterWrite(tx, processId, version, false, recorder.name);
			if (typeof after === 'string') throw new Refused(after);
			return { ok: true, step, adopted: after.adopted };
		})
	);
}

const correctable = [
	'bodyId',
	'bodyName',
	'meetingOn',
	'paperNumber',
	'isPublic',
	'result',
	'votesYes',
	'votesNo',
	'votesAbstained',
	'oparlUrl',
	'note',
	'isFinal',
	'changes',
	'reportDueOn'
] as const;

/**
 * Changes a step. A pending step changes freely; a decided one only as a correction with a
 * reason, which keeps what it said before. Once the version is adopted, its decisions (the
 * final steps' results, and which steps are final) stay: the cascade already ran.
 */
export function updateStep(
	db: Db,
	processId: number,
	stepId: number,
	input: StepInput,
	correction: { reason: string; by: string },
	today: string = todayIn()
): StepOutcome {
	const found = findStep(db, processId, stepId);
	if (!found) return { ok: false, problem: 'not_found' };
	const { step, version } = found;
	const wasAdopted = isAdopted(db, version.id);
	if (
		wasAdopted &&
		(step.isFinal !== input.isFinal || (step.isFinal && step.result !== input.result))
	) {
		return { ok: false, problem: 'decision_locked' };
	}
	const mustCorrect = isDecided(step.result) || wasAdopted;
	if (mustCorrect && correction.reason === '') return { ok: false, problem: 'reason_required' };
	const problem = inputProblem(db, processId, version, input, today);
	if (problem) return { ok: false, problem };
	return refusable(() =>
		db.transaction((tx) => {
			const before = listSteps(tx, version.id).find((s) => s.id === step.id)!;
			if (mustCorrect) {
				const previous: Record<string, unknown> = Object.fromEntries(
					correctable.map((key) => [key, before[key]])
				);
				previous.starterMeasureIds = before.starterMeasureIds;
				tx.insert(table.adoptionStepCorrection)
					.values({ stepId, reason: correction.reason, previous, correctedByName: correction.by })
					.run();
			}
			const updated = tx
				.update(table.adoptionStep)
				.set(columnsOf(tx, input))
				.where(eq(table.adoptionStep.id, stepId))
				.returning()
				.get();
			setStarters(tx, stepId, input.starterMeasureIds);
			const after = afterWrite(tx, processId, version, wasAdopted, correction.by);
			if (typeof after === 'string') throw new Refused(after);
			return { ok: true, step: updated, adopted: after.adopted };
		})
	);
}

/** Moves a step one place up or down; the order is fixed once the version is adopted. */
export function moveStep(
	db: Db,
	processId: number,
	stepId: number,
	direction: 'up' | 'down'
): StepOutcome {
	const found = findStep(db, processId, stepId);
	if (!found) return { ok: false, problem: 'not_found' };
	if (isAdopted(db, found.version.id)) return { ok: false, problem: 'frozen' };
	return db.transaction((tx) => {
		const steps = listSteps(tx, found.version.id);
		const index = steps.findIndex((s) => s.id === stepId);
		const other = steps[direction === 'up' ? index - 1 : index + 1];
		if (other) {
			const order = steps.map((s) => s.id);
			order[index] = other.id;
			order[steps.indexOf(other)] = stepId;
			order.forEach((id, position) =>
				tx
					.update(table.adoptionStep)
					.set({ position: position + 1 })
					.where(eq(table.adoptionStep.id, id))
					.run()
			);
		}
		return { ok: true, step: found.step, adopted: false };
	});
}

/** Removes a step nobody decided on or corrected; a recorded decision is never lost. */
export function removeStep(db: Db, processId: number, stepId: number): StepOutcome {
	const found = findStep(db, processId, stepId);
	if (!found) return { ok: false, problem: 'not_found' };
	if (isAdopted(db, found.version.id)) return { ok: false, problem: 'frozen' };
	const listed = listSteps(db, found.version.id).find((s) => s.id === stepId)!;
	if (isDecided(listed.result) || listed.corrections.length > 0) {
		return { ok: false, problem: 'decided' };
	}
	db.delete(table.adoptionStep).where(eq(table.adoptionStep.id, stepId)).run();
	return { ok: true, step: found.step, adopted: false };
}

/** The adoption of a version: its final steps, the day of the last, and what they decided. */
export function adoptionOf(db: DbOrTx, versionId: number) {
	if (!isAdopted(db, versionId)) return undefined;
	const steps = listSteps(db, versionId);
	const decisions = steps.filter((s) => s.isFinal);
	return {
		steps,
		decisions,
		adoptedOn:
			decisions
				.map((s) => s.meetingOn ?? '')
				.sort()
				.at(-1) ?? '',
		reportDueOn:
			decisions
				.map((s) => s.reportDueOn)
				.filter((d): d is string => d !== null)
				.sort()[0] ?? null,
		starterMeasureIds: [...new Set(decisions.flatMap((s) => s.starterMeasureIds))]
	};
}

/**
 * The process's adopted concept, for the public page, monitoring and the catalogue: the version,
 * its Beratungsfolge, the reporting duty and the starter measures; undefined before adoption.
 */
export function adoptedConceptOf(db: DbOrTx, processId: number) {
	const version = db
		.select()
		.from(table.conceptVersion)
		.where(and(eq(table.conceptVersion.processId, processId), adoptedSql(table.conceptVersion.id)))
		.orderBy(desc(table.conceptVersion.number))
		.get();
	if (!version) return undefined;
	const adoption = adoptionOf(db, version.id)!;
	return { version, ...adoption };
}

export type AdoptedConcept = NonNullable<ReturnType<typeof adoptedConceptOf>>;

/** Who adopted the version and when, for the exports; undefined while it is not adopted. */
export function adoptionLineOf(db: DbOrTx, versionId: number) {
	const adoption = adoptionOf(db, versionId);
	return adoption && adoptionLine(adoption);
}
