import { requireVersion } from '$lib/server/concept/guard';
import { conceptMarkdown } from '$lib/server/export/concept';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { process, version } = requireVersion(event, 'readProcess');
	return new Response(conceptMarkdown(version), {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': `attachment; filename="${process.slug}-fassung-${version.number}.md"`
		}
	});
};
