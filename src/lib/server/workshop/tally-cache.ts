import type { Db } from '../db';
import type { DotTarget } from '../../workshop/messages';
import type { TallyView } from '../../workshop/protocol';
import { targetKey, targetOf } from '../../workshop/rules';

interface ActivityTallies {
	/** Dots per target, and per target how many each participant gave. */
	targets: Map<string, { target: DotTarget; dots: number; givers: Map<string, number> }>;
	/** Dots per participant over the whole activity. */
	voters: Map<string, number>;
}

/**
 * Running tallies kept in memory, so that counting after every dot costs the number of targets,
 * not the number of dots. Loaded from SQLite on first use; every stored dot passes through
 * `apply`, since one server process owns its database.
 */
export class TallyCache {
	private activities = new Map<number, ActivityTallies>();

	constructor(private db: Db) {}

	private load(activityId: number): ActivityTallies {
		let entry = this.activities.get(activityId);
		if (entry) return entry;
		entry = { targets: new Map(), voters: new Map() };
		const rows = this.db.$client
			.prepare(
				`select idea_id as ideaId, cluster_id as clusterId, participant_id as participantId, count(*) as dots
				 from dot where activity_id = ? group by idea_id, cluster_id, participant_id`
			)
			.all(activityId) as {
			ideaId: number | null;
			clusterId: number | null;
			participantId: string;
			dots: number;
		}[];
		for (const row of rows) {
			this.add(entry, targetOf(row), row.participantId, row.dots);
		}
		this.activities.set(activityId, entry);
		return entry;
	}

	private add(entry: ActivityTallies, target: DotTarget, participantId: string, delta: number) {
		const key = targetKey(target);
		const slot = entry.targets.get(key) ?? { target, dots: 0, givers: new Map() };
		slot.dots += delta;
		const given = (slot.givers.get(participantId) ?? 0) + delta;
		if (given > 0) slot.givers.set(participantId, given);
		else slot.givers.delete(participantId);
		if (slot.dots > 0) entry.targets.set(key, slot);
		else entry.targets.delete(key);
		const total = (entry.voters.get(participantId) ?? 0) + delta;
		if (total > 0) entry.voters.set(participantId, total);
		else entry.voters.delete(participantId);
	}

	/** Records a dot placed (+1) or removed (−1) once it is stored. */
	apply(activityId: number, participantId: string, target: DotTarget, delta: 1 | -1) {
		const entry = this.activities.get(activityId);
		// Not loaded yet: loading now reads the stored dot along with all the others.
		if (!entry) this.load(activityId);
		else this.add(entry, target, participantId, delta);
	}

	/**
	 * Drops an activity's tallies: after dots moved in SQLite (regrouping), or once the activity
	 * is closed and nobody votes on it any more. They reload from SQLite on use.
	 */
	forget(activityId: number) {
		this.activities.delete(activityId);
	}

	tallies(activityId: number): TallyView[] {
		return [...this.load(activityId).targets.values()].map(({ target, dots, givers }) => ({
			target,
			dots,
			voters: givers.size
		}));
	}

	voters(activityId: number): number {
		return this.load(activityId).voters.size;
	}
}
