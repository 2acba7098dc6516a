import { describe, expect, it } from 'vitest';
import { readListing } from '../search/listing';
import { reviewPage, reviewSorts, type ReviewItem } from './dashboard';

const item = (n: number, overrides: Partial<ReviewItem> = {}): ReviewItem => ({
	key: `1:idea:${n}`,
	ref: { activityId: 1, kind: 'idea', id: n },
	activityTotal: 100,
	topicId: null,
	eventId: 1,
	eventTitle: 'Fachkonferenz Arbeit',
	question: 'Was fehlt?',
	rank: n,
	label: `Idee ${n}`,
	ideas: [],
	dots: 100 - n,
	voters: 10,
	share: (100 - n) / 100,
	byCategory: [],
	breadth: n / 100,
	measures: [],
	...overrides
});

const items = [
	...Array.from({ length: 60 }, (_, n) => item(n + 1)),
	item(61, { label: 'Sprachcafé in der Hauptstraße' }),
	item(62, {
		topicId: 7,
		key: 'topic:7',
		question: '',
		label: 'Kinderbetreuung',
		ideas: ['Kita (Müller)']
	})
];

const page = (search: string, topic: 'all' | 'linked' | 'unlinked' = 'all') =>
	reviewPage(items, { topic, listing: readListing(new URLSearchParams(search), reviewSorts) });

describe('a page of the review dashboard', () => {
	it('pages in the default order, and shows the last page for one past the end', () => {
		const first = page('');
		expect(first.window).toMatchObject({ page: 1, pages: 3, total: 62 });
		expect(first.items.map((i) => i.label).slice(0, 2)).toEqual(['Idee 1', 'Idee 2']);
		expect(page('page=99').items).toHaveLength(12);
		expect(page('per=100').items).toHaveLength(62);
	});

	it('searches labels, ideas, questions and events with umlauts and ß folded', () => {
		expect(page('q=hauptstrasse').items.map((i) => i.label)).toEqual([
			'Sprachcafé in der Hauptstraße'
		]);
		expect(page('q=mueller').items.map((i) => i.label)).toEqual(['Kinderbetreuung']);
		expect(page('q=fehlt').window.total).toBe(61);
		expect(page(new URLSearchParams({ q: '" NEAR( *' }).toString()).window.total).toBe(0);
	});

	it('sorts by breadth, dots and name, and shows topics or unlinked results only', () => {
		expect(page('sort=breadth').items[0]!.label).toBe('Kinderbetreuung');
		expect(page('sort=dots').items[0]!.label).toBe('Idee 1');
		expect(
			page('sort=label')
				.items.slice(0, 3)
				.map((i) => i.label)
		).toEqual(['Idee 1', 'Idee 2', 'Idee 3']);
		expect(page('sort=label&page=3').items.at(-1)!.label).toBe('Sprachcafé in der Hauptstraße');
		expect(page('', 'linked').items.map((i) => i.label)).toEqual(['Kinderbetreuung']);
		expect(page('', 'unlinked').window.total).toBe(61);
	});
});
