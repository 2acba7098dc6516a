import type { MeasureStatus } from '../db/schema';

/** What deciding a status needs of a status entry (Sachstand). */
export interface StatusEntry {
	id: number;
	recordedOn: string;
	status: MeasureStatus;
	correctsId: number | null;
}

export interface StatusAt<T extends StatusEntry> {
	/** Null when the measure has entries, but none by then: nothing was reported yet. */
	status: MeasureStatus | null;
	/** The entry the status comes from. */
	entry: T | null;
}

/**
 * A measure's status at `date` (YYYY-MM-DD), the one rule for the catalogue, the yearly plan
 * and the status report: the latest entry recorded on or before that day. An entry a later one
 * corrects does not count; its correction counts in its place, so correcting an old entry
 * never overrides a later one. On the same day the entry recorded later wins. A measure without
 * any entry has the status set in the catalogue; it was not set by an entry, so it holds on
 * every day.
 */
export function statusAt<T extends StatusEntry>(
	entries: readonly T[],
	date: string,
	catalogueStatus: MeasureStatus
): StatusAt<T> {
	if (entries.length === 0) return { status: catalogueStatus, entry: null };
	const entry = decisiveEntry(entries, date);
	return { status: entry?.status ?? null, entry };
}

/**
 * The entry that decides on `date` by the rule of `statusAt`, among the entries `counts`
 * accepts: the spent amount, for one, comes from the latest entry that states one. An entry
 * that was corrected never counts, whatever its correction states.
 */
export function decisiveEntry<T extends StatusEntry>(
	entries: readonly T[],
	date: string,
	counts: (entry: T) => boolean = () => true
): T | null {
	const byId = new Map(entries.map((entry) => [entry.id, entry]));
	const corrected = new Set(entries.map((entry) => entry.correctsId));
	// A correction takes the place in the order of the first entry of its chain.
	const place = (entry: T): number => {
		let first = entry;
		for (let seen = 0; first.correctsId !== null && seen < entries.length; seen += 1) {
			const earlier = byId.get(first.correctsId);
			if (!earlier) break;
			first = earlier;
		}
		return first.id;
	};
	let decisive: { entry: T; place: number } | null = null;
	for (const entry of entries) {
		if (corrected.has(entry.id) || entry.recordedOn > date || !counts(entry)) continue;
		const candidate = { entry, place: place(entry) };
		if (
			!decisive ||
			entry.recordedOn > decisive.entry.recordedOn ||
			(entry.recordedOn === decisive.entry.recordedOn && candidate.place > decisive.place)
		) {
			decisive = candidate;
		}
	}
	return decisive?.entry ?? null;
}
