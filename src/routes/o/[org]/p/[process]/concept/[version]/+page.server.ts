import { requireVersion } from '$lib/server/concept/guard';
import { adoptionLineOf } from '$lib/server/council/steps';
import { getDb } from '$lib/server/db';
import { conceptOutline } from '$lib/server/export/concept';
import { loadAttachments, removeAttachment, uploadAttachment } from '$lib/server/forms/attachments';
import type { Actions, PageServerLoad } from './$types';

// A version is a finished document of up to a few hundred measures: rendered on the server only,
// it is not sent a second time as data for the browser to hydrate (that doubled a county-scale
// version to 320 KB). Its forms (attachments) work as plain posts.
export const csr = false;

export const load: PageServerLoad = (event) => {
	const { version } = requireVersion(event, 'readProcess');
	return {
		number: version.number,
		outline: conceptOutline(version, adoptionLineOf(getDb(), version.id)),
		attachments: loadAttachments(event, 'version')
	};
};

export const actions: Actions = {
	uploadAttachment: uploadAttachment('version'),
	deleteAttachment: removeAttachment('version')
};
