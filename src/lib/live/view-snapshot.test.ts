import { describe, expect, it } from 'vitest';
import { offlinePageMaxAgeMs } from '$lib/phone-cache/offline';
import { activityOf } from '$lib/workshop/view-factories';
import { FullStorage, MemoryStorage } from '../../../tests/memory-storage';
import { newestView, ViewSnapshot } from './view-snapshot';

const key = 'mitwirken.view.7';
const savedAt = Date.UTC(2026, 11, 2, 9);
const voting = activityOf(3, { stage: 'voting' });
const view = {
	activities: [{ id: 3, question: voting.question, questionTranslations: {}, stage: voting.stage }],
	activity: voting
};

describe('the last view of the workshop, for a reload in a dead spot', () => {
	it('gives back what this version saved, for twelve hours', () => {
		const storage = new MemoryStorage();
		new ViewSnapshot(storage, key, 'v1').write(view, savedAt);
		const snapshot = new ViewSnapshot(storage, key, 'v1');
		expect(snapshot.read(savedAt + offlinePageMaxAgeMs)).toEqual({ ...view, at: savedAt });
		expect(snapshot.read(savedAt + offlinePageMaxAgeMs + 1)).toBeNull();
		// Expired is gone for good, not only hidden.
		expect(storage.getItem(key)).toBeNull();
	});

	it('ignores what another version of the app saved, and anything unreadable', () => {
		const storage = new MemoryStorage();
		new ViewSnapshot(storage, key, 'v1').write(view, savedAt);
		expect(new ViewSnapshot(storage, key, 'v2').read(savedAt)).toBeNull();
		for (const stored of ['{not json', 'null', '[]', '{"version":"v1","at":"soon"}']) {
			const odd = new ViewSnapshot(new MemoryStorage({ [key]: stored }), key, 'v1');
			expect(odd.read(savedAt), stored).toBeNull();
		}
		const noList = JSON.stringify({ version: 'v1', at: savedAt, activities: {}, activity: null });
		expect(
			new ViewSnapshot(new MemoryStorage({ [key]: noList }), key, 'v1').read(savedAt)
		).toBeNull();
	});

	it('still works when storage is full or disabled', () => {
		const snapshot = new ViewSnapshot(new FullStorage(), key, 'v1');
		snapshot.write(view, savedAt);
		expect(snapshot.read(savedAt)).toBeNull();
		expect(new ViewSnapshot(undefined, key, 'v1').read(savedAt)).toBeNull();
	});

	it('starts from the newer of the view the page brought and the kept one', () => {
		const served = { ...view, at: savedAt };
		const kept = { ...view, activity: null, at: savedAt + 1 };
		expect(newestView(served, kept)).toBe(kept);
		expect(newestView({ ...served, at: savedAt + 2 }, kept)?.activity).toEqual(voting);
		expect(newestView(served, null)).toBe(served);
		expect(newestView(null, kept)).toBe(kept);
		expect(newestView(null, null)).toBeNull();
	});
});
