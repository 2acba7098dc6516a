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

/**
 * Why a request's body is refused before anything reads it: 411 when it does not say its length
 * (a chunked post could otherwise send BODY_SIZE_LIMIT's 21 MB to any form; browsers always
 * send the length of a form), 413 when it is longer than its route takes
 * (`?/uploadAttachment` or any other); null when it may be read.
 */
export function bodyRefusal(request: Request, url: URL): 411 | 413 | null {
	if (request.body !== null && !request.headers.has('content-length')) return 411;
	const declared = Number(request.headers.get('content-length') ?? 0);
	const upload =
		url.search === '?/uploadAttachment' || url.search.startsWith('?/uploadAttachment&');
	return declared > (upload ? requestLimits.attachmentUpload : requestLimits.form) ? 413 : null;
}
