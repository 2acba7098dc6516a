/**
 * The phone's connection: ideas wait in an outbox (kept in localStorage, so a reload or a dead
 * battery loses nothing typed) until the server has acknowledged them; dots go one at a time.
 */
import { LiveConnection, newClientId, type ClientErrorCode } from './connection.svelte';
import type { DotTarget } from './protocol';

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

type DotWrite = { event: 'dot:place' | 'dot:remove'; clientId: string; target: DotTarget };

/** How long to wait before resending an idea the rate limit refused. */
const rateLimitRetryMs = 5_000;

export class ParticipantConnection extends LiveConnection {
	ownIdeas = $state<OwnIdea[]>([]);
	/** A dot is on its way; further taps wait for its answer. */
	voting = $state(false);
	/** The last refused dot, shown to the participant. */
	dotError = $state<ClientErrorCode | null>(null);

	private storageKey: string;
	private flushing = false;
	/** A dot whose answer was lost with the link: resent with the same id once it is back. */
	private unanswered: DotWrite | null = null;

	constructor(eventId: number) {
		super();
		this.storageKey = `mitwirken.ideas.${eventId}`;
		try {
			this.ownIdeas = JSON.parse(localStorage.getItem(this.storageKey) ?? '[]');
		} catch {
			this.ownIdeas = [];
		}
	}

	submitIdea(activityId: number, text: string, language: string) {
		this.ownIdeas.push({
			clientId: newClientId(),
			activityId,
			text,
			language,
			ideaId: null,
			error: null
		});
		this.save();
		void this.flush();
	}

	/** Ideas typed but not yet acknowledged. */
	get waiting(): number {
		return this.ownIdeas.filter((idea) => idea.ideaId === null && idea.error === null).length;
	}

	protected override connected() {
		void this.flush();
		if (this.unanswered) void this.sendDot(this.unanswered);
	}

	private async flush() {
		if (this.flushing) return;
		this.flushing = true;
		try {
			for (const idea of this.ownIdeas) {
				if (idea.ideaId !== null || idea.error !== null) continue;
				const { activityId, clientId, text, language } = idea;
				const reply = await this.request('idea:submit', { activityId, clientId, text, language });
				if (reply.ok) idea.ideaId = reply.value.id;
				else if (reply.error === 'no_connection') break;
				else if (reply.error === 'rate_limited') {
					setTimeout(() => void this.flush(), rateLimitRetryMs);
					break;
				} else idea.error = reply.error;
				this.save();
			}
		} finally {
			this.flushing = false;
		}
	}

	private save() {
		try {
			localStorage.setItem(this.storageKey, JSON.stringify(this.ownIdeas));
		} catch {
			// Storage full or disabled: the outbox still lives as long as the page does.
		}
	}

	placeDot(target: DotTarget) {
		return this.sendDot({ event: 'dot:place', clientId: newClientId(), target });
	}

	removeDot(target: DotTarget) {
		return this.sendDot({ event: 'dot:remove', clientId: newClientId(), target });
	}

	private async sendDot(write: DotWrite) {
		const activityId = this.activity?.id;
		if (activityId === undefined) return;
		this.voting = true;
		this.dotError = null;
		const reply = await this.request(write.event, {
			activityId,
			clientId: write.clientId,
			target: write.target
		});
		this.voting = false;
		this.unanswered = !reply.ok && reply.error === 'no_connection' ? write : null;
		if (!reply.ok) this.dotError = reply.error;
		else if (this.activity?.id === activityId) this.activity.mine = reply.value;
	}
}
