import { m } from '$lib/paraglide/messages';
import type { MessageLocale, NotificationKind } from './notify-kinds';

const kindLabels: Record<NotificationKind, () => string> = {
	invitation: m.notify_kind_invitation,
	password_reset: m.notify_kind_password_reset,
	approval_waiting: m.notify_kind_approval_waiting,
	approval_given: m.notify_kind_approval_given,
	approval_refused: m.notify_kind_approval_refused,
	event_invitation: m.notify_kind_event_invitation,
	event_reminder: m.notify_kind_event_reminder,
	measure_comment: m.notify_kind_measure_comment,
	sachstand_due: m.notify_kind_sachstand_due,
	digest: m.notify_kind_digest
};

export const notificationKindLabel = (kind: NotificationKind) => kindLabels[kind]();

const localeLabels: Record<MessageLocale, () => string> = {
	de: m.notify_language_de,
	en: m.notify_language_en
};

export const messageLocaleLabel = (locale: MessageLocale) => localeLabels[locale]();
