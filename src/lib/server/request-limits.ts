import { attachmentMaxBytes } from '../attachments';
import { captionsMaxBytes, signVideoMaxMegabytes } from '../sign-video';

const megabyte = 1024 * 1024;

/**
 * How large a request body may be. adapter-node's BODY_SIZE_LIMIT (server.js: 202M) lets the
 * start page's sign-language video (200 MB) and its captions through with their form; an
 * attachment (20 MB) may send 21 MB; every other post keeps the former limit of 3 MB, room for a
 * catalogue or member list (2 MB) in a multipart form.
 */
export const requestLimits = {
	form: 3 * megabyte,
	attachmentUpload: attachmentMaxBytes + megabyte,
	signVideoUpload: signVideoMaxMegabytes * megabyte + captionsMaxBytes + megabyte
} as const;

const isAction = (url: URL, name: string) =>
	url.search === `?/${name}` || url.search.startsWith(`?/${name}&`);

/**
 * Why a request's body is refused before anything reads it: 411 when it does not say its length
 * (a chunked post could otherwise send BODY_SIZE_LIMIT's 202 MB to any form; browsers always
 * send the length of a form), 413 when it is longer than its route takes
 * (`?/uploadSignVideo`, `?/uploadAttachment` or any other); null when it may be read.
 */
export function bodyRefusal(request: Request, url: URL): 411 | 413 | null {
	if (request.body !== null && !request.headers.has('content-length')) return 411;
	const declared = Number(request.headers.get('content-length') ?? 0);
	const limit = isAction(url, 'uploadSignVideo')
		? requestLimits.signVideoUpload
		: isAction(url, 'uploadAttachment')
			? requestLimits.attachmentUpload
			: requestLimits.form;
	return declared > limit ? 413 : null;
}
