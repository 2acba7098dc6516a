import { createServer, type Socket } from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	/** The headers and body as sent. */
	raw: string;
	/** The Subject header, decoded. */
	subject: string;
	/** The body, decoded from quoted-printable or base64. */
	text: string;
}

export interface SmtpSink {
	/** For SMTP_URL. */
	url: string;
	received: ReceivedMail[];
	/** The next mail that has not been taken yet, waiting for it if need be. */
	nextMail: (timeoutMs?: number) => Promise<ReceivedMail>;
	close: () => Promise<void>;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`), as mailers write non-ASCII headers. */
function decodeHeader(value: string): string {
	return value.replace(
		/=\?[^?]+\?([QBqb])\?([^?]*)\?=\s*/g,
		(_, encoding: string, text: string) => {
			if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
			const bytes = text
				.replace(/_/g, ' ')
				.replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16)));
			return Buffer.from(bytes, 'latin1').toString('utf8');
		}
	);
}

function subjectOf(raw: string): string {
	const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
	const folded = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(headers)?.[1] ?? '';
	return decodeHeader(folded.replace(/\r\n[ \t]/g, ' '));
}

function decodeBody(raw: string): string {
	const split = raw.indexOf('\r\n\r\n');
	const headers = raw.slice(0, split);
	const body = raw.slice(split + 4);
	const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
	if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
	if (encoding === 'quoted-printable') {
		const bytes = body
			.replace(/=\r?\n/g, '')
			.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
		return Buffer.from(bytes, 'latin1').toString('utf8');
	}
	return body;
}

/**
 * A minimal SMTP server that accepts every message, for tests of the real mail path: the app
 * talks SMTP to it exactly as it would to the county's mail server. No TLS, no authentication.
 */
export function startSmtpSink(): Promise<SmtpSink> {
	const received: ReceivedMail[] = [];
	let taken = 0;
	const waiting: (() => void)[] = [];
	const sockets = new Set<Socket>();

	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.setEncoding('utf8');
		let buffer = '';
		let inData = false;
		let envelope = { from: '', to: [] as string[] };
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 sink.test ESMTP ready');

		socket.on('data', (chunk: string) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					const raw = buffer.slice(0, end).replace(/^\.\./gm, '.');
					buffer = buffer.slice(end + 5);
					inData = false;
					received.push({ ...envelope, raw, subject: subjectOf(raw), text: decodeBody(raw) });
					envelope = { from: '', to: [] };
					reply('250 2.0.0 queued');
					waiting.splice(0).forEach((wake) => wake());
					continue;
				}
				const lineEnd = buffer.indexOf('\r\n');
				if (lineEnd < 0) return;
				const line = buffer.slice(0, lineEnd);
				buffer = buffer.slice(lineEnd + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') {
					reply('250-sink.test');
					reply('250-8BITMIME');
					reply('250 SMTPUTF8');
				} else if (verb === 'HELO') reply('250 sink.test');
				else if (verb === 'MAIL') {
					envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
					reply('250 2.1.0 ok');
				} else if (verb === 'RCPT') {
					envelope.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
					reply('250 2.1.5 ok');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 end data with <CR><LF>.<CR><LF>');
				} else if (verb === 'QUIT') {
					reply('221 2.0.0 bye');
					socket.end();
					return;
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 2.0.0 ok');
				else reply('502 5.5.2 not implemented');
			}
		});
	});

	const nextMail = async (timeoutMs = 20_000): Promise<ReceivedMail> => {
		const deadline = Date.now() + timeoutMs;
		while (received.length <= taken) {
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`no mail arrived within ${timeoutMs} ms`);
			await new Promise<void>((wake) => {
				const timer = setTimeout(wake, left);
				waiting.push(() => {
					clearTimeout(timer);
					wake();
				});
			});
		}
		return received[taken++]!;
	};

	return new Promise((ready, fail) => {
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			ready({
				url: `smtp://127.0.0.1:${port}`,
				received,
				nextMail,
				close: () =>
					new Promise((done) => {
						for (const socket of sockets) socket.destroy();
						server.close(() => done());
					})
			});
		});
	});
}
