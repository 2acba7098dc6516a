/**
 * Headers for every response: pages, downloads, the static files adapter-node serves and
 * socket.io's long-polling answers (the last two are set in server.js, from this module).
 * Pages get their Content-Security-Policy from svelte.config.js, with nonces; everything else
 * gets `documentPolicy`, so a download opened in the browser can run nothing.
 */

/** Browser features no page of the app uses; the invitation link's clipboard stays allowed. */
const deniedFeatures = [
	'accelerometer',
	'autoplay',
	'camera',
	'display-capture',
	'geolocation',
	'gyroscope',
	'hid',
	'magnetometer',
	'microphone',
	'midi',
	'payment',
	'serial',
	'usb',
	'xr-spatial-tracking'
];

export const permissionsPolicy = deniedFeatures.map((feature) => `${feature}=()`).join(', ');

/** For responses that are not pages: no scripts, no styles, no framing. */
export const documentPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Where SvelteKit puts the phone's service worker (`src/service-worker.ts`). */
export const serviceWorkerPath = '/service-worker.js';

/**
 * The service worker's own policy: it may fetch from this origin and nothing else. Not
 * `sandbox`, which would give it an opaque origin without a cache.
 */
export const workerPolicy = "default-src 'none'; connect-src 'self'";

/** The policy for a static file or other response the pages' policy does not cover. */
export function staticPolicy(pathname: string): string {
	return pathname === serviceWorkerPath ? workerPolicy : documentPolicy;
}

/** One year; not `includeSubDomains`, as a county's other hosts may still serve plain HTTP. */
export const strictTransportSecurity = 'max-age=31536000';

/**
 * `https` is whether the public origin is HTTPS: from `ORIGIN` (server.js always sets it), so
 * a request's own `X-Forwarded-Proto` never decides. Browsers ignore HSTS sent over plain HTTP.
 */
export function securityHeaders(https: boolean): Record<string, string> {
	return {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin',
		'permissions-policy': permissionsPolicy,
		...(https ? { 'strict-transport-security': strictTransportSecurity } : {})
	};
}
