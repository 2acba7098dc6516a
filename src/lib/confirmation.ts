/**
 * A destructive action waiting for a second, explicit submit: what the server answers to the
 * first one, and what `ConfirmAction.svelte` shows (works without JavaScript).
 */
export interface Confirmation {
	/** The form action to post to again, e.g. `?/delete`. */
	action: string;
	/** The hidden fields of the first submit, sent again with `confirmed=on`. */
	fields: Record<string, string>;
	question: string;
	/** What depends on the record, one line each ("Ideen: 143"). */
	affected: string[];
	/** What will happen: deleted for good, or archived. */
	consequence: string;
	confirmLabel: string;
}
