import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseRange } from '$lib/server/sign-video/range';
import {
	publicSignVideo,
	signVideoBytes,
	signVideoMaxRangeBytes,
	signVideoStream
} from '$lib/server/sign-video/sign-video';
import type { RequestHandler } from './$types';

/**
 * The start page's video in Deutsche Gebärdensprache, from our own origin. Browsers seek with
 * one `Range` each, answered 206 with at most 2 MiB of those bytes; a range that makes no sense
 * gets 416. Without a range the whole file is streamed a piece at a time. A phone that has the
 * video already is answered 304 (`If-None-Match`), so watching it again costs no data; a range
 * asked `If-Range` of a replaced video gets the whole new one, never pieces of two.
 */
function answer({ params, request }: Parameters<RequestHandler>[0], body: boolean): Response {
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
	if (
		request.headers
			.get('if-none-match')
			?.split(/\s*,\s*/)
			.includes(headers.etag)
	) {
		return new Response(null, { status: 304, headers });
	}
	const ifRange = request.headers.get('if-range');
	const asked = ifRange === null || ifRange === headers.etag ? request.headers.get('range') : null;
	const range = parseRange(asked, video.size);
	if (range.kind === 'unsatisfiable') {
		return new Response(null, {
			status: 416,
			headers: { ...headers, 'content-range': `bytes */${video.size}` }
		});
	}
	if (range.kind === 'whole') {
		return new Response(body ? signVideoStream(db, video.id, video.size) : null, {
			status: 200,
			headers: { ...headers, 'content-length': String(video.size) }
		});
	}
	const start = range.start;
	const end = Math.min(range.end, start + signVideoMaxRangeBytes - 1);
	const length = end - start + 1;
	const partHeaders = {
		...headers,
		'content-length': String(length),
		'content-range': `bytes ${start}-${end}/${video.size}`
	};
	if (!body) return new Response(null, { status: 206, headers: partHeaders });
	// Read in the same synchronous turn as the row above: the same video, even if replaced next.
	const bytes = signVideoBytes(db, video.id, start, length);
	return new Response(bytes, {
		status: 206,
		headers: { ...partHeaders, 'content-length': String(bytes.length) }
	});
}

export const GET: RequestHandler = (event) => answer(event, true);

/** The headers alone: no piece of the video is read. */
export const HEAD: RequestHandler = (event) => answer(event, false);
