import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { runImport } from '$lib/server/catalogue-io/catalogue-import';
import {
	columnOptions,
	dryRun,
	mappingFrom,
	openUpload,
	statedLimits as limits,
	uploadParam
} from '$lib/server/catalogue-io/import-page';
import { importLimits, readTable } from '$lib/server/catalogue-io/read-table';
import { dropUpload, storeUpload } from '$lib/server/catalogue-io/uploads';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms/parse';
import { id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { organisation, process, user } = requireProcess(event, 'manageMeasures');
	const scope = { organisationId: organisation.id, processId: process.id, userId: user.id };
	const params = event.url.searchParams;
	const done = v.safeParse(
		v.object({ create: uploadParam, update: uploadParam, unchanged: uploadParam }),
		Object.fromEntries(['create', 'update', 'unchanged'].map((k) => [k, params.get(k) ?? '']))
	);
	const base = { limits, done: done.success ? done.output : null, options: columnOptions() };
	const uploadId = v.safeParse(uploadParam, params.get('upload') ?? '');
	if (!uploadId.success) return { ...base, upload: null };
	const db = getDb();
	const opened = await openUpload(db, scope, uploadId.output);
	if (!opened) return { ...base, upload: null, expired: true };
	if ('problem' in opened) return { ...base, upload: null, problem: opened.problem };
	const mapping = mappingFrom((name) => params.get(name), opened.header);
	return {
		...base,
		upload: {
			id: opened.upload.id,
			fileName: opened.upload.fileName,
			notes: opened.notes,
			columns: opened.header.map((header, index) => ({
				header,
				sample: opened.rows[0]?.cells[index] ?? '',
				mapped: mapping[index] ?? ''
			}))
		},
		...dryRun(db, process.id, opened, mapping)
	};
};

export const actions: Actions = {
	upload: async (event) => {
		const { organisation, process, user } = requireProcess(event, 'manageMeasures');
		const scope = { organisationId: organisation.id, processId: process.id, userId: user.id };
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: m.import_no_file() });
		}
		if (file.size > importLimits.bytes) {
			return fail(400, { message: m.import_problem_too_large({ max: limits.megabytes }) });
		}
		const content = new Uint8Array(await file.arrayBuffer());
		// A file that cannot be read is refused now, before it is kept.
		const read = await readTable(content);
		if (!read.ok) return fail(400, { message: read.problem });
		const upload = storeUpload(getDb(), scope, { name: file.name, content });
		redirect(303, `${event.url.pathname}?upload=${upload.id}`);
	},
	import: async (event) => {
		const { organisation, process, user } = requireProcess(event, 'manageMeasures');
		const scope = { organisationId: organisation.id, processId: process.id, userId: user.id };
		const data = await event.request.formData();
		const form = parseForm(
			v.object({ upload: id, fingerprint: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)) }),
			data
		);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const opened = await openUpload(db, scope, form.data.upload);
		if (!opened) return fail(410, { message: m.import_expired() });
		if ('problem' in opened) return fail(400, { message: opened.problem });
		const mapping = mappingFrom((name) => {
			const value = data.get(name);
			return typeof value === 'string' ? value : null;
		}, opened.header);
		const outcome = runImport(
			db,
			process.id,
			opened.rows,
			mapping,
			opened.upload.sha256,
			form.data.fingerprint
		);
		if (!outcome.ok) {
			const message = {
				changed: m.import_changed(),
				refused_rows: m.import_fix_refused(),
				nothing: m.import_nothing()
			}[outcome.reason];
			return fail(409, { message });
		}
		dropUpload(db, opened.upload.id);
		const { create, update, unchanged } = outcome.counts;
		redirect(303, `${event.url.pathname}?create=${create}&update=${update}&unchanged=${unchanged}`);
	}
};
