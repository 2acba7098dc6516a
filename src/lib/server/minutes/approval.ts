import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { roleAllows, type Role } from '../auth/roles';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';

/**
 * Who approves an event's minutes: the process's steering group (its first body of that kind
 * that is not archived), under the body's rule, by its members with an account. A process
 * without a steering group, or whose steering group has no member with an account, keeps the
 * rule from before: one person whose role may approve minutes approves them alone.
 */
export type ApprovalAuthority =
	| {
			kind: 'body';
			body: { id: number; name: string; rule: table.ApprovalRule };
			/** The members with an account whose approval counts under the rule. */
			voters: { userId: number; name: string }[];
			/** How many of them must approve. */
			needed: number;
	  }
	| { kind: 'role'; body: { id: number; name: string } | null; needed: 1 };

export function approvalAuthority(db: DbOrTx, processId: number): ApprovalAuthority {
	const body = db
		.select({ id: table.body.id, name: table.body.name, rule: table.body.approvalRule })
		.from(table.body)
		.where(
			and(
				eq(table.body.processId, processId),
				eq(table.body.kind, 'steering_group'),
				isNull(table.body.archivedAt)
			)
		)
		.orderBy(asc(table.body.id))
		.get();
	if (!body) return { kind: 'role', body: null, needed: 1 };
	const members = db
		.select({
			userId: table.bodyMember.userId,
			name: table.bodyMember.name,
			function: table.bodyMember.function
		})
		.from(table.bodyMember)
		.where(and(eq(table.bodyMember.bodyId, body.id), isNotNull(table.bodyMember.userId)))
		.orderBy(asc(table.bodyMember.id))
		.all();
	const withAccount = new Map<number, { name: string; function: table.BodyMember['function'] }>();
	for (const member of members) {
		const known = withAccount.get(member.userId!);
		if (!known || member.function === 'chair') withAccount.set(member.userId!, member);
	}
	if (withAccount.size === 0) return { kind: 'role', body, needed: 1 };
	const everyone = [...withAccount].map(([userId, member]) => ({ userId, ...member }));
	const voters = (
		body.rule === 'chair' ? everyone.filter((member) => member.function === 'chair') : everyone
	).map(({ userId, name }) => ({ userId, name }));
	const needed = body.rule === 'majority' ? Math.floor(everyone.length / 2) + 1 : 1;
	return { kind: 'body', body, voters, needed };
}

export type ApprovalRefusal = 'not_found' | 'wrong_status' | 'not_allowed' | 'already_decided';
export type ApprovalChange =
	{ ok: true; approved: boolean } | { ok: false; reason: ApprovalRefusal };

export interface Approver {
	id: number;
	name: string;
	role: Role;
}

/** Whether `approver` may approve or refuse in their own name. */
function mayDecide(authority: ApprovalAuthority, approver: Approver): boolean {
	if (authority.kind === 'role') return roleAllows(approver.role, 'approveMinutes');
	return authority.voters.some((voter) => voter.userId === approver.id);
}

/** Whether `approver` may record the body's decision, taken on paper or in a meeting. */
export function mayRecordOnPaper(authority: ApprovalAuthority, approver: Pick<Approver, 'role'>) {
	return authority.kind === 'body' && roleAllows(approver.role, 'recordApproval');
}

function minutesOfEvent(tx: DbOrTx, eventId: number, minutesId: number) {
	return tx
		.select()
		.from(table.minutes)
		.where(and(eq(table.minutes.id, minutesId), eq(table.minutes.eventId, eventId)))
		.get();
}

function decisionsOf(tx: DbOrTx, minutesId: number, round: number) {
	return tx
		.select()
		.from(table.minutesApproval)
		.where(
			and(eq(table.minutesApproval.minutesId, minutesId), eq(table.minutesApproval.round, round))
		)
		.orderBy(asc(table.minutesApproval.id))
		.all();
}

type Decide = (tx: DbOrTx, minutes: table.Minutes, authority: ApprovalAuthority) => ApprovalChange;

/**
 * Runs `decide` on submitted minutes of the event, for a person `allowed` under the approving
 * authority: someone not allowed learns nothing of the minutes' state.
 */
function onSubmitted(
	db: Db,
	where: { processId: number; eventId: number; minutesId: number },
	allowed: (authority: ApprovalAuthority) => boolean,
	decide: Decide
): ApprovalChange {
	return db.transaction((tx) => {
		const minutes = minutesOfEvent(tx, where.eventId, where.minutesId);
		if (!minutes) return { ok: false, reason: 'not_found' };
		const authority = approvalAuthority(tx, where.processId);
		if (!allowed(authority)) return { ok: false, reason: 'not_allowed' };
		if (minutes.status !== 'submitted') return { ok: false, reason: 'wrong_status' };
		return decide(tx, minutes, authority);
	});
}

/** Records one person's decision in the current round, unless they decided in it already. */
function recordDecision(
	tx: DbOrTx,
	minutes: table.Minutes,
	authority: ApprovalAuthority,
	person: Approver,
	decision: Pick<typeof table.minutesApproval.$inferInsert, 'decision' | 'reason' | 'onPaper'>
): boolean {
	const decisions = decisionsOf(tx, minutes.id, minutes.approvalRound);
	if (decisions.some((earlier) => earlier.userId === person.id)) return false;
	tx.insert(table.minutesApproval)
		.values({
			minutesId: minutes.id,
			round: minutes.approvalRound,
			bodyId: authority.body?.id ?? null,
			userId: person.id,
			name: person.name,
			...decision
		})
		.run();
	return true;
}

function markApproved(tx: DbOrTx, minutes: table.Minutes, by: { id: number; names: string[] }) {
	tx.update(table.minutes)
		.set({
			status: 'approved',
			approvedAt: new Date(),
			approvedBy: by.id,
			approvedByName: by.names.join(', ')
		})
		.where(eq(table.minutes.id, minutes.id))
		.run();
}

/**
 * One member's approval of submitted minutes. The minutes become approved once the body's rule
 * is met (one member, the chair, or more than half of the members with an account); without a
 * body, the approval of one person whose role allows it suffices.
 */
export function approveMinutesAsMember(
	db: Db,
	processId: number,
	eventId: number,
	minutesId: number,
	approver: Approver
): ApprovalChange {
	return onSubmitted(
		db,
		{ processId, eventId, minutesId },
		(authority) => mayDecide(authority, approver),
		(tx, minutes, authority) => {
			if (!recordDecision(tx, minutes, authority, approver, { decision: 'approved' })) {
				return { ok: false, reason: 'already_decided' };
			}
			const counted = new Set(
				authority.kind === 'body' ? authority.voters.map((voter) => voter.userId) : [approver.id]
			);
			const approvals = decisionsOf(tx, minutes.id, minutes.approvalRound).filter(
				(decision) =>
					decision.decision === 'approved' &&
					decision.userId !== null &&
					counted.has(decision.userId)
			);
			if (approvals.length < authority.needed) return { ok: true, approved: false };
			markApproved(tx, minutes, { id: approver.id, names: approvals.map((a) => a.name) });
			return { ok: true, approved: true };
		}
	);
}

/** A process owner records the body's approval, given on paper or in a meeting: approved at once. */
export function recordPaperApproval(
	db: Db,
	processId: number,
	eventId: number,
	minutesId: number,
	approver: Approver
): ApprovalChange {
	return onSubmitted(
		db,
		{ processId, eventId, minutesId },
		(authority) => mayRecordOnPaper(authority, approver),
		(tx, minutes, authority) => {
			const paper = { decision: 'approved', onPaper: true } as const;
			if (!recordDecision(tx, minutes, authority, approver, paper)) {
				return { ok: false, reason: 'already_decided' };
			}
			markApproved(tx, minutes, { id: approver.id, names: [approver.name] });
			return { ok: true, approved: true };
		}
	);
}

/**
 * A refusal: the submitted minutes go back to draft, the reason kept in their history and shown
 * on the minutes page. The members' approvals of this round stay in the history but no longer
 * count: the next submission starts a new round. This is the one place minutes are refused.
 */
export function refuseMinutes(
	db: Db,
	processId: number,
	eventId: number,
	minutesId: number,
	refuser: Approver,
	reason: string
): ApprovalChange {
	return onSubmitted(
		db,
		{ processId, eventId, minutesId },
		(authority) => mayDecide(authority, refuser) || mayRecordOnPaper(authority, refuser),
		(tx, minutes, authority) => {
			if (!recordDecision(tx, minutes, authority, refuser, { decision: 'refused', reason })) {
				return { ok: false, reason: 'already_decided' };
			}
			tx.update(table.minutes)
				.set({ status: 'draft', submittedAt: null })
				.where(eq(table.minutes.id, minutes.id))
				.run();
			return { ok: true, approved: false };
		}
	);
}

/** Every decision on these minutes, newest first, with the round it belongs to. */
export function listDecisions(db: Db, minutesId: number) {
	return db
		.select({
			id: table.minutesApproval.id,
			round: table.minutesApproval.round,
			userId: table.minutesApproval.userId,
			name: table.minutesApproval.name,
			decision: table.minutesApproval.decision,
			reason: table.minutesApproval.reason,
			onPaper: table.minutesApproval.onPaper,
			createdAt: table.minutesApproval.createdAt
		})
		.from(table.minutesApproval)
		.where(eq(table.minutesApproval.minutesId, minutesId))
		.orderBy(desc(table.minutesApproval.id))
		.all();
}

/** What the minutes page shows and offers to `viewer` about the approval of these minutes. */
export function approvalView(
	db: Db,
	processId: number,
	minutes: Pick<table.Minutes, 'id' | 'status' | 'approvalRound'>,
	viewer: Approver
) {
	const authority = approvalAuthority(db, processId);
	const decisions = listDecisions(db, minutes.id);
	const current = decisions.filter((decision) => decision.round === minutes.approvalRound);
	const decided = current.some((decision) => decision.userId === viewer.id);
	const open = minutes.status === 'submitted';
	const lastRefusal = decisions.find((decision) => decision.decision === 'refused');
	return {
		body: authority.body,
		rule: authority.kind === 'body' ? authority.body.rule : null,
		needed: authority.needed,
		voters: authority.kind === 'body' ? authority.voters.length : null,
		/** Approvals of the current round, oldest first. */
		approvals: current.filter((decision) => decision.decision === 'approved').reverse(),
		refusals: decisions.filter((decision) => decision.decision === 'refused'),
		/** The latest refusal, shown on a draft that it sent back. */
		sentBack:
			minutes.status === 'draft' && lastRefusal?.round === minutes.approvalRound
				? lastRefusal
				: null,
		canApprove: open && !decided && mayDecide(authority, viewer),
		canRecordOnPaper: open && !decided && mayRecordOnPaper(authority, viewer),
		canRefuse:
			open && !decided && (mayDecide(authority, viewer) || mayRecordOnPaper(authority, viewer)),
		alreadyDecided: open && decided
	};
}
