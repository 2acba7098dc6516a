import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { attachmentFile } from '$lib/server/attachments/attachments';
import { attachmentResponse } from '$lib/server/attachments/download';
import { getDb } from '$lib/server/db';
import { requireProcess } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const file = attachmentFile(getDb(), process.id, Number(event.params.attachment));
	if (!file) error(404, { message: m.error_not_found() });
	return attachmentResponse(file, 'private');
};
