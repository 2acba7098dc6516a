import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	addMember,
	bodyDependents,
	bodyRefsInProcess,
	bodyRemoval,
	findBody,
	findMember,
	getSeatPlan,
	listMembers,
	removeBody,
	removeMember,
	restoreBody,
	setApprovalRule,
	setSeatPlan,
	updateBody,
	updateMember
} from '$lib/server/bodies/bodies';
import { seatPlanStatus, type SeatPlanRefusal } from '$lib/server/bodies/seat-plan';
import { stakeholderCategory } from '$lib/labels';
import { getDb } from '$lib/server/db';
import {
	approvalRules,
	stakeholderCategories,
	type StakeholderCategory
} from '$lib/server/db/schema';
import * as field from '$lib/server/forms/fields';
import { bodyForm, memberForm, seatPlanForm } from '$lib/server/forms/bodies';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import { parseForm } from '$lib/server/forms/parse';
import { id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import { listMembers as listOrganisationMembers } from '$lib/server/organisations/organisations';
import { listFields } from '$lib/server/process/fields';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const memberIdForm = v.object({ id });

/** A refused seat plan, as an error at the field to correct. */
function seatRefusalErrors(refusal: SeatPlanRefusal): Record<string, string> {
	const label = (category: StakeholderCategory) => stakeholderCategory.label(category);
	switch (refusal.reason) {
		case 'children_exceed_parent':
			return {
				[`seats_${refusal.parent}`]: m.templates_seats_refused_children({
					parent: label(refusal.parent),
					childSeats: refusal.childSeats,
					seats: refusal.seats
				})
			};
		case 'parent_not_in_plan':
			return {
				[`parent_${refusal.category}`]: m.templates_seats_refused_parent_missing({
					category: label(refusal.category),
					parent: label(refusal.parent)
				})
			};
		case 'nested_too_deep':
			return {
				[`parent_${refusal.category}`]: m.templates_seats_refused_too_deep({
					category: label(refusal.category),
					parent: label(refusal.parent)
				})
			};
		case 'own_parent':
			return {
				[`parent_${refusal.category}`]: m.templates_seats_refused_own_parent({
					category: label(refusal.category)
				})
			};
		case 'over_max':
			return {
				maxMembers: m.templates_seats_refused_over_max({
					planned: refusal.planned,
					max: refusal.max
				})
			};
	}
}
const removeMemberForm = v.object({ id, ...confirmed });
const deleteForm = v.object(confirmed);
const approvalRuleForm = v.object({ rule: field.choice(approvalRules) });

function requireBody(
	event: RequestEvent | Parameters<PageServerLoad>[0],
	permission: 'readProcess' | 'editProcess' | 'manageOrganisation'
) {
	const access = requireProcess(event, permission);
	const body = findBody(getDb(), access.process.id, Number(event.params.body));
	if (!body) error(404, { message: m.error_not_found() });
	return { ...access, body };
}

/** A member's account must be one of the organisation's: another organisation's is not found. */
function requireOwnAccount(organisationId: number, userId: number | null) {
	const accounts = listOrganisationMembers(getDb(), organisationId);
	if (userId !== null && !accounts.some((account) => account.userId === userId)) {
		error(404, { message: m.error_not_found() });
	}
}

export const load: PageServerLoad = (event) => {
	const { organisation, process, body } = requireBody(event, 'readProcess');
	const db = getDb();
	const members = listMembers(db, body.id);
	const plan = getSeatPlan(db, body);
	return {
		body,
		members,
		plan,
		seats: seatPlanStatus(plan, members),
		fields: listFields(db, process.id).map((f) => ({ id: f.id, label: `${f.code} ${f.title}` })),
		accounts: listOrganisationMembers(db, organisation.id).map((a) => ({
			id: a.userId,
			name: a.name
		}))
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { process, body } = requireBody(event, 'editProcess');
		const form = parseForm(bodyForm, await event.request.formData());
		if (!form.ok) return fail(400, { bodyErrors: form.errors, values: form.values });
		if (!bodyRefsInProcess(getDb(), process.id, form.data))
			error(404, { message: m.error_not_found() });
		updateBody(getDb(), process.id, body.id, form.data);
		return { saved: m.saved() };
	},
	approvalRule: async (event) => {
		const { body } = requireBody(event, 'editProcess');
		const form = parseForm(approvalRuleForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		setApprovalRule(getDb(), body.id, form.data.rule);
		return { saved: m.saved() };
	},
	seats: async (event) => {
		const { body } = requireBody(event, 'editProcess');
		const form = parseForm(seatPlanForm, await event.request.formData());
		if (!form.ok) return fail(400, { seatErrors: form.errors, values: form.values });
		const seats: Partial<Record<StakeholderCategory, number>> = {};
		const parents: Partial<Record<StakeholderCategory, StakeholderCategory>> = {};
		for (const category of stakeholderCategories) {
			seats[category] = form.data[`seats_${category}`] ?? 0;
			const parent = form.data[`parent_${category}`];
			if (parent) parents[category] = parent;
		}
		const refusal = setSeatPlan(getDb(), body.id, {
			maxMembers: form.data.maxMembers ?? null,
			seats,
			parents
		});
		if (refusal) return fail(400, { seatErrors: seatRefusalErrors(refusal), values: form.values });
		return { saved: m.saved() };
	},
	addMember: async (event) => {
		const { organisation, body } = requireBody(event, 'editProcess');
		const form = parseForm(memberForm, await event.request.formData());
		if (!form.ok) return fail(400, { memberErrors: form.errors, values: form.values });
		requireOwnAccount(organisation.id, form.data.userId);
		if (!addMember(getDb(), body.id, form.data)) {
			return fail(400, {
				memberErrors: { userId: m.error_member_not_in_organisation() },
				values: form.values
			});
		}
		return { saved: m.member_added() };
	},
	updateMember: async (event) => {
		const { organisation, body } = requireBody(event, 'editProcess');
		const data = await event.request.formData();
		const memberId = parseForm(memberIdForm, data);
		const form = parseForm(memberForm, data);
		if (!memberId.ok || !form.ok) return fail(400, { message: m.form_has_errors() });
		requireOwnAccount(organisation.id, form.data.userId);
		const result = updateMember(getDb(), body.id, memberId.data.id, form.data);
		if (!result.ok && result.reason === 'not_found') error(404, { message: m.error_not_found() });
		if (!result.ok) return fail(400, { message: m.error_member_not_in_organisation() });
		return { saved: m.saved() };
	},
	removeMember: async (event) => {
		const { body } = requireBody(event, 'editProcess');
		const form = parseForm(removeMemberForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const member = findMember(db, body.id, form.data.id);
		if (!member) error(404, { message: m.error_not_found() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/removeMember',
				fields: { id: String(member.id) },
				question: m.confirm_remove_body_member({ name: member.name }),
				consequence: m.confirm_remove_body_member_consequence(),
				confirmLabel: m.members_remove()
			});
		}
		removeMember(db, body.id, member.id);
		return { saved: m.member_removed() };
	},
	delete: async (event) => {
		const { organisation, process, body } = requireBody(event, 'editProcess');
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (body.archivedAt) return fail(409, { message: m.archived_done({ name: body.name }) });
		const db = getDb();
		if (!form.data.confirmed) {
			const dependents = bodyDependents(db, body.id);
			return askToConfirm({
				action: '?/delete',
				fields: {},
				question: m.confirm_delete_body({ name: body.name }),
				dependents,
				removal: bodyRemoval(dependents)
			});
		}
		if (removeBody(db, process.id, body.id) === 'archived') {
			return { saved: m.archived_done({ name: body.name }) };
		}
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/bodies`);
	},
	restore: async (event) => {
		const { process, body } = requireBody(event, 'manageOrganisation');
		restoreBody(getDb(), process.id, body.id);
		return { saved: m.restored() };
	}
};
