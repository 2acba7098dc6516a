import QRCode from 'qrcode';
import type { Db } from '../db';
import { ensureJoinCode } from './participants';

/** The event's join code, the short address phones open, and that address as a QR code. */
export async function joinLink(db: Db, eventId: number, origin: string) {
	const code = ensureJoinCode(db, eventId);
	const url = `${origin}/${code}`;
	const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { code, url, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` };
}
