/**
 * The text of the page's one polite live region. Stage changes and the reveal are said at
 * once; new ideas are counted and said at most once per interval, summarised ("Neue Ideen: 3")
 * rather than one message per idea.
 */
export class Announcer {
	text = $state('');

	private newIdeas = 0;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private lastAt = Number.NEGATIVE_INFINITY;

	constructor(
		private ideasMessage: (count: number) => string,
		private intervalMs = 5_000,
		private now = () => Date.now()
	) {}

	/** Says `message` now; ideas counted so far are left out, the page has changed. */
	announce(message: string) {
		this.stop();
		this.newIdeas = 0;
		this.say(message);
	}

	ideasArrived(count: number) {
		if (count <= 0) return;
		this.newIdeas += count;
		if (this.timer) return;
		const wait = Math.max(0, this.lastAt + this.intervalMs - this.now());
		this.timer = setTimeout(() => this.flush(), wait);
	}

	stop() {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	private flush() {
		this.timer = null;
		if (this.newIdeas > 0) this.say(this.ideasMessage(this.newIdeas));
		this.newIdeas = 0;
	}

	private say(message: string) {
		// Screen readers skip a text equal to the one before: a trailing space makes it new.
		this.text = message === this.text ? `${message}\u00a0` : message;
		this.lastAt = this.now();
	}
}
