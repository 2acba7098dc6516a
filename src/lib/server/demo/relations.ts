import type { Db } from '../db';
import type * as table from '../db/schema';
import {
	listCatalogue,
	listsOfMeasure,
	updateMeasure,
	type MeasureInput
} from '../concept/measures';
import { createProject } from '../concept/projects';
import { listFields, listGuidelines } from '../process/fields';

/** How many measures the starter project bundles at most (Rems-Murr's bundle IP 1.1–1.6). */
const starterSize = 6;

/** Adds further fields and guidelines to a measure, keeping everything else it has. */
function relate(
	db: Db,
	processId: number,
	measure: table.Measure,
	added: { fieldIds?: number[]; guidelineIds?: number[] }
) {
	const lists = listsOfMeasure(db, measure.id);
	const input: MeasureInput = {
		fieldOfActionId: measure.fieldOfActionId,
		goalId: measure.goalId,
		title: measure.title,
		description: measure.description,
		lead: measure.lead,
		timeframe: measure.timeframe,
		costEstimate: measure.costEstimate,
		funding: measure.funding,
		priority: measure.priority,
		status: measure.status,
		plannedYear: measure.plannedYear,
		ownNumber: measure.ownNumber,
		leadBodyId: measure.leadBodyId,
		periodStart: measure.periodStart,
		periodEnd: measure.periodEnd,
		costCents: measure.costCents,
		costKind: measure.costKind,
		fundingName: measure.fundingName,
		budgetReservation: measure.budgetReservation,
		projectId: measure.projectId,
		furtherFieldIds: [...lists.furtherFieldIds, ...(added.fieldIds ?? [])],
		guidelineIds: [...lists.guidelineIds, ...(added.guidelineIds ?? [])]
	};
	updateMeasure(db, processId, measure.id, input);
}

/**
 * How the demo's measures relate, on whatever measures the process has by now: a starter
 * project bundling the first measures of the first field that has several, the first measure
 * outside it also serving the next field, and guidelines on the first measures. Leaves
 * out what the measures are too few for.
 */
export function seedRelations(db: Db, processId: number) {
	const catalogue = listCatalogue(db, processId);
	const starter = catalogue.find(({ measures }) => measures.length >= 2);
	if (starter) {
		createProject(
			db,
			processId,
			{
				title: `Starterprojekt ${starter.field.title}`,
				description:
					'Bündelt die Maßnahmen des Handlungsfelds, die gleich nach dem Beschluss beginnen können: sie zeigen früh, dass das Konzept wirkt.',
				lead: 'Stabsstelle Integration'
			},
			starter.measures.slice(0, starterSize).map((measure) => measure.number)
		);
	}

	const fields = listFields(db, processId);
	const all = catalogue.flatMap(({ measures }) => measures);
	const serving =
		all.find((measure) => measure.fieldOfActionId !== starter?.field.id) ?? all.at(-1);
	if (serving && fields.length > 1) {
		const index = fields.findIndex((field) => field.id === serving.fieldOfActionId);
		relate(db, processId, serving, { fieldIds: [fields[(index + 1) % fields.length]!.id] });
	}

	const guidelines = listGuidelines(db, processId);
	if (guidelines.length === 0) return;
	// Re-read: the project and the further field above changed rows the catalogue returned.
	const measures = listCatalogue(db, processId).flatMap(({ measures }) => measures);
	measures.slice(0, guidelines.length).forEach((measure, index) => {
		// Each follows one guideline; every second one a further guideline as well.
		const followed = [guidelines[index]!, guidelines[(index + 1) % guidelines.length]!].slice(
			0,
			index % 2 === 0 ? 1 : 2
		);
		relate(db, processId, measure, { guidelineIds: followed.map((guideline) => guideline.id) });
	});
}
