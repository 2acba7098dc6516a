import type { QuestionKind, QuestionnaireStatus } from '$lib/needs/rules';
import { m } from '$lib/paraglide/messages';

const statuses: Record<QuestionnaireStatus, () => string> = {
	draft: m.needs_status_draft,
	open: m.needs_status_open,
	closed: m.needs_status_closed
};
export const statusLabel = (status: QuestionnaireStatus) => statuses[status]();

const kinds: Record<QuestionKind, () => string> = {
	single: m.needs_kind_single,
	multiple: m.needs_kind_multiple,
	scale: m.needs_kind_scale,
	text: m.needs_kind_text
};
export const kindLabel = (kind: QuestionKind) => kinds[kind]();
