import { attachmentMaxBytes } from '../attachments';

/**
 * How large a request body may be. adapter-node's BODY_SIZE_LIMIT (server.js: 21M) lets an
 * attachment (20 MB) through with its form; every other post keeps the former limit of 3 MB,
 * room for a catalogue or member list (2 MB) in a multipart form.
 */
export const requestLimits = {
	form: 3 * 1024 * 1024,
	attachmentUpload: attachmentMaxBytes + 1024 * 1024
} as const;

/** Whether a request declares a body longer than its route takes (`?/uploadAttachment` or any other). */
export function bodyTooLarge(request: Request, url: URL): boolean {
	const declared = Number(request.headers.get('content-length') ?? 0);
	const upload =
		url.search === '?/uploadAttachment' || url.search.startsWith('?/uploadAttachment&');
	return declared > (upload ? requestLimits.attachmentUpload : requestLimits.form);
}
