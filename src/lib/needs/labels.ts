import type { QuestionKind, QuestionnaireStatus, ResponseSource } from './rules';
import { m } from '../paraglide/messages';

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

const sources: Record<ResponseSource, () => string> = {
	phone: m.needs_source_phone,
	paper: m.needs_source_paper
};
export const sourceLabel = (source: ResponseSource) => sources[source]();
