import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/server/auth/roles';
import type { organisationKinds, processStatuses } from '$lib/server/db/schema';

const roleLabels: Record<Role, () => string> = {
	admin: m.role_admin,
	process_owner: m.role_process_owner,
	moderator: m.role_moderator,
	steering_member: m.role_steering_member
};

const kindLabels: Record<(typeof organisationKinds)[number], () => string> = {
	landkreis: m.organisation_kind_landkreis,
	stadt: m.organisation_kind_stadt,
	gemeinde: m.organisation_kind_gemeinde,
	other: m.organisation_kind_other
};

const processStatusLabels: Record<(typeof processStatuses)[number], () => string> = {
	preparation: m.process_status_preparation,
	running: m.process_status_running,
	adopted: m.process_status_adopted,
	implementation: m.process_status_implementation,
	archived: m.process_status_archived
};

export const roleLabel = (role: Role) => roleLabels[role]();
export const organisationKindLabel = (kind: keyof typeof kindLabels) => kindLabels[kind]();
export const processStatusLabel = (status: keyof typeof processStatusLabels) =>
	processStatusLabels[status]();

export const roleOptions = () =>
	(Object.keys(roleLabels) as Role[]).map((value) => ({
		value,
		label: roleLabel(value)
	}));
export const organisationKindOptions = () =>
	(Object.keys(kindLabels) as (keyof typeof kindLabels)[]).map((value) => ({
		value,
		label: organisationKindLabel(value)
	}));
