import type { Command } from 'commander';
import type { AuditKpi, AuditRunResult } from '../../shared/contract/audit.js';
import { cliContext, withCore, type GlobalOptions } from './context.js';
import { printJson, printTable, unwrap } from './output.js';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('the auto-approval KPI by day, rule and check; with --run, audit every order not yet printed first')
    .option('--run', 'audit every order not yet printed before reporting (what the rule screen’s "run now" does)')
    .option('--from <day>', 'first day, YYYY-MM-DD (default: 29 days before --to)')
    .option('--to <day>', 'last day, YYYY-MM-DD (default: today, local time)')
    .option('--json', 'print JSON: {"kpi": AuditKpi, "run"?: AuditRunResult}')
    .action(async (o: { run?: boolean; from?: string; to?: string; json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const out = await withCore(g, async (core) => {
        const ctx = cliContext(core);
        const run = o.run ? (unwrap(await core.dispatch('audit.run', {}, ctx)) as AuditRunResult) : undefined;
        const kpi = unwrap(await core.dispatch('audit.kpi', { from: o.from, to: o.to }, ctx)) as AuditKpi;
        return { kpi, ...(run ? { run } : {}) };
      });
      if (g.json || o.json) return printJson(out);
      const { kpi, run } = out;
      if (run) {
        process.stdout.write(
          `audited ${run.evaluated} orders in ${(run.ms / 1000).toFixed(1)} s: ${run.approved} approved, ${run.review} to review, ${run.held} held, ${run.released} holds released\n`,
        );
      }
      printTable(
        ['DAY', 'AUDITED', 'AUTO-APPROVED', 'REVIEW', 'HELD', 'AUTO RATE'],
        kpi.days.filter((d) => d.audited > 0).map((d) => [d.day, d.audited, d.autoApproved, d.review, d.held, pct(d.autoRate)]),
      );
      process.stdout.write(`${kpi.from} … ${kpi.to}: ${kpi.total.autoApproved} of ${kpi.total.audited} auto-approved (${pct(kpi.total.autoRate)}, target ${pct(kpi.target)})\n`);
      if (kpi.byRule.length) printTable(['RULE', 'FIRED', 'DECIDES'], kpi.byRule.map((r) => [r.name, r.fired, r.decided ?? '—']));
      if (kpi.byCheck.length) printTable(['CHECK', 'FIRED'], kpi.byCheck.map((c) => [c.check, c.fired]));
    });
}
