import { attachmentFileNameMax, attachmentKinds, type AttachmentKind } from '../../attachments';
import { cleanLine } from '../../text/clean';
import { extensionOf } from './file-types';

/**
 * An uploaded file's name made safe to keep and to offer again as a download name: one line
 * without control characters or bidi overrides (`cleanLine`), no folders (`../`, `C:\`), none
 * of the characters Windows forbids in names, no leading dots, at most `attachmentFileNameMax`
 * characters, and ending in the extension of what the file is.
 */
export function storedFileName(raw: string, kind: AttachmentKind): string {
	const extensions: readonly string[] = attachmentKinds[kind].extensions;
	const cleaned = cleanLine(raw)
		.replace(/[\\/:*?"<>|]/g, '_')
		.replace(/^[\s._]+/, '')
		.replace(/[\s.]+$/, '');
	const hasExtension = extensions.includes(extensionOf(cleaned));
	const extension = hasExtension ? cleaned.slice(cleaned.lastIndexOf('.') + 1) : extensions[0]!;
	let stem = hasExtension ? cleaned.slice(0, cleaned.lastIndexOf('.')) : cleaned;
	stem = [...stem].slice(0, attachmentFileNameMax - extension.length - 1).join('');
	return `${stem.replace(/[\s.]+$/, '') || 'datei'}.${extension}`;
}

/** The file's name without its extension: the title when none is given. */
export function titleFromFileName(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * `Content-Disposition` for a download (RFC 6266): the name in UTF-8 as `filename*`, and an
 * ASCII stand-in as `filename` for clients that know only that.
 */
export function contentDisposition(fileName: string): string {
	const fallback = fileName
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^\x20-\x7e]|["\\%]/g, '_');
	const encoded = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
