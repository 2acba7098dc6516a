import type { PageLoad } from './$types';

/**
 * A phone that has joined needs the workshop at once: its code starts loading with the page's
 * data, before the first render, instead of when the page reaches it. New phones never load it.
 */
export const load: PageLoad = ({ data }) => ({
	...data,
	workshop: data.joined ? import('./Workshop.svelte') : null
});
