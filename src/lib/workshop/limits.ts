/**
 * The workshop's limits, shared by the phone, the console and the server. Browsers use them to
 * size their inputs, the message schemas to refuse anything larger.
 */

/** An idea fits on a projector card and a phone screen. */
export const maxIdeaLength = 280;
export const maxQuestionLength = 500;
export const maxClusterTitleLength = 120;
/** A client's write id: long enough for 96 random bits in hex, short enough to store per write. */
export const maxClientIdLength = 64;
export const maxDotsPerParticipant = 20;
/** Ideas one moderator action may gather into a new cluster. */
export const maxIdeasPerCluster = 500;

/** Ideas per phone: a burst of this many, then one more every `ideaRefillMs`. */
export const ideaBurst = 5;
export const ideaRefillMs = 5_000;

/**
 * Messages per socket, writes and reads alike: a burst for a reconnect's re-sync and a busy
 * moderator, then a steady rate no person reaches by hand. Beyond it, `rate_limited`.
 */
export const messageBurst = 40;
export const messagesPerSecond = 20;

/** How often, at most, tallies go out per activity. */
export const tallyIntervalMs = 100;
