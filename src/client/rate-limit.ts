import type { RateLimit } from '../drivers/contract.js'
import { sleep } from './retry.js'

/**
 * A token bucket run as GCRA ("theoretical arrival time"): each caller reserves its slot
 * synchronously, so waiting callers go in arrival order, and memory stays constant per key.
 */
class Gcra {
  private tat = 0
  constructor(
    private readonly interval: number,
    private readonly burst: number,
  ) {}

  /** Reserves the next slot and returns how long to wait for it (0 when one is free now). */
  reserve(now: number): number {
    const tat = Math.max(this.tat, now)
    const wait = Math.max(0, tat - now - (this.burst - 1) * this.interval)
    this.tat = tat + this.interval
    return wait
  }

  /** True when the bucket is full again (it can be forgotten). */
  idle(now: number): boolean {
    return this.tat <= now
  }
}

/** Per-channel limiter: one overall bucket and one bucket per recipient. */
export class Limiter {
  private readonly all: Gcra
  private readonly perRecipient = new Map<string, Gcra>()
  private readonly recipientInterval: number | undefined
  private sweeps = 0

  constructor(
    limit: RateLimit,
    private readonly now: () => number,
  ) {
    this.all = new Gcra(1000 / limit.perSecond, Math.max(1, limit.burst ?? 1))
    this.recipientInterval = limit.perRecipientPerSecond ? 1000 / limit.perRecipientPerSecond : undefined
  }

  /** Waits for a slot for `recipient`; the time spent waiting is returned (ms). */
  async take(recipient: string, signal?: AbortSignal): Promise<number> {
    const t = this.now()
    let delay = 0
    if (this.recipientInterval !== undefined) {
      let bucket = this.perRecipient.get(recipient)
      if (!bucket) {
        bucket = new Gcra(this.recipientInterval, 1)
        this.perRecipient.set(recipient, bucket)
      }
      delay = bucket.reserve(t)
      if (++this.sweeps % 1024 === 0) for (const [k, b] of this.perRecipient) if (k !== recipient && b.idle(t)) this.perRecipient.delete(k)
    }
    // The overall slot is reserved for when the recipient's slot opens.
    delay = Math.max(delay, this.all.reserve(t + delay) + delay)
    await sleep(delay, signal)
    return delay
  }
}
