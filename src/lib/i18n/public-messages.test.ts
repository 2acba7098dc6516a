import { describe, expect, it } from 'vitest';
import { m } from '../paraglide/messages';
import { pageLocales, pickLocale, spokenLanguage } from './area';
import { messageFiles, messageKeysOf } from './used-messages';

/** Everything the public pages of a process show: their routes and the parts they import. */
const publicSources = [
	'routes/beteiligung',
	'lib/components/public',
	'lib/components/process/Timeline.svelte',
	'lib/components/process/EventWhen.svelte'
];

/** Messages the public pages meet through labels, the layout, the forms and the error page. */
const sharedOnPublicPages = [
	'app_name',
	'skip_to_content',
	'language_label',
	'legal_nav',
	'legal_impressum',
	'legal_datenschutz',
	'legal_barrierefreiheit',
	'required_hint',
	'form_has_errors',
	'error_required',
	'error_too_long',
	'error_choice',
	'error_title',
	'error_not_found',
	'error_forbidden',
	'error_generic',
	'live_throttled',
	'phase_status_planned',
	'phase_status_active',
	'phase_status_done',
	'process_status_preparation',
	'process_status_running',
	'process_status_adopted',
	'process_status_implementation',
	'process_status_archived',
	'measure_status_proposed',
	'measure_status_agreed',
	'measure_status_council_decision_needed',
	'measure_status_resource_reservation',
	'measure_status_adopted',
	'measure_status_in_implementation',
	'measure_status_done',
	'measure_status_deferred',
	'measure_status_dropped',
	'timeframe_short',
	'timeframe_medium',
	'timeframe_long',
	'timeframe_period',
	'public_verdict_adopted',
	'public_verdict_partly_adopted',
	'public_verdict_not_adopted'
];

const publicKeys = messageKeysOf(publicSources, sharedOnPublicPages);

const files = messageFiles();

describe('the public pages in every language', () => {
	it('finds the keys the public pages use', () => {
		expect(publicKeys.length).toBeGreaterThan(60);
		expect(publicKeys).toContain('public_comment_submit');
		expect(publicKeys).toContain('public_minutes_heading');
	});

	it.each(pageLocales)('has every public key in %s (a missing one shows German)', (locale) => {
		const missing = publicKeys.filter((key) => !(key in files[locale]));
		expect(missing).toEqual([]);
	});

	it('speaks a language chosen on a phone on the public pages, but not on staff pages', () => {
		expect(pickLocale('/beteiligung/landau/ik-2', 'ar', [])).toBe('ar');
		expect(pickLocale('/beteiligung/landau/ik-2/protokoll/4', 'fa', [])).toBe('fa');
		expect(pickLocale('/beteiligung/landau/ik-2', undefined, ['uk', 'de'])).toBe('uk');
		expect(pickLocale('/o/landau/p/ik-2', 'ar', ['en'])).toBe('en');
	});

	it('offers Leichte Sprache to the public and the phones; staff pages fall back to German', () => {
		expect(pickLocale('/beteiligung/landau', 'de-x-ls', ['en'])).toBe('de-x-ls');
		expect(pickLocale('/mitmachen', 'de-x-ls', [])).toBe('de-x-ls');
		expect(pickLocale('/o/landau/p/ik-2', 'de-x-ls', [])).toBe('de');
		expect(pickLocale('/o/landau/p/ik-2', 'de-x-ls', ['en'])).toBe('en');
		expect(spokenLanguage('de-x-ls')).toBe('de');
		// A staff message has no Leichte Sprache text: Paraglide shows the German one, not the key.
		expect(m.nav_account({}, { locale: 'de-x-ls' })).toBe(m.nav_account({}, { locale: 'de' }));
	});
});
