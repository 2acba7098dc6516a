import { describe, expect, it } from 'vitest';
import type { StakeholderCategory } from '../db/schema';
import { seatPlanRefusal, seatPlanStatus, type PlannedSeats } from './seat-plan';

const landau = {
	maxMembers: 19,
	seats: [
		{ category: 'politics' as const, seats: 6, parentCategory: null },
		{ category: 'administration' as const, seats: 6, parentCategory: null },
		{ category: 'civil_society' as const, seats: 7, parentCategory: null }
	]
};

/** Landau's seven civil-society seats, split into sub-groups. */
const nested: PlannedSeats[] = [
	...landau.seats,
	{ category: 'migrant_organisation', seats: 1, parentCategory: 'civil_society' },
	{ category: 'welfare', seats: 2, parentCategory: 'civil_society' },
	{ category: 'religious_community', seats: 1, parentCategory: 'civil_society' }
];

function members(counts: Partial<Record<StakeholderCategory | 'none', number>>) {
	return Object.entries(counts).flatMap(([category, n]) =>
		Array.from({ length: n ?? 0 }, () => ({
			category: category === 'none' ? null : (category as StakeholderCategory)
		}))
	);
}

describe('seat plans', () => {
	it('count seats filled per category (Landau: 6 + 6 + 7 = 19)', () => {
		const status = seatPlanStatus(
			landau,
			members({ politics: 6, administration: 5, civil_society: 7 })
		);
		expect(
			status.categories.map(({ category, seats, filled }) => [category, seats, filled])
		).toEqual([
			['politics', 6, 6],
			['administration', 6, 5],
			['civil_society', 7, 7]
		]);
		expect(status.total).toEqual({ max: 19, planned: 19, filled: 18 });
		expect(status.broken).toBe(false);
	});

	it('warn when a category is over-filled even if the total fits', () => {
		const status = seatPlanStatus(landau, members({ politics: 8, administration: 2 }));
		expect(status.overFilled).toEqual(['politics']);
		expect(status.overMax).toBe(false);
		expect(status.broken).toBe(true);
	});

	it('warn when the body has more members than its maximum', () => {
		const status = seatPlanStatus(
			landau,
			members({ politics: 6, administration: 6, civil_society: 7, business: 1 })
		);
		expect(status.overMax).toBe(true);
		expect(status.outsidePlan).toBe(1);
	});

	it('count members outside the plan, and nothing is broken without a plan', () => {
		expect(seatPlanStatus(landau, members({ none: 2, welfare: 1 })).outsidePlan).toBe(3);
		const open = seatPlanStatus({ maxMembers: null, seats: [] }, members({ politics: 30 }));
		expect(open).toMatchObject({ broken: false, outsidePlan: 0, total: { max: null, filled: 30 } });
	});

	it('sum sub-group seats and members into their parent, each sub-group after its parent', () => {
		const status = seatPlanStatus(
			{ maxMembers: 19, seats: [...nested].reverse() },
			members({ civil_society: 2, welfare: 2, migrant_organisation: 1, politics: 1 })
		);
		expect(
			status.categories.map(({ category, seats, filled, childSeats }) => [
				category,
				seats,
				filled,
				childSeats
			])
		).toEqual([
			['politics', 6, 1, null],
			['administration', 6, 0, null],
			['civil_society', 7, 5, 4],
			['migrant_organisation', 1, 1, null],
			['welfare', 2, 2, null],
			['religious_community', 1, 0, null]
		]);
		expect(status.total).toEqual({ max: 19, planned: 19, filled: 6 });
		expect(status.outsidePlan).toBe(0);
		expect(status.broken).toBe(false);
	});

	it('warn when a sub-group fills its parent beyond its seats', () => {
		const status = seatPlanStatus(
			{ maxMembers: 19, seats: nested },
			members({ civil_society: 5, welfare: 2, religious_community: 1 })
		);
		expect(status.overFilled).toEqual(['civil_society']);
	});

	it('accept a nested plan that adds up (Landau: 6 + 6 + 7, civil society 1 + 2 + 1 of 7)', () => {
		expect(seatPlanRefusal({ maxMembers: 19, seats: nested })).toBeNull();
	});

	it('refuse sub-groups holding more seats than their parent', () => {
		const seats = nested.map((s) => (s.category === 'welfare' ? { ...s, seats: 6 } : s));
		expect(seatPlanRefusal({ maxMembers: 19, seats })).toEqual({
			reason: 'children_exceed_parent',
			parent: 'civil_society',
			seats: 7,
			childSeats: 8
		});
	});

	it('refuse a parent outside the plan, a group under itself and nesting two levels deep', () => {
		const base = landau.seats;
		expect(
			seatPlanRefusal({
				maxMembers: null,
				seats: [...base, { category: 'welfare', seats: 1, parentCategory: 'business' }]
			})
		).toMatchObject({ reason: 'parent_not_in_plan', category: 'welfare', parent: 'business' });
		expect(
			seatPlanRefusal({
				maxMembers: null,
				seats: [{ category: 'welfare', seats: 1, parentCategory: 'welfare' }]
			})
		).toMatchObject({ reason: 'own_parent' });
		expect(
			seatPlanRefusal({
				maxMembers: null,
				seats: [
					...nested,
					{ category: 'volunteers', seats: 1, parentCategory: 'religious_community' }
				]
			})
		).toMatchObject({ reason: 'nested_too_deep', category: 'volunteers' });
	});

	it('refuse top-level seats beyond the maximum; sub-groups do not count twice', () => {
		expect(seatPlanRefusal({ maxMembers: 18, seats: nested })).toEqual({
			reason: 'over_max',
			planned: 19,
			max: 18
		});
	});
});
