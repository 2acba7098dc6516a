import { env } from '$env/dynamic/private';
import { error, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import type * as table from '../db/schema';
import { codeLookupWait, recordMissedCode, waitSeconds } from './join-throttle';
import { defaultJoinGraceHours, joinClosedReason } from './participants';

type Request = Pick<RequestEvent, 'getClientAddress' | 'setHeaders'>;

/** Refuses a code look-up with 429 while the client's address has missed too many codes. */
export async function refuseThrottledLookup(request: Request) {
	const wait = await codeLookupWait(request.getClientAddress());
	if (wait > 0) {
		const seconds = waitSeconds(wait);
		request.setHeaders({ 'retry-after': String(seconds) });
		error(429, { message: m.live_throttled({ seconds }) });
	}
}

export async function countMissedCode(request: Request) {
	await recordMissedCode(request.getClientAddress());
}

const graceHours = v.pipe(v.string(), v.transform(Number), v.number(), v.minValue(0));

/** `JOIN_GRACE_HOURS`: how long after its end an event's code still lets new phones in. */
export function joinGraceHours(): number {
	const parsed = v.safeParse(graceHours, env.JOIN_GRACE_HOURS);
	return parsed.success ? parsed.output : defaultJoinGraceHours;
}

export function joinClosedReasonNow(event: Pick<table.Event, 'status' | 'joinClosed' | 'endsAt'>) {
	return joinClosedReason(event, joinGraceHours());
}
