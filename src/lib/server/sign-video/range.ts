/** What a `Range` header asks of a file of `size` bytes. */
export type RangeRequest =
	{ kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * One range, as browsers ask for video when seeking: `bytes=a-b`, `bytes=a-` or `bytes=-n`
 * (the last n bytes). No header is the whole file; anything else (another unit, several ranges,
 * a start past the end, an end before the start) cannot be satisfied.
 */
export function parseRange(header: string | null, size: number): RangeRequest {
	if (header === null) return { kind: 'whole' };
	const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
	if (!match) return { kind: 'unsatisfiable' };
	const [, first = '', last = ''] = match;
	if (first === '' && last === '') return { kind: 'unsatisfiable' };
	if (first === '') {
		const length = Number(last);
		if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'part', start: Math.max(0, size - length), end: size - 1 };
	}
	const start = Number(first);
	const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
	if (start >= size || Number(last === '' ? start : last) < start) {
		return { kind: 'unsatisfiable' };
	}
	return { kind: 'part', start, end };
}
