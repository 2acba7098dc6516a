/**
 * What an attachment may be, for the upload form and the server alike: the limit the page
 * states and the server enforces, and the kinds of file taken (recognised by their content on
 * the server, `src/lib/server/attachments/file-types.ts`; the form's `accept` only helps the
 * browser's file picker).
 */

/** 20 MB per file. adapter-node's BODY_SIZE_LIMIT (server.js) leaves room for the form around it. */
export const attachmentMaxBytes = 20 * 1024 * 1024;

export const attachmentMaxMegabytes = attachmentMaxBytes / 1024 / 1024;

/** The longest title and file name kept. */
export const attachmentTitleMax = 200;
export const attachmentFileNameMax = 150;

/** The kinds of file taken, each with the media type it is stored and served as. */
export const attachmentKinds = {
	pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
	docx: {
		mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		extensions: ['docx']
	},
	xlsx: {
		mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		extensions: ['xlsx']
	},
	odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
	ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
	png: { mediaType: 'image/png', extensions: ['png'] },
	jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
	// Stored with the charset found: `text/plain; charset=utf-8` or `…; charset=windows-1252`.
	txt: { mediaType: 'text/plain', extensions: ['txt'] },
	csv: { mediaType: 'text/csv', extensions: ['csv'] }
} as const satisfies Record<string, { mediaType: string; extensions: readonly string[] }>;

export type AttachmentKind = keyof typeof attachmentKinds;

/** For the file picker: `.pdf,.docx,…`. */
export const attachmentAccept = Object.values(attachmentKinds)
	.flatMap((kind) => kind.extensions.map((extension) => `.${extension}`))
	.join(',');

/** The short name of a stored media type, its charset aside ("PDF", "DOCX"), for lists. */
export function attachmentKindLabel(mediaType: string): string {
	const base = mediaType.split(';')[0]!.trim();
	const found = Object.entries(attachmentKinds).find(([, kind]) => kind.mediaType === base);
	return found ? found[0].toUpperCase() : base;
}

/** Where an attachment belongs: the process itself, or one of its versions, measures or events. */
export type AttachmentTarget =
	| { kind: 'process' }
	| { kind: 'version'; id: number }
	| { kind: 'measure'; id: number }
	| { kind: 'event'; id: number };
