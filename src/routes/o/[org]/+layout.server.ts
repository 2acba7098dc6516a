import { roleAllows } from '$lib/server/auth/roles';
import { requireOrganisation } from '$lib/server/guard';
import { minGroupSize } from '$lib/server/privacy/config';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const { organisation, role } = requireOrganisation(event, 'readProcess');
	return {
		organisation: { slug: organisation.slug, name: organisation.name, kind: organisation.kind },
		role,
		canManageOrganisation: roleAllows(role, 'manageOrganisation'),
		canReadAudit: roleAllows(role, 'readAudit'),
		/** Results by stakeholder group show only groups of at least this many people. */
		minGroupSize: minGroupSize(),
		legal: { slug: organisation.slug }
	};
};
