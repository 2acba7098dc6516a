import { describe, expect, it } from 'vitest';
import {
	captionsSample,
	exeSample,
	mp4Sample,
	webmSample
} from '../../../../tests/sign-video-samples';
import { checkCaptions, identifyVideo } from './video-type';

const max = 1024 * 1024;

describe('identifyVideo', () => {
	it('knows MP4 and WebM by their content', () => {
		expect(identifyVideo(mp4Sample(), max)).toEqual({ ok: true, mediaType: 'video/mp4' });
		expect(identifyVideo(mp4Sample(4096, 'mp42'), max)).toEqual({
			ok: true,
			mediaType: 'video/mp4'
		});
		expect(identifyVideo(webmSample(), max)).toEqual({ ok: true, mediaType: 'video/webm' });
	});

	it('refuses programs, pictures, sound, empty and oversize files', () => {
		expect(identifyVideo(exeSample, max)).toEqual({ ok: false, reason: 'not_video' });
		expect(identifyVideo(mp4Sample(64, 'heic'), max)).toEqual({ ok: false, reason: 'not_video' });
		expect(identifyVideo(mp4Sample(64, 'M4A '), max)).toEqual({ ok: false, reason: 'not_video' });
		expect(identifyVideo(new Uint8Array(), max)).toEqual({ ok: false, reason: 'empty' });
		expect(identifyVideo(mp4Sample(max + 1), max)).toEqual({ ok: false, reason: 'too_large' });
		const matroska = webmSample();
		matroska.set(
			[...'matr'].map((c) => c.charCodeAt(0)),
			24
		);
		expect(identifyVideo(matroska, max)).toEqual({ ok: false, reason: 'not_video' });
	});
});

describe('checkCaptions', () => {
	const text = (value: string) => new TextEncoder().encode(value);

	it('takes WebVTT, with or without a byte order mark', () => {
		expect(checkCaptions(captionsSample)).toEqual({ ok: true });
		expect(checkCaptions(text('\ufeffWEBVTT - Begrüßung\n'))).toEqual({ ok: true });
		expect(checkCaptions(text('WEBVTT'))).toEqual({ ok: true });
	});

	it('refuses other text, SubRip, invalid UTF-8 and empty files', () => {
		expect(checkCaptions(text('1\n00:00:00,000 --> 00:00:04,000\nHallo\n'))).toEqual({
			ok: false,
			reason: 'captions_not_webvtt'
		});
		expect(checkCaptions(text('WEBVTTX\n'))).toEqual({ ok: false, reason: 'captions_not_webvtt' });
		expect(checkCaptions(new Uint8Array([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0xff]))).toEqual(
			{ ok: false, reason: 'captions_not_webvtt' }
		);
		expect(checkCaptions(new Uint8Array())).toEqual({ ok: false, reason: 'captions_empty' });
	});
});
