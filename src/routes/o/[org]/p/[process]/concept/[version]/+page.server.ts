import { requireVersion } from '$lib/server/concept/guard';
import { conceptOutline } from '$lib/server/export/concept';
import { loadAttachments, removeAttachment, uploadAttachment } from '$lib/server/forms/attachments';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { version } = requireVersion(event, 'readProcess');
	return {
		number: version.number,
		outline: conceptOutline(version),
		attachments: loadAttachments(event, 'version')
	};
};

export const actions: Actions = {
	uploadAttachment: uploadAttachment('version'),
	deleteAttachment: removeAttachment('version')
};
