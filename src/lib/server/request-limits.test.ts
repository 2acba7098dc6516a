import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyLimit, bodyRefusal, requestLimits } from './request-limits';

const post = (length: number) =>
	new Request('http://localhost/x', {
		method: 'POST',
		headers: { 'content-length': String(length) }
	});

describe('request limits', () => {
	const mb = 1024 * 1024;
	const url = (path: string) => new URL(`http://localhost${path}`);

	it('lets a signed-in person upload an attachment of 21 MB on the four attachment forms', () => {
		for (const route of [
			'/o/[org]/p/[process]',
			'/o/[org]/p/[process]/measures/[measure]',
			'/o/[org]/p/[process]/events/[event]',
			'/o/[org]/p/[process]/concept/[version]'
		]) {
			const limit = bodyLimit(url('/o/a/p/b?/uploadAttachment'), route, true);
			expect(bodyRefusal(post(21 * mb), limit), route).toBe(null);
			expect(bodyRefusal(post(21 * mb + 1), limit), route).toBe(413);
		}
		const other = bodyLimit(url('/o/a/p/b?/saveBasics'), '/o/[org]/p/[process]', true);
		expect(bodyRefusal(post(3 * mb), other)).toBe(null);
		expect(bodyRefusal(post(3 * mb + 1), other)).toBe(413);
		const lookalike = bodyLimit(url('/o/a/p/b?/uploadAttachmentX'), '/o/[org]/p/[process]', true);
		expect(bodyRefusal(post(4 * mb), lookalike)).toBe(413);
	});

	it('lets a signed-in person upload the sign-language video of 202 MB on the legal page only', () => {
		const upload = bodyLimit(url('/o/a/legal?/uploadSignVideo'), '/o/[org]/legal', true);
		expect(bodyRefusal(post(202 * mb), upload)).toBe(null);
		expect(bodyRefusal(post(202 * mb + 1), upload)).toBe(413);
		const details = bodyLimit(url('/o/a/legal?/details'), '/o/[org]/legal', true);
		expect(bodyRefusal(post(22 * mb), details)).toBe(413);
	});

	it('holds anonymous posts and other routes to 3 MB, whatever their query says', () => {
		expect(bodyLimit(url('/o/a/legal?/uploadSignVideo'), '/o/[org]/legal', false)).toBe(3 * mb);
		expect(bodyLimit(url('/language?/uploadSignVideo'), '/language', true)).toBe(3 * mb);
		expect(bodyLimit(url('/language?/uploadAttachment'), '/language', false)).toBe(3 * mb);
		expect(bodyLimit(url('/nowhere?/uploadSignVideo'), null, true)).toBe(3 * mb);
	});

	it('refuses a body that does not say its length', () => {
		const chunked = new Request('http://localhost/x?/comment', {
			method: 'POST',
			body: new ReadableStream({ start: (controller) => controller.close() }),
			duplex: 'half'
		} as RequestInit);
		expect(bodyRefusal(chunked, requestLimits.form)).toBe(411);
		expect(bodyRefusal(new Request('http://localhost/x'), requestLimits.form)).toBe(null);
	});

	it("matches server.js's default BODY_SIZE_LIMIT", () => {
		const serverJs = readFileSync('server.js', 'utf8');
		const limit = /BODY_SIZE_LIMIT \?\?= '(\d+)M'/.exec(serverJs)?.[1];
		expect(Number(limit) * 1024 * 1024).toBe(
			Math.max(requestLimits.attachmentUpload, requestLimits.signVideoUpload)
		);
	});
});
