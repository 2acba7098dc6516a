import type { StakeholderCategory } from '../db/schema';

export interface SeatPlan {
	maxMembers: number | null;
	seats: { category: StakeholderCategory; seats: number }[];
}

export interface SeatCount {
	category: StakeholderCategory;
	seats: number;
	filled: number;
}

export interface SeatPlanStatus {
	categories: SeatCount[];
	/** Members whose category has no seats in the plan (or who have no category). */
	outsidePlan: number;
	total: { max: number | null; filled: number };
	overFilled: StakeholderCategory[];
	overMax: boolean;
	broken: boolean;
}

/**
 * How a body's members fill its seat plan. A broken plan is a warning for the process owner,
 * never a reason to refuse a member: councils fill seats as people come.
 */
export function seatPlanStatus(
	plan: SeatPlan,
	members: { category: StakeholderCategory | null }[]
): SeatPlanStatus {
	const planned = new Set(plan.seats.map((s) => s.category));
	const categories = plan.seats.map(({ category, seats }) => ({
		category,
		seats,
		filled: members.filter((m) => m.category === category).length
	}));
	const outsidePlan = planned.size
		? members.filter((m) => !m.category || !planned.has(m.category)).length
		: 0;
	const overFilled = categories.filter((c) => c.filled > c.seats).map((c) => c.category);
	const overMax = plan.maxMembers !== null && members.length > plan.maxMembers;
	return {
		categories,
		outsidePlan,
		total: { max: plan.maxMembers, filled: members.length },
		overFilled,
		overMax,
		broken: overMax || overFilled.length > 0
	};
}
