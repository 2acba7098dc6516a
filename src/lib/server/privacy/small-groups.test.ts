import { describe, expect, it } from 'vitest';
import { groupsToShow, mergeSmallGroups, protectStoredBreakdowns } from './small-groups';

describe('groupsToShow', () => {
	it('shows groups of at least the minimum size and merges the small ones', () => {
		const sizes = new Map([
			['administration', 6],
			['politics', 3],
			['volunteers', 2],
			[null, 5]
		] as const);
		expect(groupsToShow(new Map(sizes), 5)).toEqual(new Set(['administration', null]));
	});

	it('merges a shown group too when the merged part alone would reveal a person', () => {
		// One politician among large groups: total minus the large ones would show their vote.
		const sizes = new Map([
			['administration', 7],
			['civil_society', 5],
			['politics', 1]
		] as const);
		expect(groupsToShow(new Map(sizes), 5)).toEqual(new Set(['administration']));
	});

	it('shows nothing when only one merged part would be left', () => {
		expect(groupsToShow(new Map([['politics', 1]]), 5)).toEqual(new Set());
		expect(
			groupsToShow(
				new Map([
					['politics', 5],
					['volunteers', 1]
				]),
				5
			)
		).toEqual(new Set());
		expect(groupsToShow(new Map(), 5)).toEqual(new Set());
	});

	it('protects people here for themselves like any group, apart from those who gave none', () => {
		const sizes = new Map([
			['individual', 6],
			['administration', 5],
			['politics', 2],
			[null, 4]
		] as const);
		expect(groupsToShow(new Map(sizes), 5)).toEqual(new Set(['individual', 'administration']));
		const few = new Map([
			['individual', 2],
			['administration', 6],
			[null, 2]
		] as const);
		// Two plus two merged would still be fewer than five: the administration joins them.
		expect(groupsToShow(new Map(few), 5)).toEqual(new Set());
	});

	it('shows every group with a minimum of one', () => {
		expect(
			groupsToShow(
				new Map([
					['politics', 1],
					[null, 1]
				]),
				1
			)
		).toEqual(new Set(['politics', null]));
	});
});

describe('mergeSmallGroups', () => {
	it('adds up the groups not shown into one line', () => {
		const support = [
			{ category: 'administration' as const, dots: 9, voters: 5 },
			{ category: 'politics' as const, dots: 2, voters: 1 },
			{ category: null, dots: 3, voters: 2 }
		];
		expect(mergeSmallGroups(support, new Set(['administration']))).toEqual([
			{ category: 'administration', dots: 9, voters: 5 },
			{ category: 'merged', dots: 5, voters: 3 }
		]);
		expect(mergeSmallGroups(support, new Set())).toEqual([]);
	});
});

describe('protectStoredBreakdowns', () => {
	it('judges each group by its most voters on one result, and merges what may be small', () => {
		const results = [
			{
				label: 'Sprachcafé',
				byCategory: [
					{ category: 'administration' as const, dots: 10, voters: 5 },
					{ category: 'civil_society' as const, dots: 6, voters: 5 },
					{ category: 'politics' as const, dots: 1, voters: 1 }
				]
			},
			{ label: 'Jobcafé', byCategory: [{ category: 'politics' as const, dots: 2, voters: 1 }] }
		];
		const protectedOnce = protectStoredBreakdowns(results, 5);
		expect(protectedOnce).toEqual([
			{
				label: 'Sprachcafé',
				byCategory: [
					{ category: 'civil_society', dots: 6, voters: 5 },
					{ category: 'merged', dots: 11, voters: 6 }
				]
			},
			{ label: 'Jobcafé', byCategory: [{ category: 'merged', dots: 2, voters: 1 }] }
		]);
		// Reading it again changes nothing.
		expect(protectStoredBreakdowns(protectedOnce, 5)).toEqual(protectedOnce);
	});
});
