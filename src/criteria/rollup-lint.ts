import type { CriteriaFile, Group, Item, Tier } from '../generated/criteria.js';
import { isGroup } from './model.js';
import type { At, Path } from './load.js';

/**
 * Lint of tiers that feed each other (SPEC §11): a roll-up item's child tier, classes, awards
 * and items exist, and no tiers take values from each other in a loop.
 */

/** Every item of a tier with its path, groups walked. */
export function itemsOf(tier: Tier): { item: Item; path: Path }[] {
  const out: { item: Item; path: Path }[] = [];
  const walk = (g: Group | Item, p: Path): void => {
    if (isGroup(g)) g.items.forEach((ch, i) => walk(ch, [...p, 'items', i]));
    else out.push({ item: g, path: p });
  };
  tier.criteria.forEach((g, gi) => walk(g, ['tiers', -1, 'criteria', gi]));
  return out;
}

/** A roll-up item (SPEC §11): its child tier, classes, awards and items exist. */
export function checkFrom(c: CriteriaFile, tier: Tier, it: Item, p: Path, at: At): void {
  const f = it.from!;
  const child = c.tiers.find((t) => t.id === f.tier);
  if (!child) {
    at('unknown-tier', [...p, 'tier'], { item: it.id, tier: f.tier });
    return;
  }
  const classIds = (child.classes ?? c.classes).map((k) => k.id);
  f.classes?.forEach((k, i) => {
    if (!classIds.includes(k)) at('unknown-class', [...p, 'classes', i], { class: k });
  });
  const awardIds = (child.awards ?? []).map((a) => a.id);
  f.awards?.forEach((a, i) => {
    if (!awardIds.includes(a)) at('unknown-class', [...p, 'awards', i], { class: a });
  });
  const childItems = new Set(itemsOf(child).map((x) => x.item.id));
  if (f.item !== undefined && !childItems.has(f.item)) at('schema', [...p, 'item'], { rule: 'unknown-ref', ref: f.item });
  if ((f.measure === 'sum' && f.item === undefined) || ((f.measure === 'share' || f.measure === 'count') && !f.classes && !f.awards)) {
    at('schema', p, { rule: 'required', key: f.measure === 'sum' ? 'item' : 'classes' }, 'measure');
  }
  if (f.of?.startsWith('item:') && !itemsOf(tier).some((x) => x.item.id === f.of!.slice(5))) at('schema', [...p, 'of'], { rule: 'unknown-ref', ref: f.of });
}

/** Tiers that take values from each other in a loop can never be scored children first. */
export function checkRollupCycles(c: CriteriaFile, at: At): void {
  const edges = new Map<string, { to: string; path: Path }[]>();
  c.tiers.forEach((t, ti) => {
    for (const { item, path } of itemsOf(t)) {
      if (!item.from || !c.tiers.some((x) => x.id === item.from!.tier)) continue;
      const list = edges.get(t.id) ?? [];
      list.push({ to: item.from.tier, path: [...path.map((k, i) => (i === 1 ? ti : k)), 'from', 'tier'] });
      edges.set(t.id, list);
    }
  });
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const e of edges.get(id) ?? []) {
      if (state.get(e.to) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(e.to)), e.to];
        const key = [...cycle].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          at('rollup-cycle', e.path, { cycle: cycle.join(' → ') });
        }
      } else if (!state.has(e.to)) visit(e.to);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const t of c.tiers) if (!state.has(t.id)) visit(t.id);
}
