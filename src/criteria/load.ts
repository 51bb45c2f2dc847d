import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';
import type { Code } from '../diagnostics/codes.js';
import type { Award, Class, CriteriaFile, Group, Item, Tier } from '../generated/criteria.js';
import { cmp, dec, hundredths, type Dec } from '../util/decimal.js';
import { existsIn, isGroup, phaseValue, RULE_KEYS, ruleMax, ruleOf } from './model.js';
import { fold } from '../submissions/text.js';
import { diag, locate, parseYaml, type YamlSource } from './source.js';
import { checkFrom, checkRollupCycles } from './rollup-lint.js';
import { validator, type ErrorObject } from './schemas.js';

export interface LoadedCriteria {
  criteria?: CriteriaFile;
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

export type Path = (string | number)[];

/** YAML text of a criteria file → typed model + diagnostics (schema, then meaning). */
export function loadCriteria(data: Uint8Array | string, path: string): LoadedCriteria {
  const parsed = parseYaml(data, path);
  if (!parsed.source) return { diagnostics: parsed.diagnostics };
  const src = parsed.source;
  const schemaDiags = schemaDiagnostics(src, 'criteria');
  if (schemaDiags.length) return { source: src, diagnostics: [...parsed.diagnostics, ...schemaDiags] };
  const criteria = src.value as CriteriaFile;
  return { criteria, source: src, diagnostics: [...parsed.diagnostics, ...meaning(criteria, src)] };
}

/** ajv errors → one coded diagnostic each, at the key or value concerned. */
export function schemaDiagnostics(src: YamlSource, name: 'criteria' | 'units' | 'decisions'): Diagnostic[] {
  const validate = validator(name);
  if (validate(src.value)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  // A number-or-phase-map that is neither: say so once, not once per branch.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const kept = errors.filter(
    (e) => e.keyword === 'anyOf' || !anyOfPaths.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`)),
  );
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of kept) {
    const p = pointer(e.instancePath);
    const { key, args } = describe(e);
    const pos = locate(src, p, key);
    const sig = `${pos.line}:${pos.column}:${args.rule}:${args.key ?? ''}`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(diag('schema', src.path, { ...args, at: p.join('.') }, pos));
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function pointer(instancePath: string): Path {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(e: ErrorObject): { key?: string; args: MessageArgs } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { key: String(p.missingProperty), args: { rule: 'required', key: String(p.missingProperty) } };
    case 'additionalProperties':
      return { key: String(p.additionalProperty), args: { rule: 'additional', key: String(p.additionalProperty) } };
    case 'type':
      return { args: { rule: 'type', expected: String(p.type) } };
    case 'enum':
      return { args: { rule: 'enum', allowed: (p.allowedValues as unknown[]).join(', ') } };
    case 'const':
      return { args: { rule: 'const', allowed: String(p.allowedValue) } };
    case 'anyOf':
      return { args: { rule: 'phase-number' } };
    case 'pattern':
      return { args: { rule: 'pattern' } };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return { args: { rule: e.keyword, limit: Number(p.limit) } };
    case 'minItems':
    case 'minLength':
    case 'minProperties':
      return { args: { rule: 'empty' } };
    case 'maxLength':
      return { args: { rule: 'too-long', limit: Number(p.limit) } };
    case 'uniqueItems':
      return { args: { rule: 'unique' } };
    default:
      return { args: { rule: 'other', detail: e.message ?? e.keyword } };
  }
}

/** Meaning checks of a schema-valid file: ids, references, maxima, steps, reachability. */
function meaning(c: CriteriaFile, src: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (code: Code, p: Path, args: MessageArgs, key?: string): void => {
    out.push(diag(code, src.path, args, locate(src, p, key)));
  };
  const phaseIds = c.phases.map((p) => p.id);
  dupes(c.phases.map((p) => p.id), (i, id) => at('duplicate-id', ['phases', i, 'id'], { id, kind: 'phase' }));
  for (const [fam, family] of Object.entries(c.tags ?? {})) {
    dupes(family.values.map((v) => v.id), (i, id) => at('duplicate-id', ['tags', fam, 'values', i, 'id'], { id, kind: 'tag' }));
  }
  dupes(c.classes.map((k) => k.id), (i, id) => at('duplicate-id', ['classes', i, 'id'], { id, kind: 'class' }));
  dupes(c.tiers.map((t) => t.id), (i, id) => at('duplicate-id', ['tiers', i, 'id'], { id, kind: 'tier' }));
  checkClassOrder(c.classes, ['classes'], at);

  const checkPhases = (phases: string[] | undefined, p: Path): void => {
    (phases ?? []).forEach((ph, i) => {
      if (!phaseIds.includes(ph)) at('unknown-phase', [...p, 'phases', i], { phase: ph });
    });
  };
  const checkPhaseMap = (v: unknown, p: Path): void => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const k of Object.keys(v)) if (!phaseIds.includes(k)) at('unknown-phase', p, { phase: k }, k);
    }
  };
  const checkTags = (tags: Record<string, string> | undefined, p: Path): void => {
    for (const [fam, val] of Object.entries(tags ?? {})) {
      const family = c.tags?.[fam];
      if (!family) at('unknown-tag', [...p, 'tags'], { tag: fam }, fam);
      else if (!family.values.some((v) => v.id === val)) at('unknown-tag', [...p, 'tags', fam], { tag: `${fam}: ${val}` });
    }
  };

  c.tiers.forEach((tier, ti) => {
    const tp: Path = ['tiers', ti];
    checkPhases(tier.phases, tp);
    checkPhaseMap(tier.max, [...tp, 'max']);
    const classes = tier.classes ?? c.classes;
    if (tier.classes) {
      dupes(tier.classes.map((k) => k.id), (i, id) => at('duplicate-id', [...tp, 'classes', i, 'id'], { id, kind: 'class' }));
      checkClassOrder(tier.classes, [...tp, 'classes'], at);
    }
    const classIds = classes.map((k) => k.id);
    if (tier.critical_cap && !classIds.includes(tier.critical_cap)) at('unknown-class', [...tp, 'critical_cap'], { class: tier.critical_cap });
    const awardIds = (tier.awards ?? []).map((a) => a.id);
    dupes(awardIds, (i, id) => at('duplicate-id', [...tp, 'awards', i, 'id'], { id, kind: 'award' }));
    (tier.awards ?? []).forEach((a: Award, ai) => {
      const ap: Path = [...tp, 'awards', ai];
      if (a.min_class && !classIds.includes(a.min_class)) at('unknown-class', [...ap, 'min_class'], { class: a.min_class });
      checkPhases(a.phases, ap);
      if ((a.per_block === undefined) === (a.share === undefined)) at('schema', ap, { rule: 'award-quota' });
      (a.exclusive_of ?? []).forEach((x, xi) => {
        if (!awardIds.includes(x)) at('schema', [...ap, 'exclusive_of', xi], { rule: 'unknown-ref', ref: x });
      });
    });

    // ids of groups and items share one namespace: tie_break and results name them alone
    const seen = new Map<string, Path>();
    const walk = (g: Group | Item, p: Path): void => {
      const prev = seen.get(g.id);
      if (prev) at('duplicate-id', [...p, 'id'], { id: g.id, kind: 'criterion' });
      else seen.set(g.id, p);
      checkPhases(g.phases, p);
      checkTags(g.tags, p);
      if (isGroup(g)) {
        checkPhaseMap(g.max, [...p, 'max']);
        g.items.forEach((ch, i) => walk(ch, [...p, 'items', i]));
      } else checkItem(g, p);
    };
    // points are given as they count: a penalty group subtracts its (positive) points, so a
    // negative number anywhere in a rule makes an item score below zero (−5 × 3 = −15)
    const checkSigns = (it: Item, p: Path): void => {
      const neg = (v: unknown, q: Path): void => {
        const values = typeof v === 'number' ? [v] : v && typeof v === 'object' ? Object.values(v as Record<string, unknown>) : [];
        if (values.some((x) => typeof x === 'number' && x < 0)) at('schema', q, { rule: 'minimum', limit: 0, at: q.join('.') });
      };
      if (it.input !== 'points') neg(it.points, [...p, 'points']);
      neg(it.per_item?.points, [...p, 'per_item', 'points']);
      neg(it.per_item?.max, [...p, 'per_item', 'max']);
      neg(it.linear?.points, [...p, 'linear', 'points']);
      it.steps?.forEach((st, i) => neg(st.points, [...p, 'steps', i, 'points']));
      it.steps_below?.forEach((st, i) => neg(st.points, [...p, 'steps_below', i, 'points']));
    };
    const checkItem = (it: Item, p: Path): void => {
      if (it.from) checkFrom(c, tier, it, [...p, 'from'], at);
      checkSigns(it, p);
      for (const k of ['points', 'max', 'min'] as const) checkPhaseMap(it[k], [...p, k]);
      it.choices?.forEach((ch, i) => checkPhaseMap(ch.points, [...p, 'choices', i, 'points']));
      it.cases?.forEach((cs, i) => checkPhaseMap(cs.points, [...p, 'cases', i, 'points']));
      if (it.choices) {
        dupes(it.choices.map((ch) => ch.id), (i, id) => at('duplicate-id', [...p, 'choices', i, 'id'], { id, kind: 'choice' }));
        // a clerk types the title: two that read the same once folded cannot be told apart
        dupes(it.choices.map((ch) => fold(ch.title)), (i) => at('duplicate-id', [...p, 'choices', i, 'title'], { id: it.choices![i]!.title, kind: 'choice-title' }));
      }
      if (it.cases) cased.push({ it, p });
      for (const k of ['target', 'points', 'zero_below'] as const) checkPhaseMap(it.linear?.[k], [...p, 'linear', k]);
      for (const k of ['points', 'max'] as const) checkPhaseMap(it.per_item?.[k], [...p, 'per_item', k]);
      it.steps?.forEach((s, i) => (checkPhaseMap(s.min, [...p, 'steps', i, 'min']), checkPhaseMap(s.points, [...p, 'steps', i, 'points'])));
      it.steps_below?.forEach((s, i) => (checkPhaseMap(s.max, [...p, 'steps_below', i, 'max']), checkPhaseMap(s.points, [...p, 'steps_below', i, 'points'])));
      const rules = RULE_KEYS.filter((k) => it[k] !== undefined);
      if (it.cases) {
        // computed from other items: nothing of its own to report, no other rule
        if (it.input !== undefined) at('rule-missing', [...p, 'input'], { item: it.id, reason: 'cases-input' });
        else if (rules.length || it.choices || it.info) at('rule-missing', [...p, rules[0] ?? (it.choices ? 'choices' : 'info')], { item: it.id, reason: 'several', rules: ['cases', ...rules, ...(it.choices ? ['choices'] : []), ...(it.info ? ['info'] : [])].join(', ') });
        return;
      }
      if (it.input === 'choice') {
        if (!it.choices) at('rule-missing', p, { item: it.id, reason: 'choices' }, 'input');
        else if (rules.length || it.info) at('rule-missing', [...p, rules[0] ?? 'info'], { item: it.id, reason: 'several', rules: ['choices', ...rules, ...(it.info ? ['info'] : [])].join(', ') });
        return;
      }
      if (it.choices) {
        at('rule-missing', [...p, 'choices'], { item: it.id, reason: 'choices-input', input: it.input });
        return;
      }
      if (it.info) {
        if (it.input === 'points') at('rule-missing', [...p, 'info'], { item: it.id, reason: 'info-rule', input: it.input });
        else if (rules.length) at('rule-missing', [...p, rules[0]!], { item: it.id, reason: 'info-rule', rules: rules.join(', ') });
        return;
      }
      if (it.input === 'points') {
        if (it.max === undefined) at('rule-missing', p, { item: it.id, reason: 'points-max' }, 'max');
        else if (rules.length) at('rule-missing', [...p, rules[0]!], { item: it.id, reason: 'points-rule' });
        return;
      }
      if (rules.length === 0) at('rule-missing', p, { item: it.id, reason: 'none' }, 'input');
      else if (rules.length > 1) at('rule-missing', [...p, rules[1]!], { item: it.id, reason: 'several', rules: rules.join(', ') }, undefined);
      else if ((rules[0] === 'points') !== (it.input === 'yes_no')) {
        at('rule-missing', [...p, rules[0]!], { item: it.id, reason: 'input', input: it.input, rules: rules[0] });
      }
    };
    const cased: { it: Item; p: Path }[] = [];
    tier.criteria.forEach((g, gi) => walk(g, [...tp, 'criteria', gi]));
    checkCases(tier, cased, at);
    checkRequires(tier, tier.classes ? [...tp, 'classes'] : ['classes'], tier.classes ?? c.classes, at);
    (tier.tie_break ?? []).forEach((k, ki) => {
      const m = /^(group|item):(.+)$/.exec(k);
      if (m && !seen.has(m[2]!)) at('schema', [...tp, 'tie_break', ki], { rule: 'unknown-ref', ref: k });
    });

    const tierPhases = phaseIds.filter((ph) => existsIn(tier.phases, ph));
    const reported = new Set<string>();
    const once = (code: Code, p: Path, args: MessageArgs, key?: string): void => {
      const sig = `${code}|${p.join('/')}|${JSON.stringify(args)}`;
      if (!reported.has(sig)) {
        reported.add(sig);
        at(code, p, args, key);
      }
    };
    for (const phase of tierPhases) perPhase(c, tier, tp, phase, once);
  });
  checkRollupCycles(c, at);
  // the default classes are checked against every tier: say a finding at one place once
  const said = new Set<string>();
  const kept = out.filter((d) => {
    const sig = `${d.code}|${d.line}|${d.column}|${JSON.stringify(d.args)}`;
    if (said.has(sig)) return false;
    said.add(sig);
    return true;
  });
  return kept.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

export type At = (code: Code, p: Path, args: MessageArgs, key?: string) => void;

function perPhase(c: CriteriaFile, tier: Tier, tp: Path, phase: string, at: At): void {
  const tierMax = phaseValue(tier.max, phase);
  if (tierMax === undefined) {
    at('unknown-phase', [...tp, 'max'], { phase, reason: 'no-value' });
    return;
  }
  let regularSum = 0;
  /** Highest points of each item and group in the phase (hundredths; null = uncapped). */
  const maxima = new Map<string, number | null>();
  const groupMax = (g: Group, p: Path): number | undefined => {
    const m = phaseValue(g.max, phase);
    if (m === undefined) at('unknown-phase', [...p, 'max'], { phase, reason: 'no-value' });
    return m === undefined ? undefined : hundredths(dec(m));
  };
  /** Highest points a group's children can give (null = uncapped). */
  const fill = (g: Group, p: Path): number | null => {
    let sum: number | null = 0;
    g.items.forEach((ch, i) => {
      if (!existsIn(ch.phases, phase)) return;
      const cp: Path = [...p, 'items', i];
      let m: number | null;
      if (isGroup(ch)) {
        const own = groupMax(ch, cp);
        const inner = fill(ch, cp);
        m = own === undefined ? inner : inner === null ? own : Math.min(own, inner);
      } else {
        checkSteps(ch, cp, phase, at);
        const rule = ruleOf(ch, phase);
        if (!rule) {
          // a rule that exists but has no number for this phase; rule-missing covers the rest
          if (lacksPhase(ch, phase)) at('unknown-phase', cp, { phase, reason: 'no-value' }, 'id');
          m = 0;
        } else m = ruleMax(rule);
      }
      maxima.set(ch.id, m);
      sum = sum === null || m === null ? null : sum + m;
    });
    const own = groupMax(g, p);
    if (own !== undefined && sum !== null) {
      if (sum < own) at('unreachable', [...p, 'max'], { group: g.id, phase, max: own / 100, fill: sum / 100 });
      else if (sum > own) at('items-exceed-group', [...p, 'max'], { group: g.id, phase, max: own / 100, fill: sum / 100 });
    }
    return sum;
  };
  tier.criteria.forEach((g, gi) => {
    if (!existsIn(g.phases, phase)) return;
    const gp: Path = [...tp, 'criteria', gi];
    fill(g, gp);
    const own = groupMax(g, gp);
    if ((g.kind ?? 'regular') === 'regular' && own !== undefined) regularSum += own;
  });
  const tmax = hundredths(dec(tierMax));
  if (regularSum !== tmax) at('max-mismatch', [...tp, 'max'], { tier: tier.id, phase, max: tmax / 100, sum: regularSum / 100 });
  const classes = tier.classes ?? c.classes;
  const classPath: Path = tier.classes ? [...tp, 'classes'] : ['classes'];
  tier.criteria.forEach((g) => {
    if (!existsIn(g.phases, phase)) return;
    const own = phaseValue(g.max, phase);
    const inner = maxima.get(g.id);
    if (own !== undefined) maxima.set(g.id, inner === null || inner === undefined ? hundredths(dec(own)) : Math.min(inner, hundredths(dec(own))));
  });
  classes.forEach((k, ki) => {
    if (hundredths(dec(k.min)) > tmax) at('unreachable', [...classPath, ki, 'min'], { class: k.id, phase, min: k.min, max: tmax / 100 });
    (k.requires ?? []).forEach((r, ri) => {
      // a condition no unit could meet: more points than the item or group can give
      const id = r.item ?? r.group;
      if (id === undefined || r.min_points === undefined || !maxima.has(id)) return;
      const max = maxima.get(id);
      if (max === null || max === undefined || hundredths(dec(r.min_points)) <= max) return;
      at('unreachable', [...classPath, ki, 'requires', ri, 'min_points'], { class: k.id, phase, requirement: `${r.item !== undefined ? 'item' : 'group'} ${id}`, min: r.min_points, max: max / 100 });
    });
  });
}

/**
 * The items a `cases` rule names exist in the tier, carry a value (not another computed
 * item, not a group), and an `equals` text is one of the named choice item's ids.
 */
function checkCases(tier: Tier, cased: { it: Item; p: Path }[], at: At): void {
  if (!cased.length) return;
  const items = new Map<string, Item>();
  const groups = new Set<string>();
  const collect = (g: Group): void => {
    groups.add(g.id);
    for (const ch of g.items) if (isGroup(ch)) collect(ch);
    else items.set(ch.id, ch);
  };
  tier.criteria.forEach(collect);
  for (const { it, p } of cased) {
    it.cases!.forEach((cs, ci) => {
      for (const [id, cond] of Object.entries(cs.when)) {
        const wp: Path = [...p, 'cases', ci, 'when'];
        const target = items.get(id);
        if (!target) {
          at('schema', wp, { rule: 'unknown-ref', ref: id }, id);
          continue;
        }
        if (target.cases || target.input === 'points') {
          at('schema', wp, { rule: 'cases-ref', ref: id }, id);
          continue;
        }
        if (typeof cond.equals === 'string' && !(target.input === 'choice' && (target.choices ?? []).some((ch) => ch.id === cond.equals))) {
          at('schema', [...wp, id, 'equals'], { rule: 'unknown-ref', ref: `${id}: ${cond.equals}` });
        }
        if (typeof cond.equals === 'boolean' && target.input !== 'yes_no') at('schema', [...wp, id, 'equals'], { rule: 'type', expected: target.input === 'choice' ? 'string' : 'number' });
      }
    });
  }
}

/** Each condition of a class names one item or one group of the tier, with one bound. */
function checkRequires(tier: Tier, classPath: Path, classes: Class[], at: At): void {
  const items = new Set<string>();
  const groups = new Set<string>();
  const collect = (g: Group): void => {
    groups.add(g.id);
    for (const ch of g.items) if (isGroup(ch)) collect(ch);
    else items.add(ch.id);
  };
  tier.criteria.forEach(collect);
  classes.forEach((k, ki) => {
    (k.requires ?? []).forEach((r, ri) => {
      const rp: Path = [...classPath, ki, 'requires', ri];
      const bounds = (['min_points', 'max_points', 'min_share'] as const).filter((b) => r[b] !== undefined);
      if ((r.item === undefined) === (r.group === undefined) || bounds.length !== 1 || (r.min_share !== undefined && r.group === undefined)) {
        at('schema', rp, { rule: 'requirement-form' });
        return;
      }
      if (r.item !== undefined && !items.has(r.item)) at('schema', [...rp, 'item'], { rule: 'unknown-ref', ref: `item: ${r.item}` });
      if (r.group !== undefined && !groups.has(r.group)) at('schema', [...rp, 'group'], { rule: 'unknown-ref', ref: `group: ${r.group}` });
    });
  });
}

/** Some per-phase map of the item's rule has no entry for the phase. */
function lacksPhase(it: Item, phase: string): boolean {
  const maps: unknown[] = [
    it.input === 'points' ? it.max : it.points,
    it.linear?.target,
    it.linear?.points,
    it.per_item?.points,
    ...(it.steps ?? []).flatMap((s) => [s.min, s.points]),
    ...(it.steps_below ?? []).flatMap((s) => [s.max, s.points]),
  ];
  return maps.some((v) => v !== null && typeof v === 'object' && !(phase in (v as Record<string, number>)));
}

function checkSteps(it: Item, p: Path, phase: string, at: At): void {
  const check = (steps: { bound: Dec | undefined; points: Dec | undefined }[], key: string, down: boolean): void => {
    for (let i = 1; i < steps.length; i++) {
      const a = steps[i - 1]!;
      const b = steps[i]!;
      if (!a.bound || !b.bound || !a.points || !b.points) continue;
      // steps: min falls and points never rise; steps_below: max grows and points never rise
      const boundOk = down ? cmp(b.bound, a.bound) < 0 : cmp(b.bound, a.bound) > 0;
      const pointsOk = cmp(b.points, a.points) <= 0;
      if (!boundOk || !pointsOk) at('steps-order', [...p, key, i], { item: it.id, phase, kind: key });
    }
  };
  const v = (x: Parameters<typeof phaseValue>[0]): Dec | undefined => {
    const n = phaseValue(x, phase);
    return n === undefined ? undefined : dec(n);
  };
  if (it.steps) check(it.steps.map((s) => ({ bound: v(s.min), points: v(s.points) })), 'steps', true);
  if (it.steps_below) check(it.steps_below.map((s) => ({ bound: v(s.max), points: v(s.points) })), 'steps_below', false);
}

function checkClassOrder(classes: { id: string; min: number }[], p: Path, at: At): void {
  for (let i = 1; i < classes.length; i++) {
    if (classes[i]!.min > classes[i - 1]!.min) at('schema', [...p, i, 'min'], { rule: 'class-order', class: classes[i]!.id });
  }
}

function dupes(ids: string[], report: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) report(i, id);
    seen.add(id);
  });
}
