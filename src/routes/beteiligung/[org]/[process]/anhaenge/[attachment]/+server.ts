import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { publicAttachmentFile } from '$lib/server/attachments/attachments';
import { attachmentResponse } from '$lib/server/attachments/download';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';
import { requirePublicProcess } from '../../public';

/** A file marked public, of a public process; anything else is not found. */
export const GET: RequestHandler = ({ params }) => {
	const { process } = requirePublicProcess(params);
	const file = publicAttachmentFile(getDb(), process.id, Number(params.attachment));
	if (!file) error(404, { message: m.error_not_found() });
	return attachmentResponse(file, 'public');
};
