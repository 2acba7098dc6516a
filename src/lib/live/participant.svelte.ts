/**
 * The phone's connection: ideas wait in an outbox until the server has acknowledged them; dots
 * are queued, shown at once and sent one after the other. Both are kept on the phone until the
 * server has answered, so a dead spot or a reload loses nothing; so is the last view of the
 * workshop, so that a reload without network still shows the vote.
 */
import { version } from '$app/environment';
import type { DotTarget } from '$lib/workshop/messages';
import type { WorkshopView } from '$lib/workshop/protocol';
import { LiveConnection, newClientId, type ClientErrorCode } from './connection.svelte';
import { DotQueue, type DotWrite } from './dot-queue.svelte';
import { IdeaOutbox } from './idea-outbox.svelte';
import { newestView, ViewSnapshot } from './view-snapshot';

/** How long to wait before resending an idea the rate limit refused. */
const rateLimitRetryMs = 5_000;

export class ParticipantConnection extends LiveConnection {
	outbox: IdeaOutbox;
	dots: DotQueue;
	/** The last refused dot, shown to the participant. */
	dotError = $state<ClientErrorCode | null>(null);

	private flushing = false;
	private sendingDots = false;

	private stopKeeping: () => void;

	/** `served` is the view the page brought, rendered on the server. */
	constructor(eventId: number, served: WorkshopView | null) {
		super();
		this.outbox = new IdeaOutbox(globalThis.localStorage, `mitwirken.ideas.${eventId}`);
		this.dots = new DotQueue(globalThis.localStorage, `mitwirken.dots.${eventId}`);
		const snapshot = new ViewSnapshot(
			globalThis.localStorage,
			`mitwirken.view.${eventId}`,
			version
		);
		const start = newestView(served, snapshot.read());
		if (start) {
			this.activities = start.activities;
			this.activity = start.activity;
		}
		// Saved at most twice a second while what the vote shows changes (not on every tally), and
		// when the page goes away.
		const save = () =>
			snapshot.write({
				activities: $state.snapshot(this.activities),
				activity: $state.snapshot(this.activity)
			});
		let pending: ReturnType<typeof setTimeout> | null = null;
		this.stopKeeping = $effect.root(() => {
			// Only what the vote shows; a new tally does not change it.
			const shown = $derived(
				[
					this.activities.map((a) => `${a.id}:${a.stage}`).join(','),
					this.activity?.id,
					this.activity?.stage,
					this.activity?.ideas.length,
					this.activity?.clusters.length,
					this.activity?.mine?.remaining
				].join('|')
			);
			$effect(() => {
				void shown;
				pending ??= setTimeout(() => {
					pending = null;
					save();
				}, 500);
			});
		});
		addEventListener('pagehide', save, { signal: this.listening.signal });
	}

	override close() {
		this.stopKeeping();
		super.close();
	}

	submitIdea(activityId: number, text: string, language: string) {
		this.outbox.add({ clientId: newClientId(), activityId, text, language });
		void this.flush();
	}

	protected override connected() {
		void this.flush();
		void this.sendDots();
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
		this.press('dot:place', target);
	}

	removeDot(target: DotTarget) {
		this.press('dot:remove', target);
	}

	private press(event: DotWrite['event'], target: DotTarget) {
		if (!this.activity) return;
		this.dotError = this.dots.press(this.activity, { event, clientId: newClientId(), target });
		if (this.dotError === null) void this.sendDots();
	}

	/** Sends the queued dots in order; a lost link keeps the rest for the next connect. */
	private async sendDots() {
		if (this.sendingDots) return;
		this.sendingDots = true;
		try {
			for (let write = this.dots.next; write; write = this.dots.next) {
				const { event, activityId, clientId, target } = write;
				const reply = await this.request(event, { activityId, clientId, target });
				if (!reply.ok && reply.error === 'no_connection') break;
				this.dots.answered(write);
				if (reply.ok) this.applyMine(activityId, reply.value);
				else this.dotError = reply.error;
			}
		} finally {
			this.sendingDots = false;
		}
	}
}
