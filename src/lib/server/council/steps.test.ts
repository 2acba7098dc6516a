import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	councilStep,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { createBody } from '../bodies/bodies';
import { createMeasure, removeMeasure, type MeasureInput } from '../concept/measures';
import { deleteVersion, isAdopted, saveVersion, setVersionStand } from '../concept/versions';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listUpdates } from '../monitoring/monitoring';
import { addField, listFields } from '../process/fields';
import {
	addStep,
	adoptedConceptOf,
	listSteps,
	moveStep,
	removeStep,
	updateStep,
	type StepInput
} from './steps';

const today = '2026-12-01';
const office = { name: 'Integrationsbüro' };
const correction = (reason: string) => ({ reason, by: office.name });

let db: Db;
let process: table.Process;
let field: number;

const measureInput = (title: string, status: table.MeasureStatus): MeasureInput => ({
	fieldOfActionId: field,
	goalId: null,
	title,
	description: '',
	lead: '',
	timeframe: 'short',
	costEstimate: '',
	funding: 'open',
	priority: 'medium',
	status
});

const body = (kind: table.BodyKind, name: string) =>
	createBody(db, process.id, {
		kind,
		name,
		description: '',
		fieldOfActionId: null,
		isPublic: true
	});

async function version() {
	const author = await createTestUser(db);
	return saveVersion(db, process, 'Landkreis', { introduction: '', note: '' }, author);
}

const add = (versionId: number, input: Partial<StepInput>) =>
	addStep(db, process.id, versionId, councilStep(input), office, today);

function added(versionId: number, input: Partial<StepInput>) {
	const outcome = add(versionId, input);
	if (!outcome.ok) throw new Error(outcome.problem);
	return outcome.step;
}

beforeEach(() => {
	db = createTestDb();
	process = createTestEvent(db, createTestOrganisation(db, 'Rems-Murr-Kreis').id).process;
	addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	field = listFields(db, process.id)[0]!.id;
});

describe('a Beratungsfolge', () => {
	it('adopts through three bodies and cascades to the process and its measures at once', async () => {
		const proposed = createMeasure(db, process.id, measureInput('Sprachcafé', 'proposed'))!;
		const agreed = createMeasure(db, process.id, measureInput('Lotsen', 'agreed'))!;
		const running = createMeasure(db, process.id, measureInput('Jobcafé', 'in_implementation'))!;
		const archived = createMeasure(db, process.id, measureInput('Alt', 'proposed'))!;
		const v = await version();
		db.update(table.measure)
			.set({ archivedAt: new Date() })
			.where(eq(table.measure.id, archived.id))
			.run();
		const later = createMeasure(db, process.id, measureInput('Nach der Fassung', 'proposed'))!;
		const social = body('committee', 'Sozialausschuss');
		const county = body('committee', 'Kreisausschuss');
		const council = body('council', 'Kreistag');
		const recommend = { result: 'recommended', isFinal: false } as const;
		expect(
			add(v.id, {
				...recommend,
				bodyId: social.id,
				meetingOn: '2026-10-05',
				paperNumber: '2026/117'
			})
		).toMatchObject({ ok: true, adopted: false });
		add(v.id, { ...recommend, bodyId: county.id, meetingOn: '2026-10-19' });
		expect(process.status).toBe('preparation');
		const decision = add(v.id, {
			bodyId: council.id,
			bodyName: 'ignored when a body is chosen',
			meetingOn: '2026-11-20',
			paperNumber: '2026/117',
			votesYes: 30,
			votesNo: 5,
			votesAbstained: 2,
			reportDueOn: '2027-11-20',
			starterMeasureIds: [proposed.id]
		});
		expect(decision).toMatchObject({ ok: true, adopted: true, step: { bodyName: 'Kreistag' } });

		expect(isAdopted(db, v.id)).toBe(true);
		const status = (id: number) =>
			db.select().from(table.measure).where(eq(table.measure.id, id)).get()!.status;
		expect(db.select().from(table.process).get()!.status).toBe('adopted');
		expect([proposed, agreed, running, archived, later].map((m) => status(m.id))).toEqual([
			'adopted',
			'adopted',
			'in_implementation',
			'proposed',
			'proposed'
		]);
		expect(listUpdates(db, proposed.id)).toEqual([
			expect.objectContaining({
				status: 'adopted',
				recordedOn: '2026-11-20',
				note: 'Beschluss des Konzepts: Kreistag am 20. November 2026 (Drucksache 2026/117)',
				recordedBy: office.name
			})
		]);
		expect(listUpdates(db, running.id)).toEqual([]);

		const adopted = adoptedConceptOf(db, process.id)!;
		expect(adopted.version.id).toBe(v.id);
		expect(adopted.steps.map((s) => [s.position, s.bodyName, s.result])).toEqual([
			[1, 'Sozialausschuss', 'recommended'],
			[2, 'Kreisausschuss', 'recommended'],
			[3, 'Kreistag', 'adopted']
		]);
		expect(adopted).toMatchObject({
			adoptedOn: '2026-11-20',
			reportDueOn: '2027-11-20',
			starterMeasureIds: [proposed.id]
		});
	});

	it('waits for every final step: two committees deciding on the same day (Rems-Murr)', async () => {
		const v = await version();
		const committees = ['Sozialausschuss', 'Verwaltungs-, Schul- und Kulturausschuss'];
		const [social, administration] = committees.map((bodyName) =>
			added(v.id, { bodyName, meetingOn: '2017-05-08', result: 'pending' })
		);
		const decide = (step: table.AdoptionStep, input: Partial<StepInput>) =>
			updateStep(
				db,
				process.id,
				step.id,
				councilStep({ bodyName: step.bodyName, meetingOn: '2017-05-08', ...input }),
				correction(''),
				today
			);
		expect(decide(social!, {})).toMatchObject({ ok: true, adopted: false });
		expect(adoptedConceptOf(db, process.id)).toBeUndefined();
		expect(
			decide(administration!, { result: 'adopted_amended', changes: 'Bericht an beide Ausschüsse' })
		).toMatchObject({ ok: true, adopted: true, step: { changes: 'Bericht an beide Ausschüsse' } });
		expect(adoptedConceptOf(db, process.id)!.decisions).toHaveLength(2);
	});

	it('refuses votes that cannot have led to the result, and results before the meeting', async () => {
		const v = await version();
		const refused = (input: Partial<StepInput>) => {
			const outcome = add(v.id, { isFinal: false, ...input });
			return outcome.ok ? 'ok' : outcome.problem;
		};
		expect(refused({ result: 'adopted', votesYes: 5, votesNo: 10 })).toBe('votes');
		expect(refused({ result: 'recommended', votesYes: 3, votesNo: 3 })).toBe('votes');
		expect(refused({ result: 'pending', meetingOn: null, votesYes: 3 })).toBe('votes');
		expect(refused({ result: 'deferred', votesYes: 3 })).toBe('votes');
		expect(refused({ result: 'rejected', votesYes: 0, votesNo: 0, votesAbstained: 0 })).toBe(
			'votes'
		);
		expect(refused({ result: 'recommended', meetingOn: '2026-12-02' })).toBe('meeting_day');
		expect(refused({ result: 'recommended', meetingOn: null })).toBe('meeting_day');
		expect(refused({ bodyName: '' })).toBe('body');
		expect(refused({ result: 'recommended', starterMeasureIds: [1] })).toBe('starters');
		expect(refused({ result: 'rejected', votesYes: 20, votesNo: 20 })).toBe('ok');
		expect(refused({ result: 'pending', meetingOn: '2027-02-01' })).toBe('ok');
	});

	it('names only council bodies of its own process', async () => {
		const v = await version();
		const steering = body('steering_group', 'Steuerungsgruppe');
		const other = createTestEvent(db, createTestOrganisation(db, 'Andere').id).process;
		const foreign = createBody(db, other.id, {
			kind: 'council',
			name: 'Fremder Kreistag',
			description: '',
			fieldOfActionId: null,
			isPublic: true
		});
		expect(add(v.id, { bodyId: steering.id })).toEqual({ ok: false, problem: 'body' });
		expect(add(v.id, { bodyId: foreign.id })).toEqual({ ok: false, problem: 'body' });
		const board = body('executive_board', 'Verwaltungsvorstand');
		expect(add(v.id, { bodyId: board.id, result: 'pending', isFinal: false })).toMatchObject({
			ok: true
		});
	});

	it('corrects a decided step only with a reason, keeps what it said, and never removes it', async () => {
		const v = await version();
		const pending = added(v.id, { result: 'pending', isFinal: false, bodyName: 'Beirat' });
		const decided = added(v.id, {
			result: 'recommended',
			isFinal: false,
			bodyName: 'Sozialausschuss',
			meetingOn: '2026-10-05',
			votesYes: 9,
			votesNo: 2
		});
		const fixed = councilStep({
			result: 'recommended',
			isFinal: false,
			bodyName: 'Sozialausschuss',
			meetingOn: '2026-10-05',
			votesYes: 10,
			votesNo: 1
		});
		expect(updateStep(db, process.id, decided.id, fixed, correction(''), today)).toEqual({
			ok: false,
			problem: 'reason_required'
		});
		expect(
			updateStep(db, process.id, decided.id, fixed, correction('Zählfehler im Protokoll'), today)
		).toMatchObject({ ok: true });
		const listed = listSteps(db, v.id).find((s) => s.id === decided.id)!;
		expect(listed.votesYes).toBe(10);
		expect(listed.corrections).toEqual([
			expect.objectContaining({
				reason: 'Zählfehler im Protokoll',
				correctedByName: office.name,
				previous: expect.objectContaining({ votesYes: 9, votesNo: 2, result: 'recommended' })
			})
		]);
		expect(removeStep(db, process.id, decided.id)).toEqual({ ok: false, problem: 'decided' });
		expect(deleteVersion(db, process.id, v.id)).toBe(false);
		expect(moveStep(db, process.id, decided.id, 'up')).toMatchObject({ ok: true });
		expect(listSteps(db, v.id).map((s) => s.id)).toEqual([decided.id, pending.id]);
		expect(removeStep(db, process.id, pending.id)).toMatchObject({ ok: true });
		expect(listSteps(db, v.id).map((s) => s.id)).toEqual([decided.id]);
	});

	it('freezes the version: no new steps, no reordering, and the adopting decision stays', async () => {
		const v = await version();
		const committee = added(v.id, {
			result: 'recommended',
			isFinal: false,
			bodyName: 'Sozialausschuss',
			meetingOn: '2026-10-05'
		});
		const final = added(v.id, { meetingOn: '2026-11-20' });
		expect(add(v.id, { result: 'pending' })).toEqual({ ok: false, problem: 'frozen' });
		expect(moveStep(db, process.id, final.id, 'up')).toEqual({ ok: false, problem: 'frozen' });
		expect(removeStep(db, process.id, committee.id)).toEqual({ ok: false, problem: 'frozen' });
		expect(setVersionStand(db, process.id, v.id, '2026-12-01')).toBe(false);
		const undo = councilStep({ meetingOn: '2026-11-20', result: 'rejected' });
		expect(updateStep(db, process.id, final.id, undo, correction('Irrtum'), today)).toEqual({
			ok: false,
			problem: 'decision_locked'
		});
		// The database refuses it too, past the domain.
		expect(() =>
			db
				.update(table.adoptionStep)
				.set({ result: 'rejected' })
				.where(eq(table.adoptionStep.id, final.id))
				.run()
		).toThrow(/stays/);
		const note = councilStep({ meetingOn: '2026-11-20', paperNumber: '2026/117' });
		expect(updateStep(db, process.id, final.id, note, correction(''), today)).toEqual({
			ok: false,
			problem: 'reason_required'
		});
		expect(
			updateStep(db, process.id, final.id, note, correction('Drucksache nachgetragen'), today)
		).toMatchObject({ ok: true, adopted: false, step: { paperNumber: '2026/117' } });
	});

	it('adopts one version per process; a refused adoption leaves nothing behind', async () => {
		const first = await version();
		added(first.id, { meetingOn: '2026-11-20' });
		const second = await version();
		expect(add(second.id, { meetingOn: '2026-11-21' })).toEqual({
			ok: false,
			problem: 'other_adopted'
		});
		expect(listSteps(db, second.id)).toEqual([]);
		expect(add(second.id, { result: 'pending', isFinal: false })).toMatchObject({ ok: true });
	});

	it('takes starter measures only from the version, and keeps them when a measure goes', async () => {
		const inVersion = createMeasure(db, process.id, measureInput('Sprachcafé', 'proposed'))!;
		const v = await version();
		const outside = createMeasure(db, process.id, measureInput('Neu', 'proposed'))!;
		expect(add(v.id, { starterMeasureIds: [outside.id] })).toEqual({
			ok: false,
			problem: 'starters'
		});
		added(v.id, { starterMeasureIds: [inVersion.id, inVersion.id] });
		expect(adoptedConceptOf(db, process.id)!.starterMeasureIds).toEqual([inVersion.id]);
		removeMeasure(db, process.id, inVersion.id);
		expect(adoptedConceptOf(db, process.id)!.starterMeasureIds).toEqual([inVersion.id]);
	});

	it('answers not found for a step or version of another process', async () => {
		const v = await version();
		const step = added(v.id, { result: 'pending', isFinal: false });
		const other = createTestEvent(db, createTestOrganisation(db, 'Andere').id).process;
		expect(addStep(db, other.id, v.id, councilStep(), office, today)).toEqual({
			ok: false,
			problem: 'not_found'
		});
		for (const outcome of [
			updateStep(db, other.id, step.id, councilStep(), correction('x'), today),
			moveStep(db, other.id, step.id, 'down'),
			removeStep(db, other.id, step.id)
		]) {
			expect(outcome).toEqual({ ok: false, problem: 'not_found' });
		}
	});
});
