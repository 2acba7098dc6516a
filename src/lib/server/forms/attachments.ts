/**
 * The attachments of a page (the process overview, a concept version, a measure, an event): one
 * load helper and two form actions, the same on every page that shows `Attachments.svelte`.
 * Their results sit under `attachment`, apart from the page's own messages.
 */
import { error, fail, type RequestEvent, type ServerLoadEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	attachmentMaxBytes,
	attachmentMaxMegabytes,
	attachmentTitleMax,
	type AttachmentTarget
} from '../../attachments';
import {
	addAttachment,
	deleteAttachment,
	findAttachment,
	isTargetLocked,
	listAttachments
} from '../attachments/attachments';
import { extensionOf, type FileRefusal } from '../attachments/file-types';
import { roleAllows, type Permission } from '../auth/roles';
import { findMeasure } from '../concept/measures';
import { requireVersion } from '../concept/guard';
import { getDb } from '../db';
import { requireEvent, requireProcess } from '../guard';
import { askToConfirm, confirmed } from './confirm';
import { optionalLine } from './fields';
import { parseForm } from './parse';
import { checkbox, id } from './process-fields';

export type AttachmentPlace = AttachmentTarget['kind'];

/** Who may add and delete files where; everyone who may read the process may download them. */
const managedBy: Record<AttachmentPlace, Permission> = {
	process: 'editProcess',
	version: 'editProcess',
	measure: 'manageMeasures',
	event: 'manageEvents'
};

type Guarded = Pick<RequestEvent, 'locals' | 'url' | 'params'>;

/** The page's process and record, checked as the page checks them, with `permission`. */
function requireTarget(event: Guarded, place: AttachmentPlace, permission: Permission) {
	switch (place) {
		case 'process': {
			const access = requireProcess(event, permission);
			return { ...access, target: { kind: 'process' } as AttachmentTarget };
		}
		case 'version': {
			const access = requireVersion(event, permission);
			return { ...access, target: { kind: 'version', id: access.version.id } as AttachmentTarget };
		}
		case 'event': {
			const access = requireEvent(event, permission);
			return { ...access, target: { kind: 'event', id: access.event.id } as AttachmentTarget };
		}
		case 'measure': {
			const access = requireProcess(event, permission);
			const measureId = Number((event.params as { measure?: string }).measure);
			const measure = findMeasure(getDb(), access.process.id, measureId);
			if (!measure) error(404, { message: m.error_not_found() });
			return { ...access, target: { kind: 'measure', id: measure.id } as AttachmentTarget };
		}
	}
}

/** What `Attachments.svelte` shows: the list, and whether this person may add and delete. */
export function loadAttachments(
	event: Guarded & Pick<ServerLoadEvent, 'depends'>,
	place: AttachmentPlace
) {
	event.depends('app:attachments');
	const { process, role, target } = requireTarget(event, place, 'readProcess');
	const db = getDb();
	return {
		items: listAttachments(db, process.id, target),
		canManage: roleAllows(role, managedBy[place]),
		locked: isTargetLocked(db, process.id, target)
	};
}

function refusal(reason: FileRefusal, fileName: string): string {
	switch (reason) {
		case 'empty':
			return m.attachment_refused_empty();
		case 'too_large':
			return m.attachment_refused_too_large({ max: attachmentMaxMegabytes });
		case 'executable':
			return m.attachment_refused_executable();
		case 'markup':
			return m.attachment_refused_markup();
		case 'legacy_office':
			return m.attachment_refused_legacy_office();
		case 'macros':
			return m.attachment_refused_macros();
		case 'other_zip':
			return m.attachment_refused_other_zip();
		case 'mismatch':
			return m.attachment_refused_mismatch({ extension: extensionOf(fileName) });
		case 'unknown':
			return m.attachment_refused_unknown();
	}
}

const uploadForm = v.object({ title: optionalLine(attachmentTitleMax), isPublic: checkbox });

/** The form action `?/uploadAttachment` of a page. */
export function uploadAttachment(place: AttachmentPlace) {
	return async (event: RequestEvent) => {
		const { process, user, target } = requireTarget(event, place, managedBy[place]);
		const data = await event.request.formData();
		const form = parseForm(uploadForm, data);
		if (!form.ok) {
			return fail(400, { attachment: { message: m.form_has_errors(), title: form.values.title } });
		}
		const refuse = (message: string) =>
			fail(400, { attachment: { message, title: form.values.title ?? '' } });
		const file = data.get('file');
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
			return refuse(m.attachment_no_file());
		}
		// Checked before the bytes are read.
		if (file.size > attachmentMaxBytes) return refuse(refusal('too_large', file.name));
		const added = addAttachment(
			getDb(),
			process.id,
			target,
			{
				title: form.data.title,
				fileName: file.name,
				content: new Uint8Array(await file.arrayBuffer()),
				isPublic: form.data.isPublic
			},
			{ id: user.id, name: user.name }
		);
		if (!added.ok) {
			if (added.reason === 'not_found') error(404, { message: m.error_not_found() });
			return refuse(refusal(added.reason, file.name));
		}
		return { attachment: { saved: m.attachment_added({ name: added.attachment.fileName }) } };
	};
}

/** The form action `?/deleteAttachment` of a page: asks first, refuses on an adopted version. */
export function removeAttachment(place: AttachmentPlace) {
	return async (event: RequestEvent) => {
		const { process, target } = requireTarget(event, place, managedBy[place]);
		const form = parseForm(v.object({ id, ...confirmed }), await event.request.formData());
		if (!form.ok) return fail(400, { attachment: { message: m.form_has_errors() } });
		const db = getDb();
		const found = findAttachment(db, process.id, target, form.data.id);
		if (!found) error(404, { message: m.error_not_found() });
		const locked = () =>
			fail(409, { attachment: { message: m.attachment_delete_refused_adopted() } });
		if (isTargetLocked(db, process.id, target)) return locked();
		if (!form.data.confirmed) {
			const asked = askToConfirm({
				action: '?/deleteAttachment',
				fields: { id: String(found.id) },
				question: m.attachment_delete_named({ name: found.title })
			});
			return fail(409, { attachment: { confirm: asked.data.confirm } });
		}
		const result = deleteAttachment(db, process.id, target, found.id);
		if (!result.ok) {
			if (result.reason === 'adopted') return locked();
			error(404, { message: m.error_not_found() });
		}
		return { attachment: { saved: m.deleted() } };
	};
}
