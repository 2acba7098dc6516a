import { requireVersion } from '$lib/server/concept/guard';
import { adoptionLineOf } from '$lib/server/council/steps';
import { getDb } from '$lib/server/db';
import { conceptMarkdown } from '$lib/server/export/concept';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { process, version } = requireVersion(event, 'readProcess');
	return new Response(conceptMarkdown(version, adoptionLineOf(getDb(), version.id)), {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': `attachment; filename="${process.slug}-fassung-${version.number}.md"`
		}
	});
};
