import { parseCookie } from 'cookie';

/** A value that is not valid percent-encoding is treated as absent: no cookie we set has one. */
function decodeOrDrop(value: string): string | undefined {
	try {
		return decodeURIComponent(value);
	} catch {
		return undefined;
	}
}

/**
 * One cookie's value from a `Cookie` header or `document.cookie`; never throws, whatever the
 * header holds. Of duplicate names the first decodable one wins (browsers send the most
 * specific path first).
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	return parseCookie(header, { decode: decodeOrDrop })[name];
}
