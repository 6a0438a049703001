import { describe, expect, it } from 'vitest';
import { checkSplit, initialGrid, resizeGrid } from '../../renderer/src/screens/orders/drawer/split-form.js';
import { lastDays, localDay, percent } from '../../renderer/src/screens/review/days.js';
import { releaseAtFrom, toLocalInput } from '../../renderer/src/screens/review/hold-release.js';
import { cursorAfter, decisionTargets, reviewKeyAction } from '../../renderer/src/screens/review/keys.js';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('review keys', () => {
  it('maps the documented keys, and nothing with Ctrl/Alt/Meta (those belong to the window)', () => {
    expect(['j', 'ArrowDown', 'k', 'ArrowUp', 'x', 'a', 'h', 'r', 'n', 'Enter', 't', 'm'].map((k) => reviewKeyAction(key(k), 'review'))).toEqual([
      'next',
      'next',
      'prev',
      'prev',
      'toggle',
      'approve',
      'hold',
      'reject',
      'note',
      'open',
      'queue',
      'merge',
    ]);
    expect(reviewKeyAction(key('X', { shiftKey: true }), 'review')).toBe('selectPage');
    expect(reviewKeyAction(key('a', { ctrlKey: true }), 'review')).toBeNull();
    expect(reviewKeyAction(key('1', { metaKey: true }), 'review')).toBeNull();
    expect(reviewKeyAction(key('A', { shiftKey: true }), 'review')).toBeNull();
    // Release means something only in the on-hold queue.
    expect(reviewKeyAction(key('u'), 'review')).toBeNull();
    expect(reviewKeyAction(key('u'), 'on_hold')).toBe('release');
  });

  it('a decision applies to the checked orders in list order (others pages last), else to the cursor', () => {
    expect(decisionTargets([1, 2, 3, 4], [4, 9, 2], 3)).toEqual([2, 4, 9]);
    expect(decisionTargets([1, 2, 3], [], 3)).toEqual([3]);
    expect(decisionTargets([], [], null)).toEqual([]);
  });

  it('after a decision the cursor goes to the next order still waiting, else back, else nowhere', () => {
    expect(cursorAfter([1, 2, 3, 4], 2, new Set([2]))).toBe(3);
    expect(cursorAfter([1, 2, 3, 4], 2, new Set([2, 3]))).toBe(4);
    expect(cursorAfter([1, 2, 3, 4], 4, new Set([4]))).toBe(3);
    expect(cursorAfter([1, 2, 3, 4], 2, new Set([1, 3]))).toBe(2); // a refused cursor order keeps the cursor
    expect(cursorAfter([1, 2], 1, new Set([1, 2]))).toBeNull();
  });
});

describe('hold release time', () => {
  const now = new Date(2025, 5, 10, 9, 30).getTime();
  it('after N whole hours, at a wall-clock time, or by hand', () => {
    expect(releaseAtFrom('after', ' 24 ', '', now)).toEqual({ ok: true, releaseAt: now + 24 * 3_600_000 });
    expect(releaseAtFrom('manual', 'x', 'y', now)).toEqual({ ok: true, releaseAt: undefined });
    expect(releaseAtFrom('at', '', '2025-06-11T18:00', now)).toEqual({ ok: true, releaseAt: new Date(2025, 5, 11, 18, 0).getTime() });
    expect(toLocalInput(new Date(2025, 0, 2, 3, 4).getTime())).toBe('2025-01-02T03:04');
  });
  it('refuses what would surprise: fractions, zero, past, nonexistent dates, beyond 60 days', () => {
    expect(releaseAtFrom('after', '1.5', '', now)).toEqual({ ok: false, problem: 'hoursBad' });
    expect(releaseAtFrom('after', '0', '', now)).toEqual({ ok: false, problem: 'hoursBad' });
    expect(releaseAtFrom('after', '1441', '', now)).toEqual({ ok: false, problem: 'hoursBad' });
    expect(releaseAtFrom('at', '', '2025-06-10T09:00', now)).toEqual({ ok: false, problem: 'datePast' });
    expect(releaseAtFrom('at', '', '2025-02-30T10:00', now)).toEqual({ ok: false, problem: 'dateBad' });
    expect(releaseAtFrom('at', '', 'tomorrow', now)).toEqual({ ok: false, problem: 'dateBad' });
    expect(releaseAtFrom('at', '', '2025-09-01T10:00', now)).toEqual({ ok: false, problem: 'dateFar' });
  });
});

describe('KPI days', () => {
  it('the last 7 local days end today, oldest first, across a month end', () => {
    const now = new Date(2025, 2, 2, 0, 30).getTime();
    expect(lastDays(7, now)).toEqual(['2025-02-24', '2025-02-25', '2025-02-26', '2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    expect(localDay(now)).toBe('2025-03-02');
    expect([percent(0.8349), percent(null), percent(1)]).toEqual([83, null, 100]);
  });
});

describe('split grid', () => {
  const lines = [
    { id: 11, qty: 3 },
    { id: 12, qty: 1 },
  ];
  it('starts with everything in parcel 1 and refuses that (parcel 2 empty)', () => {
    const g = initialGrid(lines, 2);
    expect(g).toEqual([
      ['3', '0'],
      ['1', '0'],
    ]);
    expect(checkSplit(lines, g)).toEqual({ ok: false, problems: [{ kind: 'partEmpty', part: 1 }] });
  });
  it('builds parts with only the units in them when every line adds up', () => {
    expect(
      checkSplit(lines, [
        ['2', '1'],
        ['', '1'],
      ]),
    ).toEqual({ ok: true, parts: [{ lines: [{ orderLineId: 11, qty: 2 }] }, { lines: [{ orderLineId: 11, qty: 1 }, { orderLineId: 12, qty: 1 }] }] });
  });
  it('names a bad cell and a line whose parts do not add up', () => {
    expect(
      checkSplit(lines, [
        ['2', '2'],
        ['x', '1'],
      ]),
    ).toEqual({ ok: false, problems: [{ kind: 'lineSum', line: 0, sum: 4, qty: 3 }, { kind: 'cellBad', line: 1, part: 0 }] });
  });
  it('removing a parcel gives its units back to parcel 1; 2 to 20 parcels', () => {
    const g = resizeGrid(
      [
        ['1', '1', '1'],
        ['0', '0', '1'],
      ],
      2,
    );
    expect(g).toEqual([
      ['2', '1'],
      ['1', '0'],
    ]);
    expect(resizeGrid(g, 1)[0]).toHaveLength(2);
    expect(resizeGrid(g, 99)[0]).toHaveLength(20);
  });
});
