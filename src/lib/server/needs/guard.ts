import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Permission } from '../auth/roles';
import { getDb } from '../db';
import { requireProcess } from '../guard';
import { findQuestionnaire } from './questionnaires';

/** The questionnaire named in the URL, inside the process named in the URL. */
export function requireQuestionnaire(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	permission: Permission
) {
	const access = requireProcess(event, permission);
	const id = Number((event.params as { questionnaire?: string }).questionnaire);
	const questionnaire = Number.isSafeInteger(id)
		? findQuestionnaire(getDb(), access.process.id, id)
		: undefined;
	if (!questionnaire) error(404, { message: m.error_not_found() });
	return { ...access, questionnaire };
}
