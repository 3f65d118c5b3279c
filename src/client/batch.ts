import { AnychannelError, DeliveryUnknownError } from '../errors.js'
import type { SendRequest, SendResult } from './types.js'

/** Options of `client.sendMany()`. */
export interface BatchOptions {
  /**
   * Sends in flight at once (rounded down, at least 1). Requests are pulled from the source only
   * when a slot is free, and results not yet read count as busy slots, so a generator of a million
   * requests never sits in memory.
   * @defaultValue {@link DEFAULT_BATCH_CONCURRENCY} (10)
   */
  concurrency?: number
  /**
   * Stops pulling new requests and aborts the sends in flight (they come back as failed items with
   * an `AbortError`); merged with each request's own `signal`.
   */
  signal?: AbortSignal
}

/** One finished send of a batch, in completion order; narrow on `ok`. */
export type BatchItem =
  | {
      /** Position of the request in the source (0-based), to match results that finish out of order. */
      index: number
      /** The request as pulled from the source. */
      request: SendRequest
      /** The send succeeded. */
      ok: true
      /** What `client.send()` resolved with. */
      result: SendResult
    }
  | {
      /** Position of the request in the source (0-based), to match results that finish out of order. */
      index: number
      /** The request as pulled from the source. */
      request: SendRequest
      /** The send failed (or its outcome is unknown). */
      ok: false
      /** What `client.send()` rejected with: `SendError`, `DeliveryUnknownError`, `ValidationError`, an `AbortError` …; a non-`Error` rejection is wrapped in an `Error`. */
      error: AnychannelError | Error
      /** The provider may have accepted it (`DeliveryUnknownError`): check before resending. */
      unknown: boolean
    }

/** Running totals of a batch. */
export interface BatchSummary {
  /** Requests pulled from the source so far. */
  total: number
  /** Sends that succeeded. */
  sent: number
  /** Sends that failed for certain (any error other than `DeliveryUnknownError`, aborts included). */
  failed: number
  /** Sends that ended in `DeliveryUnknownError`: the provider may have accepted them. */
  unknown: number
  /** Sends in flight. */
  running: number
}

/**
 * An async iterable of results in completion order, with running totals. Iterate it once; breaking
 * out of the loop stops pulling new requests (sends in flight still finish). An error thrown by the
 * request source is rethrown from the loop once the sends in flight have settled.
 */
export interface Batch extends AsyncIterable<BatchItem> {
  /** Totals so far; final once iteration has finished. */
  readonly summary: Readonly<BatchSummary>
}

/** Default `concurrency` of `client.sendMany()`: sends in flight at once. */
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
 * Reads a whole batch into memory (for small batches and tests): every item in completion order,
 * and a copy of the final summary.
 *
 * @throws whatever the request source threw, as iterating the batch does.
 *
 * @example
 * ```ts
 * const { items, summary } = await collect(client.sendMany(requests, { concurrency: 20 }))
 * ```
 */
export async function collect(batch: Batch): Promise<{
  /** Every finished send, in completion order (sort by `index` for source order). */
  items: BatchItem[]
  /** The final totals (`running` is 0). */
  summary: BatchSummary
}> {
  const items: BatchItem[] = []
  for await (const item of batch) items.push(item)
  return { items, summary: { ...batch.summary } }
}
