import { captionsMaxBytes } from '../../sign-video';

/** Why a video or captions file is not taken; each has a translated message (forms/sign-video.ts). */
export type VideoRefusal = 'empty' | 'too_large' | 'not_video';
export type CaptionsRefusal = 'captions_empty' | 'captions_too_large' | 'captions_not_webvtt';

export type VideoIdentity =
	{ ok: true; mediaType: 'video/mp4' | 'video/webm' } | { ok: false; reason: VideoRefusal };

const ascii = (bytes: Uint8Array, from: number, to: number) =>
	String.fromCharCode(...bytes.subarray(from, to));

/** ISO media brands that are pictures, sound or QuickTime rather than an MP4 video. */
const otherBrands = new Set([
	'heic',
	'heix',
	'heim',
	'heis',
	'mif1',
	'msf1',
	'avif',
	'avis',
	'qt  '
]);
const audioBrands = /^M4[ABP] $/;

/**
 * What a video is, from its bytes alone: MP4 (an ISO media file whose first box is `ftyp`) or
 * WebM (an EBML header whose document type is `webm`). The file's name plays no part: a program
 * named ".mp4" is no video.
 */
export function identifyVideo(bytes: Uint8Array, maxBytes: number): VideoIdentity {
	if (bytes.length === 0) return { ok: false, reason: 'empty' };
	if (bytes.length > maxBytes) return { ok: false, reason: 'too_large' };
	if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
		const brand = ascii(bytes, 8, 12);
		if (otherBrands.has(brand) || audioBrands.test(brand))
			return { ok: false, reason: 'not_video' };
		return { ok: true, mediaType: 'video/mp4' };
	}
	if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
		// The DocType element (0x42 0x82) sits in the header's first few dozen bytes.
		const header = ascii(bytes, 0, Math.min(bytes.length, 64));
		const docType = header.indexOf('\u0042\u0082');
		if (docType >= 0 && header.slice(docType + 3, docType + 7) === 'webm') {
			return { ok: true, mediaType: 'video/webm' };
		}
	}
	return { ok: false, reason: 'not_video' };
}

/**
 * WebVTT captions: UTF-8 text that starts with "WEBVTT" (after an optional byte order mark),
 * followed by the end of the line, a space or a tab, as the WebVTT standard asks.
 */
export function checkCaptions(
	bytes: Uint8Array
): { ok: true } | { ok: false; reason: CaptionsRefusal } {
	if (bytes.length === 0) return { ok: false, reason: 'captions_empty' };
	if (bytes.length > captionsMaxBytes) return { ok: false, reason: 'captions_too_large' };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, reason: 'captions_not_webvtt' };
	}
	const start = text.replace(/^\ufeff/, '');
	if (!/^WEBVTT($|[ \t\r\n])/.test(start)) return { ok: false, reason: 'captions_not_webvtt' };
	return { ok: true };
}
