/**
 * The ceiling: plain socket.io on this machine, with no app and no database. It acks dots,
 * counts them in memory and broadcasts coalesced tallies to everyone, like the real server.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
const counts = new Map<number, number>();
let timer: NodeJS.Timeout | undefined;

function flush() {
	timer = undefined;
	const tallies = [...counts].map(([id, dots]) => ({
		target: { kind: 'idea', id },
		dots,
		voters: dots
	}));
	io.emit('activity:tallies', {
		activityId: 1,
		tallies,
		voters: 0,
		participants: 0,
		at: Date.now()
	});
}

io.on('connection', (socket) => {
	socket.on('event:sync', (_payload, ack) =>
		ack({
			ok: true,
			value: { eventId: 1, title: '', activities: [{ id: 1, question: '', stage: 'voting' }] }
		})
	);
	socket.on('activity:sync', (_payload, ack) => ack({ ok: true, value: {} }));
	socket.on('dot:place', (payload: { target: { id: number } }, ack) => {
		counts.set(payload.target.id, (counts.get(payload.target.id) ?? 0) + 1);
		ack({ ok: true, value: {} });
		timer ??= setTimeout(flush, 100);
	});
});

httpServer.listen(port, '127.0.0.1', () => console.log(`Listening on ${port}`));
