import { AnychannelError, DeliveryUnknownError } from '../errors.js'
import type { SendRequest, SendResult } from './types.js'

/** Options of `client.sendMany()`. */
export interface BatchOptions {
  /**
   * Sends in flight at once. Requests are pulled from the source only when a slot is free, so a
   * generator of a million requests never sits in memory.
   * @defaultValue 10
   */
  concurrency?: number
  /** Stops pulling new requests and aborts the sends in flight. */
  signal?: AbortSignal
}

/** One finished send of a batch, in completion order. */
export type BatchItem =
  | { index: number; request: SendRequest; ok: true; result: SendResult }
  | {
      index: number
      request: SendRequest
      ok: false
      error: AnychannelError | Error
      /** The provider may have accepted it (`DeliveryUnknownError`): check before resending. */
      unknown: boolean
    }

/** Running totals of a batch. */
export interface BatchSummary {
  /** Requests pulled from the source so far. */
  total: number
  sent: number
  failed: number
  unknown: number
  /** Sends in flight. */
  running: number
}

/** An async iterable of results in completion order, with running totals. */
export interface Batch extends AsyncIterable<BatchItem> {
  /** Totals so far; final once iteration has finished. */
  readonly summary: Readonly<BatchSummary>
}

/** Default batch concurrency. */
export const DEFAULT_BATCH_CONCURRENCY = 10

function merge(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a || !b) return a ?? b
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any
  if (any) return any([a, b])
  const c = new AbortController()
  const abort = (s: AbortSignal) => () => c.abort(s.reason)
  if (a.aborted || b.aborted) c.abort((a.aborted ? a : b).reason)
  a.addEventListener('abort', abort(a), { once: true })
  b.addEventListener('abort', abort(b), { once: true })
  return c.signal
}

/** Runs `send` over `requests` with bounded concurrency and back-pressure. */
export function runBatch(
  send: (request: SendRequest) => Promise<SendResult>,
  requests: Iterable<SendRequest> | AsyncIterable<SendRequest>,
  options: BatchOptions = {},
): Batch {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_BATCH_CONCURRENCY))
  const summary: BatchSummary = { total: 0, sent: 0, failed: 0, unknown: 0, running: 0 }
  const source: AsyncIterator<SendRequest> | Iterator<SendRequest> =
    Symbol.asyncIterator in requests ? (requests as AsyncIterable<SendRequest>)[Symbol.asyncIterator]() : (requests as Iterable<SendRequest>)[Symbol.iterator]()

  const ready: BatchItem[] = []
  let exhausted = false
  let pulling = false
  let failure: unknown
  let wake: (() => void) | undefined
  const notify = () => {
    const w = wake
    wake = undefined
    w?.()
  }

  const start = (request: SendRequest, index: number) => {
    summary.running++
    const signal = merge(request.signal, options.signal)
    send(signal ? { ...request, signal } : request).then(
      (result) => {
        summary.sent++
        ready.push({ index, request, ok: true, result })
      },
      (error: unknown) => {
        const unknown = DeliveryUnknownError.isInstance(error)
        if (unknown) summary.unknown++
        else summary.failed++
        ready.push({ index, request, ok: false, error: error instanceof Error ? error : new Error(String(error)), unknown })
      },
    ).finally(() => {
      summary.running--
      pump()
      notify()
    })
  }

  // Pull one request at a time while there is room: results waiting to be read count as busy
  // slots, so a slow consumer slows the producer instead of growing a queue.
  const pump = () => {
    if (pulling || exhausted || failure !== undefined) return
    if (options.signal?.aborted) {
      exhausted = true
      return
    }
    if (summary.running + ready.length >= concurrency) return
    pulling = true
    Promise.resolve(source.next()).then(
      (step) => {
        pulling = false
        if (step.done) exhausted = true
        else start(step.value, summary.total++)
        pump()
        notify()
      },
      (err: unknown) => {
        pulling = false
        failure = err
        notify()
      },
    )
  }

  return {
    summary,
    [Symbol.asyncIterator](): AsyncIterator<BatchItem> {
      return {
        async next(): Promise<IteratorResult<BatchItem>> {
          for (;;) {
            const item = ready.shift()
            if (item) {
              pump()
              return { value: item, done: false }
            }
            if (failure !== undefined && summary.running === 0) throw failure
            if (exhausted && summary.running === 0 && !pulling) return { value: undefined, done: true }
            pump()
            await new Promise<void>((resolve) => {
              wake = resolve
            })
          }
        },
        async return(): Promise<IteratorResult<BatchItem>> {
          exhausted = true
          await (source as AsyncIterator<SendRequest>).return?.()
          return { value: undefined, done: true }
        },
      }
    },
  }
}

/**
 * Reads a whole batch into memory (for small batches and tests).
 *
 * @example
 * ```ts
 * const { items, summary } = await collect(client.sendMany(requests, { concurrency: 20 }))
 * ```
 */
export async function collect(batch: Batch): Promise<{ items: BatchItem[]; summary: BatchSummary }> {
  const items: BatchItem[] = []
  for await (const item of batch) items.push(item)
  return { items, summary: { ...batch.summary } }
}
