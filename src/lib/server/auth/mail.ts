/**
 * Mail through the operator's SMTP server (`SMTP_URL`, e.g. smtp://user:pass@mail.kreis.de:587),
 * the only outbound connection the app makes. Without it, nothing is sent and pages that would
 * send mail say whom to ask instead (or the organisation's outbox page shows the message).
 */
import { createTransport, type Transporter } from 'nodemailer';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	/** The organisation's own sender; `MAIL_FROM` without it. */
	from?: { name: string; address: string };
	attachments?: { filename: string; content: string; contentType: string }[];
}

const transports = new Map<string, Transporter>();

export function mailConfigured(): boolean {
	return Boolean(process.env.SMTP_URL);
}

export function defaultSender(): string {
	return process.env.MAIL_FROM || 'Mitwirken <mitwirken@localhost>';
}

export async function sendMail(mail: Mail): Promise<void> {
	const url = process.env.SMTP_URL;
	if (!url) throw new Error('SMTP_URL is not set');
	let transport = transports.get(url);
	if (!transport) {
		transport = createTransport(url);
		transports.set(url, transport);
	}
	await transport.sendMail({ ...mail, from: mail.from ?? defaultSender() });
}
