/**
 * The phone's connection: ideas wait in an outbox until the server has acknowledged them; dots
 * go one at a time.
 */
import type { DotTarget } from '$lib/workshop/messages';
import { LiveConnection, newClientId, type ClientErrorCode } from './connection.svelte';
import { IdeaOutbox } from './idea-outbox.svelte';

type DotWrite = { event: 'dot:place' | 'dot:remove'; clientId: string; target: DotTarget };

/** How long to wait before resending an idea the rate limit refused. */
const rateLimitRetryMs = 5_000;

export class ParticipantConnection extends LiveConnection {
	outbox: IdeaOutbox;
	/** A dot is on its way; further taps wait for its answer. */
	voting = $state(false);
	/** The last refused dot, shown to the participant. */
	dotError = $state<ClientErrorCode | null>(null);

	private flushing = false;
	/** A dot whose answer was lost with the link: resent with the same id once it is back. */
	private unanswered: DotWrite | null = null;

	constructor(eventId: number) {
		super();
		this.outbox = new IdeaOutbox(globalThis.localStorage, `mitwirken.ideas.${eventId}`);
	}

	submitIdea(activityId: number, text: string, language: string) {
		this.outbox.add({ clientId: newClientId(), activityId, text, language });
		void this.flush();
	}

	protected override connected() {
		void this.flush();
		if (this.unanswered) void this.sendDot(this.unanswered);
	}

	private async flush() {
		if (this.flushing) return;
		this.flushing = true;
		try {
			// Ideas typed while earlier ones are on their way are sent in the same run.
			for (let idea = this.outbox.waiting[0]; idea; idea = this.outbox.waiting[0]) {
				const { activityId, clientId, text, language } = idea;
				const reply = await this.request('idea:submit', { activityId, clientId, text, language });
				const step = this.outbox.answered(idea, reply);
				if (step === 'wait_for_link') break;
				if (step === 'retry_later') {
					setTimeout(() => void this.flush(), rateLimitRetryMs);
					break;
				}
			}
		} finally {
			this.flushing = false;
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
		if (reply.ok) this.applyMine(activityId, reply.value);
		else this.dotError = reply.error;
	}
}
