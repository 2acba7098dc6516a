import { getDb } from '$lib/server/db';
import { listOrganisationsOf } from '$lib/server/organisations/organisations';
import { listPublicProcesses } from '$lib/server/process/processes';
import { todayIn } from '$lib/server/time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const db = getDb();
	const publicProcesses = listPublicProcesses(db, todayIn()).map(
		({ organisationSlug, organisationName, process, currentPhase }) => ({
			organisationSlug,
			organisationName,
			slug: process.slug,
			title: process.title,
			status: process.status,
			currentPhase
		})
	);
	if (!locals.user) return { organisations: null, publicProcesses };
	const organisations = listOrganisationsOf(db, locals.user.id).map(({ organisation, role }) => ({
		slug: organisation.slug,
		name: organisation.name,
		role
	}));
	return { organisations, publicProcesses };
};
