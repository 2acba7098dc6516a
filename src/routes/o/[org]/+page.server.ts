import { roleAllows } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db';
import { requireOrganisation } from '$lib/server/guard';
import { listProcesses } from '$lib/server/process/processes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { organisation, role } = requireOrganisation(event, 'readProcess');
	const processes = listProcesses(getDb(), organisation.id).map((process) => ({
		slug: process.slug,
		title: process.title,
		description: process.description,
		status: process.status
	}));
	return { processes, canCreateProcess: roleAllows(role, 'editProcess') };
};
