import { mergedGroups, stakeholderCategories } from '../../domain';
import { categoryLabel } from '../../live/labels';
import { m } from '../../paraglide/messages';
import type { Db } from '../db';
import { listIdeas } from '../workshop/ideas';
import { rankedResults } from '../workshop/votes';
import { toCsv } from './csv';

/**
 * The ranked results of one activity as CSV for German spreadsheets: semicolons, UTF-8 with a
 * byte order mark, one row per idea or cluster, with dots and voters per stakeholder group.
 * Small groups come merged (`rankedResults`): their own columns stay empty, not 0.
 */
export function resultsCsv(db: Db, activityId: number): string {
	const texts = new Map(listIdeas(db, activityId).map((idea) => [idea.id, idea.text]));
	const groups = [...stakeholderCategories, null, mergedGroups];
	const results = rankedResults(db, activityId);
	const shown = new Set(results.flatMap((result) => result.byCategory.map((e) => e.category)));
	const header = [
		m.csv_rank(),
		m.csv_kind(),
		m.csv_label(),
		m.csv_ideas(),
		m.csv_dots(),
		m.csv_voters(),
		...groups.flatMap((group) => [
			m.csv_dots_of({ group: categoryLabel(group) }),
			m.csv_voters_of({ group: categoryLabel(group) })
		])
	];
	const rows = results.map((result, index) => {
		const byGroup = new Map(result.byCategory.map((entry) => [entry.category, entry]));
		return [
			index + 1,
			result.target.kind === 'cluster' ? m.csv_kind_cluster() : m.csv_kind_idea(),
			result.label,
			result.target.kind === 'cluster'
				? result.ideaIds.map((id) => texts.get(id) ?? '').join(' | ')
				: '',
			result.dots,
			result.voters,
			...groups.flatMap((group): (number | null)[] =>
				shown.has(group)
					? [byGroup.get(group)?.dots ?? 0, byGroup.get(group)?.voters ?? 0]
					: [null, null]
			)
		];
	});
	return toCsv([header, ...rows]);
}
