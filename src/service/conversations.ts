/**
 * Conversation memory: the last Query of each user in each chat, kept 15 minutes in the shared store
 * (memory, or Redis when CACHE_URL is set, so any instance can continue a conversation). Stored as
 * the Query's encoding and decoded strictly on the way back: a stale or foreign value is forgotten.
 */
import type { Core, Query } from '../core/index.js';
import type { Cache } from '../infra/cache.js';

/** How long a conversation is remembered after its last message. */
export const CONVERSATION_TTL_MS = 15 * 60_000;

/** Who is talking where: one memory per user in each chat (group members never share one). */
export interface Speaker {
  chat: string | number;
  user: string | number;
}

export class Conversations {
  constructor(
    private readonly core: Core,
    private readonly store: Cache,
  ) {}

  async last(platform: string, who: Speaker): Promise<Query | undefined> {
    const key = await this.store.get<string>(keyOf(platform, who));
    return typeof key === 'string' ? this.core.decode(key) : undefined;
  }

  async remember(platform: string, who: Speaker, query: Query): Promise<void> {
    await this.store.set(keyOf(platform, who), this.core.encode(query), CONVERSATION_TTL_MS);
  }

  async forget(platform: string, who: Speaker): Promise<void> {
    await this.store.delete(keyOf(platform, who));
  }
}

function keyOf(platform: string, who: Speaker): string {
  return `conversation:${platform}:${who.chat}:${who.user}`;
}
