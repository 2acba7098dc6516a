import * as v from 'valibot';
import { activityStages } from '../../domain';
import { maxIdeaLength } from './ideas';

const id = v.pipe(v.number(), v.integer(), v.minValue(1));
const clientId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const target = v.object({ kind: v.picklist(['idea', 'cluster']), id });
const text = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(maxIdeaLength));
const title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));

/** The payload of every client event; anything else is answered with `invalid_payload`. */
export const payloads = {
	'event:sync': v.object({}),
	'activity:create': v.object({
		question: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500)),
		fieldOfActionId: v.nullable(id),
		dotsPerParticipant: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
		maxDotsPerTarget: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
		namedIdeas: v.boolean(),
		liveResults: v.boolean()
	}),
	'activity:sync': v.object({ activityId: id }),
	'idea:submit': v.object({
		activityId: id,
		clientId,
		text,
		language: v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/))
	}),
	'dot:place': v.object({ activityId: id, clientId, target }),
	'dot:remove': v.object({ activityId: id, clientId, target }),
	'activity:stage': v.object({ activityId: id, stage: v.picklist(activityStages) }),
	'idea:hide': v.object({ activityId: id, ideaId: id, hidden: v.boolean() }),
	'idea:correct': v.object({ activityId: id, ideaId: id, text }),
	'idea:merge': v.object({ activityId: id, ideaId: id, intoId: id }),
	'idea:move': v.object({ activityId: id, ideaId: id, clusterId: v.nullable(id) }),
	'cluster:create': v.object({
		activityId: id,
		title,
		ideaIds: v.pipe(v.array(id), v.maxLength(500))
	}),
	'cluster:rename': v.object({ activityId: id, clusterId: id, title })
} as const;

export type LiveEventName = keyof typeof payloads;
