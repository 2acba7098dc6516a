import * as v from 'valibot';
import { safeText } from '../../text/clean';

export type FormValues = Record<string, string>;

export type FormParse<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; errors: Record<string, string>; values: FormValues };

const secretFields = /password/i;

/**
 * Parses a submitted form. On failure, returns one translated message per field. Either way it
 * returns the values to show again (never passwords, and without the characters `safeText`
 * drops), e.g. when the domain refuses them. Text fields clean themselves (`fields.ts`).
 */
export function parseForm<S extends v.GenericSchema>(
	schema: S,
	formData: FormData
): FormParse<v.InferOutput<S>> {
	const values: FormValues = {};
	for (const [key, value] of formData) {
		if (typeof value === 'string') values[key] = value;
	}
	const echoed = Object.fromEntries(
		Object.entries(values)
			.filter(([key]) => !secretFields.test(key))
			.map(([key, value]) => [key, safeText(value)])
	);
	const result = v.safeParse(schema, values);
	if (result.success) return { ok: true, data: result.output, values: echoed };

	const errors: Record<string, string> = {};
	for (const issue of result.issues) {
		const field = v.getDotPath(issue) ?? 'form';
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, values: echoed };
}
