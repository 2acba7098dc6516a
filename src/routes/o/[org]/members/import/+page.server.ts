import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { mailConfigured } from '$lib/server/auth/mail';
import { getLocale } from '$lib/paraglide/runtime';
import { messageLocaleOf } from '$lib/notify-kinds';
import { deliverQueued, messageSent, notifyAddress } from '$lib/server/notify/outbox';
import {
	openUpload,
	statedLimits as limits,
	uploadParam
} from '$lib/server/catalogue-io/import-page';
import {
	inviteMembers,
	memberColumnOfHeader,
	planMembers
} from '$lib/server/catalogue-io/members-import';
import { importLimits, readTable } from '$lib/server/catalogue-io/read-table';
import { dropUpload, storeUpload } from '$lib/server/catalogue-io/uploads';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms/parse';
import { id } from '$lib/server/forms/process-fields';
import { requireOrganisation } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { organisation, user } = requireOrganisation(event, 'manageOrganisation');
	const scope = { organisationId: organisation.id, processId: null, userId: user.id };
	const uploadId = v.safeParse(uploadParam, event.url.searchParams.get('upload') ?? '');
	if (!uploadId.success) return { limits, upload: null };
	const db = getDb();
	const opened = await openUpload(db, scope, uploadId.output, memberColumnOfHeader);
	if (!opened) return { limits, upload: null, expired: true };
	if ('problem' in opened) return { limits, upload: null, problem: opened.problem };
	const plan = planMembers(db, organisation.id, opened.header, opened.rows, opened.upload.sha256);
	return {
		limits,
		upload: { id: opened.upload.id, fileName: opened.upload.fileName, notes: opened.notes },
		plan: {
			problems: plan.problems,
			counts: plan.counts,
			fingerprint: plan.fingerprint,
			rows: plan.rows.map(({ line, action, name, email, role, bodyName, details }) => ({
				line,
				action,
				name,
				email,
				role,
				bodyName,
				details
			}))
		}
	};
};

export const actions: Actions = {
	upload: async (event) => {
		const { organisation, user } = requireOrganisation(event, 'manageOrganisation');
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: m.import_no_file() });
		}
		if (file.size > importLimits.bytes) {
			return fail(400, { message: m.import_problem_too_large({ max: limits.megabytes }) });
		}
		const content = new Uint8Array(await file.arrayBuffer());
		const read = await readTable(content);
		if (!read.ok) return fail(400, { message: read.problem });
		const upload = storeUpload(
			getDb(),
			{ organisationId: organisation.id, processId: null, userId: user.id },
			{ name: file.name, content }
		);
		redirect(303, `${event.url.pathname}?upload=${upload.id}`);
	},
	invite: async (event) => {
		const { organisation, user } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(
			v.object({ upload: id, fingerprint: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)) }),
			await event.request.formData()
		);
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const scope = { organisationId: organisation.id, processId: null, userId: user.id };
		const opened = await openUpload(db, scope, form.data.upload, memberColumnOfHeader);
		if (!opened) return fail(410, { message: m.import_expired() });
		if ('problem' in opened) return fail(400, { message: opened.problem });
		const outcome = inviteMembers(
			db,
			organisation.id,
			user.id,
			opened.header,
			opened.rows,
			opened.upload.sha256,
			form.data.fingerprint
		);
		if (!outcome.ok) {
			const message = {
				changed: m.import_changed(),
				refused_rows: m.import_fix_refused(),
				nothing: m.members_import_nothing()
			}[outcome.reason];
			return fail(409, { message });
		}
		dropUpload(db, opened.upload.id);
		// Through the outbox, in the language of the page: without SMTP the links wait there (and
		// on this page) to be passed on by hand.
		const mail = mailConfigured();
		const locale = messageLocaleOf(getLocale());
		const queued = outcome.invited.map(({ name, email, token }) => {
			const link = `${event.url.origin}/invite/${token}`;
			const message = notifyAddress(db, {
				organisationId: organisation.id,
				email,
				kind: 'invitation',
				locale,
				message: {
					subject: m.members_import_mail_subject({ organisation: organisation.name }, { locale }),
					text: m.members_import_mail_text(
						{ name, organisation: organisation.name, link },
						{ locale }
					),
					link
				},
				secret: true
			});
			return { name, email, link, messageId: message?.id };
		});
		if (mail) await deliverQueued(db);
		const invited = queued.map(({ name, email, link, messageId }) => {
			const mailed = mail && messageId !== undefined && messageSent(db, messageId);
			return { name, email, link: mailed ? null : link, mailed };
		});
		return { invited, mailed: mail };
	}
};
