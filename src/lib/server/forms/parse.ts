import * as v from 'valibot';

export type FormValues = Record<string, string>;

export type FormParse<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; errors: Record<string, string>; values: FormValues };

const secretFields = /password/i;

/**
 * Parses a submitted form. On failure, returns one translated message per field. Either way it
 * returns the values to show again (never passwords), e.g. when the domain refuses them.
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
		Object.entries(values).filter(([key]) => !secretFields.test(key))
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
