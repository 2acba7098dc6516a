import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { checkAdminReset, createPasswordReset } from '$lib/server/auth/password-reset';
import { getDb } from '$lib/server/db';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { roleLabel } from '$lib/labels';
import { requireOrganisation } from '$lib/server/guard';
import { id, optionalId } from '$lib/server/forms/process-fields';
import { listProcesses } from '$lib/server/process/processes';
import { listProcessMembers, removeProcessRole } from '$lib/server/organisations/process-members';
import {
	createInvitation,
	listOpenInvitations,
	revokeInvitation
} from '$lib/server/organisations/invitations';
import {
	changeMemberRole,
	listMembers,
	removeMember,
	type MemberChange
} from '$lib/server/organisations/organisations';
import type { Actions, PageServerLoad } from './$types';

const memberId = v.pipe(
	v.string(() => m.error_required()),
	v.toNumber(() => m.error_choice()),
	v.integer(() => m.error_choice())
);
const roleForm = v.object({ userId: memberId, role: field.role });
const removeForm = v.object({ userId: memberId, ...confirmed });
const inviteForm = v.object({
	role: field.role,
	note: field.optionalLine(200),
	/** Empty: the whole organisation; a process: that process only. */
	processId: optionalId
});
const processRoleForm = v.object({ userId: memberId, processId: id, ...confirmed });
const revokeForm = v.object({ invitationId: field.requiredLine(64), ...confirmed });
const resetForm = v.object({ userId: memberId });

export const load: PageServerLoad = (event) => {
	const { organisation, user } = requireOrganisation(event, 'manageOrganisation');
	const db = getDb();
	return {
		currentUserId: user.id,
		members: listMembers(db, organisation.id),
		processMembers: listProcessMembers(db, organisation.id),
		processes: listProcesses(db, organisation.id).map(({ id, title }) => ({ id, title })),
		invitations: listOpenInvitations(db, organisation.id)
	};
};

function memberChangeResult(result: MemberChange, success: string) {
	if (result.ok) return { success };
	const message = result.reason === 'last_admin' ? m.error_last_admin() : m.error_not_member();
	return fail(400, { message });
}

export const actions: Actions = {
	changeRole: async (event) => {
		const { organisation } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(roleForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const result = changeMemberRole(getDb(), organisation.id, form.data.userId, form.data.role);
		return memberChangeResult(result, m.members_role_changed());
	},
	remove: async (event) => {
		const { organisation } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(removeForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		if (!form.data.confirmed) {
			const members = listMembers(db, organisation.id);
			const member = members.find((p) => p.userId === form.data.userId);
			if (!member) return memberChangeResult({ ok: false, reason: 'not_member' }, '');
			const admins = members.filter((p) => p.role === 'admin').length;
			if (member.role === 'admin' && admins <= 1) {
				return memberChangeResult({ ok: false, reason: 'last_admin' }, '');
			}
			return askToConfirm({
				action: '?/remove',
				fields: { userId: String(member.userId) },
				question: m.confirm_remove_org_member({ name: member.name }),
				consequence: m.confirm_remove_org_member_consequence(),
				confirmLabel: m.members_remove()
			});
		}
		const result = removeMember(db, organisation.id, form.data.userId);
		return memberChangeResult(result, m.members_removed());
	},
	invite: async (event) => {
		const { organisation, user } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(inviteForm, await event.request.formData());
		if (!form.ok) return fail(400, { inviteErrors: form.errors, values: form.values });
		const db = getDb();
		const { processId } = form.data;
		if (processId !== null && !listProcesses(db, organisation.id).some((p) => p.id === processId)) {
			error(404, { message: m.error_not_found() });
		}
		const { invitation, token } = createInvitation(db, {
			organisationId: organisation.id,
			role: form.data.role,
			note: form.data.note,
			createdByUserId: user.id,
			processId
		});
		return {
			invitationLink: `${event.url.origin}/invite/${token}`,
			invitedRole: invitation.role
		};
	},
	removeProcessRole: async (event) => {
		const { organisation } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(processRoleForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const { userId, processId } = form.data;
		const held = listProcessMembers(db, organisation.id).find(
			(row) => row.userId === userId && row.processId === processId
		);
		if (!held) error(404, { message: m.error_not_found() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/removeProcessRole',
				fields: { userId: String(userId), processId: String(processId) },
				question: m.govern_remove_process_role_question({
					name: held.name,
					process: held.processTitle
				}),
				consequence: m.govern_remove_process_role_consequence(),
				confirmLabel: m.govern_remove_process_role()
			});
		}
		removeProcessRole(db, organisation.id, processId, userId);
		return { success: m.govern_process_role_removed() };
	},
	revokeInvitation: async (event) => {
		const { organisation } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(revokeForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const { invitationId } = form.data;
		if (!form.data.confirmed) {
			const invitation = listOpenInvitations(db, organisation.id).find(
				(open) => open.id === invitationId
			);
			if (!invitation) error(404, { message: m.error_not_found() });
			return askToConfirm({
				action: '?/revokeInvitation',
				fields: { invitationId },
				question: m.invitations_revoke_question({
					note: invitation.note || roleLabel(invitation.role)
				}),
				consequence: m.invitations_revoke_consequence(),
				confirmLabel: m.invitations_revoke()
			});
		}
		if (!revokeInvitation(db, organisation.id, invitationId))
			error(404, { message: m.error_not_found() });
		return { success: m.invitations_revoked() };
	},
	resetLink: async (event) => {
		const { organisation, user } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(resetForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const check = checkAdminReset(db, user.id, organisation.id, form.data.userId);
		if (!check.allowed) {
			return check.reason === 'not_member'
				? fail(404, { message: m.error_not_member() })
				: fail(403, { message: m.reset_link_outside_reach() });
		}
		const { token } = createPasswordReset(db, check.user.id, user.id);
		return { resetLink: `${event.url.origin}/password-reset/${token}`, resetFor: check.user.name };
	}
};
