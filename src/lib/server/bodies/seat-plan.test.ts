import { describe, expect, it } from 'vitest';
import type { StakeholderCategory } from '../db/schema';
import { seatPlanStatus } from './seat-plan';

const landau = {
	maxMembers: 19,
	seats: [
		{ category: 'politics' as const, seats: 6 },
		{ category: 'administration' as const, seats: 6 },
		{ category: 'civil_society' as const, seats: 7 }
	]
};

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
		expect(status.categories).toEqual([
			{ category: 'politics', seats: 6, filled: 6 },
			{ category: 'administration', seats: 6, filled: 5 },
			{ category: 'civil_society', seats: 7, filled: 7 }
		]);
		expect(status.total).toEqual({ max: 19, filled: 18 });
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
});
