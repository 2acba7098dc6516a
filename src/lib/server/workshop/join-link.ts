import QRCode from 'qrcode';
import type { Db } from '../db';
import type { Event } from '../db/schema';
import { ensureJoinCode } from './participants';

/** The event's join code, the short address phones open, and that address as a QR code. */
export async function joinLink(db: Db, eventId: number, origin: string) {
	const code = ensureJoinCode(db, eventId);
	const url = `${origin}/${code}`;
	const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { code, url, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` };
}

/** What a poster or table card prints: the event, when and where, and how to join. */
export async function eventKit(db: Db, event: Event, origin: string) {
	return {
		event: {
			title: event.title,
			startsAt: event.startsAt,
			endsAt: event.endsAt,
			datePrecision: event.datePrecision,
			place: event.place
		},
		join: await joinLink(db, event.id, origin)
	};
}
