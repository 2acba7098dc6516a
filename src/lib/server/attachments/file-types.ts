import { strFromU8, unzipSync } from 'fflate';
import { attachmentKinds, attachmentMaxBytes, type AttachmentKind } from '../../attachments';

/** Why a file is not taken; each has a translated message (forms/attachments.ts). */
export type FileRefusal =
	| 'empty'
	| 'too_large'
	| 'executable'
	| 'markup'
	| 'legacy_office'
	| 'macros'
	| 'other_zip'
	| 'mismatch'
	| 'unknown';

export type FileIdentity =
	{ ok: true; kind: AttachmentKind; mediaType: string } | { ok: false; reason: FileRefusal };

const refused = (reason: FileRefusal): FileIdentity => ({ ok: false, reason });

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
	signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The extension of a file name, lower case, without the dot; '' if it has none. */
export function extensionOf(fileName: string): string {
	const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
	return match ? match[1]!.toLowerCase() : '';
}

const knownExtensions = new Set<string>(
	Object.values(attachmentKinds).flatMap((kind) => kind.extensions)
);

/**
 * What a file is, from its bytes alone: PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG, or plain text
 * (TXT, or CSV when the name says so). The name only decides between TXT and CSV, and is refused
 * when it claims one of these kinds and the content is another (a ".docx" that is no Word
 * file): a wrong name misleads whoever opens the download.
 */
export function identifyFile(bytes: Uint8Array, fileName: string): FileIdentity {
	if (bytes.length === 0) return refused('empty');
	if (bytes.length > attachmentMaxBytes) return refused('too_large');
	const found = kindOfContent(bytes, extensionOf(fileName));
	if (!found.ok) return found;
	const extension = extensionOf(fileName);
	const expected: readonly string[] = attachmentKinds[found.kind].extensions;
	if (knownExtensions.has(extension) && !expected.includes(extension)) return refused('mismatch');
	return found;
}

function kindOfContent(bytes: Uint8Array, extension: string): FileIdentity {
	const known = (kind: AttachmentKind): FileIdentity => ({
		ok: true,
		kind,
		mediaType: attachmentKinds[kind].mediaType
	});
	if (startsWith(bytes, ascii('%PDF-'))) return known('pdf');
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return known('png');
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return known('jpeg');
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return kindOfZip(bytes, known);
	// Windows and DOS programs ("MZ"), Linux (ELF) and macOS (Mach-O) programs, shell scripts.
	if (
		startsWith(bytes, ascii('MZ')) ||
		startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) ||
		startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) ||
		startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) ||
		startsWith(bytes, ascii('#!'))
	) {
		return refused('executable');
	}
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
		return refused('legacy_office');
	}
	const text = decodeText(bytes);
	if (text === null) return refused('unknown');
	if (looksLikeMarkup(text.text)) return refused('markup');
	const kind = extension === 'csv' ? 'csv' : 'txt';
	return {
		ok: true,
		kind,
		mediaType: `${attachmentKinds[kind].mediaType}; charset=${text.charset}`
	};
}

/** Bytes that are text: UTF-8 (with or without BOM) or else Windows-1252, without control characters. */
function decodeText(bytes: Uint8Array): { text: string; charset: 'utf-8' | 'windows-1252' } | null {
	for (const byte of bytes) {
		// Tab, line feed, form feed and carriage return are text; other C0 controls are not.
		if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) {
			return null;
		}
		if (byte === 0x7f) return null;
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
	} catch {
		// Latin-1 is enough to look for markup, which is ASCII.
		return { text: new TextDecoder('latin1').decode(bytes), charset: 'windows-1252' };
	}
}

/**
 * HTML, SVG or XML: a browser may render these and run their scripts, so they are refused even
 * though the download is sandboxed. Plain text rarely starts with "<" or holds such tags.
 */
function looksLikeMarkup(text: string): boolean {
	const start = text.replace(/^\ufeff/, '').trimStart();
	if (start.startsWith('<')) return true;
	return /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)\b/i.test(
		text.slice(0, 64 * 1024)
	);
}

/** Parts that carry code: VBA projects, ActiveX controls, embedded OLE objects. */
const activePart = /(^|\/)(vbaProject[^/]*\.bin$|activeX\/|embeddings\/oleObject)/i;
/** Relationships that make Office fetch a template, an object or a frame from elsewhere. */
const remoteRelationship =
	/\bType="[^"]*\/(attachedTemplate|oleObject|frame|subDocument)"[^>]*\bTargetMode="External"|\bTargetMode="External"[^>]*\bType="[^"]*\/(attachedTemplate|oleObject|frame|subDocument)"/i;

/**
 * An Office Open XML or OpenDocument file, read from its central directory: the names of its
 * parts, and the small XML parts that declare macros or remote content, unpacked up to 1 MB each.
 */
function kindOfZip(bytes: Uint8Array, known: (kind: AttachmentKind) => FileIdentity): FileIdentity {
	const names: string[] = [];
	let parts: Record<string, Uint8Array>;
	try {
		parts = unzipSync(bytes, {
			filter: (file) => {
				names.push(file.name);
				return (
					(file.name === '[Content_Types].xml' || file.name.endsWith('.rels')) &&
					file.originalSize <= 1024 * 1024
				);
			}
		});
	} catch {
		return refused('other_zip');
	}
	const odf = openDocumentType(bytes);
	if (odf) {
		if (!names.includes('content.xml') || !names.includes('META-INF/manifest.xml')) {
			return refused('other_zip');
		}
		if (names.some((name) => /^(Basic|Scripts)\//.test(name))) return refused('macros');
		if (odf === 'application/vnd.oasis.opendocument.text') return known('odt');
		if (odf === 'application/vnd.oasis.opendocument.spreadsheet') return known('ods');
		return refused('other_zip');
	}
	const types = parts['[Content_Types].xml'];
	if (!types) return refused('other_zip');
	if (names.some((name) => activePart.test(name))) return refused('macros');
	if (/macroEnabled|vbaProject/i.test(strFromU8(types))) return refused('macros');
	const relationships = Object.entries(parts).filter(([name]) => name.endsWith('.rels'));
	if (relationships.some(([, xml]) => remoteRelationship.test(strFromU8(xml)))) {
		return refused('macros');
	}
	if (names.some((name) => name.startsWith('word/'))) return known('docx');
	if (names.some((name) => name.startsWith('xl/'))) return known('xlsx');
	return refused('other_zip');
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** An OpenDocument file starts with an uncompressed entry `mimetype` holding its type. */
function openDocumentType(bytes: Uint8Array): string | null {
	if (bytes.length < 30) return null;
	const data = view(bytes);
	const method = data.getUint16(8, true);
	const size = data.getUint32(18, true);
	const nameLength = data.getUint16(26, true);
	const extraLength = data.getUint16(28, true);
	const name = new TextDecoder('latin1').decode(bytes.subarray(30, 30 + nameLength));
	if (name !== 'mimetype' || method !== 0 || size > 100) return null;
	const start = 30 + nameLength + extraLength;
	if (start + size > bytes.length) return null;
	return new TextDecoder('latin1').decode(bytes.subarray(start, start + size));
}
