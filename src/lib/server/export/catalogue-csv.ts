import writeXlsxFile from 'write-excel-file/node';
import type { Db } from '../db';
import { bodyNamesOf } from '../bodies/bodies';
import {
	listCatalogue,
	listsOfMeasures,
	relationNamesOf,
	relationsNamed
} from '../concept/measures';
import { exportCells, exportHeader, type ExportRow } from '../catalogue-io/columns';
import { indicatorsByGoal } from '../concept/goal-indicators';
import { listUpdatesOfProcess, standing } from '../monitoring/monitoring';
import { statusAt } from '../monitoring/status-at';
import { toCsv } from './csv';

/** The catalogue as rows of the column registry: the shape an import reads back. */
function catalogueRows(db: Db, processId: number, today: string): ExportRow[] {
	const histories = listUpdatesOfProcess(db, processId);
	const catalogue = listCatalogue(db, processId);
	const lists = listsOfMeasures(
		db,
		catalogue.flatMap(({ measures }) => measures.map((measure) => measure.id))
	);
	const bodyName = bodyNamesOf(db, processId);
	const names = relationNamesOf(db, processId);
	const indicators = indicatorsByGoal(db, processId);
	return catalogue.flatMap(({ field, goals, measures }) => {
		const goalById = new Map(goals.map((goal) => [goal.id, goal]));
		return measures.map((measure) => {
			const update = statusAt(histories.get(measure.id) ?? [], today, measure.status).entry;
			return {
				measure,
				field,
				goal: measure.goalId === null ? null : (goalById.get(measure.goalId) ?? null),
				goalIndicator:
					measure.goalId === null ? null : (indicators.get(measure.goalId)?.[0] ?? null),
				lists: lists.get(measure.id)!,
				leadBody: measure.leadBodyId === null ? null : (bodyName.get(measure.leadBodyId) ?? null),
				...relationsNamed(names, measure, lists.get(measure.id)!),
				latest: update,
				...standing(measure, update, today)
			};
		});
	});
}

/** The whole measures catalogue with each measure's latest status, for the council office. */
export function catalogueCsv(db: Db, processId: number, today: string): string {
	return toCsv([exportHeader(), ...catalogueRows(db, processId, today).map(exportCells)]);
}

/** The same catalogue as an Excel workbook: cells hold text or numbers, never formulas. */
export async function catalogueXlsx(
	db: Db,
	processId: number,
	today: string,
	sheetName: string
): Promise<Buffer> {
	const rows = catalogueRows(db, processId, today).map(exportCells);
	const header = exportHeader();
	return writeXlsxFile(
		[
			header.map((value) => ({ value, fontWeight: 'bold' as const })),
			...rows.map((row) => row.map((value) => (value === '' ? null : value)))
		],
		{ stickyRowsCount: 1, sheet: sheetName }
	).toBuffer();
}
