/** The moderator's console and the projector: the same connection, with the moderator's writes. */
import { LiveConnection, type ClientErrorCode } from './connection.svelte';
import type { ActivitySettings, ClientToServerEvents } from './protocol';
import type { ActivityStage } from '../domain';

export class ModeratorConnection extends LiveConnection {
	/** The last refused action, shown next to the controls. */
	actionError = $state<ClientErrorCode | null>(null);

	constructor(eventId: number) {
		super({ eventId });
	}

	private async act<E extends keyof ClientToServerEvents>(
		event: E,
		payload: Parameters<ClientToServerEvents[E]>[0]
	) {
		const reply = await this.request(event, payload);
		this.actionError = reply.ok ? null : reply.error;
		return reply;
	}

	private get activityId(): number {
		return this.activity?.id ?? 0;
	}

	async createActivity(settings: ActivitySettings) {
		const reply = await this.act('activity:create', settings);
		if (reply.ok) this.choose(reply.value.id);
		return reply.ok;
	}

	async setStage(stage: ActivityStage) {
		const reply = await this.act('activity:stage', { activityId: this.activityId, stage });
		if (reply.ok && this.activity?.id === reply.value.id) {
			this.activity = reply.value;
			const summary = this.activities.find((a) => a.id === reply.value.id);
			if (summary) summary.stage = reply.value.stage;
		}
	}

	async hideIdea(ideaId: number, hidden: boolean) {
		const reply = await this.act('idea:hide', { activityId: this.activityId, ideaId, hidden });
		if (reply.ok) this.upsertIdea(reply.value);
	}

	async correctIdea(ideaId: number, text: string) {
		const reply = await this.act('idea:correct', { activityId: this.activityId, ideaId, text });
		if (reply.ok) this.upsertIdea(reply.value);
		return reply.ok;
	}

	async mergeIdea(ideaId: number, intoId: number) {
		const reply = await this.act('idea:merge', { activityId: this.activityId, ideaId, intoId });
		if (reply.ok) this.upsertIdea(reply.value);
	}

	async moveIdea(ideaId: number, clusterId: number | null) {
		const reply = await this.act('idea:move', { activityId: this.activityId, ideaId, clusterId });
		if (reply.ok) this.upsertIdea(reply.value);
	}

	async createCluster(title: string, ideaIds: number[]) {
		const reply = await this.act('cluster:create', { activityId: this.activityId, title, ideaIds });
		if (reply.ok) await this.resync();
		return reply.ok;
	}

	async renameCluster(clusterId: number, title: string) {
		const reply = await this.act('cluster:rename', {
			activityId: this.activityId,
			clusterId,
			title
		});
		const cluster = this.activity?.clusters.find((c) => c.id === clusterId);
		if (reply.ok && cluster) cluster.title = reply.value.title;
		return reply.ok;
	}
}
