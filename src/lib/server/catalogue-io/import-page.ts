import * as v from 'valibot';
import type { Db } from '../db';
import { columnLabel, columnOfHeader, importKeys, type ImportKey } from './columns';
import {
	locateHeader,
	mappingProblems,
	planImport,
	suggestMapping,
	type Mapping
} from './catalogue-import';
import { importLimits, readTable } from './read-table';
import { findUpload, type UploadScope } from './uploads';

const mappedColumn = v.picklist(['', ...importKeys]);

/** The limits the import pages state. */
export const statedLimits = {
	rows: importLimits.rows,
	megabytes: importLimits.bytes / 1024 / 1024
};

/** An upload's id (or a count) as the import pages' addresses carry it. */
export const uploadParam = v.pipe(v.string(), v.regex(/^\d{1,12}$/), v.transform(Number));

/** How many new or changed rows the dry run lists by name; the counts cover all. */
const listedRows = 200;

/**
 * The mapping a form or URL gives (`col0`, `col1` … per file column), or the one the headers
 * suggest when none is given. Unknown values count as "leave out".
 */
export function mappingFrom(values: (name: string) => string | null, header: string[]): Mapping {
	if (values('col0') === null) return suggestMapping(header);
	return header.map((_, index) => {
		const parsed = v.safeParse(mappedColumn, values(`col${index}`) ?? '');
		return parsed.success && parsed.output !== '' ? (parsed.output as ImportKey) : null;
	});
}

/**
 * An upload read for the mapping and dry run, its header row found by `findHeader`'s names;
 * undefined if it is gone or not this person's.
 */
export async function openUpload(
	db: Db,
	scope: UploadScope,
	uploadId: number,
	findHeader: (cell: string) => unknown = columnOfHeader
) {
	const upload = findUpload(db, scope, uploadId);
	if (!upload) return undefined;
	const read = await readTable(new Uint8Array(upload.content));
	if (!read.ok) return { upload, problem: read.problem } as const;
	const headerAt = locateHeader(read.rows, findHeader);
	return {
		upload,
		kind: read.kind,
		notes: read.notes,
		header: read.rows[headerAt]!.cells,
		rows: read.rows.slice(headerAt + 1)
	} as const;
}

/** The page's view of a dry run: the counts, and the rows that change something or are refused. */
export function dryRun(
	db: Db,
	processId: number,
	opened: { upload: { sha256: string }; rows: Parameters<typeof planImport>[2] },
	mapping: Mapping
) {
	const problems = mappingProblems(mapping);
	if (problems.length > 0) return { problems, plan: null };
	const plan = planImport(db, processId, opened.rows, mapping, opened.upload.sha256);
	// Every refused row, and the first of the others: the page stays small at 5,000 rows.
	const changing = plan.rows.filter((row) => row.action !== 'unchanged');
	let others = 0;
	const listed = changing.filter((row) => row.action === 'refused' || others++ < listedRows);
	return {
		problems,
		plan: {
			counts: plan.counts,
			fingerprint: plan.fingerprint,
			newFields: plan.newFields.map((field) => `${field.code} ${field.title}`),
			newGoals: plan.newGoals.map((goal) => goal.title),
			rows: listed.map(({ line, action, title, details }) => ({ line, action, title, details })),
			notListed: changing.length - listed.length
		}
	};
}

export const columnOptions = () =>
	importKeys.map((key) => ({ value: key, label: columnLabel(key) }));
