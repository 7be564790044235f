/** The control:rights message between processes: round-trips, and anything else is ignored (null), never thrown. */
import { describe, expect, it } from 'vitest';
import { decodeRightsChanged, encodeRightsChanged } from '../../server/rights/channel.js';

const ref = { id: 'c-06-referendum-e-petition', leadAgency: { id: 'moj', zh: '法務部', en: 'Ministry of Justice' }, coAgencies: [{ id: 'aac', zh: '法務部廉政署', en: '' }] };

describe('[RI9] the rights message', () => {
  it('round-trips the rights and their version', () => {
    expect(decodeRightsChanged(encodeRightsChanged({ ref, version: 7 }))).toEqual({ ref, version: 7 });
  });

  it('ignores what is not one: junk, wrong shapes, oversized or too many agencies', () => {
    const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
    for (const bad of ['', 'not json', '{"v":1}', { v: -1, ref }, { v: 1.5, ref }, { v: 1, ref: { ...ref, coAgencies: 'moj' } }, { v: 1, ref: { ...ref, leadAgency: { id: 'x'.repeat(64), zh: '', en: '' } } }, { v: 1, ref: { ...ref, coAgencies: Array.from({ length: 51 }, () => ref.leadAgency) } }]) {
      expect(decodeRightsChanged(bytes(bad))).toBeNull();
    }
    expect(decodeRightsChanged(new Uint8Array(70 * 1024))).toBeNull();
  });
});
