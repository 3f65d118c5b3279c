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
  get(key: string): Promise<unknown>
  /** Stores a JSON-serialisable value; `ttlMs` makes it expire. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>
  delete(key: string): Promise<void>
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Entries kept at most; the oldest are evicted first.
   * @defaultValue 100_000
   */
  maxEntries?: number
  /** Clock, for tests. @defaultValue `Date.now` */
  now?: () => number
}

/**
 * The in-memory default `Store`: per process, lost on restart, bounded by `maxEntries`.
 *
 * @example
 * ```ts
 * const client = createClient({ channels, store: createMemoryStore({ maxEntries: 10_000 }) })
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store & { readonly size: number } {
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
