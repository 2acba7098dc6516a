/**
 * The last workshop the phone saw, kept in storage (localStorage on the phone) so that a reload
 * in a dead spot shows the question and the vote again, and dots can still be given; they wait
 * in the dot queue. The next sync replaces it. It holds the room's ideas, so it is kept for
 * `offlinePageMaxAgeMs`, like the page, and only for the app version that wrote it (another
 * version may shape its views differently).
 */
import { offlinePageMaxAgeMs } from '$lib/phone-cache/offline';
import type { ActivitySummary, ActivityView } from '$lib/workshop/protocol';

export interface WorkshopView {
	activities: ActivitySummary[];
	activity: ActivityView | null;
}

interface Stored extends WorkshopView {
	version: string;
	savedAt: number;
}

export class ViewSnapshot {
	constructor(
		private storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
		private key: string,
		private version: string
	) {}

	/** The view last saved by this version of the app, if it is recent enough. */
	read(now = Date.now()): WorkshopView | null {
		try {
			const stored = JSON.parse(this.storage?.getItem(this.key) ?? 'null') as Stored | null;
			if (
				stored?.version !== this.version ||
				!(now - stored.savedAt <= offlinePageMaxAgeMs) ||
				!Array.isArray(stored.activities)
			) {
				this.storage?.removeItem(this.key);
				return null;
			}
			return { activities: stored.activities, activity: stored.activity ?? null };
		} catch {
			return null;
		}
	}

	write(view: WorkshopView, now = Date.now()) {
		const stored: Stored = { ...view, version: this.version, savedAt: now };
		try {
			this.storage?.setItem(this.key, JSON.stringify(stored));
		} catch {
			// Storage full or disabled: a reload without network then shows no activity.
		}
	}
}
