import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Registered by the workshop page alone (`$lib/phone-cache/register.ts`): staff pages
		// have no use for an offline copy.
		serviceWorker: { register: false },
		// A page's small style files come inline (with the CSP nonce or hash SvelteKit adds), so a
		// phone on a slow network waits for fewer files before the first paint.
		inlineStyleThreshold: 4096,
		typescript: {
			// The benchmarks are TypeScript too; svelte-check covers them with the app.
			config: (tsconfig) => ({ ...tsconfig, include: [...tsconfig.include, '../bench/**/*.ts'] })
		},
		// Nonces for rendered pages, hashes for prerendered ones: no inline script or style element
		// runs without one (style elements are only our own small files, inlined). Style attributes
		// stay allowed, since server-rendered `style:` directives (bar widths, chart height) and
		// app.html use them.
		// Svelte 5's transitions use the Web Animations API, which CSP does not restrict.
		// 'self' in connect-src covers socket.io's ws:/wss: to the same host (CSP Level 3).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'media-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
