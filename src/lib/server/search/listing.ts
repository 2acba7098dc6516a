import * as v from 'valibot';
import { searchTerms, type SearchTerm } from './terms';

/** How many rows a list page may show; the first is the default. */
export const pageSizes = [25, 50, 100] as const;

/** What a long list's URL says beyond its filters: the search, the order, the page. */
export interface Listing<Sort extends string> {
	/** The search as typed (cut to a sane length), for the search box. */
	q: string;
	terms: SearchTerm[];
	sort: Sort;
	per: (typeof pageSizes)[number];
	page: number;
}

const pageNumber = v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number), v.minValue(1));

/**
 * Reads search, sort and paging from a list page's URL. A URL is typed, bookmarked and edited
 * by hand, so anything unreadable means the default, never an error.
 */
export function readListing<Sort extends string>(
	params: URLSearchParams,
	sorts: readonly [Sort, ...Sort[]]
): Listing<Sort> {
	const q = (params.get('q') ?? '').slice(0, 200);
	const sort = v.safeParse(v.picklist(sorts), params.get('sort'));
	const per = v.safeParse(
		v.pipe(v.string(), v.transform(Number), v.picklist(pageSizes)),
		params.get('per')
	);
	const page = v.safeParse(pageNumber, params.get('page'));
	return {
		q,
		terms: searchTerms(q),
		sort: sort.success ? sort.output : sorts[0],
		per: per.success ? per.output : pageSizes[0],
		page: page.success ? page.output : 1
	};
}

/** The page to show of `total` rows: a page past the end shows the last one. */
export function pageWindow(total: number, per: number, page: number) {
	const pages = Math.max(1, Math.ceil(total / per));
	const current = Math.min(page, pages);
	return { page: current, pages, total, offset: (current - 1) * per, per };
}

export type PageWindow = ReturnType<typeof pageWindow>;
