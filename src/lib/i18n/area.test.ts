import { describe, expect, it } from 'vitest';
import { acceptedLanguages, isParticipantPath, pickLocale } from './area';

describe('the language of a page', () => {
	it('reads Accept-Language by preference, primary subtags only', () => {
		expect(acceptedLanguages('fa-IR,fa;q=0.9,en-US;q=0.8,de;q=0.7')).toEqual([
			'fa',
			'fa',
			'en',
			'de'
		]);
		expect(acceptedLanguages('en;q=0.2, uk , ar;q=0')).toEqual(['uk', 'en']);
		expect(acceptedLanguages(null)).toEqual([]);
	});

	it('knows the participant pages by their join code or /mitmachen', () => {
		expect(isParticipantPath('/K7Q2MX')).toBe(true);
		expect(isParticipantPath('/k7q2mx/__data.json')).toBe(true);
		expect(isParticipantPath('/mitmachen')).toBe(true);
		// Six letters, but not a join code: codes never contain I, L, O, 0 or 1.
		expect(isParticipantPath('/logout')).toBe(false);
		expect(isParticipantPath('/o/landau/p/konzept')).toBe(false);
	});

	it('gives phones their language and keeps staff pages German or English', () => {
		expect(pickLocale('/K7Q2MX', undefined, ['ar'])).toBe('ar');
		expect(pickLocale('/K7Q2MX', 'tr', ['ar'])).toBe('tr');
		expect(pickLocale('/login', 'tr', ['ar', 'en'])).toBe('en');
		expect(pickLocale('/login', undefined, ['fa'])).toBe('de');
		expect(pickLocale('/K7Q2MX', undefined, ['fr'])).toBe('de');
	});
});
