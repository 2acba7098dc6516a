import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { direction, id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import { measureCount } from '$lib/server/concept/measures';
import {
	addField,
	addGuideline,
	deleteField,
	deleteGuideline,
	listFields,
	listGuidelines,
	moveField,
	moveGuideline,
	suggestFieldCode,
	updateField,
	updateGuideline
} from '$lib/server/process/fields';
import type { Actions, PageServerLoad } from './$types';

const code = v.pipe(
	field.requiredText(10),
	v.regex(/^[0-9A-Za-z.]+$/, () => m.error_field_code())
);
const fieldFields = v.object({
	code,
	title: field.requiredText(160),
	description: field.optionalText(2000)
});
const guidelineFields = v.object({
	title: field.requiredText(160),
	description: field.optionalText(2000)
});
const withId = <T extends v.ObjectEntries>(schema: v.ObjectSchema<T, undefined>) =>
	v.object({ id, ...schema.entries });
const moveForm = v.object({ id, direction });
const deleteForm = v.object({ id });

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
		return result.ok ? { saved: m.saved() } : codeTaken(input, `field-${fieldId}`);
	},
	moveField: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(moveForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		moveField(getDb(), process.id, form.data.id, form.data.direction);
	},
	deleteField: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (measureCount(getDb(), form.data.id) > 0) {
			return fail(409, { message: m.field_has_measures() });
		}
		deleteField(getDb(), process.id, form.data.id);
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
		updateGuideline(getDb(), process.id, guidelineId, input);
		return { saved: m.saved() };
	},
	moveGuideline: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(moveForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		moveGuideline(getDb(), process.id, form.data.id, form.data.direction);
	},
	deleteGuideline: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		deleteGuideline(getDb(), process.id, form.data.id);
		return { saved: m.deleted() };
	}
};
