import { getDb } from '$lib/server/db';
import { listOrganisationsOf } from '$lib/server/organisations/organisations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) return { organisations: null };
	const organisations = listOrganisationsOf(getDb(), locals.user.id).map(
		({ organisation, role }) => ({
			slug: organisation.slug,
			name: organisation.name,
			role
		})
	);
	return { organisations };
};
