/**
 * Mail through the operator's SMTP server (`SMTP_URL`, e.g. smtp://user:pass@mail.kreis.de:587),
 * the only outbound connection the app makes. Without it, nothing is sent and pages that would
 * send mail say whom to ask instead.
 */
import { createTransport, type Transporter } from 'nodemailer';

export interface Mail {
	to: string;
	subject: string;
	text: string;
}

let transport: Transporter | undefined;

export function mailConfigured(): boolean {
	return Boolean(process.env.SMTP_URL);
}

function sender(): string {
	return process.env.MAIL_FROM || 'Mitwirken <mitwirken@localhost>';
}

export async function sendMail(mail: Mail): Promise<void> {
	const url = process.env.SMTP_URL;
	if (!url) throw new Error('SMTP_URL is not set');
	transport ??= createTransport(url);
	await transport.sendMail({ from: sender(), ...mail });
}
