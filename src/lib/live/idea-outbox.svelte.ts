/**
 * The phone's ideas until the server has stored them: kept in storage (localStorage on the
 * phone), so a reload or a dead battery loses nothing typed.
 */
import type { ClientErrorCode } from './connection.svelte';

export interface OwnIdea {
	clientId: string;
	activityId: number;
	text: string;
	language: string;
	/** Set once the server has stored the idea. */
	ideaId: number | null;
	/** Why the server refused it for good (e.g. collecting had ended). */
	error: ClientErrorCode | null;
}

/** An entry read back from storage, which another version of the app may have written. */
function isOwnIdea(value: unknown): value is OwnIdea {
	if (typeof value !== 'object' || value === null) return false;
	const idea = value as Record<keyof OwnIdea, unknown>;
	return (
		typeof idea.clientId === 'string' &&
		typeof idea.activityId === 'number' &&
		typeof idea.text === 'string' &&
		typeof idea.language === 'string' &&
		(idea.ideaId === null || typeof idea.ideaId === 'number') &&
		(idea.error === null || typeof idea.error === 'string')
	);
}

/** What happens to an idea after a reply: stored, refused for good, or try again later. */
export type OutboxStep = 'sent' | 'refused' | 'retry_later' | 'wait_for_link';

export class IdeaOutbox {
	ideas = $state<OwnIdea[]>([]);

	constructor(
		private storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
		private key: string
	) {
		try {
			const stored: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
			this.ideas = Array.isArray(stored) ? stored.filter(isOwnIdea) : [];
		} catch {
			this.ideas = [];
		}
	}

	add(idea: Omit<OwnIdea, 'ideaId' | 'error'>) {
		this.ideas.push({ ...idea, ideaId: null, error: null });
		this.save();
	}

	/** Ideas typed but neither stored nor refused. */
	get waiting(): OwnIdea[] {
		return this.ideas.filter((idea) => idea.ideaId === null && idea.error === null);
	}

	/** Records the server's answer to one idea, and says what to do next. */
	answered(
		idea: OwnIdea,
		reply: { ok: true; value: { id: number } } | { ok: false; error: ClientErrorCode }
	): OutboxStep {
		if (!reply.ok && reply.error === 'no_connection') return 'wait_for_link';
		if (!reply.ok && reply.error === 'rate_limited') return 'retry_later';
		if (reply.ok) idea.ideaId = reply.value.id;
		else idea.error = reply.error;
		this.save();
		return reply.ok ? 'sent' : 'refused';
	}

	private save() {
		try {
			this.storage?.setItem(this.key, JSON.stringify(this.ideas));
		} catch {
			// Storage full or disabled: the outbox still lives as long as the page does.
		}
	}
}
