import { error, fail } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { roleAllows } from '$lib/server/auth/roles';
import { requireVersion } from '$lib/server/concept/guard';
import { isAdopted } from '$lib/server/concept/versions';
import { importFromOparl, type OparlProblem } from '$lib/server/council/oparl';
import {
	addStep,
	councilBodies,
	findStep,
	listSteps,
	moveStep,
	removeStep,
	updateStep,
	type StepOutcome
} from '$lib/server/council/steps';
import { getDb } from '$lib/server/db';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import {
	importForm,
	noteLimit,
	startersOf,
	stepForm,
	stepInputOf,
	stepProblemMessage
} from '$lib/server/council/form';
import { parseForm } from '$lib/server/forms/parse';
import { direction, id } from '$lib/server/forms/process-fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	event.depends('app:council');
	const { version, process, role } = requireVersion(event, 'readProcess');
	const db = getDb();
	return {
		number: version.number,
		steps: listSteps(db, version.id),
		adopted: isAdopted(db, version.id),
		bodies: councilBodies(db, process.id),
		measures: version.snapshot.fields.flatMap((f) =>
			f.measures.map((measure) => ({
				id: measure.id,
				number: measure.number,
				title: measure.title
			}))
		),
		canEdit: roleAllows(role, 'editProcess')
	};
};

function answer(outcome: StepOutcome, values: Record<string, string>, stepId: string) {
	if (!outcome.ok) {
		if (outcome.problem === 'not_found') error(404, { message: m.error_not_found() });
		return fail(409, { message: stepProblemMessage(outcome.problem), values, stepId });
	}
	return { saved: outcome.adopted ? m.council_adopted_now() : m.saved() };
}

const oparlMessages: Record<OparlProblem, () => string> = {
	scheme: m.council_import_scheme,
	unreachable: m.council_import_unreachable,
	status: m.council_import_status,
	too_large: m.council_import_too_large,
	not_oparl: m.council_import_not_oparl,
	redirect: m.council_import_redirect,
	other_body: m.council_import_other_body,
	internal: m.council_import_internal
};

/** Council information systems in the own network that IT allows: `OPARL_HOSTS=ris.intern,…`. */
const trustedHosts = () =>
	(env.OPARL_HOSTS ?? '')
		.split(',')
		.map((host) => host.trim().toLowerCase())
		.filter(Boolean);

export const actions: Actions = {
	add: async (event) => {
		const { process, version, user } = requireVersion(event, 'editProcess');
		const formData = await event.request.formData();
		const form = parseForm(stepForm, formData);
		const starters = startersOf(formData);
		if (!form.ok || !starters) {
			return fail(400, { errors: form.ok ? {} : form.errors, values: form.values, stepId: 'new' });
		}
		const input = stepInputOf(form.data, starters);
		return answer(addStep(getDb(), process.id, version.id, input, user), form.values, 'new');
	},
	update: async (event) => {
		const { process, user } = requireVersion(event, 'editProcess');
		const formData = await event.request.formData();
		const form = parseForm(v.object({ ...stepForm.entries, id }), formData);
		const starters = startersOf(formData);
		const stepId = String(formData.get('id') ?? '');
		if (!form.ok || !starters) {
			return fail(400, { errors: form.ok ? {} : form.errors, values: form.values, stepId });
		}
		const { id: step, ...data } = form.data;
		const input = stepInputOf(data, starters);
		const correction = { reason: data.reason, by: user.name };
		return answer(updateStep(getDb(), process.id, step, input, correction), form.values, stepId);
	},
	move: async (event) => {
		const { process } = requireVersion(event, 'editProcess');
		const form = parseForm(v.object({ id, direction }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		return answer(moveStep(getDb(), process.id, form.data.id, form.data.direction), {}, '');
	},
	remove: async (event) => {
		const { process } = requireVersion(event, 'editProcess');
		const form = parseForm(v.object({ id, ...confirmed }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const found = findStep(db, process.id, form.data.id);
		if (!found) error(404, { message: m.error_not_found() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/remove',
				fields: { id: String(found.step.id) },
				question: m.confirm_delete_named({ name: found.step.bodyName })
			});
		}
		return answer(removeStep(db, process.id, found.step.id), {}, '');
	},
	import: async (event) => {
		const { process, user } = requireVersion(event, 'editProcess');
		const form = parseForm(importForm, await event.request.formData());
		if (!form.ok) {
			return fail(400, { importErrors: form.errors, values: form.values, stepId: form.values.id });
		}
		const db = getDb();
		const found = findStep(db, process.id, form.data.id);
		if (!found) error(404, { message: m.error_not_found() });
		const { step } = found;
		if (step.result !== 'pending') {
			return fail(409, { message: m.council_import_pending_only(), values: form.values });
		}
		const imported = await importFromOparl(form.data.url, {
			bodyName: step.bodyName,
			trustedHosts: trustedHosts()
		});
		if (!imported.ok) {
			const reason = oparlMessages[imported.problem]();
			return fail(409, { message: m.council_import_failed({ reason }), values: form.values });
		}
		const { found: oparl } = imported;
		// The fetch took seconds: build on the step as it is now, so a colleague's edit in the
		// meantime is kept, and a step decided meanwhile is not overwritten.
		const now = findStep(db, process.id, step.id)?.step;
		if (!now) error(404, { message: m.error_not_found() });
		if (now.result !== 'pending') {
			return fail(409, { message: m.council_import_pending_only(), values: form.values });
		}
		const { starterMeasureIds } = listSteps(db, found.version.id).find((s) => s.id === step.id)!;
		// Importing again adds the same words once, and the note stays within its form's limit.
		const note = now.note.split('\n').includes(oparl.note)
			? now.note
			: [now.note, oparl.note].filter(Boolean).join('\n').slice(0, noteLimit);
		const input = {
			...now,
			meetingOn: oparl.meetingOn ?? now.meetingOn,
			paperNumber: oparl.paperNumber || now.paperNumber,
			isPublic: oparl.isPublic ?? now.isPublic,
			result: oparl.result ?? now.result,
			note,
			oparlUrl: form.data.url,
			starterMeasureIds
		};
		const votes = oparl.votes && {
			votesYes: oparl.votes.yes,
			votesNo: oparl.votes.no,
			votesAbstained: oparl.votes.abstained
		};
		const correction = { reason: '', by: user.name };
		let outcome = updateStep(db, process.id, step.id, { ...input, ...votes }, correction);
		// Votes read from words that cannot have led to the result are left for staff to enter.
		if (votes && !outcome.ok && outcome.problem === 'votes') {
			outcome = updateStep(db, process.id, step.id, input, correction);
		}
		if (!outcome.ok) return answer(outcome, form.values, String(step.id));
		return { saved: outcome.adopted ? m.council_adopted_now() : m.council_imported() };
	}
};
