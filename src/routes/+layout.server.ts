import { getDb } from '$lib/server/db';
import { platformLegalOrganisation } from '$lib/server/privacy/legal';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const platform = platformLegalOrganisation(getDb());
	return {
		user: locals.user ? { name: locals.user.name, isSystemAdmin: locals.user.isSystemAdmin } : null,
		// Pages of an organisation put its own here.
		legal: platform ? { slug: platform.slug } : null
	};
};
