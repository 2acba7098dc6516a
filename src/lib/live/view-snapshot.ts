/**
 * The last workshop the phone saw, kept in storage (localStorage on the phone) so that a reload
 * in a dead spot shows the question and the vote again, and dots can still be given; they wait
 * in the dot queue. The next sync replaces it. It holds the room's ideas, so it is kept for
 * `offlinePageMaxAgeMs`, like the page, and only for the app version that wrote it (another
 * version may shape its views differently).
 */
import { offlinePageMaxAgeMs } from '$lib/phone-cache/offline';
import type { WorkshopView } from '$lib/workshop/protocol';

interface Stored extends WorkshopView {
	version: string;
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
				!(now - stored.at <= offlinePageMaxAgeMs) ||
				!Array.isArray(stored.activities)
			) {
				this.storage?.removeItem(this.key);
				return null;
			}
			return { activities: stored.activities, activity: stored.activity ?? null, at: stored.at };
		} catch {
			return null;
		}
	}

	write(view: Omit<WorkshopView, 'at'>, now = Date.now()) {
		const stored: Stored = { ...view, version: this.version, at: now };
		try {
			this.storage?.setItem(this.key, JSON.stringify(stored));
		} catch {
			// Storage full or disabled: a reload without network then shows no activity.
		}
	}
}

/**
 * Where the phone starts: the view the page brought or the one kept on the phone, whichever is
 * newer (a page from the offline cache brings the view of when it was kept).
 */
export function newestView(
	served: WorkshopView | null,
	kept: WorkshopView | null
): WorkshopView | null {
	if (!served || !kept) return served ?? kept;
	return kept.at > served.at ? kept : served;
}
