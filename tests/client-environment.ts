import { builtinEnvironments, type Environment } from 'vitest/runtime';

/**
 * Node, but with modules prepared as for the browser (Vite's `client` environment): the Svelte
 * plugin compiles `*.svelte.ts` for the client, so `$effect` runs, and packages resolve their
 * `browser` entry. There is no DOM; a test that needs one sets its own environment.
 */
export default {
	...builtinEnvironments.node,
	name: 'client',
	viteEnvironment: 'client'
} satisfies Environment;
