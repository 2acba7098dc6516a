import type { SubmitFunction } from '@sveltejs/kit';
import { invalidate } from '$app/navigation';
import { tick } from 'svelte';

interface StaffEnhanceOptions {
	/** Reload only the loads that depend on this key; without one, every load of the page. */
	dependency?: string;
	/** Where focus goes after a success; by default the success message. */
	focus?: () => HTMLElement | null | undefined;
	/**
	 * False for a form that edits a record: its fields show the saved values. A reset would
	 * blank them on a page rendered in the browser (its fields have no default values), and the
	 * reloaded data puts back only the values that changed.
	 */
	reset?: boolean;
}

/**
 * `use:enhance` for staff forms: no full reload, only the page's own data reloaded, then
 * focus on what changed. The message appears in FormMessage's live region, so a screen reader
 * hears it politely (an error, as an alert); the page keeps its scroll position.
 */
export function staffEnhance({
	dependency,
	focus,
	reset = true
}: StaffEnhanceOptions = {}): SubmitFunction {
	return () =>
		async ({ result, update }) => {
			await update({ reset, invalidateAll: dependency === undefined });
			if (result.type !== 'success') return;
			if (dependency) await invalidate(dependency);
			await tick();
			const target =
				focus?.() ?? document.querySelector<HTMLElement>('[role="status"] .notice.success');
			target?.focus();
		};
}
