import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../main/audit/flags.js';
import { AuditKpi, AuditRunResult } from '../../shared/contract/audit.js';
import { tmpDir } from '../helpers/tmp.js';

/** Runs the real `shopdesk` command from source (tsx), as a user would from a terminal. */
function shopdesk(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', ...args], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    env: { ...process.env, SHOPDESK_DB: '' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let db: string;
beforeAll(() => {
  db = path.join(tmpDir(), 'cli-audit.db');
  const r = shopdesk('--db', db, 'demo', '--orders', '400', '--seed', '5', '--json');
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

describe('shopdesk audit', () => {
  it('--run --json audits the orders not yet printed and prints the run and the KPI in the documented shape', () => {
    const r = shopdesk('--db', db, 'audit', '--run', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { kpi: unknown; run: unknown };
    expect(Object.keys(out).sort()).toEqual(['kpi', 'run']);
    const run = AuditRunResult.strict().parse(out.run);
    const kpi = AuditKpi.parse(out.kpi);
    expect(run.evaluated).toBeGreaterThan(0);
    expect(run.approved + run.review + run.held).toBe(run.evaluated);
    expect(kpi.to).toBe(localDay(Date.now()));
    expect(kpi.days).toHaveLength(30);
    // Every order audited today reached its first outcome today.
    expect(kpi.days.at(-1)).toMatchObject({ audited: run.evaluated, autoApproved: run.approved, review: run.review, held: run.held });
    expect(kpi.total).toEqual({ audited: run.evaluated, autoApproved: run.approved, autoRate: run.approved / run.evaluated });
    expect(kpi.target).toBe(0.8);
    // Without --run: the same KPI, and no run in the output.
    const again = shopdesk('--db', db, 'audit', '--json');
    expect(again.code, again.stderr).toBe(0);
    const k2 = JSON.parse(again.stdout) as { kpi: AuditKpi; run?: unknown };
    expect(k2.run).toBeUndefined();
    expect(k2.kpi.total).toEqual(kpi.total);
  }, 90_000);

  it('prints a table for people, with the rate against the target', () => {
    const r = shopdesk('--db', db, 'audit', '--from', localDay(Date.now()));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^DAY\s+AUDITED\s+AUTO-APPROVED\s+REVIEW\s+HELD\s+AUTO RATE/m);
    expect(r.stdout).toMatch(/auto-approved \(\d+\.\d%, target 80\.0%\)/);
  }, 60_000);

  it('bad days exit 2 with an error naming the field', () => {
    const r = shopdesk('--db', db, 'audit', '--from', '2026-13-01', '--json');
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stderr).error as { code: string; message: string };
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/from/);
    const backwards = shopdesk('--db', db, 'audit', '--from', '2026-11-20', '--to', '2026-11-01', '--json');
    expect(backwards.code).toBe(2);
    expect(JSON.parse(backwards.stderr).error.message).toMatch(/from \(2026-11-20\) is after to \(2026-11-01\)/);
  }, 90_000);
});
