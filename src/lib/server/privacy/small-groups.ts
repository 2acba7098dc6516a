import { mergedGroups, type ResultGroup, type StakeholderCategory } from '../../domain';

type Group = StakeholderCategory | null;

/** Support for one result from one group. */
export interface GroupSupport<G = Group> {
	category: G;
	dots: number;
	voters: number;
}

/**
 * Which groups may be shown on their own, given how many people of each took part (voted in
 * the activity). A group smaller than `minSize` would show how its few members voted, so it is
 * merged with the other small ones. If what is merged is still smaller than `minSize` (one person
 * in a small group, everyone else in large ones), the total minus the shown groups would reveal
 * it just the same: then the smallest shown group is merged in too, until the merged part is
 * large enough or nothing is shown on its own.
 */
export function groupsToShow(sizes: Map<Group, number>, minSize: number): Set<Group> {
	const present = [...sizes].filter(([, size]) => size > 0).sort((a, b) => a[1] - b[1]);
	const shown = present.filter(([, size]) => size >= minSize);
	let merged = present
		.filter(([, size]) => size < minSize)
		.reduce((sum, [, size]) => sum + size, 0);
	while (merged > 0 && merged < minSize && shown.length > 0) {
		merged += shown.shift()![1];
	}
	// Everyone in one merged part is no breakdown at all.
	if (shown.length === 0) return new Set();
	return new Set(shown.map(([group]) => group));
}

/**
 * One result's support by group, with the groups not in `shown` added up into one line
 * (`mergedGroups`). A person belongs to one group, so voters add up across groups. When no
 * group may be shown, there is no breakdown.
 */
export function mergeSmallGroups(
	support: GroupSupport<ResultGroup>[],
	shown: Set<Group>
): GroupSupport<ResultGroup>[] {
	if (shown.size === 0) return [];
	const isShown = (entry: GroupSupport<ResultGroup>) =>
		entry.category !== mergedGroups && shown.has(entry.category);
	const kept = support.filter(isShown);
	const rest = support.filter((entry) => !isShown(entry));
	if (rest.length > 0) {
		kept.push({
			category: mergedGroups,
			dots: rest.reduce((sum, entry) => sum + entry.dots, 0),
			voters: rest.reduce((sum, entry) => sum + entry.voters, 0)
		});
	}
	return kept;
}

/**
 * Breakdowns stored before small groups were merged (minutes, measures' trails), protected when
 * read. How many people of a group took part is no longer known, but it is at least its most
 * voters on any one result: judged by that, a group is never shown when it may be too small.
 */
export function protectStoredBreakdowns<T extends { byCategory: GroupSupport<ResultGroup>[] }>(
	results: T[],
	minSize: number
): T[] {
	const sizes = new Map<Group, number>();
	for (const { byCategory } of results) {
		for (const { category, voters } of byCategory) {
			if (category === mergedGroups) continue;
			sizes.set(category, Math.max(sizes.get(category) ?? 0, voters));
		}
	}
	const shown = groupsToShow(sizes, minSize);
	return results.map((result) => ({
		...result,
		byCategory: mergeSmallGroups(result.byCategory, shown)
	}));
}
