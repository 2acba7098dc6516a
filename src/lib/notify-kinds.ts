/** What the app sends a message about (isomorphic: the account page lists the switchable ones). */
export const notificationKinds = [
	'invitation',
	'password_reset',
	'approval_waiting',
	'approval_given',
	'approval_refused',
	'event_invitation',
	'event_reminder',
	'measure_comment',
	'sachstand_due',
	'digest'
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The kinds each user may switch off or fold into the daily digest on /account. */
export const optionalKinds = [
	'approval_waiting',
	'approval_given',
	'approval_refused',
	'event_invitation',
	'event_reminder',
	'measure_comment',
	'sachstand_due'
] as const satisfies readonly NotificationKind[];
export type OptionalKind = (typeof optionalKinds)[number];

/**
 * `queued`: waiting for SMTP (or, without SMTP, shown on the outbox page); `held`: kept for the
 * recipient's daily digest; `digested`: went out inside a digest.
 */
export const notificationStatuses = ['queued', 'sent', 'failed', 'held', 'digested'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/** Messages are written in German or English; other page languages get German. */
export const messageLocales = ['de', 'en'] as const;
export type MessageLocale = (typeof messageLocales)[number];
export const messageLocaleOf = (locale: string | null | undefined): MessageLocale =>
	locale === 'en' ? 'en' : 'de';
