import { isIPv6 } from 'node:net';

/**
 * The key a per-address limit counts under. One IPv6 connection usually holds a whole /64
 * (2^64 addresses), so counting single IPv6 addresses would let one household or one script
 * start afresh with every request; IPv4, also when written as IPv6 (`::ffff:1.2.3.4`), counts
 * per address. Anything that is no IP address (a forged forwarding header) counts as it is.
 */
export function throttleKey(address: string): string {
	const plain = address.replace(/%.*$/, '').toLowerCase();
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(plain);
	if (mapped) return mapped[1]!;
	if (!isIPv6(plain)) return plain;
	const [head = '', tail] = plain.split('::');
	const before = head ? head.split(':') : [];
	const after = tail ? tail.split(':') : [];
	const groups =
		tail === undefined
			? before
			: [...before, ...Array(8 - before.length - after.length).fill('0'), ...after];
	const network = groups.slice(0, 4).map((group) => Number.parseInt(group || '0', 16).toString(16));
	return `${network.join(':')}::/64`;
}
