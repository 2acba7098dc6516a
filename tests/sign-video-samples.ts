/** Small videos and captions for the sign-language video, built in code. */

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** An MP4 of `size` bytes: an `ftyp` box (brand isom), then filler standing for the movie. */
export function mp4Sample(size = 4096, brand = 'isom'): Uint8Array {
	const bytes = new Uint8Array(size);
	bytes.set([0, 0, 0, 24, ...ascii('ftyp'), ...ascii(brand), 0, 0, 2, 0, ...ascii('isommp41')]);
	for (let i = 24; i < size; i++) bytes[i] = i % 251;
	return bytes;
}

/** A WebM: an EBML header whose DocType is `webm`, then filler. */
export function webmSample(size = 2048): Uint8Array {
	const bytes = new Uint8Array(size);
	const header = [
		0x1a,
		0x45,
		0xdf,
		0xa3,
		0x9f,
		0x42,
		0x86,
		0x81,
		0x01,
		0x42,
		0xf7,
		0x81,
		0x01,
		0x42,
		0xf2,
		0x81,
		0x04,
		0x42,
		0xf3,
		0x81,
		0x08,
		0x42,
		0x82,
		0x84,
		...ascii('webm')
	];
	bytes.set(header);
	for (let i = header.length; i < size; i++) bytes[i] = i % 241;
	return bytes;
}

/** A Windows program ("MZ") that calls itself a video. */
export const exeSample = new Uint8Array([
	...ascii('MZ'),
	0x90,
	0,
	3,
	0,
	0,
	0,
	4,
	0,
	0,
	0,
	0xff,
	0xff
]);

export const captionsSample = new TextEncoder().encode(
	'WEBVTT\n\n00:00.000 --> 00:04.000\nWillkommen auf unserer Beteiligungsplattform.\n'
);
