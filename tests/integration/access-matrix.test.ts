/**
 * The access matrix: every page, endpoint and form action under src/routes, for every kind of
 * visitor, against one server with two organisations. It checks who gets in, that another
 * organisation's pages and ids answer 404, and that no answer carries the other
 * organisation's data.
 *
 * ## Adding a route: one line in `matrix`
 *
 * The key is `'<METHOD> <route id>'`, the route id being the folder under src/routes
 * (`GET /o/[org]/members`, `GET /o/[org]/p/[process]/calendar.ics`, `POST /logout`); a form
 * action is `'POST <route id>?/<action>'` (`?/default` for a page's default action). The value
 * says who may use it:
 *
 * - `'public'`     everyone, with or without a session;
 * - `'guest'`      a page for people without a session: the signed-in are sent on (303);
 * - `'user'`       anyone signed in; without a session, 303 to the login;
 * - `'system'`     system administrators; other people signed in get 403;
 * - `'installed'`  nobody: the first-run setup answers 404 once there is an account;
 * - a permission of `src/lib/server/auth/roles.ts` (`'readProcess'`, `'manageEvents'`, …):
 *   members whose role has it; other members of the organisation get 403, members of another
 *   organisation 404 (as if it did not exist), visitors without a session 303 to the login.
 *   A person with a role in one process only (`process_moderator`, a moderator of one process)
 *   is treated as a member of that role inside the process and on the organisation's start
 *   page; every other organisation page answers them 404, and so does every other process.
 *
 * The test fails for a route or action without a line, and for a line whose route is gone.
 * Parameters are filled from the seeded data by name (`[org]`, `[process]`, `[event]`, …):
 * a new parameter name needs a value in `paramsOf`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordReset } from '../../src/lib/server/auth/password-reset';
import { permissions, type Permission, type Role } from '../../src/lib/server/auth/roles';
import { acceptInvitation, createInvitation } from '../../src/lib/server/organisations/invitations';
import { addMember } from '../../src/lib/server/organisations/organisations';
import { grantProcessRole } from '../../src/lib/server/organisations/process-members';
import type { Db } from '../../src/lib/server/db';
import { createTestOrganisation, createTestUser, testPassword } from '../factories';
import { notifyUser } from '../../src/lib/server/notify/outbox';
import { saveSignVideo } from '../../src/lib/server/sign-video/sign-video';
import { captionsSample, mp4Sample } from '../sign-video-samples';
import { seedProcess, type ProcessFixture } from './process-fixture';
import { startServer, Visitor, type Reply, type TestServer } from './server';

type Access = 'public' | 'guest' | 'user' | 'system' | 'installed' | Permission;

const matrix: Record<string, Access> = {
	'GET /': 'public',
	'GET /[code=joincode]': 'public',
	'GET /account': 'user',
	'GET /account/data.json': 'user',
	'GET /account/deleted': 'public',
	'GET /beteiligung/[org]': 'public',
	'GET /beteiligung/[org]/[legal=legalpage]': 'public',
	'GET /beteiligung/[org]/[process]': 'public',
	'GET /beteiligung/[org]/[process]/anhaenge/[attachment]': 'public',
	'GET /beteiligung/[org]/[process]/protokoll/[event]': 'public',
	'GET /beteiligung/[org]/[process]/termine.ics': 'public',
	'GET /beteiligung/[org]/gebaerdensprache.video': 'public',
	'GET /beteiligung/[org]/gebaerdensprache.vtt': 'public',
	'GET /invite/[token]': 'public',
	'GET /login': 'guest',
	'GET /mitmachen': 'public',
	'GET /o/[org]': 'readProcess',
	'GET /o/[org]/audit': 'readAudit',
	'GET /o/[org]/audit/aenderungen.csv': 'readAudit',
	'GET /o/[org]/legal': 'manageOrganisation',
	'GET /o/[org]/members': 'manageOrganisation',
	'GET /o/[org]/members/import': 'manageOrganisation',
	'GET /o/[org]/outbox': 'manageOrganisation',
	'GET /o/[org]/outbox/[message]/termin.ics': 'manageOrganisation',
	'GET /o/[org]/p/[process]': 'readProcess',
	'GET /o/[org]/p/[process]/anhaenge/[attachment]': 'readProcess',
	'GET /o/[org]/p/[process]/bodies': 'readProcess',
	'GET /o/[org]/p/[process]/bodies/[body]': 'readProcess',
	'GET /o/[org]/p/[process]/calendar.ics': 'readProcess',
	'GET /o/[org]/p/[process]/concept': 'readProcess',
	'GET /o/[org]/p/[process]/concept/[version]': 'readProcess',
	'GET /o/[org]/p/[process]/concept/[version]/beratungsfolge': 'readProcess',
	'GET /o/[org]/p/[process]/concept/[version]/konzept.docx': 'readProcess',
	'GET /o/[org]/p/[process]/concept/[version]/konzept.md': 'readProcess',
	'GET /o/[org]/p/[process]/events': 'readProcess',
	'GET /o/[org]/p/[process]/events/[event]': 'readProcess',
	'GET /o/[org]/p/[process]/events/[event]/activities/[activity]/results.csv': 'readProcess',
	'GET /o/[org]/p/[process]/events/[event]/attendance': 'manageEvents',
	'GET /o/[org]/p/[process]/events/[event]/attendance/anwesenheit.csv': 'readProcess',
	'GET /o/[org]/p/[process]/events/[event]/live': 'manageEvents',
	'GET /o/[org]/p/[process]/events/[event]/minutes': 'readProcess',
	'GET /o/[org]/p/[process]/events/[event]/minutes/protokoll.docx': 'readProcess',
	'GET /o/[org]/p/[process]/events/[event]/projector': 'manageEvents',
	'GET /o/[org]/p/[process]/events/[event]/poster': 'manageEvents',
	'GET /o/[org]/p/[process]/events/[event]/table-cards': 'manageEvents',
	'GET /o/[org]/p/[process]/fields': 'readProcess',
	'GET /o/[org]/p/[process]/measures': 'readProcess',
	'GET /o/[org]/p/[process]/measures/[measure]': 'readProcess',
	'GET /o/[org]/p/[process]/measures/import': 'manageMeasures',
	'GET /o/[org]/p/[process]/measures/massnahmen.csv': 'readProcess',
	'GET /o/[org]/p/[process]/measures/massnahmen.xlsx': 'readProcess',
	'GET /o/[org]/p/[process]/measures/new': 'manageMeasures',
	'GET /o/[org]/p/[process]/monitoring': 'readProcess',
	'GET /o/[org]/p/[process]/monitoring/bericht': 'readProcess',
	'GET /o/[org]/p/[process]/monitoring/bericht.docx': 'readProcess',
	'GET /o/[org]/p/[process]/monitoring/indikatoren': 'readProcess',
	'GET /o/[org]/p/[process]/phases': 'readProcess',
	'GET /o/[org]/p/[process]/projects': 'readProcess',
	'GET /o/[org]/p/[process]/public-comments': 'readProcess',
	'GET /o/[org]/p/[process]/review': 'readProcess',
	'GET /o/[org]/processes/new': 'editProcess',
	'GET /organisations/new': 'system',
	'GET /password-reset': 'public',
	'GET /password-reset/[token]': 'public',
	'GET /password-reset/done': 'public',
	'GET /setup': 'installed',
	'HEAD /beteiligung/[org]/gebaerdensprache.video': 'public',
	'POST /[code=joincode]?/join': 'public',
	'POST /beteiligung/[org]/[process]?/comment': 'public',
	'POST /account?/changePassword': 'user',
	'POST /account?/notifications': 'user',
	'POST /account?/deleteAccount': 'user',
	'POST /account?/endOtherSessions': 'user',
	'POST /account?/endSession': 'user',
	'POST /invite/[token]?/accept': 'user',
	'POST /invite/[token]?/register': 'public',
	'POST /language': 'public',
	'POST /login?/default': 'public',
	'POST /logout': 'public',
	'POST /o/[org]/legal?/details': 'manageOrganisation',
	'POST /o/[org]/legal?/removeSignVideo': 'manageOrganisation',
	'POST /o/[org]/legal?/resetText': 'manageOrganisation',
	'POST /o/[org]/legal?/saveText': 'manageOrganisation',
	'POST /o/[org]/legal?/uploadSignVideo': 'manageOrganisation',
	'POST /o/[org]/members/import?/invite': 'manageOrganisation',
	'POST /o/[org]/members/import?/upload': 'manageOrganisation',
	'POST /o/[org]/members?/changeRole': 'manageOrganisation',
	'POST /o/[org]/outbox?/sender': 'manageOrganisation',
	'POST /o/[org]/members?/invite': 'manageOrganisation',
	'POST /o/[org]/members?/remove': 'manageOrganisation',
	'POST /o/[org]/members?/removeProcessRole': 'manageOrganisation',
	'POST /o/[org]/members?/resetLink': 'manageOrganisation',
	'POST /o/[org]/members?/revokeInvitation': 'manageOrganisation',
	'POST /o/[org]/p/[process]/bodies/[body]?/addMember': 'editProcess',
	'POST /o/[org]/p/[process]/bodies/[body]?/approvalRule': 'editProcess',
	'POST /o/[org]/p/[process]/bodies/[body]?/delete': 'editProcess',
	'POST /o/[org]/p/[process]/bodies/[body]?/removeMember': 'editProcess',
	'POST /o/[org]/p/[process]/bodies/[body]?/restore': 'manageOrganisation',
	'POST /o/[org]/p/[process]/bodies/[body]?/seats': 'editProcess',
	'POST /o/[org]/p/[process]/bodies/[body]?/update': 'editProcess',
	'POST /o/[org]/p/[process]/bodies/[body]?/updateMember': 'editProcess',
	'POST /o/[org]/p/[process]/bodies?/create': 'editProcess',
	'POST /o/[org]/p/[process]/concept/[version]?/deleteAttachment': 'editProcess',
	'POST /o/[org]/p/[process]/concept/[version]?/uploadAttachment': 'editProcess',
	'POST /o/[org]/p/[process]/concept/[version]/beratungsfolge?/add': 'editProcess',
	'POST /o/[org]/p/[process]/concept/[version]/beratungsfolge?/import': 'editProcess',
	'POST /o/[org]/p/[process]/concept/[version]/beratungsfolge?/move': 'editProcess',
	'POST /o/[org]/p/[process]/concept/[version]/beratungsfolge?/remove': 'editProcess',
	'POST /o/[org]/p/[process]/concept/[version]/beratungsfolge?/update': 'editProcess',
	'POST /o/[org]/p/[process]/concept?/comment': 'commentConcept',
	'POST /o/[org]/p/[process]/concept?/delete': 'editProcess',
	'POST /o/[org]/p/[process]/concept?/resolve': 'editProcess',
	'POST /o/[org]/p/[process]/concept?/save': 'editProcess',
	'POST /o/[org]/p/[process]/concept?/stand': 'editProcess',
	'POST /o/[org]/p/[process]/events/[event]/attendance?/checkIn': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/attendance?/register': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/attendance?/toMinutes': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/attendance?/undoCheckIn': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/attendance?/walkIn': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/live?/closeJoining': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/live?/reopenJoining': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/addDecision': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/addTask': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/approve': 'readProcess',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/draft': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/notes': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/refresh': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/removeItem': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/recordOnPaper': 'readProcess',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/refuse': 'readProcess',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/revise': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/submit': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]/minutes?/summary': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/addAgendaItem': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/addGuest': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/attendance': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/delete': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/deleteAttachment': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/markHeld': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/deleteAgendaItem': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/moveAgendaItem': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/removeAttendee': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/restore': 'manageOrganisation',
	'POST /o/[org]/p/[process]/events/[event]?/unmarkHeld': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/update': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/updateAgendaItem': 'manageEvents',
	'POST /o/[org]/p/[process]/events/[event]?/uploadAttachment': 'manageEvents',
	'POST /o/[org]/p/[process]/events?/create': 'manageEvents',
	'POST /o/[org]/p/[process]/fields?/addField': 'editProcess',
	'POST /o/[org]/p/[process]/fields?/addGuideline': 'editProcess',
	'POST /o/[org]/p/[process]/fields?/deleteField': 'editProcess',
	'POST /o/[org]/p/[process]/fields?/deleteGuideline': 'editProcess',
	'POST /o/[org]/p/[process]/fields?/moveField': 'editProcess',
	'POST /o/[org]/p/[process]/fields?/moveGuideline': 'editProcess',
	'POST /o/[org]/p/[process]/fields?/updateField': 'editProcess',
	'POST /o/[org]/p/[process]/fields?/updateGuideline': 'editProcess',
	'POST /o/[org]/p/[process]/measures/[measure]?/correctStatus': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/[measure]?/delete': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/[measure]?/deleteAttachment': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/[measure]?/recordStatus': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/[measure]?/restore': 'manageOrganisation',
	'POST /o/[org]/p/[process]/measures/[measure]?/update': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/[measure]?/uploadAttachment': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/import?/import': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/import?/upload': 'manageMeasures',
	'POST /o/[org]/p/[process]/monitoring/bericht?/saveNarrative': 'manageMeasures',
	'POST /o/[org]/p/[process]/monitoring/indikatoren?/addIndicator': 'manageMeasures',
	'POST /o/[org]/p/[process]/monitoring/indikatoren?/recordValue': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/new?/create': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures/new?/extend': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures?/addGoal': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures?/deleteGoal': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures?/moveMeasure': 'manageMeasures',
	'POST /o/[org]/p/[process]/measures?/updateGoal': 'manageMeasures',
	'POST /o/[org]/p/[process]/phases?/add': 'editProcess',
	'POST /o/[org]/p/[process]/phases?/delete': 'editProcess',
	'POST /o/[org]/p/[process]/phases?/move': 'editProcess',
	'POST /o/[org]/p/[process]/phases?/update': 'editProcess',
	'POST /o/[org]/p/[process]/projects?/create': 'manageMeasures',
	'POST /o/[org]/p/[process]/projects?/delete': 'manageMeasures',
	'POST /o/[org]/p/[process]/projects?/update': 'manageMeasures',
	'POST /o/[org]/p/[process]/public-comments?/answer': 'editProcess',
	'POST /o/[org]/p/[process]/public-comments?/period': 'editProcess',
	'POST /o/[org]/p/[process]/public-comments?/publish': 'editProcess',
	'POST /o/[org]/p/[process]/public-comments?/reject': 'editProcess',
	'POST /o/[org]/p/[process]/review?/link': 'harmoniseResults',
	'POST /o/[org]/p/[process]/review?/unlink': 'harmoniseResults',
	'POST /o/[org]/p/[process]?/createFieldBody': 'editProcess',
	'POST /o/[org]/p/[process]?/deleteAttachment': 'editProcess',
	'POST /o/[org]/p/[process]?/saveBasics': 'editProcess',
	'POST /o/[org]/p/[process]?/uploadAttachment': 'editProcess',
	'POST /o/[org]/processes/new?/default': 'editProcess',
	'POST /organisations/new?/default': 'system',
	'POST /password-reset/[token]?/default': 'public',
	'POST /password-reset?/default': 'public',
	'POST /setup?/default': 'installed',
	'GET /o/[org]/p/[process]/bedarfsanalyse': 'readProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse?/create': 'editProcess',
	'GET /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]': 'readProcess',
	'GET /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]/druck': 'readProcess',
	'GET /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]/ergebnisse': 'readProcess',
	'GET /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]/ergebnisse.csv': 'readProcess',
	'GET /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]/papier': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]/papier?/default': 'editProcess',
	'GET /umfrage/[survey=joincode]': 'public',
	'POST /umfrage/[survey=joincode]?/answer': 'public',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/details': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/open': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/close': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/reopen': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/addQuestion': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/updateQuestion': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/moveQuestion': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/hideQuestion': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/showQuestion': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/deleteQuestion': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/addOption': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/updateOption': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/moveOption': 'editProcess',
	'POST /o/[org]/p/[process]/bedarfsanalyse/[questionnaire]?/deleteOption': 'editProcess'
};

// ---------------------------------------------------------------------------------------------
// The routes as the filesystem has them

const routesDir = join(import.meta.dirname, '../../src/routes');

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]
	);
}

/** `/o/[org]/(group)/x` → `/o/[org]/x`: groups do not appear in URLs. */
function routeId(file: string): string {
	const parts = relative(routesDir, file).split(sep).slice(0, -1);
	return '/' + parts.filter((part) => !/^\(.*\)$/.test(part)).join('/');
}

/** The names a module exports, and the keys of its `actions` object. */
function exportsOf(file: string): { names: string[]; actions: string[] } {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
	const names: string[] = [];
	const actions: string[] = [];
	for (const statement of source.statements) {
		const exported =
			ts.canHaveModifiers(statement) &&
			ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name) names.push(statement.name.text);
		if (!ts.isVariableStatement(statement)) continue;
		for (const declaration of statement.declarationList.declarations) {
			if (!ts.isIdentifier(declaration.name)) continue;
			names.push(declaration.name.text);
			let value = declaration.initializer;
			while (value && (ts.isSatisfiesExpression(value) || ts.isAsExpression(value))) {
				value = value.expression;
			}
			if (declaration.name.text === 'actions') {
				if (!value || !ts.isObjectLiteralExpression(value)) {
					throw new Error(`${file}: actions is not an object literal the test can read`);
				}
				for (const property of value.properties) {
					const name = property.name;
					if (!name || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) {
						throw new Error(`${file}: an action without a plain name`);
					}
					actions.push(name.text);
				}
			}
		}
	}
	return { names, actions };
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback'];

/** Every page, endpoint method and form action under src/routes, as matrix keys. */
function routesOnDisk(): string[] {
	const keys: string[] = [];
	for (const file of filesUnder(routesDir)) {
		const name = file.split(sep).at(-1)!;
		const id = routeId(file);
		// `+page@.svelte` resets to another layout; still a page.
		if (/^\+page(@[^.]*)?\.svelte$/.test(name)) keys.push(`GET ${id}`);
		if (/^\+page\.server\.[jt]s$/.test(name)) {
			for (const action of exportsOf(file).actions) keys.push(`POST ${id}?/${action}`);
		}
		if (/^\+server\.[jt]s$/.test(name)) {
			for (const method of exportsOf(file).names.filter((n) => methods.includes(n))) {
				keys.push(`${method} ${id}`);
			}
		}
	}
	return keys.sort();
}

// ---------------------------------------------------------------------------------------------
// Two organisations

type Who = 'anonymous' | 'participant' | Role | 'process_moderator' | 'outsider';
const visitors: Who[] = [
	'anonymous',
	'participant',
	'steering_member',
	'moderator',
	'process_owner',
	'admin',
	'process_moderator',
	'outsider'
];
/** The role the process moderator holds in their one process. */
const guestRole: Role = 'moderator';
/** The organisation pages a person with a role in one process may see: its start page. */
const guestOrganisationPages = new Set(['GET /o/[org]']);
const isProcessPage = (key: string) => /^\w+ \/o\/\[org\]\/p\/\[process\]/.test(key);
const memberRoles = ['steering_member', 'moderator', 'process_owner', 'admin'] as const;

/** Every row of the other organisation has this id, whatever its table. */
const foreignId = 10_000;
/** In every text of the other organisation: no answer to this organisation may carry it. */
const foreignMarker = 'FREMDMARKE';
/** Public pages of the whole installation: they show every organisation's public processes. */
const installWide = new Set(['GET /']);
/** In every text of this organisation: no answer to anyone else may carry it, but public pages. */
const homeMarker = 'HEIMMARKE';

interface Seeded {
	slug: string;
	/** Each member role has its own process, so its actions cannot spoil another's. */
	fixtures: Record<(typeof memberRoles)[number], ProcessFixture>;
	/** The process people who are not members look at; no test changes it. */
	spare: ProcessFixture;
	/** A process for the forms that name the other organisation's rows to change. */
	target: ProcessFixture;
	/** The one process of the process moderator, who is no member of the organisation. */
	guest: ProcessFixture;
	guestEmail: string;
	emails: Record<(typeof memberRoles)[number], string>;
	outsiderEmail: string;
	usedInvitation: string;
	/** A password reset of a member who never uses it, for the reset page. */
	resetToken: string;
	foreign: { slug: string; fixture: ProcessFixture; invitationId: string; userId: number };
	/** A message with an .ics in this organisation's outbox. */
	messageId: number;
}

let server: TestServer;
let seeded: Seeded;

/** Makes the next row of every table (every one with an AUTOINCREMENT id) get `id`. */
function nextIdsFrom(db: Db, id: number) {
	const tables = db.$client
		.prepare("select name from sqlite_master where type = 'table' and sql like '%AUTOINCREMENT%'")
		.all() as { name: string }[];
	const forget = db.$client.prepare('delete from sqlite_sequence where name = ?');
	const start = db.$client.prepare('insert into sqlite_sequence (name, seq) values (?, ?)');
	for (const { name } of tables) {
		forget.run(name);
		start.run(name, id - 1);
	}
}

function outboxMessageWithIcs(
	db: Db,
	organisationId: number,
	user: { id: number; email: string; name: string },
	marker: string
) {
	return notifyUser(db, {
		organisationId,
		recipient: { userId: user.id, email: user.email, name: user.name },
		kind: 'event_invitation',
		dedupeKey: `matrix:${marker}`,
		write: () => ({
			subject: `Einladung ${marker}`,
			text: marker,
			ics: {
				fileName: 'sitzung.ics',
				content: `BEGIN:VCALENDAR\r\nX-WR-CALNAME:${marker}\r\nEND:VCALENDAR\r\n`
			}
		})
	})!;
}

async function seed(db: Db): Promise<Seeded> {
	const organisation = createTestOrganisation(db, 'Stadt Matrixhausen');
	const emails = {} as Seeded['emails'];
	const fixtures = {} as Seeded['fixtures'];
	for (const role of memberRoles) {
		const user = await createTestUser(db, { name: `Mitglied ${role}` });
		addMember(db, organisation.id, user.id, role);
		emails[role] = user.email;
		fixtures[role] = seedProcess(db, organisation, user, (what) => `${what} ${homeMarker} ${role}`);
	}
	db.$client.prepare('update user set is_system_admin = 1 where email = ?').run(emails.admin);
	const adminId = (
		db.$client.prepare('select id from user where email = ?').get(emails.admin) as { id: number }
	).id;
	const invited = createInvitation(db, {
		organisationId: organisation.id,
		role: 'steering_member',
		note: '',
		createdByUserId: adminId
	});
	const latecomer = await createTestUser(db, { name: 'Angenommen' });
	acceptInvitation(db, invited.invitation.id, latecomer.id);
	const spare = seedProcess(db, organisation, latecomer, (what) => `${what} ${homeMarker}`);
	const target = seedProcess(db, organisation, latecomer, (what) => `${what} ${homeMarker}`);
	const guestUser = await createTestUser(db, { name: 'Externe Moderation' });
	const guest = seedProcess(db, organisation, latecomer, (what) => `${what} ${homeMarker} GAST`);
	grantProcessRole(db, guest.process, guestUser.id, guestRole);
	// The start page's video and captions answer 200, not 404.
	saveSignVideo(
		db,
		organisation.id,
		{ video: mp4Sample(), captions: captionsSample, maxBytes: 1024 * 1024 },
		{ id: adminId, name: 'Verwaltung' }
	);

	const message = outboxMessageWithIcs(db, organisation.id, latecomer, homeMarker);

	// The other organisation comes last, so its rows have ids this one's never have.
	nextIdsFrom(db, foreignId);
	const other = createTestOrganisation(db, `Landkreis ${foreignMarker}`);
	const outsider = await createTestUser(db, { name: `Person ${foreignMarker}` });
	addMember(db, other.id, outsider.id, 'admin');
	const foreignFixture = seedProcess(db, other, outsider, (what) => `${what} ${foreignMarker}`);
	outboxMessageWithIcs(db, other.id, outsider, foreignMarker);
	const foreignInvitation = createInvitation(db, {
		organisationId: other.id,
		role: 'admin',
		note: foreignMarker,
		createdByUserId: outsider.id
	});
	// Rows this organisation adds during the test never get an id the other one has.
	nextIdsFrom(db, foreignId * 2);
	return {
		slug: organisation.slug,
		fixtures,
		spare,
		target,
		guest,
		guestEmail: guestUser.email,
		emails,
		outsiderEmail: outsider.email,
		usedInvitation: invited.token,
		resetToken: createPasswordReset(db, latecomer.id).token,
		messageId: message.id,
		foreign: {
			slug: other.slug,
			fixture: foreignFixture,
			invitationId: foreignInvitation.invitation.id,
			userId: outsider.id
		}
	};
}

beforeAll(async () => {
	server = await startServer({
		// With mail configured the reset request form takes posts (nothing listens there: the
		// matrix posts only empty forms, which are refused before any mail).
		env: { SMTP_URL: 'smtp://127.0.0.1:9' },
		seed: async (db) => (seeded = await seed(db))
	});
});

async function signIn(email: string): Promise<Visitor> {
	const client = new Visitor(server.url);
	const reply = await client.login(email, testPassword);
	expect(reply.status, reply.body).toBe(303);
	return client;
}

/** A fresh client per visitor: a session, a phone's cookie, or nothing. */
async function visitorClients(): Promise<Map<Who, Visitor>> {
	const clients = await Promise.all(
		visitors.map(async (visitor): Promise<[Who, Visitor]> => {
			if (visitor === 'anonymous') return [visitor, new Visitor(server.url)];
			if (visitor === 'participant') {
				const phone = new Visitor(server.url);
				const joined = await phone.post(`/${seeded.spare.joinCode}?/join`, {});
				expect(joined.status, joined.body).toBe(303);
				return [visitor, phone];
			}
			const email =
				visitor === 'outsider'
					? seeded.outsiderEmail
					: visitor === 'process_moderator'
						? seeded.guestEmail
						: seeded.emails[visitor];
			return [visitor, await signIn(email)];
		})
	);
	return new Map(clients);
}

afterAll(() => server?.stop());

// ---------------------------------------------------------------------------------------------
// Requests

/** The visitor's own process: members have one each, everyone else looks at the spare one. */
function fixtureOf(visitor: Who): ProcessFixture {
	if (visitor === 'process_moderator') return seeded.guest;
	return visitor === 'steering_member' ||
		visitor === 'moderator' ||
		visitor === 'process_owner' ||
		visitor === 'admin'
		? seeded.fixtures[visitor]
		: seeded.spare;
}

function paramsOf(fixture: ProcessFixture): Record<string, string> {
	return {
		org: seeded.slug,
		process: fixture.process.slug,
		event: String(fixture.eventId),
		body: String(fixture.bodyId),
		measure: String(fixture.measureId),
		version: String(fixture.versionId),
		activity: String(fixture.activityId),
		attachment: String(fixture.attachmentId),
		token: seeded.usedInvitation,
		resetToken: seeded.resetToken,
		legal: 'impressum',
		code: fixture.joinCode,
		message: String(seeded.messageId),
		questionnaire: String(fixture.questionnaireId),
		survey: fixture.questionnaireCode
	};
}

/** The URL of a matrix key, its `[param]`s filled from `params`. */
function urlOf(key: string, params: Record<string, string>): { method: string; path: string } {
	const [method, target] = key.split(' ') as [string, string];
	const [route, action] = target.split('?/') as [string, string | undefined];
	const path = route.replace(/\[(\w+)(?:=\w+)?\]/g, (_, name: string) => {
		// Invitations and password resets both call their secret [token].
		const value =
			params[name === 'token' && route.startsWith('/password-reset/') ? 'resetToken' : name];
		if (value === undefined) {
			throw new Error(`no value for [${name}] in ${key}: add it to paramsOf`);
		}
		return encodeURIComponent(value);
	});
	return { method, path: action && action !== 'default' ? `${path}?/${action}` : path };
}

async function request(
	client: Visitor,
	key: string,
	params: Record<string, string>,
	body: Record<string, string | string[]> = {}
) {
	const { method, path } = urlOf(key, params);
	const reply =
		method === 'GET'
			? await client.get(path)
			: method === 'HEAD'
				? await client.head(path)
				: await client.post(path, body);
	return { path, reply };
}

type Expected = 'ok' | 'login' | 'sent on' | 403 | 404;

function expected(access: Access, visitor: Who, key: string): Expected {
	const signedIn = visitor !== 'anonymous' && visitor !== 'participant';
	switch (access) {
		case 'public':
			return 'ok';
		case 'guest':
			return signedIn ? 'sent on' : 'ok';
		case 'installed':
			return 404;
		case 'user':
			return signedIn ? 'ok' : 'login';
		case 'system':
			return !signedIn ? 'login' : visitor === 'admin' ? 'ok' : 403;
		default:
			if (!signedIn) return 'login';
			if (visitor === 'outsider') return 404;
			if (visitor === 'process_moderator') {
				if (!isProcessPage(key) && !guestOrganisationPages.has(key)) return 404;
				return (permissions[access] as readonly Role[]).includes(guestRole) ? 'ok' : 403;
			}
			return (permissions[access] as readonly Role[]).includes(visitor) ? 'ok' : 403;
	}
}

const toLogin = /^\/login\?redirectTo=/;

/**
 * Statuses that let someone through: a page, a redirect after an action (but to the login),
 * or the action's own refusal of an empty form (400), of a state (409) or of a used
 * invitation (410).
 */
function isLetThrough(method: string, reply: Reply): boolean {
	if (method === 'GET' || method === 'HEAD') return reply.status === 200;
	if (reply.status === 303) return !toLogin.test(reply.location ?? '');
	return [200, 400, 409, 410].includes(reply.status);
}

function check(key: string, visitor: Who, path: string, reply: Reply) {
	const label = `${visitor} ${key} (${path}) → ${reply.status} ${reply.location ?? ''}`;
	const method = key.split(' ')[0]!;
	const want = expected(matrix[key]!, visitor, key);
	if (want === 'ok') expect(isLetThrough(method, reply), label).toBe(true);
	else if (want === 'login') {
		expect(reply.status, label).toBe(303);
		expect(reply.location, label).toMatch(toLogin);
	} else if (want === 'sent on') {
		expect(reply.status, label).toBe(303);
		expect(reply.location, label).not.toMatch(toLogin);
	} else expect(reply.status, label).toBe(want);
	// The outsider may see their own organisation; nobody else ever sees it, but on the start
	// page, which lists the public processes of every organisation of the installation.
	if (visitor !== 'outsider' && !installWide.has(key)) {
		expect(reply.body, `${label} shows the other organisation`).not.toContain(foreignMarker);
	}
	// The process moderator sees their own process, never another one of the organisation.
	if (visitor === 'process_moderator' && matrix[key] !== 'public') {
		for (const role of memberRoles) {
			expect(reply.body, `${label} shows another process`).not.toContain(`${homeMarker} ${role}`);
		}
	}
	// Only public pages show this organisation to people who are not its members.
	if (
		!memberRoles.some((role) => role === visitor) &&
		visitor !== 'process_moderator' &&
		matrix[key] !== 'public'
	) {
		expect(reply.body, `${label} shows the organisation to a non-member`).not.toContain(homeMarker);
	}
}

/** Runs `tasks` a few at a time: enough to be quick, few enough for a shared machine. */
async function inBatches<T>(tasks: (() => Promise<T>)[], size = 6): Promise<T[]> {
	const results: T[] = [];
	for (let i = 0; i < tasks.length; i += size) {
		results.push(...(await Promise.all(tasks.slice(i, i + size).map((task) => task()))));
	}
	return results;
}

/**
 * Keys whose request ends what later requests need: deletions (and the removal of the start
 * page's video, which names no row), then the logout, run last.
 */
const isDeletion = (key: string) => /\?\/(delete|removeSignVideo)$/.test(key);
const isLogout = (key: string) => key === 'POST /logout';
const isFinal = (key: string) => isDeletion(key) || isLogout(key);

// ---------------------------------------------------------------------------------------------

describe('the access matrix', () => {
	it('has one entry for every route and action, and none for routes that are gone', () => {
		const onDisk = routesOnDisk();
		expect(onDisk.length).toBeGreaterThan(50);
		const listed = Object.keys(matrix).sort();
		expect(
			onDisk.filter((key) => !listed.includes(key)),
			'routes without an entry in the matrix'
		).toEqual([]);
		expect(
			listed.filter((key) => !onDisk.includes(key)),
			'entries whose route is gone'
		).toEqual([]);
	});

	it('lets every visitor in exactly as far as the table says', async () => {
		const sessions = await visitorClients();
		const keys = Object.keys(matrix);
		const run = (key: string) =>
			visitors.map((visitor) => async () => {
				const { path, reply } = await request(
					sessions.get(visitor)!,
					key,
					paramsOf(fixtureOf(visitor))
				);
				return { key, visitor, path, reply };
			});
		const replies = [
			...(await inBatches(keys.filter((key) => !isFinal(key)).flatMap(run))),
			...(await inBatches(keys.filter(isDeletion).flatMap(run))),
			...(await inBatches(keys.filter(isLogout).flatMap(run)))
		];
		expect(replies).toHaveLength(keys.length * visitors.length);
		for (const { key, visitor, path, reply } of replies) check(key, visitor, path, reply);
	}, 240_000);
});

describe('a role in one process', () => {
	it('finds no other process of the organisation, by its address or its ids', async () => {
		const guest = await signIn(seeded.guestEmail);
		const keys = Object.keys(matrix).filter((key) => isProcessPage(key) && !isFinal(key));
		const others = [seeded.spare, seeded.fixtures.moderator];
		const tasks = keys.flatMap((key) =>
			others.flatMap((other) => {
				const own = paramsOf(seeded.guest);
				const variants: Record<string, string>[] = [{ ...paramsOf(other) }];
				for (const name of ['event', 'body', 'measure', 'version', 'activity'] as const) {
					if (key.includes(`[${name}]`)) variants.push({ ...own, [name]: paramsOf(other)[name]! });
				}
				return variants.map((variant) => async () => ({
					key,
					ownProcess: variant.process === own.process,
					...(await request(guest, key, variant))
				}));
			})
		);
		for (const { key, ownProcess, path, reply } of await inBatches(tasks)) {
			// In their own process, an action the role may not do is refused before any id is read.
			const allowed = (permissions[matrix[key] as Permission] as readonly Role[]).includes(
				guestRole
			);
			expect(reply.status, `${key} (${path})`).toBe(ownProcess && !allowed ? 403 : 404);
			expect(reply.body, `${key} (${path})`).not.toContain(`${homeMarker} moderator`);
		}
	}, 120_000);
});

describe('another organisation', () => {
	/** Every row of the other organisation, and every row that points at one of them. */
	function foreignRows(): string[] {
		const db = server.db();
		const tables = db.$client
			.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
			.all() as { name: string }[];
		return tables
			.filter(({ name }) => name !== 'session' && !name.startsWith('__'))
			.flatMap(({ name }) =>
				(db.$client.prepare(`select * from "${name}"`).all() as Record<string, unknown>[])
					.filter((row) =>
						Object.values(row).some(
							(value) =>
								value === foreignId ||
								value === seeded.foreign.invitationId ||
								(typeof value === 'string' && value.includes(foreignMarker))
						)
					)
					.map((row) => `${name} ${JSON.stringify(row)}`)
			)
			.sort();
	}

	/** The other organisation's ids in this organisation's URLs. */
	const foreignParams = () => ({
		...paramsOf(seeded.spare),
		process: seeded.foreign.fixture.process.slug,
		event: String(foreignId),
		body: String(foreignId),
		measure: String(foreignId),
		version: String(foreignId),
		activity: String(foreignId),
		attachment: String(foreignId),
		message: String(foreignId),
		questionnaire: String(foreignId)
	});

	it('is never found through this one, by its ids or its process, and changes nothing', async () => {
		const before = foreignRows();
		expect(before.length).toBeGreaterThan(20);
		const admin = await signIn(seeded.emails.admin);
		const own = paramsOf(seeded.spare);
		const keys = Object.keys(matrix).filter(
			(key) =>
				/\[(process|event|body|measure|version|activity|attachment|message|questionnaire)\]/.test(
					key
				) && !isFinal(key)
		);
		const tasks = keys.flatMap((key) => {
			const params = foreignParams();
			const variants: Record<string, string>[] = key.includes('[process]')
				? [{ ...own, process: params.process }]
				: [];
			for (const name of [
				'event',
				'body',
				'measure',
				'version',
				'activity',
				'attachment',
				'message',
				'questionnaire'
			] as const) {
				if (key.includes(`[${name}]`)) variants.push({ ...own, [name]: params[name] });
			}
			return variants.map((variant) => async () => ({
				key,
				...(await request(admin, key, variant))
			}));
		});
		for (const { key, path, reply } of await inBatches(tasks)) {
			expect(reply.status, `${key} (${path})`).toBe(404);
			expect(reply.body, `${key} (${path})`).not.toContain(foreignMarker);
		}
		expect(foreignRows()).toEqual(before);
	}, 120_000);

	it('is untouched by forms that name its rows', async () => {
		const before = foreignRows();
		const { fixture, invitationId, userId } = seeded.foreign;
		const id = String(foreignId);
		// Every id a form of this app takes, naming the other organisation's row of that kind.
		const ownActivity = seeded.target.activityId;
		const body: Record<string, string | string[]> = {
			id,
			itemId: id,
			minutesId: id,
			goalId: id,
			indicatorId: id,
			measureId: id,
			measure: id,
			memberId: id,
			memberIds: [id, String(seeded.target.bodyMemberId)],
			attendeeId: id,
			userId: String(userId),
			fieldOfActionId: id,
			fieldId: id,
			questionId: id,
			guidelineId: id,
			guidelineIds: id,
			furtherFieldIds: id,
			projectId: id,
			phaseId: id,
			bodyId: id,
			versionId: id,
			processId: id,
			rule: 'majority',
			topicId: id,
			previousProcessId: id,
			invitationId,
			activity: id,
			target: `idea:${fixture.ideaIds[0]}`,
			items: [
				`${ownActivity}:idea:${seeded.target.ideaIds[0]}`,
				`${ownActivity}:idea:${id}`,
				`${ownActivity}:cluster:${id}`
			],
			role: 'admin',
			kind: 'steering_group',
			function: 'member',
			title: 'Übernommen',
			name: 'Übernommen',
			body: 'Übernommen',
			summary: 'Übernommen',
			notes: 'Übernommen',
			status: 'done',
			direction: 'up',
			recordedOn: '2026-05-04',
			measuredOn: '2026-05-04',
			value: '1',
			from: '2026-01-01',
			to: '2026-12-31',
			text: 'Übernommen',
			timeframe: 'medium',
			funding: 'own_budget',
			priority: 'high',
			startsAt: '2026-05-04T10:00',
			endsAt: '2026-05-04T12:00',
			startsOn: '2026-05-04',
			endsOn: '2026-05-05',
			bodyName: 'Kreistag',
			result: 'pending',
			url: 'https://oparl.invalid/paper/1',
			confirmed: 'on',
			code: '9'
		};
		const admin = await signIn(seeded.emails.admin);
		const own = paramsOf(seeded.target);
		const actions = Object.keys(matrix).filter(
			(key) => key.startsWith('POST /o/[org]') && !isFinal(key)
		);
		const replies = await inBatches(
			actions.map((key) => async () => ({ key, ...(await request(admin, key, own, body)) }))
		);
		for (const { key, path, reply } of replies) {
			expect(reply.status, `${key} (${path})`).toBeLessThan(500);
			expect(reply.body, `${key} (${path})`).not.toContain(foreignMarker);
		}
		expect(foreignRows()).toEqual(before);
	}, 120_000);
});
