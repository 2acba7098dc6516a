/**
 * Every message a client may send, as one valibot schema each. The server parses each payload
 * with its schema before anything else; the payload types everywhere are inferred from here.
 */
import * as v from 'valibot';
import { cleanLine, cleanText } from '../text/clean';
import { activityStages } from '../domain';
import {
	maxClientIdLength,
	maxClusterTitleLength,
	maxDotsPerParticipant,
	maxIdeaLength,
	maxIdeasPerCluster,
	maxQuestionLength
} from './limits';
import { translationsSchema } from './translations';

/** A row id: a positive safe integer, never a string, boolean or array that happens to coerce. */
const id = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const clientId = v.pipe(
	v.string(),
	v.minLength(1),
	v.maxLength(maxClientIdLength),
	v.regex(/^[\w-]+$/)
);
/**
 * Text a person typed, cleaned as forms clean theirs (`$lib/text/clean`): control characters,
 * lone surrogates and bidi overrides dropped, line breaks as LF, NFC, trimmed; refused when
 * nothing is left or it is longer than its limit.
 */
const typed = (max: number, clean: (text: string) => string = cleanText) =>
	v.pipe(v.string(), v.transform(clean), v.minLength(1), v.maxLength(max));
const ideaText = typed(maxIdeaLength);
const title = typed(maxClusterTitleLength, cleanLine);
/** Translations are cleaned and limited like the text they translate. */
const questionTranslations = translationsSchema(maxQuestionLength, cleanText);
const titleTranslations = translationsSchema(maxClusterTitleLength, cleanLine);

export const dotTarget = v.strictObject({ kind: v.picklist(['idea', 'cluster']), id });

export const messages = {
	'event:sync': v.strictObject({}),
	'activity:sync': v.strictObject({ activityId: id }),
	'activity:create': v.strictObject({
		question: typed(maxQuestionLength),
		fieldOfActionId: v.nullable(id),
		dotsPerParticipant: v.pipe(
			v.number(),
			v.integer(),
			v.minValue(1),
			v.maxValue(maxDotsPerParticipant)
		),
		maxDotsPerTarget: v.pipe(
			v.number(),
			v.integer(),
			v.minValue(1),
			v.maxValue(maxDotsPerParticipant)
		),
		namedIdeas: v.boolean(),
		liveResults: v.boolean()
	}),
	'activity:stage': v.strictObject({ activityId: id, stage: v.picklist(activityStages) }),
	'activity:translate': v.strictObject({ activityId: id, translations: questionTranslations }),
	'idea:submit': v.strictObject({
		activityId: id,
		clientId,
		text: ideaText,
		language: v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/))
	}),
	'idea:hide': v.strictObject({ activityId: id, ideaId: id, hidden: v.boolean() }),
	'idea:correct': v.strictObject({ activityId: id, ideaId: id, text: ideaText }),
	'idea:merge': v.strictObject({ activityId: id, ideaId: id, intoId: id }),
	'idea:move': v.strictObject({ activityId: id, ideaId: id, clusterId: v.nullable(id) }),
	'cluster:create': v.strictObject({
		activityId: id,
		title,
		ideaIds: v.pipe(v.array(id), v.maxLength(maxIdeasPerCluster))
	}),
	'cluster:rename': v.strictObject({ activityId: id, clusterId: id, title }),
	'cluster:translate': v.strictObject({
		activityId: id,
		clusterId: id,
		translations: titleTranslations
	}),
	'dot:place': v.strictObject({ activityId: id, clientId, target: dotTarget }),
	'dot:remove': v.strictObject({ activityId: id, clientId, target: dotTarget })
} as const;

export type MessageName = keyof typeof messages;
export type MessageInput<E extends MessageName> = v.InferOutput<(typeof messages)[E]>;
export type DotTarget = v.InferOutput<typeof dotTarget>;
export type ActivitySettings = MessageInput<'activity:create'>;

/** Who may send which message. */
export const participantMessages = [
	'event:sync',
	'activity:sync',
	'idea:submit',
	'dot:place',
	'dot:remove'
] as const satisfies MessageName[];
export const moderatorMessages = [
	'event:sync',
	'activity:sync',
	'activity:create',
	'activity:stage',
	'activity:translate',
	'idea:hide',
	'idea:correct',
	'idea:merge',
	'idea:move',
	'cluster:create',
	'cluster:rename',
	'cluster:translate'
] as const satisfies MessageName[];

export const isMessageName = (name: unknown): name is MessageName =>
	typeof name === 'string' && Object.hasOwn(messages, name);

/**
 * The handshake's `auth`: moderators and the projector name the event they run; phones name
 * nothing (their device token names the event).
 */
export const socketAuth = v.union([v.strictObject({}), v.strictObject({ eventId: id })]);
export type SocketAuth = v.InferOutput<typeof socketAuth>;
