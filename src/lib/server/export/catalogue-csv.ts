import { desc, eq } from 'drizzle-orm';
import writeXlsxFile from 'write-excel-file/node';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listCatalogue, listsOfMeasures } from '../concept/measures';
import { exportCells, exportHeader, type ExportRow } from '../catalogue-io/columns';
import { standing } from '../monitoring/monitoring';
import { toCsv } from './csv';

/** Each measure's latest status update that no later one corrects, in one query. */
function latestUpdates(db: Db, processId: number) {
	const updates = db
		.select({ update: table.measureUpdate })
		.from(table.measureUpdate)
		.innerJoin(table.measure, eq(table.measureUpdate.measureId, table.measure.id))
		.where(eq(table.measure.processId, processId))
		.orderBy(desc(table.measureUpdate.recordedOn), desc(table.measureUpdate.id))
		.all()
		.map(({ update }) => update);
	const corrected = new Set(updates.map((u) => u.correctsId).filter((id) => id !== null));
	const latest = new Map<number, table.MeasureUpdate>();
	for (const update of updates) {
		if (!corrected.has(update.id) && !latest.has(update.measureId)) {
			latest.set(update.measureId, update);
		}
	}
	return latest;
}

/** The catalogue as rows of the column registry: the shape an import reads back. */
function catalogueRows(db: Db, processId: number, today: string): ExportRow[] {
	const latest = latestUpdates(db, processId);
	const catalogue = listCatalogue(db, processId);
	const lists = listsOfMeasures(
		db,
		catalogue.flatMap(({ measures }) => measures.map((measure) => measure.id))
	);
	const bodyName = new Map(
		db
			.select({ id: table.body.id, name: table.body.name })
			.from(table.body)
			.where(eq(table.body.processId, processId))
			.all()
			.map((body) => [body.id, body.name])
	);
	return catalogue.flatMap(({ field, goals, measures }) => {
		const goalById = new Map(goals.map((goal) => [goal.id, goal]));
		return measures.map((measure) => {
			const update = latest.get(measure.id) ?? null;
			return {
				measure,
				field,
				goal: measure.goalId === null ? null : (goalById.get(measure.goalId) ?? null),
				lists: lists.get(measure.id)!,
				leadBody: measure.leadBodyId === null ? null : (bodyName.get(measure.leadBodyId) ?? null),
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
