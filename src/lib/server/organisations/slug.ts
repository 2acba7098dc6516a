const transliterations: Record<string, string> = {
	ä: 'ae',
	ö: 'oe',
	ü: 'ue',
	ß: 'ss'
};

export function slugify(text: string): string {
	const slug = text
		.toLowerCase()
		.replace(/[äöüß]/g, (c) => transliterations[c] ?? c)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug || 'x';
}

/** The slug of `text`, numbered when `taken` already has it. */
export function uniqueSlug(text: string, taken: (slug: string) => boolean): string {
	const base = slugify(text);
	let slug = base;
	for (let n = 2; taken(slug); n++) slug = `${base}-${n}`;
	return slug;
}
