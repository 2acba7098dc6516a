import { describe, expect, it } from 'vitest';
import type { DotTarget } from '$lib/workshop/messages';
import { dotsOn, withDot } from '$lib/workshop/rules';
import { activityOf } from '$lib/workshop/view-factories';
import { FullStorage, MemoryStorage } from '../../../tests/memory-storage';
import { DotQueue, type DotWrite } from './dot-queue.svelte';

const reading: DotTarget = { kind: 'cluster', id: 7 };
const homework: DotTarget = { kind: 'idea', id: 3 };

let ids = 0;
const place = (target: DotTarget) => ({
	event: 'dot:place' as const,
	clientId: `c${++ids}`,
	target
});
const remove = (target: DotTarget) => ({
	event: 'dot:remove' as const,
	clientId: `c${++ids}`,
	target
});

/** Three dots each, at most two on one target, none given yet. */
const voting = () => activityOf(1, { stage: 'voting', dotsPerParticipant: 3, maxDotsPerTarget: 2 });

/** What the server answers to `write`, given what it had confirmed before. */
function serverAnswer(activity: ReturnType<typeof voting>, write: DotWrite) {
	const confirmed = activity.mine ?? { placed: [], remaining: activity.dotsPerParticipant };
	return withDot(confirmed, write.target, write.event === 'dot:place' ? 1 : -1);
}

describe('queued dots', () => {
	it('shows two quick presses as two dots before any answer', () => {
		const activity = voting();
		const queue = new DotQueue();
		expect(queue.press(activity, place(reading))).toBeNull();
		expect(queue.press(activity, place(reading))).toBeNull();
		const shown = queue.shown(activity);
		expect(dotsOn(shown, reading)).toBe(2);
		expect(shown.remaining).toBe(1);
		expect(queue.pending).toHaveLength(2);
	});

	it('sends them in order and keeps the count while the acks come in', () => {
		const activity = voting();
		const queue = new DotQueue();
		queue.press(activity, place(reading));
		queue.press(activity, place(reading));
		const first = queue.next!;
		activity.mine = serverAnswer(activity, first);
		queue.answered(first);
		expect(dotsOn(queue.shown(activity), reading)).toBe(2);
		const second = queue.next!;
		expect(second.clientId).not.toBe(first.clientId);
		activity.mine = serverAnswer(activity, second);
		queue.answered(second);
		expect(queue.next).toBeUndefined();
		expect(dotsOn(queue.shown(activity), reading)).toBe(2);
	});

	it('rolls a refused press back', () => {
		const activity = voting();
		const queue = new DotQueue();
		queue.press(activity, place(homework));
		queue.answered(queue.next!);
		expect(dotsOn(queue.shown(activity), homework)).toBe(0);
		expect(queue.shown(activity).remaining).toBe(3);
	});

	it('refuses a press beyond the budget or the limit per target, counting the queued ones', () => {
		const activity = voting();
		const queue = new DotQueue();
		queue.press(activity, place(reading));
		queue.press(activity, place(reading));
		expect(queue.press(activity, place(reading))).toBe('target_limit');
		queue.press(activity, place(homework));
		expect(queue.press(activity, place(homework))).toBe('budget_exhausted');
		expect(queue.pending).toHaveLength(3);
	});

	it('takes back a queued dot, and refuses to take back one never given', () => {
		const activity = voting();
		const queue = new DotQueue();
		expect(queue.press(activity, remove(reading))).toBe('no_dot_there');
		queue.press(activity, place(reading));
		expect(queue.press(activity, remove(reading))).toBeNull();
		expect(dotsOn(queue.shown(activity), reading)).toBe(0);
		expect(queue.pending.map((write) => write.event)).toEqual(['dot:place', 'dot:remove']);
	});

	it('counts presses only on the activity they were made in', () => {
		const queue = new DotQueue();
		queue.press(voting(), place(reading));
		expect(queue.shown(activityOf(2, { stage: 'voting' })).remaining).toBe(3);
	});
});

describe('dots given in a dead spot', () => {
	const key = 'mitwirken.dots.7';

	it('keeps the queued presses in storage and gives them back after a reload', () => {
		const storage = new MemoryStorage();
		const activity = voting();
		const before = new DotQueue(storage, key);
		before.press(activity, place(reading));
		before.press(activity, place(homework));
		const after = new DotQueue(storage, key);
		expect(after.pending).toEqual(before.pending);
		expect(after.shown(activity).remaining).toBe(1);
		after.answered(after.next!);
		expect(new DotQueue(storage, key).pending.map((write) => write.target)).toEqual([homework]);
	});

	it('drops what another version of the app or a stranger left in storage', () => {
		const good: DotWrite = { event: 'dot:place', activityId: 1, clientId: 'c1', target: reading };
		const storage = new MemoryStorage({
			[key]: JSON.stringify([
				good,
				null,
				'dot',
				{ ...good, event: 'dot:steal' },
				{ ...good, activityId: '1' },
				{ ...good, activityId: 1.5 },
				{ ...good, clientId: 7 },
				{ ...good, target: null },
				{ ...good, target: { kind: 'measure', id: 1 } },
				{ ...good, target: { kind: 'idea', id: Number.MAX_VALUE } }
			])
		});
		expect(new DotQueue(storage, key).pending).toEqual([good]);
		expect(new DotQueue(new MemoryStorage({ [key]: '{not json' }), key).pending).toEqual([]);
		expect(new DotQueue(new MemoryStorage({ [key]: '{}' }), key).pending).toEqual([]);
	});

	it('still queues when storage is full or disabled', () => {
		const queue = new DotQueue(new FullStorage(), key);
		expect(queue.press(voting(), place(reading))).toBeNull();
		expect(queue.pending).toHaveLength(1);
		queue.answered(queue.next!);
		expect(queue.pending).toEqual([]);
	});
});
