import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

describe('parseRange', () => {
	it('reads the single ranges browsers send', () => {
		expect(parseRange(null, 100)).toEqual({ kind: 'whole' });
		expect(parseRange('bytes=0-', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
		expect(parseRange('bytes=10-19', 100)).toEqual({ kind: 'part', start: 10, end: 19 });
		expect(parseRange('bytes=90-500', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
		expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
		expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
	});

	it('refuses nonsense', () => {
		for (const header of [
			'bytes=100-',
			'bytes=20-10',
			'bytes=-0',
			'bytes=-',
			'bytes=a-b',
			'items=0-10',
			'bytes=0-1,5-6',
			''
		]) {
			expect(parseRange(header, 100), header).toEqual({ kind: 'unsatisfiable' });
		}
	});
});
