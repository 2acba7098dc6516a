import { and, count, eq, type SQL } from 'drizzle-orm';
import type { ResultGroup, StakeholderCategory } from '../../domain';
import { measuresOfIdeas, measuresOfResult } from '../concept/measures';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listIdeas } from '../workshop/ideas';
import { talliesVisibleToParticipants } from '../../workshop/rules';
import { rankedResults, shownGroups } from '../workshop/votes';
import { minGroupSize } from '../privacy/config';
import { pageWindow, type Listing } from '../search/listing';
import { matchesTerms, searchable } from '../search/terms';
import { breadthOfSupport } from './breadth';
import { combinedSupport, topicsOf, type ItemRef } from './topics';

/** One line of the review: a workshop result, or a topic of linked results. */
export interface ReviewItem {
	key: string;
	ref: ItemRef;
	/** All dots of the result's activity, to compare results of different budgets. */
	activityTotal: number;
	topicId: number | null;
	eventId: number;
	eventTitle: string;
	question: string;
	/** Place in its own activity; 0 for a topic. */
	rank: number;
	label: string;
	ideas: string[];
	dots: number;
	voters: number;
	share: number;
	byCategory: { category: ResultGroup; dots: number; voters: number }[];
	breadth: number | null;
	measures: { id: number; number: string; title: string }[];
}

export interface ReviewFilters {
	fieldId: number | null;
	eventId: number | null;
	phaseId: number | null;
}

/** The phones of an event per stated group: who was there to give support. */
export function presentAt(db: Db, eventId: number) {
	const rows = db
		.select({ category: table.participant.category, people: count() })
		.from(table.participant)
		.where(eq(table.participant.eventId, eventId))
		.groupBy(table.participant.category)
		.all();
	return new Map(
		rows
			.filter(
				(row): row is { category: StakeholderCategory; people: number } => row.category !== null
			)
			.map((row) => [row.category, row.people])
	);
}

/** Only the groups whose support is shown count as present: small ones are merged. */
export function onlyShown(
	present: Map<StakeholderCategory, number>,
	shown: Set<StakeholderCategory | null>
) {
	return new Map([...present].filter(([category]) => shown.has(category)));
}

/**
 * Every revealed workshop result of the process in one list, with its share of its
 * activity's dots (budgets differ between activities), the breadth of its support across the
 * groups present, and the measures it became; most broadly carried shares first.
 */
export function reviewResults(
	db: Db,
	processId: number,
	filters: ReviewFilters,
	minSize = minGroupSize()
): ReviewItem[] {
	const conditions: SQL[] = [eq(table.event.processId, processId)];
	if (filters.eventId) conditions.push(eq(table.event.id, filters.eventId));
	if (filters.phaseId) conditions.push(eq(table.event.phaseId, filters.phaseId));
	if (filters.fieldId) conditions.push(eq(table.activity.fieldOfActionId, filters.fieldId));
	const activities = db
		.select({ activity: table.activity, event: table.event })
		.from(table.activity)
		.innerJoin(table.event, eq(table.activity.eventId, table.event.id))
		.where(and(...conditions))
		.all()
		.filter(({ activity }) => talliesVisibleToParticipants(activity));

	const ranked = activities.map((found) => ({
		...found,
		results: rankedResults(db, found.activity.id, minSize)
	}));
	// One look-up of measures for all results, not one per activity.
	const measures = measuresOfIdeas(
		db,
		processId,
		ranked.flatMap(({ results }) => results.flatMap((r) => r.ideaIds))
	);
	const items = ranked.flatMap(({ activity, event, results }): ReviewItem[] => {
		const total = results.reduce((sum, r) => sum + r.dots, 0);
		const present = onlyShown(presentAt(db, event.id), shownGroups(db, [activity.id], minSize));
		const texts = new Map(listIdeas(db, activity.id).map((idea) => [idea.id, idea.text]));
		return results.map((result, index) => ({
			key: `${activity.id}:${result.target.kind}:${result.target.id}`,
			ref: { activityId: activity.id, kind: result.target.kind, id: result.target.id },
			activityTotal: total,
			topicId: null,
			eventId: event.id,
			eventTitle: event.title,
			question: activity.question,
			rank: index + 1,
			label: result.label,
			ideas:
				result.target.kind === 'cluster' ? result.ideaIds.map((id) => texts.get(id) ?? '') : [],
			dots: result.dots,
			voters: result.voters,
			share: total > 0 ? result.dots / total : 0,
			byCategory: result.byCategory,
			breadth: breadthOfSupport(result.byCategory, present),
			measures: measuresOfResult(measures, result.ideaIds)
		}));
	});
	return harmonise(db, processId, items, minSize).sort(
		(a, b) => b.share - a.share || (b.breadth ?? -1) - (a.breadth ?? -1)
	);
}

/** Results linked as one topic become one line: their support added up, each person once. */
function harmonise(db: Db, processId: number, items: ReviewItem[], minSize: number): ReviewItem[] {
	const topics = topicsOf(db, processId);
	const members = new Map<number, ReviewItem[]>();
	const single: ReviewItem[] = [];
	for (const item of items) {
		const topic = topics.get(item.key);
		if (topic) members.set(topic.id, [...(members.get(topic.id) ?? []), item]);
		else single.push(item);
	}
	const merged = [...members].map(([topicId, group]) => {
		const { shown, ...support } = combinedSupport(
			db,
			group.map((item) => item.ref),
			minSize
		);
		const everyone = new Map<StakeholderCategory, number>();
		for (const eventId of new Set(group.map((item) => item.eventId))) {
			for (const [category, people] of presentAt(db, eventId)) {
				everyone.set(category, (everyone.get(category) ?? 0) + people);
			}
		}
		const present = onlyShown(everyone, shown);
		const totals = new Map(group.map((item) => [item.ref.activityId, item.activityTotal]));
		const total = [...totals.values()].reduce((sum, n) => sum + n, 0);
		const first = group[0]!;
		return {
			...first,
			key: `topic:${topicId}`,
			topicId,
			label: topics.get(first.key)!.title,
			ideas: group.map((item) => `${item.label} (${item.eventTitle})`),
			eventTitle: [...new Set(group.map((item) => item.eventTitle))].join(', '),
			question: '',
			rank: 0,
			...support,
			share: total > 0 ? support.dots / total : 0,
			breadth: breadthOfSupport(support.byCategory, present),
			measures: [...new Map(group.flatMap((item) => item.measures).map((m) => [m.id, m])).values()]
		};
	});
	return [...single, ...merged];
}

export const reviewSorts = ['share', 'breadth', 'dots', 'label'] as const;
export type ReviewSort = (typeof reviewSorts)[number];
/** All results, only topics of linked results, or only results not yet in a topic. */
export const reviewTopicModes = ['all', 'linked', 'unlinked'] as const;
export type ReviewTopicMode = (typeof reviewTopicModes)[number];

const byLabel = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

const reviewOrders: Record<ReviewSort, (a: ReviewItem, b: ReviewItem) => number> = {
	share: () => 0,
	breadth: (a, b) => (b.breadth ?? -1) - (a.breadth ?? -1),
	dots: (a, b) => b.dots - a.dots,
	label: (a, b) => byLabel.compare(a.label, b.label)
};

/**
 * The page of the review the URL asks for: results that hold every search term (in their
 * label, ideas, question or event), of the chosen kind, in the chosen order (ties in the
 * default order), cut to one page. Only this page goes to the browser.
 */
export function reviewPage(
	items: ReviewItem[],
	query: {
		topic: ReviewTopicMode;
		listing: Pick<Listing<ReviewSort>, 'terms' | 'sort' | 'per' | 'page'>;
	}
) {
	const { terms, sort, per, page } = query.listing;
	const chosen = items
		.filter((item) =>
			query.topic === 'all' ? true : (item.topicId !== null) === (query.topic === 'linked')
		)
		.filter(
			(item) =>
				terms.length === 0 ||
				matchesTerms(searchable([item.label, item.question, item.eventTitle, ...item.ideas]), terms)
		);
	const order = reviewOrders[sort];
	const sorted = chosen
		.map((item, index) => ({ item, index }))
		.sort((a, b) => order(a.item, b.item) || a.index - b.index)
		.map(({ item }) => item);
	const window = pageWindow(sorted.length, per, page);
	return { window, items: sorted.slice(window.offset, window.offset + window.per) };
}
