/**
 * A small key-value store with expiry. The client keeps reply mappings, webhook dedupe keys,
 * opt-outs and pending delivery-status failovers in it. The default lives in memory; to share
 * state between processes, wrap Redis, unstorage or a database in these three methods.
 *
 * @example
 * ```ts
 * // A Store over ioredis:
 * const store: Store = {
 *   async get(key) { const v = await redis.get(key); return v === null ? undefined : JSON.parse(v) },
 *   async set(key, value, ttlMs) { ttlMs ? await redis.set(key, JSON.stringify(value), 'PX', ttlMs) : await redis.set(key, JSON.stringify(value)) },
 *   async delete(key) { await redis.del(key) },
 * }
 * ```
 */
export interface Store {
  /** The value stored under `key`, or `undefined` when there is none or it has expired. */
  get(key: string): Promise<unknown>
  /**
   * Stores a JSON-serialisable value (objects, arrays, strings, numbers), replacing any value under
   * `key`; with `ttlMs` it expires that many milliseconds from now, without it never.
   */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>
  /** Removes `key`; resolves whether or not it existed. */
  delete(key: string): Promise<void>
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Entries kept at most; beyond it the least recently written are evicted first (expired entries
   * count until they are read or evicted).
   * @defaultValue 100_000
   */
  maxEntries?: number
  /** Clock in epoch ms that expiry is measured with, for tests. @defaultValue `Date.now` */
  now?: () => number
}

/**
 * The in-memory default `Store`: per process, lost on restart, bounded by `maxEntries`. Values are
 * copied with `structuredClone` on the way in and out, so callers never share an object with it.
 *
 * @example
 * ```ts
 * const client = createClient({ channels, store: createMemoryStore({ maxEntries: 10_000 }) })
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store & {
  /** Entries held now, expired ones included until they are read or evicted. */
  readonly size: number
} {
  const max = options.maxEntries ?? 100_000
  const now = options.now ?? Date.now
  const data = new Map<string, { value: unknown; expires: number }>()
  return {
    get size() {
      return data.size
    },
    async get(key) {
      const hit = data.get(key)
      if (!hit) return undefined
      if (hit.expires <= now()) {
        data.delete(key)
        return undefined
      }
      return structuredClone(hit.value)
    },
    async set(key, value, ttlMs) {
      data.delete(key)
      data.set(key, { value: structuredClone(value), expires: ttlMs === undefined ? Infinity : now() + ttlMs })
      while (data.size > max) {
        const oldest = data.keys().next().value
        if (oldest === undefined) break
        data.delete(oldest)
      }
    },
    async delete(key) {
      data.delete(key)
    },
  }
}
