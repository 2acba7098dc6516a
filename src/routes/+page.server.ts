import { getDb } from '$lib/server/db';
import { listOrganisationsOf } from '$lib/server/organisations/organisations';
import { guestOrganisationsOf } from '$lib/server/organisations/process-members';
import { listPublicProcesses } from '$lib/server/process/processes';
import { todayIn } from '$lib/server/time';
import { waitingFor } from '$lib/server/notify/waiting';
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
	if (!locals.user) return { organisations: null, publicProcesses, waiting: [] };
	const memberships = listOrganisationsOf(db, locals.user.id);
	const guest = guestOrganisationsOf(db, locals.user.id).filter(
		(row) => !memberships.some((member) => member.organisation.id === row.organisation.id)
	);
	const organisations = [...memberships, ...guest].map(({ organisation, role }) => ({
		slug: organisation.slug,
		name: organisation.name,
		role
	}));
	const waiting = waitingFor(db, locals.user.id).filter(
		(items) =>
			items.approvals.length +
				items.sachstand.length +
				items.comments.length +
				items.events.length >
			0
	);
	return { organisations, publicProcesses, waiting };
};
