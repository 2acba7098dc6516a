import type { PageLoad } from './$types';

/**
 * A phone that has joined gets its workshop rendered with the page; its code starts loading
 * with the page's data, before the first render. New phones never load it.
 */
export const load: PageLoad = async ({ data }) => ({
	...data,
	workshop: data.view ? (await import('./Workshop.svelte')).default : null
});
