/**
 * Hostile messages, generated from the message schemas: every field of every client message
 * gets wrong types, edge values, foreign ids and prototype keys; every message name gets bad
 * argument shapes; and the socket.io layer gets event names it should never act on. All of it
 * goes to one real server, from phones and a moderator, and the server must answer each acked
 * message exactly once with a defined reply, keep its tallies equal to SQLite, keep every
 * participant within budget and show no phone a tally before the reveal.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createActivity } from '../../src/lib/server/workshop/activities';
import { joinEvent, participantCookieName } from '../../src/lib/server/workshop/participants';
import { liveErrorCodes } from '../../src/lib/workshop/errors';
import {
	messages,
	moderatorMessages,
	participantMessages,
	type MessageName
} from '../../src/lib/workshop/messages';
import { cleanText } from '../../src/lib/text/clean';
import type { ActivityView, TallyView } from '../../src/lib/workshop/protocol';
import { targetKey, targetOf } from '../../src/lib/workshop/rules';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { connectLive, disconnection, send, RawWire, type LiveClient } from './live-client';
import { startServer, Visitor, type TestServer } from './server';

/** What valibot schemas expose about their structure. */
interface SchemaNode {
	type: string;
	entries?: Record<string, SchemaNode>;
	wrapped?: SchemaNode;
	item?: SchemaNode;
	options?: readonly string[];
	pipe?: readonly { kind: string; type: string; requirement?: unknown }[];
}

type Role = 'participant' | 'moderator';
type Path = (string | number)[];

interface ActivityIds {
	activityId: number;
	ideas: [number, number];
	clusterId: number;
}

interface Fixture {
	eventId: number;
	collecting: ActivityIds;
	voting: ActivityIds;
	clustering: ActivityIds;
	moderatorEmail: string;
	participants: string[];
	/** Rows of other events and organisations, and ids nothing has. */
	foreign: { activity: number[]; idea: number[]; cluster: number[]; field: number[] };
	foreignActivities: number[];
}

/**
 * How the server must answer: `refuse` (invalid_payload, or unauthorised for a message the
 * role may not send), `foreign` (never ok), `schema` (whatever the schema says about the
 * payload as it arrives), or `any` (a defined reply).
 */
type Expectation = 'refuse' | 'foreign' | 'schema' | 'any';

interface HostileCase {
	label: string;
	role: Role;
	/** `[eventName, ...args]` as it goes on the wire. */
	data: unknown[];
	ack: boolean;
	expect: Expectation;
	/** The case this one resends: a phone's resend answers as the first did. */
	resendOf?: HostileCase;
}

const fixture: Fixture = {
	eventId: 0,
	collecting: { activityId: 0, ideas: [0, 0], clusterId: 0 },
	voting: { activityId: 0, ideas: [0, 0], clusterId: 0 },
	clustering: { activityId: 0, ideas: [0, 0], clusterId: 0 },
	moderatorEmail: '',
	participants: [],
	foreign: { activity: [], idea: [], cluster: [], field: [] },
	foreignActivities: []
};

const dotsPerParticipant = 3;
const maxDotsPerTarget = 2;
const nobodysId = 99_999_999;

function addIdeas(db: Db, activityId: number, texts: string[]): number[] {
	return texts.map(
		(text) =>
			db.insert(table.idea).values({ activityId, text, language: 'de' }).returning().get().id
	);
}

function addCluster(db: Db, activityId: number, title: string, ideaIds: number[]): number {
	const cluster = db
		.insert(table.cluster)
		.values({ activityId, title, position: 1 })
		.returning()
		.get();
	if (ideaIds.length > 0) {
		db.update(table.idea)
			.set({ clusterId: cluster.id })
			.where(inArray(table.idea.id, ideaIds))
			.run();
	}
	return cluster.id;
}

/** An activity in `stage` with two free ideas and a cluster holding a third. */
function seedActivity(
	db: Db,
	eventId: number,
	stage: table.Activity['stage'],
	question: string
): ActivityIds {
	const activity = createActivity(db, eventId, {
		question,
		fieldOfActionId: null,
		dotsPerParticipant,
		maxDotsPerTarget,
		namedIdeas: true,
		liveResults: false
	});
	db.update(table.activity).set({ stage }).where(eq(table.activity.id, activity.id)).run();
	const [first, second, third] = addIdeas(db, activity.id, [
		`${question}: Sprachkurse`,
		`${question}: Patenschaften`,
		`${question}: Beratung`
	]);
	const clusterId = addCluster(db, activity.id, 'Begleitung', [third!]);
	return { activityId: activity.id, ideas: [first!, second!], clusterId };
}

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Landkreis Hostil');
	fixture.moderatorEmail = (await createMember(db, org.id, 'moderator')).email;
	const { event, process } = createTestEvent(db, org.id);
	fixture.eventId = event.id;
	db.insert(table.fieldOfAction)
		.values({ processId: process.id, code: 'A1', title: 'Arbeit', position: 1 })
		.run();
	fixture.collecting = seedActivity(db, event.id, 'collecting', 'Sammeln');
	fixture.voting = seedActivity(db, event.id, 'voting', 'Abstimmen');
	fixture.clustering = seedActivity(db, event.id, 'clustering', 'Ordnen');
	for (let i = 0; i < 12; i += 1) {
		const { token } = joinEvent(db, event.id, {
			displayName: `Telefon ${i}`,
			category: null,
			locale: 'de'
		});
		fixture.participants.push(`${participantCookieName}=${token}`);
	}

	// Rows the hostile messages must never reach: another event of the same organisation and
	// an event of another organisation, each with ideas, a cluster and dots.
	const otherEvent = createTestEvent(db, org.id, 'Andere Konferenz').event;
	const otherOrg = createTestOrganisation(db, 'Anderer Kreis');
	const otherOrgEvent = createTestEvent(db, otherOrg.id, 'Fremde Konferenz');
	const otherField = db
		.insert(table.fieldOfAction)
		.values({ processId: otherOrgEvent.process.id, code: 'F1', title: 'Fremd', position: 1 })
		.returning()
		.get();
	fixture.foreign.field.push(otherField.id, nobodysId);
	for (const eventId of [otherEvent.id, otherOrgEvent.event.id]) {
		for (const stage of ['collecting', 'voting'] as const) {
			const ids = seedActivity(db, eventId, stage, `Fremd ${stage}`);
			const voter = joinEvent(db, eventId, { displayName: null, category: null, locale: 'de' });
			db.insert(table.dot)
				.values({
					activityId: ids.activityId,
					participantId: voter.participant.id,
					ideaId: ids.ideas[0]
				})
				.run();
			fixture.foreignActivities.push(ids.activityId);
			fixture.foreign.activity.push(ids.activityId);
			fixture.foreign.idea.push(...ids.ideas);
			fixture.foreign.cluster.push(ids.clusterId);
		}
	}
	fixture.foreign.activity.push(nobodysId);
	fixture.foreign.idea.push(nobodysId);
	fixture.foreign.cluster.push(nobodysId);
}

// ---------------------------------------------------------------------------------------------
// Generating payloads from the schemas

const schemaOf = (name: MessageName) => messages[name] as unknown as SchemaNode;
const requirement = (node: SchemaNode, type: string) =>
	node.pipe?.find((item) => item.type === type)?.requirement;
/** A schema behind a pre-check (`v.custom`, e.g. plain objects only) has its shape in its pipe. */
function shapeOf(node: SchemaNode): SchemaNode {
	if (node.type !== 'custom') return node;
	const shape = node.pipe?.find((item) => item.kind === 'schema' && item.type !== 'custom');
	if (!shape) throw new Error('a custom schema without a shape');
	return shape as SchemaNode;
}
const isId = (node: SchemaNode) =>
	node.type === 'number' && node.pipe?.some((item) => item.type === 'safe_integer') === true;

let clientIds = 0;
const freshClientId = () => `h-${(clientIds += 1)}`;

/** Which kind of row an id field names, by its name (and a target's kind). */
function idKind(path: Path, payload: Record<string, unknown>): keyof Fixture['foreign'] {
	const name = path.filter((part) => typeof part === 'string').at(-1);
	if (name === 'activityId') return 'activity';
	if (name === 'clusterId') return 'cluster';
	if (name === 'fieldOfActionId') return 'field';
	if (name === 'id') {
		const target = payload.target as { kind?: unknown } | undefined;
		return target?.kind === 'cluster' ? 'cluster' : 'idea';
	}
	return 'idea';
}

/** A valid value for the field at `path`, in the activity `ids`. */
function validValue(node: SchemaNode, path: Path, ids: ActivityIds): unknown {
	const name = path.filter((part) => typeof part === 'string').at(-1) ?? '';
	switch (node.type) {
		case 'strict_object':
			return Object.fromEntries(
				Object.entries(node.entries ?? {}).map(([key, child]) => [
					key,
					validValue(child, [...path, key], ids)
				])
			);
		case 'nullable':
			return null;
		case 'optional':
			return validValue(node.wrapped!, path, ids);
		case 'custom':
			return validValue(shapeOf(node), path, ids);
		case 'boolean':
			return false;
		case 'picklist':
			return node.options![0];
		case 'array':
			return [validValue(node.item!, [...path, 0], ids)];
		case 'string':
			if (name === 'clientId') return freshClientId();
			if (name === 'language') return 'de';
			return 'Gute Idee';
		case 'number': {
			if (!isId(node)) {
				const min = Number(requirement(node, 'min_value') ?? 1);
				const max = Number(requirement(node, 'max_value') ?? 100);
				return Math.min(Math.max(3, min), max);
			}
			if (name === 'activityId') return ids.activityId;
			if (name === 'clusterId') return ids.clusterId;
			if (name === 'intoId') return ids.ideas[1];
			return ids.ideas[0];
		}
		default:
			throw new Error(`no valid value for a ${node.type} at ${path.join('.')}`);
	}
}

const hugeString = 'x'.repeat(100_000);
const buffer = () => Buffer.from('hostile');

const kindOf = (value: unknown) =>
	Buffer.isBuffer(value)
		? 'buffer'
		: Array.isArray(value)
			? 'array'
			: value === null
				? 'null'
				: typeof value;

function acceptedKinds(node: SchemaNode): string[] {
	switch (node.type) {
		case 'string':
		case 'picklist':
			return ['string'];
		case 'strict_object':
			return ['object'];
		case 'nullable':
			return ['null', ...acceptedKinds(node.wrapped!)];
		case 'optional':
			return ['undefined', ...acceptedKinds(node.wrapped!)];
		case 'custom':
			return acceptedKinds(shapeOf(node));
		default:
			return [node.type];
	}
}

/** Values that are never of the field's type. */
function wrongTypes(node: SchemaNode): unknown[] {
	const kinds = acceptedKinds(node);
	return ['1', 1, true, null, [], {}, buffer(), [1]].filter(
		(value) => !kinds.includes(kindOf(value))
	);
}

/** Values of the right type that the schema refuses. */
function refusedEdges(node: SchemaNode): unknown[] {
	switch (node.type) {
		case 'nullable':
		case 'optional':
			return refusedEdges(node.wrapped!);
		case 'string': {
			const max = Number(requirement(node, 'max_length') ?? 500);
			const tooLong = ['a'.repeat(max + 1), hugeString];
			// Nothing is left once control characters are dropped and the text is trimmed: refused
			// where a text is required; a translation left empty is removed (see borderlineValues).
			const empty = ['', '\u0007', '\u007f', ' \u0000\u202e ', '\ud800'];
			return requirement(node, 'min_length') === undefined ? tooLong : [...tooLong, ...empty];
		}
		case 'picklist':
			return ['', 'nope', '__proto__', 'toString', 'constructor', hugeString];
		case 'number':
			return isId(node)
				? [0, -1, 1.5, 2 ** 53, -(2 ** 31)]
				: [
						Number(requirement(node, 'min_value') ?? 1) - 1,
						Number(requirement(node, 'max_value') ?? 100) + 1,
						2.5
					];
		case 'array': {
			const max = Number(requirement(node, 'max_length') ?? 500);
			return [Array.from({ length: max + 1 }, (_, i) => i + 1), [0], [1.5], ['1'], [null]];
		}
		default:
			return [];
	}
}

/** Values whose fate depends on how they cross the wire (NaN becomes null) or on the domain. */
function borderlineValues(node: SchemaNode): unknown[] {
	switch (node.type) {
		case 'nullable':
			return [NaN, ...borderlineValues(node.wrapped!)];
		case 'optional':
			return borderlineValues(node.wrapped!);
		case 'string': {
			const max = Number(requirement(node, 'max_length') ?? 500);
			// Cleaned before they are stored: see the check of every stored text at the end.
			return [
				...(requirement(node, 'min_length') === undefined ? ['', ' \u0000\u202e '] : []),
				'a'.repeat(max),
				'\u202eesreveR',
				'a\ud800b',
				' gepolstert ',
				'Zeile\r\nZeile\t',
				'0x1',
				'ab\u0000cd',
				'\u001b[31mrot',
				'ende\u0085',
				'e\u0301',
				'👩🏽\u200d🔧'
			];
		}
		case 'number':
			return [NaN, Infinity, -0, ...(isId(node) ? ['0x1', ' 0x1 ', '1'] : [])];
		default:
			return [];
	}
}

/** Own-property keys no payload may carry; `__proto__` only exists as one after JSON.parse. */
const prototypeKeys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];

function withExtraKey(object: Record<string, unknown>, key: string, value: unknown) {
	const copy = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
	Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
	return copy;
}

function setAt(payload: unknown, path: Path, value: unknown): unknown {
	if (path.length === 0) return value;
	const [head, ...rest] = path;
	if (Array.isArray(payload)) {
		return payload.map((item, i) => (i === head ? setAt(item, rest, value) : item));
	}
	const object = payload as Record<string, unknown>;
	return { ...object, [head as string]: setAt(object[head as string], rest, value) };
}

function removeAt(payload: unknown, path: Path): unknown {
	const parent = path.slice(0, -1);
	const key = path.at(-1) as string;
	const transform = (object: Record<string, unknown>) => {
		const copy = { ...object };
		delete copy[key];
		return copy;
	};
	if (parent.length === 0) return transform(payload as Record<string, unknown>);
	let node = payload;
	for (const part of parent) node = (node as Record<string, unknown>)[part];
	return setAt(payload, parent, transform(node as Record<string, unknown>));
}

/** Every field of a schema, nested objects and array items included, with its path. */
function fields(node: SchemaNode, path: Path = []): { node: SchemaNode; path: Path }[] {
	const here = path.length > 0 ? [{ node, path }] : [];
	const shape = shapeOf(node);
	if (shape.type === 'strict_object') {
		return [
			...here,
			...Object.entries(shape.entries ?? {}).flatMap(([key, child]) =>
				fields(child, [...path, key])
			)
		];
	}
	if (shape.type === 'array') return [...here, ...fields(shape.item!, [...path, 0])];
	return here;
}

function objectPaths(node: SchemaNode, path: Path = []): Path[] {
	const shape = shapeOf(node);
	if (shape.type !== 'strict_object') return [];
	return [
		path,
		...Object.entries(shape.entries ?? {}).flatMap(([key, child]) =>
			objectPaths(child, [...path, key])
		)
	];
}

function getAt(payload: unknown, path: Path): unknown {
	let node = payload;
	for (const part of path) node = (node as Record<string | number, unknown>)[part];
	return node;
}

const allowed = (role: Role, name: MessageName) =>
	(role === 'participant' ? participantMessages : moderatorMessages).some((m) => m === name);

/** The schema-driven cases for one message, sent by one role. */
function payloadCases(name: MessageName, role: Role): HostileCase[] {
	const schema = schemaOf(name);
	const cases: HostileCase[] = [];
	const add = (label: string, payload: unknown, expectation: Expectation) =>
		cases.push({
			label: `${role} ${name} ${label}`,
			role,
			data: [name, payload],
			ack: true,
			expect: expectation
		});
	const activities = [fixture.collecting, fixture.voting, fixture.clustering];
	const base = () => validValue(schema, [], fixture.collecting) as Record<string, unknown>;

	// The message as it should be, in each stage: some answer wrong_stage.
	for (const ids of activities) {
		const payload = validValue(schema, [], ids);
		add(`valid in activity ${ids.activityId}`, payload, 'any');
		// A resend of the very same payload.
		const first = cases.at(-1)!;
		cases.push({
			label: `${role} ${name} resend in activity ${ids.activityId}`,
			role,
			data: [name, payload],
			ack: true,
			expect: 'any',
			resendOf: first
		});
	}
	if (!allowed(role, name)) {
		// Refused before its payload is read: a few shapes are enough.
		add('extra field', { ...base(), extra: 1 }, 'refuse');
		add('with a Buffer field', { ...base(), activityId: buffer() }, 'refuse');
		return cases;
	}

	for (const { node, path } of fields(schema)) {
		const at = path.join('.');
		for (const value of wrongTypes(node)) {
			add(`${at}=${show(value)}`, setAt(base(), path, value), 'refuse');
		}
		for (const value of refusedEdges(node)) {
			add(`${at}=${show(value)}`, setAt(base(), path, value), 'refuse');
		}
		for (const value of borderlineValues(node)) {
			add(`${at}=${show(value)}`, setAt(base(), path, value), 'schema');
		}
		if (typeof path.at(-1) === 'string') {
			add(`without ${at}`, removeAt(base(), path), node.type === 'optional' ? 'schema' : 'refuse');
		}
		if (isId(node.type === 'nullable' ? node.wrapped! : node)) {
			for (const ids of [fixture.collecting, fixture.voting]) {
				const payload = validValue(schema, [], ids) as Record<string, unknown>;
				for (const id of fixture.foreign[idKind(path, payload)]) {
					add(`${at}=foreign ${id} in ${ids.activityId}`, setAt(payload, path, id), 'foreign');
				}
			}
		}
	}
	for (const path of objectPaths(schema)) {
		for (const key of [...prototypeKeys, 'extra']) {
			const payload = base();
			add(
				`${path.join('.') || 'payload'} with own key ${key}`,
				setAt(
					payload,
					path,
					withExtraKey(getAt(payload, path) as Record<string, unknown>, key, { polluted: true })
				),
				'refuse'
			);
		}
	}
	return cases;
}

function show(value: unknown): string {
	if (Buffer.isBuffer(value)) return 'Buffer';
	if (typeof value === 'string')
		return value.length > 40 ? `string(${value.length})` : JSON.stringify(value);
	if (typeof value === 'number') return String(value);
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
}

/** Wrong argument lists for a message name, the same for every name and role. */
function shapeCases(name: string, role: Role): HostileCase[] {
	const payload =
		typeof name === 'string' && Object.hasOwn(messages, name)
			? validValue(schemaOf(name as MessageName), [], fixture.collecting)
			: {};
	const refuse = (label: string, data: unknown[]): HostileCase => ({
		label: `${role} ${String(name)} ${label}`,
		role,
		data,
		ack: true,
		expect: 'refuse'
	});
	const drop = (label: string, data: unknown[]): HostileCase => ({
		label: `${role} ${String(name)} ${label}`,
		role,
		data,
		ack: false,
		expect: 'any'
	});
	return [
		refuse('without a payload', [name]),
		refuse('with two payloads', [name, payload, payload]),
		refuse('with a Buffer payload', [name, buffer()]),
		refuse('with an array payload', [name, [payload]]),
		refuse('with a null payload', [name, null]),
		refuse('with a string payload', [name, 'alles']),
		refuse('with a number payload', [name, 1]),
		drop('without an ack', [name, payload]),
		// emit(name, ack, payload): the callback is not last, so it goes out as null.
		drop('with the ack in the wrong position', [name, null, payload]),
		drop('without anything', [name])
	];
}

/** Names socket.io's own parser refuses: the connection is closed, nothing is answered. */
const parserRefusedNames: unknown[] = [
	'connect',
	'disconnect',
	'newListener',
	'connect_error',
	'disconnecting',
	'removeListener',
	null,
	{},
	['idea:submit']
];
const strangeNames: unknown[] = [
	'toString',
	'__proto__',
	'constructor',
	'hasOwnProperty',
	'valueOf',
	'error',
	'no:such-message',
	'IDEA:SUBMIT',
	'idea:submit ',
	'',
	42
];

/** Event names that are no message: refused when acked, dropped when not. */
function nameCases(name: unknown, role: Role): HostileCase[] {
	const label = `${role} name ${JSON.stringify(name)}`;
	return [
		{ label: `${label} {}`, role, data: [name, {}], ack: true, expect: 'refuse' },
		{ label: `${label} alone`, role, data: [name], ack: true, expect: 'refuse' },
		{ label: `${label} Buffer`, role, data: [name, buffer()], ack: true, expect: 'refuse' },
		{ label: `${label} unacked`, role, data: [name, {}], ack: false, expect: 'any' }
	];
}

/** Over the per-target cap, then over budget: new dots, each with its own client id. */
function overspendingCases(): HostileCase[] {
	const { ideas, clusterId } = fixture.voting;
	const targets = [
		...Array.from({ length: maxDotsPerTarget + 1 }, () => ({ kind: 'idea', id: ideas[0] })),
		...Array.from({ length: dotsPerParticipant }, () => ({ kind: 'cluster', id: clusterId }))
	];
	return targets.map((target, i) => ({
		label: `participant dot:place overspending #${i}`,
		role: 'participant' as const,
		data: [
			'dot:place',
			{ ...(validValue(schemaOf('dot:place'), [], fixture.voting) as object), target }
		],
		ack: true,
		expect: 'any' as const
	}));
}

function allCases(): HostileCase[] {
	const names = Object.keys(messages) as MessageName[];
	// First, so that they share the first phone's socket and budget.
	const cases: HostileCase[] = overspendingCases();
	for (const role of ['participant', 'moderator'] as const) {
		for (const name of names) cases.push(...payloadCases(name, role));
		for (const name of names.slice(0, 3)) cases.push(...shapeCases(name, role));
		for (const name of strangeNames) cases.push(...nameCases(name, role));
	}
	return cases;
}

// ---------------------------------------------------------------------------------------------

let server: TestServer;
let moderatorCookie = '';
/** Participant sockets' views of activities and the tallies they were sent. */
const seenByPhones = { views: [] as ActivityView[], tallies: 0 };

function watchPhone(socket: LiveClient) {
	socket.on('activity:state', (view) => seenByPhones.views.push(view));
	socket.on('activity:tallies', () => (seenByPhones.tallies += 1));
}

const isReply = (value: unknown) => {
	if (typeof value !== 'object' || value === null) return false;
	const reply = value as { ok?: unknown; value?: unknown; error?: unknown };
	if (reply.ok === true) return 'value' in reply && Object.keys(reply).length === 2;
	return (
		reply.ok === false &&
		Object.keys(reply).length === 2 &&
		(liveErrorCodes as readonly unknown[]).includes(reply.error)
	);
};

/** The payload as the server decodes it: JSON, except that Buffers stay Buffers. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

function expectedRefusal(c: HostileCase): string {
	const [name] = c.data;
	const shapeOk =
		typeof name === 'string' &&
		Object.hasOwn(messages, name) &&
		c.data.length === 2 &&
		typeof c.data[1] === 'object' &&
		c.data[1] !== null &&
		!Array.isArray(c.data[1]) &&
		!Buffer.isBuffer(c.data[1]);
	return shapeOk && !allowed(c.role, name as MessageName) ? 'unauthorised' : 'invalid_payload';
}

interface Outcome {
	c: HostileCase;
	answers: unknown[][];
}

const chunkSize = 30;

async function participantSocket(index: number) {
	const socket = await connectLive(server.url, {
		cookie: fixture.participants[index % fixture.participants.length]!
	});
	watchPhone(socket);
	return socket;
}

const moderatorSocket = () =>
	connectLive(server.url, { cookie: moderatorCookie, eventId: fixture.eventId });

/**
 * Sends one chunk of cases on a fresh socket (each socket has its own message budget), then
 * one ordinary acked message: the socket must still be open and answering.
 */
async function runChunk(socket: LiveClient, cases: HostileCase[]): Promise<Outcome[]> {
	const wire = new RawWire(socket);
	const ids = cases.map((c) => wire.send(c.data, c.ack));
	await Promise.all(ids.map((id) => (id === undefined ? undefined : wire.answered(id))));
	const probe = wire.send(['event:sync', {}])!;
	await wire.answered(probe);
	// Long enough for a second answer to any of them to arrive.
	await new Promise((settle) => setTimeout(settle, 50));
	const outcome = cases.map((c, i) => ({
		c,
		answers: ids[i] === undefined ? [] : (wire.answers.get(ids[i]!) ?? [])
	}));
	expect(socket.connected, 'socket still open after its chunk').toBe(true);
	expect(wire.answers.get(probe)).toHaveLength(1);
	expect(wire.answers.get(probe)![0]![0]).toMatchObject({ ok: true });
	expect(wire.total, 'answers only to messages with an ack').toBe(
		ids.filter((id) => id !== undefined).length + 1
	);
	socket.close();
	return outcome;
}

/** Chunks of at most `size`, never separating a resend from the message it resends. */
function chunks(items: HostileCase[], size: number): HostileCase[][] {
	const result: HostileCase[][] = [];
	for (const item of items) {
		const last = result.at(-1);
		if (last && (last.length < size || item.resendOf === last.at(-1))) last.push(item);
		else result.push([item]);
	}
	return result;
}

/** A reply with its dots in a fixed order: a resend may list them in another. */
function sameOrder(reply: unknown): unknown {
	const value = (reply as { value?: { placed?: { target: { kind: string; id: number } }[] } })
		.value;
	if (!value?.placed) return reply;
	const placed = [...value.placed].sort((a, b) =>
		targetKey(a.target as never).localeCompare(targetKey(b.target as never))
	);
	return { ...(reply as object), value: { ...value, placed } };
}

function metricsLines(): Record<string, unknown>[] {
	return server
		.output()
		.split('\n')
		.filter((line) => line.startsWith('metrics '))
		.map((line) => JSON.parse(line.slice('metrics '.length)) as Record<string, unknown>);
}

function foreignSnapshot() {
	const db = server.db();
	const ids = fixture.foreignActivities;
	return {
		activities: db.select().from(table.activity).where(inArray(table.activity.id, ids)).all(),
		ideas: db.select().from(table.idea).where(inArray(table.idea.activityId, ids)).all(),
		clusters: db.select().from(table.cluster).where(inArray(table.cluster.activityId, ids)).all(),
		dots: db.select().from(table.dot).where(inArray(table.dot.activityId, ids)).all()
	};
}

function storedTallies(activityId: number): TallyView[] {
	return server
		.db()
		.select({
			ideaId: table.dot.ideaId,
			clusterId: table.dot.clusterId,
			dots: sql<number>`count(*)`,
			voters: sql<number>`count(distinct ${table.dot.participantId})`
		})
		.from(table.dot)
		.where(eq(table.dot.activityId, activityId))
		.groupBy(table.dot.ideaId, table.dot.clusterId)
		.all()
		.map((row) => ({ target: targetOf(row), dots: row.dots, voters: row.voters }));
}

const byTarget = (tallies: TallyView[]) =>
	[...tallies].sort((a, b) => targetKey(a.target).localeCompare(targetKey(b.target)));

beforeAll(async () => {
	server = await startServer({ seed, env: { METRICS_INTERVAL_MS: '200' } });
	const visitor = new Visitor(server.url);
	await visitor.login(fixture.moderatorEmail, testPassword);
	moderatorCookie = `${sessionCookieName}=${visitor.cookie(sessionCookieName)}`;
});

afterAll(() => server.stop());

describe('hostile messages against one real server', () => {
	it('answers every generated message once, with a defined reply, and keeps every rule', async () => {
		const before = foreignSnapshot();
		const listener = await participantSocket(0);
		const droppedBefore = metricsLines().at(-1)?.droppedMessages;
		const cases = allCases();

		const phoneChunks = chunks(
			cases.filter((c) => c.role === 'participant'),
			chunkSize
		);
		const moderatorChunks = chunks(
			cases.filter((c) => c.role === 'moderator'),
			chunkSize
		);
		const outcomes: Outcome[] = [];
		await Promise.all([
			(async () => {
				for (const [i, chunk] of phoneChunks.entries()) {
					outcomes.push(...(await runChunk(await participantSocket(i + 1), chunk)));
				}
			})(),
			(async () => {
				for (const chunk of moderatorChunks) {
					outcomes.push(...(await runChunk(await moderatorSocket(), chunk)));
				}
			})()
		]);

		// Names socket.io's parser refuses close the connection; each gets a socket of its own.
		let killed = 0;
		for (const [i, name] of parserRefusedNames.entries()) {
			const socket = i % 2 ? await moderatorSocket() : await participantSocket(i);
			const wire = new RawWire(socket);
			const gone = disconnection(socket);
			wire.send([name, {}]);
			expect(await gone, `${JSON.stringify(name)} closes the connection`).toBeDefined();
			expect(wire.total).toBe(0);
			killed += 1;
			socket.close();
		}

		const acked = outcomes.filter((o) => o.c.ack);
		const dropped = outcomes.filter((o) => !o.c.ack);
		const sent = outcomes.length + killed;
		expect(sent).toBeGreaterThanOrEqual(500);
		console.log(
			`hostile: ${sent} messages (${acked.length} acked, ${dropped.length} without an ack, ${killed} refused by the parser)`
		);

		for (const { c, answers } of acked) {
			expect(answers, `${c.label}: exactly one answer`).toHaveLength(1);
			const [reply] = answers[0]!;
			expect(isReply(reply), `${c.label}: ${JSON.stringify(reply)}`).toBe(true);
			const answer = reply as { ok: boolean; error?: string };
			// Only new ideas have a budget of their own (a few per phone); messages never run out.
			if (c.data[0] !== 'idea:submit' || c.expect === 'refuse') {
				expect(answer.error, `${c.label}: not throttled`).not.toBe('rate_limited');
			}
			if (c.expect === 'refuse') {
				expect(answer, c.label).toEqual({ ok: false, error: expectedRefusal(c) });
			} else if (c.expect === 'foreign') {
				expect(answer.ok, `${c.label}: ${JSON.stringify(reply)}`).toBe(false);
			} else if (c.expect === 'schema') {
				const [name, payload] = c.data as [MessageName, unknown];
				const fits = v.safeParse(messages[name], overTheWire(payload)).success;
				if (!fits) {
					expect(answer, c.label).toEqual({ ok: false, error: expectedRefusal(c) });
				} else if (!allowed(c.role, name)) {
					expect(answer, c.label).toEqual({ ok: false, error: 'unauthorised' });
				}
			}
			if (c.resendOf && c.role === 'participant') {
				const first = outcomes.find((o) => o.c === c.resendOf)?.answers[0]?.[0];
				if ((first as { ok?: boolean } | undefined)?.ok) {
					expect(sameOrder(reply), `${c.label}: answered as the first time`).toEqual(
						sameOrder(first)
					);
				}
			}
		}
		for (const { c, answers } of dropped) expect(answers, c.label).toHaveLength(0);
		const replies = new Map<string, number>();
		for (const { answers } of acked) {
			const reply = answers[0]![0] as { ok: boolean; error?: string };
			const key = reply.ok ? 'ok' : reply.error!;
			replies.set(key, (replies.get(key) ?? 0) + 1);
		}
		const overspent = acked
			.filter((o) => o.c.label.includes('overspending'))
			.map((o) => o.answers[0]![0] as { ok: boolean; error?: string });
		expect(overspent.map((reply) => reply.ok && 'ok')).toEqual(expect.arrayContaining(['ok']));
		expect(overspent.map((reply) => reply.error)).toEqual(
			expect.arrayContaining(['target_limit', 'budget_exhausted'])
		);
		console.log(`hostile: replies ${JSON.stringify(Object.fromEntries(replies))}`);

		// The server stays up: a page and a fresh socket work.
		const page = await new Visitor(server.url).get('/login');
		expect(page.status).toBe(200);
		const fresh = await participantSocket(11);
		expect((await send(fresh, 'event:sync', {})).ok).toBe(true);

		// The dropped messages were counted.
		await expect
			.poll(() => Number(metricsLines().at(-1)?.droppedMessages) - Number(droppedBefore ?? 0))
			.toBe(dropped.length);

		// Nothing of another event or organisation changed.
		expect(foreignSnapshot()).toEqual(before);

		// Every text a socket stored is clean: no control character, half emoji or override.
		const texts = [
			...server.db().select({ text: table.idea.text }).from(table.idea).all(),
			...server.db().select({ text: table.cluster.title }).from(table.cluster).all(),
			...server.db().select({ text: table.activity.question }).from(table.activity).all()
		].map((row) => row.text);
		const translations = [
			...server.db().select({ t: table.cluster.titleTranslations }).from(table.cluster).all(),
			...server.db().select({ t: table.activity.questionTranslations }).from(table.activity).all()
		].flatMap((row) => Object.values(row.t));
		expect(translations.length).toBeGreaterThan(0);
		for (const text of translations) expect(text, JSON.stringify(text)).toBe(cleanText(text));
		expect(texts.length).toBeGreaterThan(0);
		for (const text of texts) expect(text, JSON.stringify(text)).toBe(cleanText(text));
		// Each accepted activity:create stays, so its cleaned question is there to see.
		expect(texts).toEqual(expect.arrayContaining(['abcd', 'Zeile\nZeile', 'esreveR', 'ab', 'é']));

		// Nobody exceeded the budget or the per-target cap.
		const db = server.db();
		const perParticipant = db
			.select({
				activityId: table.dot.activityId,
				participantId: table.dot.participantId,
				dots: sql<number>`count(*)`
			})
			.from(table.dot)
			.groupBy(table.dot.activityId, table.dot.participantId)
			.all();
		const perTarget = db
			.select({ dots: sql<number>`count(*)` })
			.from(table.dot)
			.where(eq(table.dot.activityId, fixture.voting.activityId))
			.groupBy(table.dot.participantId, table.dot.ideaId, table.dot.clusterId)
			.all();
		expect(perParticipant.length).toBeGreaterThan(0);
		for (const row of perParticipant) expect(row.dots).toBeLessThanOrEqual(dotsPerParticipant);
		for (const row of perTarget) expect(row.dots).toBeLessThanOrEqual(maxDotsPerTarget);

		// The in-memory tallies equal the database.
		const moderator = await moderatorSocket();
		const activities = db
			.select({ id: table.activity.id })
			.from(table.activity)
			.where(eq(table.activity.eventId, fixture.eventId))
			.all();
		for (const { id } of activities) {
			const synced = await send(moderator, 'activity:sync', { activityId: id });
			if (!synced.ok) throw new Error(synced.error);
			expect(byTarget(synced.value.tallies ?? []), `tallies of activity ${id}`).toEqual(
				byTarget(storedTallies(id))
			);
		}

		// No phone saw a tally before the reveal.
		const syncedByPhones = acked
			.filter((o) => o.c.role === 'participant' && o.c.data[0] === 'activity:sync')
			.map((o) => o.answers[0]![0] as { ok: boolean; value?: ActivityView })
			.filter((reply) => reply.ok)
			.map((reply) => reply.value!);
		expect(syncedByPhones.length).toBeGreaterThan(0);
		for (const view of [...syncedByPhones, ...seenByPhones.views]) expect(view.tallies).toBeNull();
		expect(seenByPhones.tallies).toBe(0);

		// …and the same watch does see them once the moderator reveals.
		const revealed = new Promise((shown) => listener.once('activity:tallies', shown));
		expect(
			(
				await send(moderator, 'activity:stage', {
					activityId: fixture.voting.activityId,
					stage: 'revealed'
				})
			).ok
		).toBe(true);
		await revealed;
		expect(seenByPhones.tallies).toBeGreaterThan(0);
		const stored = db
			.select({ n: sql<number>`count(*)` })
			.from(table.dot)
			.where(eq(table.dot.activityId, fixture.voting.activityId))
			.get()!.n;
		expect(stored).toBeGreaterThan(0);
		for (const socket of [listener, fresh, moderator]) socket.close();
	}, 55_000);
});
