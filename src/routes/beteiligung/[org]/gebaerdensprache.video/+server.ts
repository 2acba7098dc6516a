import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseRange } from '$lib/server/sign-video/range';
import { publicSignVideo, signVideoBytes } from '$lib/server/sign-video/sign-video';
import type { RequestHandler } from './$types';

/**
 * The start page's video in Deutsche Gebärdensprache, from our own origin. Browsers seek with
 * one `Range` each, answered 206 with only those bytes; a range that makes no sense gets 416.
 */
export const GET: RequestHandler = ({ params, request }) => {
	const db = getDb();
	const video = publicSignVideo(db, params.org);
	if (!video) error(404, { message: m.error_not_found() });
	const headers = {
		'content-type': video.mediaType,
		'accept-ranges': 'bytes',
		etag: `"${video.sha256}"`,
		'cache-control': 'public, no-cache',
		'x-content-type-options': 'nosniff'
	};
	const range = parseRange(request.headers.get('range'), video.size);
	if (range.kind === 'unsatisfiable') {
		return new Response(null, {
			status: 416,
			headers: { ...headers, 'content-range': `bytes */${video.size}` }
		});
	}
	const start = range.kind === 'part' ? range.start : 0;
	const end = range.kind === 'part' ? range.end : video.size - 1;
	const bytes = signVideoBytes(db, video.organisationId, start, end - start + 1);
	return new Response(bytes, {
		status: range.kind === 'part' ? 206 : 200,
		headers: {
			...headers,
			'content-length': String(bytes.length),
			...(range.kind === 'part' ? { 'content-range': `bytes ${start}-${end}/${video.size}` } : {})
		}
	});
};
