import type { AuditExplanation, AuditFinding, AuditRule } from '../../../../shared/domain/audit.js';
import { useFormat } from '../../i18n/format.js';
import { useT, type T } from '../../i18n/index.js';
import { conflictKind, conflictOn, describeAction } from '../settings/rules/describe.js';
import { useDescribeContext } from './describe-context.js';
import './explain.css';

type RuleFinding = Extract<AuditFinding, { source: 'rule' }>;
type CheckFinding = Extract<AuditFinding, { source: 'check' }>;

interface Props {
  explanation: AuditExplanation;
  /** The current rules, for names of rules named only by id and for "which rules did not fire, and why". */
  rules: readonly AuditRule[] | null;
}

function kindOf(action: string): string {
  return action.split(':')[0]!.trim();
}

function nameOf(t: T, rules: readonly AuditRule[] | null, findings: readonly AuditFinding[], id: number): string {
  const fired = findings.find((f): f is RuleFinding => f.source === 'rule' && f.ruleId === id);
  return fired?.name ?? rules?.find((r) => r.id === id)?.name ?? t('explain.ruleById', { id });
}

/**
 * Why an order is where it is: the outcome, who decided, and every finding in evaluation order — a check with main's
 * detail, or a rule with the conditions that held, what it did, and what an earlier rule had already decided instead.
 * Below, the rules that did not fire and why (off, not reached after a stop rule, conditions not met): the question
 * peers' users ask most. Everything from main or a person is rendered as text, never as HTML.
 */
export function Explanation({ explanation: x, rules }: Props) {
  const t = useT();
  const fmt = useFormat();
  const ctx = useDescribeContext();
  const name = (id: number) => nameOf(t, rules, x.findings, id);

  const check = (f: CheckFinding, i: number) => (
    <li key={`c${i}`} className={f.waivedBy ? 'finding waived' : 'finding'} data-testid="audit-finding" data-source="check" data-check={f.check}>
      <div className="finding-head">
        <span className="finding-kind">{t('explain.check')}</span>
        <strong>{t(`flagReason.${f.check}`)}</strong>
        <span className={`chip outcome-${f.outcome}`}>{t(`outcome.${f.outcome}`)}</span>
        {f.waivedBy !== null && <span className="chip neutral">{t('explain.waivedBy', { rule: name(f.waivedBy) })}</span>}
      </div>
      <p className="finding-detail">{f.detail}</p>
    </li>
  );

  const rule = (f: RuleFinding, i: number) => {
    // main names an overridden action "outcome: hold", "carrier: SF": the part before the colon is what was decided.
    const lost = new Map(f.overridden.map((o) => [kindOf(o.action), o.byRuleId]));
    return (
      <li key={`r${i}`} className="finding rule" data-testid="audit-finding" data-source="rule" data-rule-id={f.ruleId}>
        <div className="finding-head">
          <span className="finding-kind">{t('explain.rule')}</span>
          <strong data-testid="finding-rule-name">{f.name}</strong>
        </div>
        <div className="finding-part">
          <span className="finding-label">{t('explain.because')}</span>
          {f.matched.length === 0 ? (
            <span className="muted">{t('explain.noConditions')}</span>
          ) : (
            <ul>
              {f.matched.map((m, j) => (
                <li key={j}>{m}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="finding-part">
          <span className="finding-label">{t('explain.did')}</span>
          <ul>
            {f.actions.map((a, j) => {
              const kind = conflictKind(a);
              const by = kind === null ? undefined : lost.get(kind);
              return (
                <li key={j} className={by !== undefined ? 'overridden' : undefined} data-testid="finding-action">
                  <span className="action-text">{describeAction(a, ctx)}</span>
                  {by !== undefined && <span className="conflict-inline"> {t('explain.overriddenBy', { rule: name(by) })}</span>}
                </li>
              );
            })}
          </ul>
        </div>
        {f.overridden
          .filter((o) => !f.actions.some((a) => conflictKind(a) === kindOf(o.action)))
          .map((o, j) => (
            <p key={j} className="conflict-inline" role="note">
              {t('explain.overridden', { on: conflictOn(t, kindOf(o.action)), rule: name(o.byRuleId) })}
            </p>
          ))}
      </li>
    );
  };

  return (
    <div className="explain" data-testid="audit-explanation" data-outcome={x.outcome ?? ''}>
      <div className="explain-head">
        {x.outcome ? (
          <span className={`chip outcome-${x.outcome}`} data-testid="audit-outcome">
            {t(`outcome.${x.outcome}`)}
          </span>
        ) : (
          <span className="chip neutral" data-testid="audit-outcome">
            {t('explain.notAudited')}
          </span>
        )}
        {x.decidedBy && <span className="muted">{t(x.decidedBy === 'auto' ? 'explain.byRules' : 'explain.byPerson')}</span>}
        {x.evaluatedAt !== null && <span className="muted small">{t('explain.at', { at: fmt.dateTime(x.evaluatedAt) })}</span>}
      </div>
      {x.skipped && (
        <p className="note" data-testid="audit-skipped">
          {t('explain.skipped', { why: x.skipped })}
        </p>
      )}
      {x.findings.length === 0 && !x.skipped && x.outcome && <p className="muted">{t('explain.clean')}</p>}
      {x.findings.length > 0 && <ol className="findings">{x.findings.map((f, i) => (f.source === 'check' ? check(f, i) : rule(f, i)))}</ol>}
      {rules && x.outcome && !x.skipped && <NotFired explanation={x} rules={rules} />}
    </div>
  );
}

/** Why each other rule did not fire, as far as the renderer knows it without re-running the engine. */
function NotFired({ explanation: x, rules }: { explanation: AuditExplanation; rules: readonly AuditRule[] }) {
  const t = useT();
  const fired = new Set(x.findings.filter((f): f is RuleFinding => f.source === 'rule').map((f) => f.ruleId));
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  const stopper = ordered.find((r) => r.stop && r.enabled && fired.has(r.id));
  const others = ordered.filter((r) => !fired.has(r.id));
  if (others.length === 0) return null;
  const why = (r: AuditRule): string => {
    if (!r.enabled) return t('explain.notFired.off');
    if (x.evaluatedAt !== null && r.updatedAt > x.evaluatedAt) return t('explain.notFired.changed');
    if (stopper && stopper.position < r.position) return t('explain.notFired.stopped', { rule: stopper.name });
    return t('explain.notFired.conditions');
  };
  return (
    <details className="not-fired" data-testid="audit-not-fired">
      <summary>{t('explain.notFired', { n: others.length })}</summary>
      <ul>
        {others.map((r) => (
          <li key={r.id} data-rule-id={r.id}>
            <strong>{r.name}</strong> — <span className="muted">{why(r)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
