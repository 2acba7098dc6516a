import { roleAllows } from '$lib/server/auth/roles';
import { requireOrganisationVisit } from '$lib/server/guard';
import { minGroupSize } from '$lib/server/privacy/config';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const { organisation, role } = requireOrganisationVisit(event);
	return {
		organisation: { slug: organisation.slug, name: organisation.name, kind: organisation.kind },
		role,
		canManageOrganisation: role !== null && roleAllows(role, 'manageOrganisation'),
		canReadAudit: role !== null && roleAllows(role, 'readAudit'),
		/** Results by stakeholder group show only groups of at least this many people. */
		minGroupSize: minGroupSize(),
		legal: { slug: organisation.slug }
	};
};
