import { describe, expect, it } from 'vitest';
import { maxPasswordLength, minPasswordLength, passwordProblem } from './password-policy';

describe('password policy', () => {
	it('accepts a long, uncommon password that is not personal', () => {
		expect(
			passwordProblem('Kreistag-Fachkonferenz-7', { email: 'it@kreis.example', name: 'IT' })
		).toBe(null);
	});

	it('wants at least 10 and at most 256 characters', () => {
		expect(minPasswordLength).toBe(10);
		expect(passwordProblem('kurz-9-zz')).toBe('too_short');
		expect(passwordProblem('zehn-zeich')).toBe(null);
		expect(passwordProblem('x'.repeat(maxPasswordLength + 1))).toBe('too_long');
	});

	it.each(['1234567890', 'password123', 'qwertyuiop', 'PASSWORD123', 'Basketball'])(
		'refuses the commonly breached password %j, whatever its case',
		(password) => {
			expect(passwordProblem(password)).toBe('common');
		}
	);

	it.each([
		['the whole e-mail address', 'anna.berger@kreis.example!'],
		['the local part of the e-mail address', 'Anna.Berger2026'],
		['the name, without its spaces', 'annaberger-sicher'],
		['the name, in other case', 'ANNA BERGER 2026']
	])('refuses a password containing %s', (_, password) => {
		expect(
			passwordProblem(password, { email: 'Anna.Berger@Kreis.example', name: 'Anna Berger' })
		).toBe('personal');
	});

	it('refuses a password that is part of a long name', () => {
		expect(
			passwordProblem('fachbereich integration', { name: 'Fachbereich Integration Landkreis' })
		).toBe('personal');
	});

	it('ignores very short names and local parts, which any password may contain', () => {
		expect(passwordProblem('Sitzung-am-Montag', { email: 'it@kreis.example', name: 'Al' })).toBe(
			null
		);
	});
});
