/**
 * The phone's dots on their way: each press is queued and shown at once, sent one after the
 * other, confirmed by the server's ack or rolled back when the server refuses it. Two quick
 * presses are two dots. The queue is kept in storage (localStorage on the phone), so dots given
 * in a dead spot survive a reload; the server applies each client id once, so a press whose
 * ack was lost is not counted twice when it is sent again.
 */
import type { ActivityView, MyDotsView } from '$lib/workshop/protocol';
import type { DotTarget } from '$lib/workshop/messages';
import { dotRefusal, dotsOn, withDot } from '$lib/workshop/rules';
import type { ClientErrorCode } from './connection.svelte';

export interface DotWrite {
	event: 'dot:place' | 'dot:remove';
	activityId: number;
	clientId: string;
	target: DotTarget;
}

type Voting = Pick<ActivityView, 'id' | 'mine' | 'dotsPerParticipant' | 'maxDotsPerTarget'>;

/** An entry read back from storage, which another version of the app may have written. */
function isDotWrite(value: unknown): value is DotWrite {
	if (typeof value !== 'object' || value === null) return false;
	const write = value as Record<keyof DotWrite, unknown>;
	const target = write.target as Record<keyof DotTarget, unknown> | null;
	return (
		(write.event === 'dot:place' || write.event === 'dot:remove') &&
		Number.isSafeInteger(write.activityId) &&
		typeof write.clientId === 'string' &&
		typeof target === 'object' &&
		target !== null &&
		(target.kind === 'idea' || target.kind === 'cluster') &&
		Number.isSafeInteger(target.id)
	);
}

export class DotQueue {
	pending = $state<DotWrite[]>([]);

	constructor(
		private storage?: Pick<Storage, 'getItem' | 'setItem'>,
		private key = ''
	) {
		try {
			const stored: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
			this.pending = Array.isArray(stored) ? stored.filter(isDotWrite) : [];
		} catch {
			this.pending = [];
		}
	}

	/** The server's last word on the activity's dots with the presses still on their way. */
	shown(activity: Voting): MyDotsView {
		const confirmed = activity.mine ?? { placed: [], remaining: activity.dotsPerParticipant };
		return this.pending
			.filter((write) => write.activityId === activity.id)
			.reduce(
				(mine, write) => withDot(mine, write.target, write.event === 'dot:place' ? 1 : -1),
				confirmed
			);
	}

	/** Queues a press the rules allow, judged on what is shown; otherwise says why not. */
	press(activity: Voting, write: Omit<DotWrite, 'activityId'>): ClientErrorCode | null {
		const mine = this.shown(activity);
		const refusal =
			write.event === 'dot:place'
				? dotRefusal(mine, write.target, activity.maxDotsPerTarget)
				: dotsOn(mine, write.target) === 0
					? 'no_dot_there'
					: null;
		if (refusal === null) {
			this.pending.push({ ...write, activityId: activity.id });
			this.save();
		}
		return refusal;
	}

	/** The oldest press not yet answered. */
	get next(): DotWrite | undefined {
		return this.pending[0];
	}

	/** The server answered `write` (stored or refused): it no longer counts on top. */
	answered(write: DotWrite) {
		this.pending = this.pending.filter((other) => other.clientId !== write.clientId);
		this.save();
	}

	private save() {
		try {
			this.storage?.setItem(this.key, JSON.stringify(this.pending));
		} catch {
			// Storage full or disabled: the queue still lives as long as the page does.
		}
	}
}
