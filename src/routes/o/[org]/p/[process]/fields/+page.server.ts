import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { askToConfirm, confirmed, dependentList } from '$lib/server/forms/confirm';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { direction, id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import {
	addField,
	addGuideline,
	deleteField,
	deleteGuideline,
	fieldDependents,
	fieldInUse,
	findField,
	findGuideline,
	listFields,
	listGuidelines,
	moveField,
	moveGuideline,
	suggestFieldCode,
	updateField,
	updateGuideline
} from '$lib/server/process/fields';
import type { Dependents } from '$lib/server/records/dependents';
import type { Actions, PageServerLoad } from './$types';

const code = v.pipe(
	field.requiredLine(10),
	v.regex(/^[0-9A-Za-z.]+$/, () => m.error_field_code())
);
const fieldFields = v.object({
	code,
	title: field.requiredLine(160),
	description: field.optionalText(2000)
});
const guidelineFields = v.object({
	title: field.requiredLine(160),
	description: field.optionalText(2000)
});
const withId = <T extends v.ObjectEntries>(schema: v.ObjectSchema<T, undefined>) =>
	v.object({ id, ...schema.entries });
const moveForm = v.object({ id, direction });
const deleteForm = v.object({ id, ...confirmed });

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const db = getDb();
	return {
		fields: listFields(db, process.id),
		guidelines: listGuidelines(db, process.id),
		suggestedCode: suggestFieldCode(db, process.id)
	};
};

function codeTaken(values: Record<string, string>, target: string) {
	return fail(400, { target, errors: { code: m.error_field_code_taken() }, values });
}

export const actions: Actions = {
	addField: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(fieldFields, await event.request.formData());
		if (!form.ok)
			return fail(400, { target: 'new-field', errors: form.errors, values: form.values });
		const result = addField(getDb(), process.id, form.data);
		return result.ok ? { saved: m.saved() } : codeTaken(form.data, 'new-field');
	},
	updateField: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(withId(fieldFields), await event.request.formData());
		if (!form.ok) {
			return fail(400, {
				target: `field-${form.values.id}`,
				errors: form.errors,
				values: form.values
			});
		}
		const { id: fieldId, ...input } = form.data;
		const result = updateField(getDb(), process.id, fieldId, input);
		if (!result.ok && result.reason === 'not_found') error(404, { message: m.error_not_found() });
		return result.ok ? { saved: m.saved() } : codeTaken(input, `field-${fieldId}`);
	},
	moveField: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(moveForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (!moveField(getDb(), process.id, form.data.id, form.data.direction))
			error(404, { message: m.error_not_found() });
	},
	deleteField: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const found = findField(db, process.id, form.data.id);
		if (!found) error(404, { message: m.error_not_found() });
		const name = `${found.code} ${found.title}`;
		const refuse = (dependents: Dependents) =>
			fail(409, { message: m.field_delete_refused({ name, list: dependentList(dependents) }) });
		const dependents = fieldDependents(db, found.id);
		if (fieldInUse(dependents)) return refuse(dependents);
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/deleteField',
				fields: { id: String(found.id) },
				question: m.confirm_delete_named({ name }),
				dependents
			});
		}
		const result = deleteField(db, process.id, found.id);
		if (!result.ok && result.reason === 'in_use') return refuse(result.dependents);
		return { saved: m.deleted() };
	},
	addGuideline: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(guidelineFields, await event.request.formData());
		if (!form.ok) {
			return fail(400, { target: 'new-guideline', errors: form.errors, values: form.values });
		}
		addGuideline(getDb(), process.id, form.data);
		return { saved: m.saved() };
	},
	updateGuideline: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(withId(guidelineFields), await event.request.formData());
		if (!form.ok) {
			return fail(400, {
				target: `guideline-${form.values.id}`,
				errors: form.errors,
				values: form.values
			});
		}
		const { id: guidelineId, ...input } = form.data;
		if (!updateGuideline(getDb(), process.id, guidelineId, input))
			error(404, { message: m.error_not_found() });
		return { saved: m.saved() };
	},
	moveGuideline: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(moveForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (!moveGuideline(getDb(), process.id, form.data.id, form.data.direction))
			error(404, { message: m.error_not_found() });
	},
	deleteGuideline: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const guideline = findGuideline(db, process.id, form.data.id);
		if (!guideline) error(404, { message: m.error_not_found() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/deleteGuideline',
				fields: { id: String(guideline.id) },
				question: m.confirm_delete_named({ name: guideline.title })
			});
		}
		deleteGuideline(db, process.id, guideline.id);
		return { saved: m.deleted() };
	}
};
