import { describe, expect, it } from 'vitest';
import { FullStorage, MemoryStorage } from '../../../tests/memory-storage';
import { IdeaOutbox, type OwnIdea } from './idea-outbox.svelte';

const key = 'mitwirken.ideas.7';

const typed = (clientId: string, text = `Idee ${clientId}`) => ({
	clientId,
	activityId: 3,
	text,
	language: 'de'
});

function stored(storage: MemoryStorage): OwnIdea[] {
	return JSON.parse(storage.getItem(key) ?? 'null') as OwnIdea[];
}

describe('IdeaOutbox', () => {
	it('keeps a typed idea in storage as waiting', () => {
		const storage = new MemoryStorage();
		const outbox = new IdeaOutbox(storage, key);
		outbox.add(typed('a1', 'Sprachcafés in jeder Gemeinde'));
		expect(stored(storage)).toEqual([
			{
				clientId: 'a1',
				activityId: 3,
				text: 'Sprachcafés in jeder Gemeinde',
				language: 'de',
				ideaId: null,
				error: null
			}
		]);
		expect(outbox.waiting.map((i) => i.clientId)).toEqual(['a1']);
	});

	it('restores its ideas after a reload, under its own key only', () => {
		const storage = new MemoryStorage();
		const before = new IdeaOutbox(storage, key);
		before.add(typed('a1'));
		before.add(typed('a2'));
		before.answered(before.ideas[0]!, { ok: true, value: { id: 41 } });

		const after = new IdeaOutbox(storage, key);
		expect(after.ideas.map((i) => [i.clientId, i.ideaId])).toEqual([
			['a1', 41],
			['a2', null]
		]);
		expect(after.waiting.map((i) => i.clientId)).toEqual(['a2']);
		expect(new IdeaOutbox(storage, 'mitwirken.ideas.8').ideas).toEqual([]);
	});

	it('starts empty without storage, and works all the same', () => {
		const outbox = new IdeaOutbox(undefined, key);
		expect(outbox.ideas).toEqual([]);
		outbox.add(typed('a1'));
		expect(outbox.answered(outbox.ideas[0]!, { ok: true, value: { id: 5 } })).toBe('sent');
		expect(outbox.waiting).toEqual([]);
	});

	it('starts empty from corrupt or foreign storage', () => {
		for (const junk of ['{"clientId":', 'undefined', '"text"', '{"a1":1}', '42', 'null']) {
			const outbox = new IdeaOutbox(new MemoryStorage({ [key]: junk }), key);
			expect(outbox.ideas, junk).toEqual([]);
			expect(outbox.waiting, junk).toEqual([]);
		}
	});

	it('drops stored entries that are not ideas and keeps the rest', () => {
		const idea: OwnIdea = { ...typed('a1'), ideaId: null, error: null };
		const storage = new MemoryStorage({
			[key]: JSON.stringify([null, 7, 'x', { clientId: 'a0' }, idea])
		});
		const outbox = new IdeaOutbox(storage, key);
		expect(outbox.ideas).toEqual([idea]);
		expect(outbox.waiting.map((i) => i.clientId)).toEqual(['a1']);
	});

	it('keeps working when storage refuses to write', () => {
		const outbox = new IdeaOutbox(new FullStorage(), key);
		outbox.add(typed('a1'));
		expect(outbox.waiting.map((i) => i.clientId)).toEqual(['a1']);
		expect(outbox.answered(outbox.ideas[0]!, { ok: false, error: 'wrong_stage' })).toBe('refused');
		expect(outbox.ideas[0]?.error).toBe('wrong_stage');
	});
});

describe('IdeaOutbox.answered', () => {
	function outboxWithOne() {
		const storage = new MemoryStorage();
		const outbox = new IdeaOutbox(storage, key);
		outbox.add(typed('a1'));
		outbox.add(typed('a2'));
		return { storage, outbox, idea: outbox.ideas[0]! };
	}

	it('stores the id of an idea the server took', () => {
		const { storage, outbox, idea } = outboxWithOne();
		expect(outbox.answered(idea, { ok: true, value: { id: 41 } })).toBe('sent');
		expect(outbox.ideas[0]).toMatchObject({ clientId: 'a1', ideaId: 41, error: null });
		expect(stored(storage)[0]).toMatchObject({ clientId: 'a1', ideaId: 41, error: null });
		expect(outbox.waiting.map((i) => i.clientId)).toEqual(['a2']);
	});

	it('waits for the link without a connection, storing nothing', () => {
		const { storage, outbox, idea } = outboxWithOne();
		const before = storage.getItem(key);
		expect(outbox.answered(idea, { ok: false, error: 'no_connection' })).toBe('wait_for_link');
		expect(storage.getItem(key)).toBe(before);
		expect(outbox.ideas[0]).toMatchObject({ ideaId: null, error: null });
		expect(outbox.waiting.map((i) => i.clientId)).toEqual(['a1', 'a2']);
	});

	it('tries again later when rate limited, the idea still waiting', () => {
		const { storage, outbox, idea } = outboxWithOne();
		expect(outbox.answered(idea, { ok: false, error: 'rate_limited' })).toBe('retry_later');
		expect(outbox.ideas[0]).toMatchObject({ ideaId: null, error: null });
		expect(stored(storage)[0]).toMatchObject({ ideaId: null, error: null });
		expect(outbox.waiting.map((i) => i.clientId)).toEqual(['a1', 'a2']);
	});

	it('keeps the error of an idea refused for good, and stops sending it', () => {
		const { storage, outbox, idea } = outboxWithOne();
		expect(outbox.answered(idea, { ok: false, error: 'wrong_stage' })).toBe('refused');
		expect(outbox.ideas[0]).toMatchObject({ clientId: 'a1', ideaId: null, error: 'wrong_stage' });
		expect(stored(storage)[0]).toMatchObject({ clientId: 'a1', error: 'wrong_stage' });
		expect(outbox.waiting.map((i) => i.clientId)).toEqual(['a2']);
		expect(new IdeaOutbox(storage, key).waiting.map((i) => i.clientId)).toEqual(['a2']);
	});
});
