export { createClient, type Client } from './client.js'
export type { ClientOptions, FailoverStep, SendRequest, SendResult } from './types.js'
export {
  DEFAULT_DEDUPE_TTL_MS,
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  DEFAULT_REPLY_TTL_MS,
  addressKey,
  type ConsentOptions,
} from './two-way.js'
export type { ClientEventName, ClientEvents, ClientListener, SendEventBase } from './events.js'
export { DEFAULT_NO_FAILOVER, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type RetryOptions } from './retry.js'
export { createMemoryStore, type MemoryStoreOptions, type Store } from './store.js'
export { collect, DEFAULT_BATCH_CONCURRENCY, type Batch, type BatchItem, type BatchOptions, type BatchSummary } from './batch.js'
export type { RateLimit } from '../drivers/contract.js'
