import { roles, type Role } from '../db/schema';

export { roles, type Role };

const allRoles = roles;

/** What each role may do in its organisation. Admins may do everything. */
export const permissions = {
	manageOrganisation: ['admin'],
	editProcess: ['admin', 'process_owner'],
	manageEvents: ['admin', 'process_owner', 'moderator'],
	/** Measures and goals of the concept, and adopting workshop results into them. */
	manageMeasures: ['admin', 'process_owner', 'moderator'],
	/** The steering group approves minutes; process owners may record its approval. */
	approveMinutes: ['admin', 'process_owner', 'steering_member'],
	/** Where a steering group with members' accounts decides, its approval given on paper. */
	recordApproval: ['admin', 'process_owner'],
	/** Steering group members comment on the concept draft; process owners resolve comments. */
	commentConcept: ['admin', 'process_owner', 'steering_member'],
	/** The steering group and process owners harmonise results across workshops. */
	harmoniseResults: ['admin', 'process_owner', 'steering_member'],
	/** The audit log shows every staff write of the organisation, memberships included. */
	readAudit: ['admin'],
	readProcess: allRoles
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function roleAllows(role: Role, permission: Permission): boolean {
	return (permissions[permission] as readonly Role[]).includes(role);
}
