/** The door's name filter: every typed word somewhere in the name or affiliation, any case. */
export function matchesFilter(
	attendee: { name: string; affiliation: string },
	filter: string
): boolean {
	const haystack = `${attendee.name} ${attendee.affiliation}`.toLocaleLowerCase('de');
	return filter
		.toLocaleLowerCase('de')
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => haystack.includes(word));
}
