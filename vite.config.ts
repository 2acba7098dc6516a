import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { Server } from 'socket.io';
import { defaultClientConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** In development, socket.io shares Vite's server; the app's init hook attaches the handlers. */
const liveInDevelopment: Plugin = {
	name: 'mitwirken-live',
	configureServer(server) {
		if (!server.httpServer) return;
		(globalThis as Record<symbol, unknown>)[Symbol.for('mitwirken.live')] = new Server(
			server.httpServer,
			// Vite's own websocket (hot reload) upgrades on the same server: leave it alone.
			{ serveClient: false, destroyUpgrade: false }
		);
	}
};

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['custom-area', 'baseLocale']
		}),
		sveltekit(),
		liveInDevelopment
	],
	test: {
		reporters: ['default', 'json'],
		outputFile: { json: 'reports/vitest.json' },
		// Every test makes its own data: files and the tests in them run in a new order each time
		// (the seed is printed; `--sequence.seed=N` repeats an order).
		sequence: { shuffle: { files: true, tests: true } },
		expect: { requireAssertions: true },
		// Sized for a loaded two-core machine, where a production server can take many seconds to
		// start (tests/integration/server.ts gives it 60 s; some tests start their own) and its
		// first requests are slow.
		testTimeout: 90_000,
		hookTimeout: 120_000,
		projects: [
			{
				extends: true,
				// Packages load their browser entry: Svelte's client runtime, so `$effect` runs.
				resolve: { conditions: [...defaultClientConditions] },
				test: {
					name: 'client',
					// Isomorphic and browser code, runes (`*.svelte.ts`) included: compiled as for the
					// browser, run in Node without a DOM.
					environment: './tests/client-environment.ts',
					include: ['src/lib/**/*.test.ts'],
					exclude: ['src/lib/server/**']
				}
			},
			{
				extends: true,
				test: {
					name: 'server',
					environment: 'node',
					include: ['src/lib/server/**/*.test.ts', 'tests/integration/**/*.test.ts']
				}
			}
		]
	}
});
