import { requireVersion } from '$lib/server/concept/guard';
import { conceptOutline } from '$lib/server/export/concept';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { version } = requireVersion(event, 'readProcess');
	return { number: version.number, outline: conceptOutline(version) };
};
