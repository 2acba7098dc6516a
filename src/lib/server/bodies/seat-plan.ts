import { stakeholderCategories, type StakeholderCategory } from '../db/schema';

export interface PlannedSeats {
	category: StakeholderCategory;
	seats: number;
	/** The group whose seats these are part of (civil society → churches), or null. */
	parentCategory: StakeholderCategory | null;
}

export interface SeatPlan {
	maxMembers: number | null;
	seats: PlannedSeats[];
}

export interface SeatCount extends PlannedSeats {
	/** Members of this group, and for a parent those of its sub-groups too. */
	filled: number;
	/** For a parent: the seats its sub-groups hold; null for a group without sub-groups. */
	childSeats: number | null;
}

export interface SeatPlanStatus {
	/** Parents first, each followed by its sub-groups, in the order of `stakeholderCategories`. */
	categories: SeatCount[];
	/** Members whose category has no seats in the plan (or who have no category). */
	outsidePlan: number;
	total: { max: number | null; planned: number; filled: number };
	overFilled: StakeholderCategory[];
	overMax: boolean;
	broken: boolean;
}

export type SeatPlanRefusal =
	| { reason: 'own_parent'; category: StakeholderCategory }
	| { reason: 'parent_not_in_plan'; category: StakeholderCategory; parent: StakeholderCategory }
	| { reason: 'nested_too_deep'; category: StakeholderCategory; parent: StakeholderCategory }
	| {
			reason: 'children_exceed_parent';
			parent: StakeholderCategory;
			seats: number;
			childSeats: number;
	  }
	| { reason: 'over_max'; planned: number; max: number };

const order = (category: StakeholderCategory) => stakeholderCategories.indexOf(category);

/** Parents in their order, each followed by its sub-groups. */
export function orderedSeats<T extends PlannedSeats>(seats: T[]): T[] {
	const byOrder = [...seats].sort((a, b) => order(a.category) - order(b.category));
	const topLevel = byOrder.filter((s) => s.parentCategory === null);
	const placed = topLevel.flatMap((parent) => [
		parent,
		...byOrder.filter((s) => s.parentCategory === parent.category)
	]);
	return [...placed, ...byOrder.filter((s) => !placed.includes(s))];
}

/** The seats the plan counts towards its maximum: sub-groups sit inside their parent. */
export function plannedTotal(seats: PlannedSeats[]): number {
	return seats.filter((s) => s.parentCategory === null).reduce((sum, s) => sum + s.seats, 0);
}

/**
 * Why a plan cannot be saved, or null. Sub-groups nest one level deep, under a group of the
 * same plan, and together hold no more seats than their parent; the top-level groups hold no
 * more seats than the body's maximum.
 */
export function seatPlanRefusal(plan: SeatPlan): SeatPlanRefusal | null {
	const byCategory = new Map(plan.seats.map((s) => [s.category, s]));
	for (const seat of plan.seats) {
		const parent = seat.parentCategory;
		if (parent === null) continue;
		if (parent === seat.category) return { reason: 'own_parent', category: seat.category };
		const parentSeats = byCategory.get(parent);
		if (!parentSeats) return { reason: 'parent_not_in_plan', category: seat.category, parent };
		if (parentSeats.parentCategory !== null) {
			return { reason: 'nested_too_deep', category: seat.category, parent };
		}
	}
	for (const parent of plan.seats) {
		const childSeats = plan.seats
			.filter((s) => s.parentCategory === parent.category)
			.reduce((sum, s) => sum + s.seats, 0);
		if (childSeats > parent.seats) {
			return {
				reason: 'children_exceed_parent',
				parent: parent.category,
				seats: parent.seats,
				childSeats
			};
		}
	}
	const planned = plannedTotal(plan.seats);
	if (plan.maxMembers !== null && planned > plan.maxMembers) {
		return { reason: 'over_max', planned, max: plan.maxMembers };
	}
	return null;
}

/**
 * How a body's members fill its seat plan. A broken plan is a warning for the process owner,
 * never a reason to refuse a member: councils fill seats as people come. A member of a
 * sub-group fills a seat of the sub-group and of its parent.
 */
export function seatPlanStatus(
	plan: SeatPlan,
	members: { category: StakeholderCategory | null }[]
): SeatPlanStatus {
	const planned = new Set(plan.seats.map((s) => s.category));
	const membersOf = (category: StakeholderCategory) =>
		members.filter((m) => m.category === category).length;
	const categories = orderedSeats(plan.seats).map((seat) => {
		const children = plan.seats.filter((s) => s.parentCategory === seat.category);
		return {
			category: seat.category,
			seats: seat.seats,
			parentCategory: seat.parentCategory,
			filled: membersOf(seat.category) + children.reduce((n, c) => n + membersOf(c.category), 0),
			childSeats: children.length > 0 ? children.reduce((n, c) => n + c.seats, 0) : null
		};
	});
	const outsidePlan = planned.size
		? members.filter((m) => !m.category || !planned.has(m.category)).length
		: 0;
	const overFilled = categories.filter((c) => c.filled > c.seats).map((c) => c.category);
	const overMax = plan.maxMembers !== null && members.length > plan.maxMembers;
	return {
		categories,
		outsidePlan,
		total: { max: plan.maxMembers, planned: plannedTotal(plan.seats), filled: members.length },
		overFilled,
		overMax,
		broken: overMax || overFilled.length > 0
	};
}
