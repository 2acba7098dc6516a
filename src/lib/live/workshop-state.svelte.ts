/**
 * What a browser knows of a live workshop: the event's activities and the one on screen, kept
 * up to date from acks and broadcasts. No socket here, so the rules of what changes when can
 * be tested on their own; LiveConnection feeds it.
 */
import type {
	ActivitySummary,
	ActivityView,
	ClusterView,
	EventView,
	IdeaView,
	MyDotsView,
	TalliesMessage
} from '$lib/workshop/protocol';
import { currentActivityId } from '$lib/workshop/rules';

export interface Turnout {
	voters: number;
	participants: number;
	present: number;
}

export class WorkshopState {
	title = $state('');
	activities = $state<ActivitySummary[]>([]);
	/** The activity on screen. */
	activity = $state<ActivityView | null>(null);
	turnout = $state<Turnout | null>(null);
	/** The activity chosen by hand; otherwise the newest one still open. */
	chosenId = $state<number | null>(null);

	/** The activity to show: the chosen one, else the newest still open, else the newest. */
	get currentId(): number | null {
		return currentActivityId(this.activities, this.chosenId);
	}

	/** Whether the activity on screen is out of date and must be fetched whole. */
	get needsActivity(): boolean {
		const id = this.currentId;
		if (id === null) return this.activity !== null;
		if (this.activity?.id !== id) return true;
		return this.activities.find((a) => a.id === id)?.stage !== this.activity.stage;
	}

	applyEvent(event: EventView) {
		this.title = event.title;
		this.activities = event.activities;
	}

	/** The event's activities; the question's translations reach the activity on screen too. */
	applyActivities(activities: ActivitySummary[]) {
		this.activities = activities;
		const shown = activities.find((a) => a.id === this.activity?.id);
		if (shown && this.activity) this.activity.questionTranslations = shown.questionTranslations;
	}

	/** One activity's summary, from an ack: the list that follows by broadcast says the same. */
	applySummary(summary: ActivitySummary) {
		this.applyActivities(this.activities.map((a) => (a.id === summary.id ? summary : a)));
	}

	/** A whole activity, from a sync or the ack of a stage move; ignored if no longer on screen. */
	showActivity(view: ActivityView | null) {
		if (view === null || this.currentId === view.id) this.activity = view;
		if (view) this.setSummaryStage(view);
	}

	/** A broadcast of the whole activity after a stage move: it carries nobody's own dots. */
	applyState(view: ActivityView) {
		this.setSummaryStage(view);
		if (view.id !== this.activity?.id) return;
		this.activity = { ...view, mine: this.activity.mine };
	}

	applyIdeas(activityId: number, ideas: IdeaView[]) {
		if (activityId !== this.activity?.id) return;
		const list = this.activity.ideas;
		for (const idea of ideas) {
			const index = list.findIndex((i) => i.id === idea.id);
			if (index >= 0) list[index] = idea;
			else list.push(idea);
		}
	}

	removeIdeas(activityId: number, ideaIds: number[]) {
		if (activityId !== this.activity?.id) return;
		this.activity.ideas = this.activity.ideas.filter((idea) => !ideaIds.includes(idea.id));
	}

	applyCluster(activityId: number, cluster: ClusterView) {
		if (activityId !== this.activity?.id) return;
		const list = this.activity.clusters;
		const index = list.findIndex((c) => c.id === cluster.id);
		if (index >= 0) list[index] = cluster;
		else list.push(cluster);
	}

	applyTallies({ activityId, tallies, voters, participants, present }: TalliesMessage) {
		if (activityId !== this.activity?.id) return;
		this.activity.tallies = tallies;
		this.turnout = { voters, participants, present };
	}

	/** The sender's own dots, from a dot's ack. */
	applyMine(activityId: number, mine: MyDotsView) {
		if (activityId === this.activity?.id) this.activity.mine = mine;
	}

	choose(activityId: number) {
		this.chosenId = activityId;
	}

	private setSummaryStage(view: ActivityView) {
		const summary = this.activities.find((a) => a.id === view.id);
		if (summary) summary.stage = view.stage;
	}
}
