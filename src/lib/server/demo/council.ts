import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { createBody } from '../bodies/bodies';
import { createMeasure } from '../concept/measures';
import { saveVersion } from '../concept/versions';
import { addStep, type StepInput } from '../council/steps';
import { addField, listFields } from '../process/fields';
import { createProcess } from '../process/processes';

/**
 * The concept of 2011 that the 2.0 process revises, adopted the way the Landau paper (002) lists
 * its Beratungsfolge: Sozialausschuss and Hauptausschuss recommend, the Stadtrat decides. It
 * shows a whole adoption, its cascade to the measures and the reporting duty, without freezing
 * the demo's running process (`revisionId`, whose organisation it joins).
 */
export function seedCouncil(db: Db, revisionId: number, author: { id: number; name: string }) {
	const { organisationId } = db
		.select({ organisationId: table.process.organisationId })
		.from(table.process)
		.where(eq(table.process.id, revisionId))
		.get()!;
	const process = createProcess(db, {
		organisationId,
		title: 'Integrationskonzept 2011',
		description: 'Das erste Integrationskonzept der Stadt, Grundlage der Fortschreibung.',
		template: 'empty',
		startsOn: '2010-09-01'
	});
	addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	addField(db, process.id, { code: '2', title: 'Arbeit und Ausbildung', description: '' });
	const [language, work] = listFields(db, process.id);
	const measure = (fieldOfActionId: number, title: string, lead: string) =>
		createMeasure(db, process.id, {
			fieldOfActionId,
			goalId: null,
			title,
			description: '',
			lead,
			timeframe: 'short',
			costEstimate: '',
			funding: 'own_budget',
			priority: 'high',
			status: 'proposed'
		})!;
	const starter = measure(language!.id, 'Sprachkurse mit Kinderbetreuung', 'Volkshochschule');
	measure(language!.id, 'Elterncafés an Grundschulen', 'Schulamt');
	measure(work!.id, 'Anerkennungsberatung im Bürgerbüro', 'Jobcenter');
	const version = saveVersion(
		db,
		process,
		'Stadt Landau in der Pfalz (Demo)',
		{
			introduction: 'Das Integrationskonzept der Stadt.',
			note: 'Beschlussvorlage',
			standOn: '2011-03-01'
		},
		author
	);
	const body = (kind: table.BodyKind, name: string) =>
		createBody(db, process.id, {
			kind,
			name,
			description: '',
			fieldOfActionId: null,
			isPublic: true
		});
	const step = (overrides: Partial<StepInput>): StepInput => ({
		bodyId: null,
		bodyName: '',
		meetingOn: null,
		paperNumber: '500/012/2011',
		isPublic: true,
		result: 'recommended',
		votesYes: null,
		votesNo: null,
		votesAbstained: null,
		oparlUrl: '',
		note: '',
		isFinal: false,
		changes: '',
		reportDueOn: null,
		starterMeasureIds: [],
		...overrides
	});
	const steps = [
		step({ bodyId: body('committee', 'Sozialausschuss').id, meetingOn: '2011-04-06' }),
		step({ bodyId: body('committee', 'Hauptausschuss').id, meetingOn: '2011-05-10' }),
		step({
			bodyId: body('council', 'Stadtrat').id,
			meetingOn: '2011-05-24',
			result: 'adopted',
			votesYes: 38,
			votesNo: 4,
			votesAbstained: 2,
			isFinal: true,
			reportDueOn: '2012-05-24',
			starterMeasureIds: [starter.id]
		})
	];
	for (const input of steps) addStep(db, process.id, version.id, input, author);
	// Implementation began long ago; the adoption's status entries stay in the history. It is
	// public, so that `/` leads to an adopted concept with its measures' status.
	db.update(table.process)
		.set({ status: 'implementation', isPublic: true })
		.where(eq(table.process.id, process.id))
		.run();
}
