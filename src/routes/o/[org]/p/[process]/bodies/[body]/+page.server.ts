import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	addMember,
	countBodyEvents,
	deleteBody,
	findBody,
	getSeatPlan,
	listMembers,
	removeMember,
	setSeatPlan,
	updateBody,
	updateMember
} from '$lib/server/bodies/bodies';
import { seatPlanStatus } from '$lib/server/bodies/seat-plan';
import { getDb } from '$lib/server/db';
import { stakeholderCategories, type StakeholderCategory } from '$lib/server/db/schema';
import { bodyForm, memberForm, seatPlanForm } from '$lib/server/forms/bodies';
import { parseForm } from '$lib/server/forms/parse';
import { checkbox, id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import { listMembers as listOrganisationMembers } from '$lib/server/organisations/organisations';
import { listFields } from '$lib/server/process/fields';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const memberIdForm = v.object({ id });
const deleteForm = v.object({ confirmed: checkbox });

function requireBody(
	event: RequestEvent | Parameters<PageServerLoad>[0],
	permission: 'readProcess' | 'editProcess'
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
		updateBody(getDb(), process.id, body.id, form.data);
		return { saved: m.saved() };
	},
	seats: async (event) => {
		const { body } = requireBody(event, 'editProcess');
		const form = parseForm(seatPlanForm, await event.request.formData());
		if (!form.ok) return fail(400, { seatErrors: form.errors, values: form.values });
		const seats: Partial<Record<StakeholderCategory, number>> = {};
		for (const category of stakeholderCategories) {
			seats[category] = form.data[`seats_${category}`] ?? 0;
		}
		setSeatPlan(getDb(), body.id, { maxMembers: form.data.maxMembers ?? null, seats });
		return { saved: m.saved() };
	},
	addMember: async (event) => {
		const { organisation, body } = requireBody(event, 'editProcess');
		const form = parseForm(memberForm, await event.request.formData());
		if (!form.ok) return fail(400, { memberErrors: form.errors, values: form.values });
		requireOwnAccount(organisation.id, form.data.userId);
		addMember(getDb(), body.id, form.data);
		return { saved: m.member_added() };
	},
	updateMember: async (event) => {
		const { organisation, body } = requireBody(event, 'editProcess');
		const data = await event.request.formData();
		const memberId = parseForm(memberIdForm, data);
		const form = parseForm(memberForm, data);
		if (!memberId.ok || !form.ok) return fail(400, { message: m.form_has_errors() });
		requireOwnAccount(organisation.id, form.data.userId);
		updateMember(getDb(), body.id, memberId.data.id, form.data);
		return { saved: m.saved() };
	},
	removeMember: async (event) => {
		const { body } = requireBody(event, 'editProcess');
		const form = parseForm(memberIdForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		removeMember(getDb(), body.id, form.data.id);
		return { saved: m.member_removed() };
	},
	delete: async (event) => {
		const { organisation, process, body } = requireBody(event, 'editProcess');
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const events = countBodyEvents(db, body.id);
		if (events > 0 && !form.data.confirmed) return fail(409, { confirmDelete: { events } });
		deleteBody(db, process.id, body.id);
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/bodies`);
	}
};
