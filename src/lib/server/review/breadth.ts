import { stakeholderCategories, type ResultGroup, type StakeholderCategory } from '../../domain';

/**
 * How evenly an item's support is spread across the stakeholder groups present, from 0 (all
 * of it from one group) to 1 (every group supports it equally, for its size).
 *
 * Each group's support is taken per person present, so that a large group does not look like
 * a one-sided one: the rates are normalised into shares and the breadth is their Shannon
 * entropy divided by its maximum, log(number of groups present). People who stated no group
 * are left out, and so are small groups merged for privacy (pass only the shown groups as
 * `present`). With fewer than two groups present, or no stated support at all, there is no
 * spread to measure and the result is null.
 */
export function breadthOfSupport(
	support: { category: ResultGroup; dots: number }[],
	present: Map<StakeholderCategory, number>
): number | null {
	const groups = [...present].filter(([, people]) => people > 0);
	if (groups.length < 2) return null;
	const dots = new Map<StakeholderCategory, number>();
	for (const { category, dots: n } of support) {
		if (isCategory(category)) dots.set(category, (dots.get(category) ?? 0) + n);
	}
	const rates = groups.map(([category, people]) => (dots.get(category) ?? 0) / people);
	const total = rates.reduce((sum, rate) => sum + rate, 0);
	if (total === 0) return null;
	const entropy = rates
		.map((rate) => rate / total)
		.filter((share) => share > 0)
		.reduce((sum, share) => sum - share * Math.log(share), 0);
	return entropy / Math.log(groups.length);
}

const isCategory = (group: ResultGroup): group is StakeholderCategory =>
	(stakeholderCategories as readonly (string | null)[]).includes(group);
