import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyRefusal, requestLimits } from './request-limits';

const post = (length: number) =>
	new Request('http://localhost/x', {
		method: 'POST',
		headers: { 'content-length': String(length) }
	});

describe('request limits', () => {
	it('lets attachment uploads send 21 MB, every other form 3 MB', () => {
		const upload = new URL('http://localhost/o/a/p/b?/uploadAttachment');
		const other = new URL('http://localhost/o/a/p/b?/saveBasics');
		expect(bodyRefusal(post(21 * 1024 * 1024), upload)).toBe(null);
		expect(bodyRefusal(post(21 * 1024 * 1024 + 1), upload)).toBe(413);
		expect(bodyRefusal(post(3 * 1024 * 1024), other)).toBe(null);
		expect(bodyRefusal(post(3 * 1024 * 1024 + 1), other)).toBe(413);
		expect(
			bodyRefusal(post(4 * 1024 * 1024), new URL('http://localhost/x?/uploadAttachmentX'))
		).toBe(413);
	});

	it('lets the sign-language video upload send 202 MB', () => {
		const upload = new URL('http://localhost/o/a/legal?/uploadSignVideo');
		expect(bodyRefusal(post(202 * 1024 * 1024), upload)).toBe(null);
		expect(bodyRefusal(post(202 * 1024 * 1024 + 1), upload)).toBe(413);
		expect(
			bodyRefusal(post(22 * 1024 * 1024), new URL('http://localhost/o/a/legal?/details'))
		).toBe(413);
	});

	it('refuses a body that does not say its length', () => {
		const chunked = new Request('http://localhost/x?/comment', {
			method: 'POST',
			body: new ReadableStream({ start: (controller) => controller.close() }),
			duplex: 'half'
		} as RequestInit);
		expect(bodyRefusal(chunked, new URL(chunked.url))).toBe(411);
		expect(bodyRefusal(new Request('http://localhost/x'), new URL('http://localhost/x'))).toBe(
			null
		);
	});

	it("matches server.js's default BODY_SIZE_LIMIT", () => {
		const serverJs = readFileSync('server.js', 'utf8');
		const limit = /BODY_SIZE_LIMIT \?\?= '(\d+)M'/.exec(serverJs)?.[1];
		expect(Number(limit) * 1024 * 1024).toBe(
			Math.max(requestLimits.attachmentUpload, requestLimits.signVideoUpload)
		);
	});
});
