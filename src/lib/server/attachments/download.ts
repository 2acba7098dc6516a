import type * as table from '../db/schema';
import { contentDisposition } from './file-name';

/**
 * A stored file as a download: always saved, never shown in the page (`attachment`), with its
 * stored type, which the browser must not second-guess (`nosniff`), and a sandbox in case a
 * browser shows it anyway: no scripts, no forms, no same-origin rights.
 */
export function attachmentResponse(file: table.Attachment, visibility: 'private' | 'public') {
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.mediaType,
			'content-length': String(file.size),
			'content-disposition': contentDisposition(file.fileName),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			'cache-control': visibility === 'public' ? 'public, no-cache' : 'private, no-cache'
		}
	});
}
