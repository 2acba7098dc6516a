import { env } from '$env/dynamic/private';
import { error, type RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import type * as table from './db/schema';
import { judgeCodeLookup, waitSeconds } from './workshop/join-throttle';
import { defaultJoinGraceHours, joinClosedReason } from './workshop/participants';

type Request = Pick<RequestEvent, 'getClientAddress' | 'setHeaders'>;

/** Counts a code look-up, and refuses it with 429 once the client's address missed too many. */
export async function refuseThrottledLookup(request: Request, found: boolean) {
	const wait = await judgeCodeLookup(request.getClientAddress(), found);
	if (wait > 0) {
		const seconds = waitSeconds(wait);
		request.setHeaders({ 'retry-after': String(seconds) });
		error(429, { message: m.live_throttled({ seconds }) });
	}
}

const graceHours = v.pipe(v.string(), v.transform(Number), v.number(), v.minValue(0));

/** `JOIN_GRACE_HOURS`: how long after its end an event's code still lets new phones in. */
export function joinGraceHours(): number {
	const parsed = v.safeParse(graceHours, env.JOIN_GRACE_HOURS);
	return parsed.success ? parsed.output : defaultJoinGraceHours;
}

export function joinClosedReasonNow(
	event: Pick<table.Event, 'status' | 'joinClosed' | 'endsAt' | 'datePrecision'>
) {
	return joinClosedReason(event, joinGraceHours());
}
