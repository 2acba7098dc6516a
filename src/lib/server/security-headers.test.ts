import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
	it('sends HSTS only for an HTTPS origin', () => {
		expect(securityHeaders(false)['strict-transport-security']).toBeUndefined();
		expect(securityHeaders(true)['strict-transport-security']).toBe('max-age=31536000');
	});

	it('denies camera, microphone and location but leaves the clipboard to the app', () => {
		const policy = securityHeaders(false)['permissions-policy']!;
		expect(policy).toContain('camera=()');
		expect(policy).toContain('microphone=()');
		expect(policy).toContain('geolocation=()');
		expect(policy).not.toContain('clipboard');
	});
});
