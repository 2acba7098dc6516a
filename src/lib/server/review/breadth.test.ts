import { describe, expect, it } from 'vitest';
import { breadthOfSupport } from './breadth';

const present = new Map([
	['politics', 4],
	['migrant_organisation', 4],
	['volunteers', 4]
] as const);

describe('breadth of support', () => {
	it('is 0 when one group carries an item alone', () => {
		expect(breadthOfSupport([{ category: 'volunteers', dots: 12 }], present)).toBe(0);
	});

	it('is 1 when every group present supports it equally for its size', () => {
		const even = [
			{ category: 'politics' as const, dots: 3 },
			{ category: 'migrant_organisation' as const, dots: 3 },
			{ category: 'volunteers' as const, dots: 3 }
		];
		expect(breadthOfSupport(even, present)).toBeCloseTo(1, 10);
		// A group twice the size giving twice the dots is just as even.
		const sized = new Map([
			['politics', 2],
			['volunteers', 4]
		] as const);
		expect(
			breadthOfSupport(
				[
					{ category: 'politics', dots: 2 },
					{ category: 'volunteers', dots: 4 }
				],
				sized
			)
		).toBeCloseTo(1, 10);
	});

	it('lies in between for lopsided support, and ignores people who stated no group', () => {
		const lopsided = breadthOfSupport(
			[
				{ category: 'volunteers', dots: 10 },
				{ category: 'politics', dots: 1 },
				{ category: null, dots: 30 }
			],
			present
		)!;
		expect(lopsided).toBeGreaterThan(0);
		expect(lopsided).toBeLessThan(0.5);
	});

	it('has nothing to measure with fewer than two groups or no support', () => {
		expect(
			breadthOfSupport([{ category: 'politics', dots: 3 }], new Map([['politics', 5]]))
		).toBeNull();
		expect(breadthOfSupport([], present)).toBeNull();
	});
});
