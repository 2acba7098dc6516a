/** The moderator's console and the projector: the same connection, with the moderator's writes. */
import type { ActivityStage } from '$lib/domain';
import type { ActivitySettings, MessageInput, MessageName } from '$lib/workshop/messages';
import type { Translations } from '$lib/workshop/translations';
import { LiveConnection, type ClientErrorCode } from './connection.svelte';

export class ModeratorConnection extends LiveConnection {
	/** The last refused action, shown next to the controls. */
	actionError = $state<ClientErrorCode | null>(null);

	constructor(eventId: number) {
		super({ eventId });
	}

	private async act<E extends MessageName>(event: E, payload: MessageInput<E>) {
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
		if (reply.ok) this.showActivity(reply.value);
	}

	async hideIdea(ideaId: number, hidden: boolean) {
		const activityId = this.activityId;
		const reply = await this.act('idea:hide', { activityId, ideaId, hidden });
		if (reply.ok) this.applyIdeas(activityId, [reply.value]);
	}

	async correctIdea(ideaId: number, text: string) {
		const activityId = this.activityId;
		const reply = await this.act('idea:correct', { activityId, ideaId, text });
		if (reply.ok) this.applyIdeas(activityId, [reply.value]);
		return reply.ok;
	}

	async mergeIdea(ideaId: number, intoId: number) {
		const activityId = this.activityId;
		const reply = await this.act('idea:merge', { activityId, ideaId, intoId });
		if (reply.ok) this.applyIdeas(activityId, [reply.value]);
	}

	async moveIdea(ideaId: number, clusterId: number | null) {
		const activityId = this.activityId;
		const reply = await this.act('idea:move', { activityId, ideaId, clusterId });
		if (reply.ok) this.applyIdeas(activityId, [reply.value]);
	}

	/** The ideas follow by broadcast, as they do for everyone else in the room. */
	async createCluster(title: string, ideaIds: number[]) {
		const activityId = this.activityId;
		const reply = await this.act('cluster:create', { activityId, title, ideaIds });
		if (reply.ok) this.applyCluster(activityId, reply.value);
		return reply.ok;
	}

	async renameCluster(clusterId: number, title: string) {
		const activityId = this.activityId;
		const reply = await this.act('cluster:rename', { activityId, clusterId, title });
		if (reply.ok) this.applyCluster(activityId, reply.value);
		return reply.ok;
	}

	/** The question's translations, all at once: a language left empty is removed. */
	async translateQuestion(translations: Translations) {
		const reply = await this.act('activity:translate', {
			activityId: this.activityId,
			translations
		});
		if (reply.ok) this.applySummary(reply.value);
		return reply.ok;
	}

	async translateCluster(clusterId: number, translations: Translations) {
		const activityId = this.activityId;
		const reply = await this.act('cluster:translate', { activityId, clusterId, translations });
		if (reply.ok) this.applyCluster(activityId, reply.value);
		return reply.ok;
	}
}
