/**
 * RedisPubSub against a real Redis: messages reach the other processes' subscribers (and not
 * the sender's own), per document channel, until unsubscribed. Skipped with a notice when
 * Redis does not answer (GONGBI_TEST_REDIS_URL).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/log.js';
import { RedisPubSub } from '../../server/pubsub/redis.js';
import { TEST_REDIS_URL, randomTag, redisReachable, skipNotice } from '../helpers/services.js';
import { waitFor } from '../helpers/waitFor.js';

const skip = skipNotice(!(await redisReachable()), `Redis tests: nothing answers at ${TEST_REDIS_URL} (set GONGBI_TEST_REDIS_URL)`);

describe.skipIf(skip)('RedisPubSub', () => {
  const opened: RedisPubSub[] = [];
  afterEach(async () => {
    for (const p of opened.splice(0)) await p.close();
  });
  const open = async (prefix: string) => {
    const p = await RedisPubSub.open({ url: TEST_REDIS_URL, prefix, logger: silentLogger });
    opened.push(p);
    return p;
  };

  it('[PS8] delivers to the other processes on the document\'s channel, never back to the sender', async () => {
    const prefix = `gongbi-test-${randomTag()}:`;
    const [a, b, c] = [await open(prefix), await open(prefix), await open(prefix)];
    const got: Record<string, number[][]> = { a: [], b: [], c: [], bOther: [] };
    await a.subscribe('c-1', (m) => got.a!.push([...m]));
    const unsubscribeB = await b.subscribe('c-1', (m) => got.b!.push([...m]));
    await b.subscribe('c-2', (m) => got.bOther!.push([...m]));
    await c.subscribe('c-1', (m) => got.c!.push([...m]));
    await a.publish('c-1', new Uint8Array([1, 2, 3]));
    await waitFor(() => got.b!.length === 1 && got.c!.length === 1, { what: 'b and c to receive' });
    expect(got.b).toEqual([[1, 2, 3]]);
    expect(got.c).toEqual([[1, 2, 3]]);
    await unsubscribeB();
    await c.publish('c-1', new Uint8Array([4]));
    await waitFor(() => got.a!.length === 1, { what: 'a to receive' });
    // Round trip through Redis once more, so anything wrongly delivered would have arrived.
    await a.publish('c-1', new Uint8Array([5]));
    await waitFor(() => got.c!.length === 2, { what: 'c to receive the second' });
    expect(got.a).toEqual([[4]]);
    expect(got.b).toEqual([[1, 2, 3]]);
    expect(got.bOther).toEqual([]);
    expect(await a.ping()).toBe(true);
  });

  it('[PS8] another prefix is another deployment: nothing crosses', async () => {
    const tag = randomTag();
    const a = await open(`gongbi-test-${tag}-a:`);
    const b = await open(`gongbi-test-${tag}-b:`);
    const c = await open(`gongbi-test-${tag}-b:`);
    const got: number[][] = [];
    const control: number[][] = [];
    await b.subscribe('c-1', (m) => got.push([...m]));
    await b.subscribe('c-1', () => {});
    await a.subscribe('c-1', () => {});
    await c.subscribe('c-9', () => {});
    await a.publish('c-1', new Uint8Array([9]));
    await b.subscribe('c-2', (m) => control.push([...m]));
    await c.publish('c-2', new Uint8Array([7]));
    await waitFor(() => control.length === 1, { what: 'the control message' });
    expect(got).toEqual([]);
  });

  it('[PS9] open fails clearly when Redis does not answer', async () => {
    await expect(RedisPubSub.open({ url: 'redis://127.0.0.1:1', logger: silentLogger, connectTimeoutMs: 500 })).rejects.toThrow(/unreachable/);
  });
});
