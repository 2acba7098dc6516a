import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { cleanLine } from '../../text/clean';
import {
	translationLocales,
	translationsSchema,
	type Translations
} from '../../workshop/translations';
import type { AnswerProblem } from './responses';
import { needsLimits } from '../../needs/rules';

export const translationField = (locale: string) => `tr_${locale}`;

/** The translations typed beside a German text (`tr_en`, `tr_tr` …); an empty field removes one. */
export function readTranslations(
	form: FormData,
	max: number
): { ok: true; translations: Translations } | { ok: false; errors: Record<string, string> } {
	const given: Record<string, string> = {};
	for (const locale of translationLocales) {
		const value = form.get(translationField(locale));
		if (typeof value === 'string') given[locale] = value;
		else if (value !== null)
			return { ok: false, errors: { [translationField(locale)]: m.error_choice() } };
	}
	const parsed = v.safeParse(translationsSchema(max, cleanLine), given);
	if (parsed.success) return { ok: true, translations: parsed.output };
	const errors: Record<string, string> = {};
	for (const issue of parsed.issues) {
		const locale = v.getDotPath(issue) ?? 'form';
		errors[translationField(locale)] ??= m.error_too_long({ max });
	}
	return { ok: false, errors };
}

/** An answer's problem, said in the page's language. */
export function answerProblemMessage(problem: AnswerProblem): string {
	switch (problem) {
		case 'choice':
			return m.error_choice();
		case 'too_long':
			return m.error_too_long({ max: needsLimits.answer });
		case 'empty':
			return m.needs_answer_empty();
	}
}
