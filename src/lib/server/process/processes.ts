import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { carryOverMeasures } from '../carry-over/carry-over';
import { currentPhase } from './phases';
import { uniqueSlug } from '../organisations/slug';
import { layOutPhases, templateBodies, type ProcessTemplate } from './templates';
import { setSeatPlan } from '../bodies/bodies';

export interface NewProcess {
	organisationId: number;
	title: string;
	description: string;
	template: ProcessTemplate;
	startsOn: string;
}

function insertProcess(db: DbOrTx, input: NewProcess, previousProcessId: number | null) {
	const slug = uniqueSlug(input.title, (candidate) =>
		Boolean(
			db
				.select({ id: table.process.id })
				.from(table.process)
				.where(
					and(
						eq(table.process.organisationId, input.organisationId),
						eq(table.process.slug, candidate)
					)
				)
				.get()
		)
	);
	const created = db
		.insert(table.process)
		.values({
			organisationId: input.organisationId,
			slug,
			title: input.title.trim(),
			description: input.description.trim(),
			template: input.template,
			previousProcessId
		})
		.returning()
		.get();
	const phases = layOutPhases(input.template, input.startsOn, organisationKindOf(db, input));
	if (phases.length > 0) {
		db.insert(table.phase)
			.values(phases.map((phase) => ({ ...phase, processId: created.id })))
			.run();
	}
	return created;
}

function organisationKindOf(db: DbOrTx, input: Pick<NewProcess, 'organisationId'>) {
	const organisation = db
		.select({ kind: table.organisation.kind })
		.from(table.organisation)
		.where(eq(table.organisation.id, input.organisationId))
		.get();
	return organisation?.kind ?? 'other';
}

/**
 * The bodies the template's paper names, with their seat plans; a body of the same kind and
 * name that the process already has (copied from the earlier round) is not made twice.
 */
function insertTemplateBodies(db: DbOrTx, created: table.Process) {
	const existing = new Set(
		db
			.select({ kind: table.body.kind, name: table.body.name })
			.from(table.body)
			.where(eq(table.body.processId, created.id))
			.all()
			.map((body) => `${body.kind} ${body.name}`)
	);
	for (const body of templateBodies(created.template, organisationKindOf(db, created))) {
		if (existing.has(`${body.kind} ${body.name}`)) continue;
		const { seats, ...values } = body;
		const inserted = db
			.insert(table.body)
			.values({ ...values, processId: created.id })
			.returning()
			.get();
		setSeatPlan(db, inserted.id, { maxMembers: body.maxMembers, seats });
	}
}

/** A new process with the phases and bodies of its template. */
export function createProcess(db: DbOrTx, input: NewProcess): table.Process {
	return db.transaction((tx) => {
		const created = insertProcess(tx, input, null);
		insertTemplateBodies(tx, created);
		return created;
	});
}

/**
 * The next round (Fortschreibung) of an earlier process: fresh phases from the template, and
 * the earlier fields of action, guidelines and bodies (with seat plans and members) copied over,
 * and the goals and measures carried on with their status and history; then the template's
 * bodies the earlier round did not have.
 */
export function createRevision(
	db: Db,
	previous: table.Process,
	input: Omit<NewProcess, 'organisationId'>
): table.Process {
	return db.transaction((tx) => {
		const created = insertProcess(
			tx,
			{ ...input, organisationId: previous.organisationId },
			previous.id
		);
		const fieldIds = new Map<number, number>();
		for (const field of tx
			.select()
			.from(table.fieldOfAction)
			.where(eq(table.fieldOfAction.processId, previous.id))
			.all()) {
			const { id, ...rest } = field;
			const copy = tx
				.insert(table.fieldOfAction)
				.values({ ...rest, processId: created.id })
				.returning()
				.get();
			fieldIds.set(id, copy.id);
		}
		const guidelines = tx
			.select()
			.from(table.guideline)
			.where(eq(table.guideline.processId, previous.id))
			.all();
		if (guidelines.length > 0) {
			tx.insert(table.guideline)
				.values(guidelines.map(({ id, ...rest }) => ({ ...rest, processId: created.id })))
				.run();
		}
		for (const body of tx
			.select()
			.from(table.body)
			.where(and(eq(table.body.processId, previous.id), isNull(table.body.archivedAt)))
			.all()) {
			const { id, fieldOfActionId, ...rest } = body;
			const copy = tx
				.insert(table.body)
				.values({
					...rest,
					processId: created.id,
					fieldOfActionId: fieldOfActionId ? (fieldIds.get(fieldOfActionId) ?? null) : null
				})
				.returning()
				.get();
			const seats = tx.select().from(table.bodySeat).where(eq(table.bodySeat.bodyId, id)).all();
			if (seats.length > 0) {
				tx.insert(table.bodySeat)
					.values(seats.map((seat) => ({ ...seat, bodyId: copy.id })))
					.run();
			}
			const members = tx
				.select()
				.from(table.bodyMember)
				.where(eq(table.bodyMember.bodyId, id))
				.all();
			if (members.length > 0) {
				tx.insert(table.bodyMember)
					.values(members.map(({ id: _memberId, ...member }) => ({ ...member, bodyId: copy.id })))
					.run();
			}
		}
		carryOverMeasures(tx, previous.id, created.id, fieldIds);
		insertTemplateBodies(tx, created);
		return created;
	});
}

export function listProcesses(db: Db, organisationId: number) {
	return db
		.select()
		.from(table.process)
		.where(eq(table.process.organisationId, organisationId))
		.orderBy(asc(table.process.title))
		.all();
}

/** A process only through its organisation, so one organisation never reaches another's. */
export function findProcess(db: Db, organisationId: number, slug: string) {
	return db
		.select()
		.from(table.process)
		.where(and(eq(table.process.organisationId, organisationId), eq(table.process.slug, slug)))
		.get();
}

export function updateProcess(
	db: Db,
	processId: number,
	changes: Pick<table.Process, 'title' | 'description' | 'status' | 'isPublic'>
) {
	db.update(table.process).set(changes).where(eq(table.process.id, processId)).run();
}

/** A process the public may see: published by its owner. Anything else does not exist. */
export function findPublicProcess(db: Db, organisationSlug: string, processSlug: string) {
	return db
		.select({ process: table.process, organisationName: table.organisation.name })
		.from(table.process)
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(
			and(
				eq(table.organisation.slug, organisationSlug),
				eq(table.process.slug, processSlug),
				eq(table.process.isPublic, true)
			)
		)
		.get();
}

/**
 * Every public process on this installation (or of one organisation) with its organisation and
 * the phase it is in, for the start pages: organisations in alphabetical order, their processes
 * newest first.
 */
export function listPublicProcesses(db: Db, today: string, organisationSlug?: string) {
	const rows = db
		.select({
			organisationSlug: table.organisation.slug,
			organisationName: table.organisation.name,
			process: {
				id: table.process.id,
				slug: table.process.slug,
				title: table.process.title,
				status: table.process.status
			}
		})
		.from(table.process)
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(
			and(
				eq(table.process.isPublic, true),
				organisationSlug === undefined ? undefined : eq(table.organisation.slug, organisationSlug)
			)
		)
		.orderBy(asc(table.organisation.name), desc(table.process.id))
		.all();
	const phases =
		rows.length === 0
			? []
			: db
					.select()
					.from(table.phase)
					.where(
						inArray(
							table.phase.processId,
							rows.map((row) => row.process.id)
						)
					)
					.orderBy(asc(table.phase.position), asc(table.phase.id))
					.all();
	return rows.map((row) => ({
		...row,
		currentPhase:
			currentPhase(
				phases.filter((phase) => phase.processId === row.process.id),
				today
			).current?.title ?? null
	}));
}
