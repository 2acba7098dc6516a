import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { publicCaptions } from '$lib/server/sign-video/sign-video';
import type { RequestHandler } from './$types';

/** The captions of the start page's video in Deutsche Gebärdensprache, as WebVTT. */
export const GET: RequestHandler = ({ params }) => {
	const found = publicCaptions(getDb(), params.org);
	if (!found) error(404, { message: m.error_not_found() });
	return new Response(new Uint8Array(found.captions), {
		headers: {
			'content-type': 'text/vtt; charset=utf-8',
			'content-length': String(found.captions.length),
			etag: `"${found.sha256}"`,
			'cache-control': 'public, no-cache',
			'x-content-type-options': 'nosniff'
		}
	});
};
