import type { SessionUser } from '$lib/server/auth/session';
import type { Session } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
		}
		interface Error {
			message: string;
		}
		interface PageData {
			/** The organisation whose legal pages the footer links to (src/lib/server/privacy/legal.ts). */
			legal: { slug: string } | null;
		}
	}
}

export {};
