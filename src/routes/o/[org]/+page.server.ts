import { roleAllows } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db';
import { requireOrganisationVisit } from '$lib/server/guard';
import { listProcesses } from '$lib/server/process/processes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { organisation, role, guestProcesses } = requireOrganisationVisit(event);
	const visible =
		guestProcesses?.map((guest) => guest.process) ?? listProcesses(getDb(), organisation.id);
	const processes = visible.map((process) => ({
		slug: process.slug,
		title: process.title,
		description: process.description,
		status: process.status
	}));
	return {
		processes,
		role,
		guest: guestProcesses !== null,
		canCreateProcess: role !== null && roleAllows(role, 'editProcess')
	};
};
