/**
 * Accounts from the shell: `npm run user -- <command> …`
 *   create          a system administrator (see create-user.ts)
 *   reset-password  a one-time link to choose a new password (see reset-password.ts)
 */
import { userInfo } from 'node:os';
import { defaultDatabaseUrl, openDatabase, type Db } from '../db';
import { runAudited } from '../db/audit';
import { createUserCommand } from './create-user';
import { resetPasswordCommand } from './reset-password';

const commands: Record<string, (db: () => Db, args: string[]) => Promise<number>> = {
	create: createUserCommand,
	'reset-password': resetPasswordCommand
};

let database: Db | undefined;
const db = () => (database ??= openDatabase(process.env.DATABASE_URL || defaultDatabaseUrl));

const [name = '', ...args] = process.argv.slice(2);
const command = commands[name];
if (!command) {
	console.error(`usage: npm run user -- ${Object.keys(commands).join(' | ')} …`);
	process.exit(2);
}
/** The shell account that ran the command, for the audit log. */
function operator(): string {
	try {
		return userInfo().username;
	} catch {
		return process.env.USER ?? 'unknown';
	}
}

const code = await runAudited(
	{
		actorKind: 'cli',
		actorUserId: null,
		actorName: operator(),
		organisationId: null,
		processId: null,
		path: `user:${name}`
	},
	() => command(db, args)
);
database?.$client.close();
process.exit(code);
