import type { ParticipantLocale } from '$lib/domain';

/** Arabic and Farsi are written right to left, in a kit as everywhere. */
export const textDirection = (locale: ParticipantLocale) =>
	locale === 'ar' || locale === 'fa' ? 'rtl' : 'ltr';
