import { requireVersion } from '$lib/server/concept/guard';
import { adoptionLineOf } from '$lib/server/council/steps';
import { getDb } from '$lib/server/db';
import { conceptOutline } from '$lib/server/export/concept';
import { loadAttachments, removeAttachment, uploadAttachment } from '$lib/server/forms/attachments';
import type { Actions, PageServerLoad } from './$types';

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
