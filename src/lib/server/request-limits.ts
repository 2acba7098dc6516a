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

/** The forms that take large files: their route and action. */
const uploads: { routes: readonly string[]; action: string; limit: number }[] = [
	{
		routes: ['/o/[org]/legal'],
		action: 'uploadSignVideo',
		limit: requestLimits.signVideoUpload
	},
	{
		routes: [
			'/o/[org]/p/[process]',
			'/o/[org]/p/[process]/measures/[measure]',
			'/o/[org]/p/[process]/events/[event]',
			'/o/[org]/p/[process]/concept/[version]'
		],
		action: 'uploadAttachment',
		limit: requestLimits.attachmentUpload
	}
];

const isAction = (url: URL, name: string) =>
	url.search === `?/${name}` || url.search.startsWith(`?/${name}&`);

/**
 * How much a request may send: a signed-in person posting to one of the upload forms may send
 * that form's limit, anyone else 3 MB. Without the route and the session, any path with
 * `?/uploadSignVideo` in its query would have let an anonymous post hold 202 MB in memory.
 */
export function bodyLimit(url: URL, routeId: string | null, signedIn: boolean): number {
	const upload = uploads.find(
		(form) => routeId !== null && form.routes.includes(routeId) && isAction(url, form.action)
	);
	return upload && signedIn ? upload.limit : requestLimits.form;
}

/**
 * Why a request's body is refused before anything reads it: 411 when it does not say its length
 * (a chunked post could otherwise send BODY_SIZE_LIMIT's 202 MB to any form; browsers always
 * send the length of a form), 413 when it is longer than `limit` (`bodyLimit`); null when it may
 * be read.
 */
export function bodyRefusal(request: Request, limit: number): 411 | 413 | null {
	if (request.body !== null && !request.headers.has('content-length')) return 411;
	const declared = Number(request.headers.get('content-length') ?? 0);
	return declared > limit ? 413 : null;
}
