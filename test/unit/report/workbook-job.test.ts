import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../../src/criteria/load.js';
import type { ReportModel } from '../../../src/report/model.js';
import { unitJson } from '../../../src/report/results.js';
import { listNames, packStrings, postedNames, receivedNames, type PackedStrings, type StoreNames } from '../../../src/report/workbook-names.js';
import { packModel, unpackModel } from '../../../src/report/workbook-pack.js';
import { detailsReach, resultsWorkbook, type WorkbookLimits } from '../../../src/report/workbook.js';
import { assess } from '../../../src/run/assess.js';
import { expandInputs } from '../../../src/run/inputs.js';
import { StoreUnit, TierStore } from '../../../src/scoring/store.js';
import { loadUnits } from '../../../src/units/load.js';
import { writeWorkbookTo } from '../../../src/workbook/write/index.js';

/** The strings again, cut from the text by their lengths. */
function unpackStrings(p: PackedStrings): string[] {
  const out: string[] = [];
  for (let i = 0, at = 0; i < p.lengths.length; at += p.lengths[i++]!) out.push(p.text.slice(at, at + p.lengths[i]!));
  return out;
}

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'gia-lai-hoc-tap-suot-doi');

async function exampleModel(beforeScoring?: (store: TierStore) => void, beforeReorder?: (store: TierStore, order: Int32Array) => void): Promise<ReportModel> {
  const { criteria } = loadCriteria(readFileSync(join(EXAMPLE, 'criteria.yaml')), 'criteria.yaml');
  const { units } = loadUnits(readFileSync(join(EXAMPLE, 'units.yaml')), 'units.yaml');
  const { files } = expandInputs([join(EXAMPLE, 'submissions', 'gd1')], 'vi');
  const a = await assess({ criteria: criteria!, phase: 'gd1', units, files, workers: false, ...(beforeScoring ? { beforeScoring } : {}), ...(beforeReorder ? { beforeReorder } : {}) });
  const meta = { movement: 'x', phase: 'gd1', tool: { name: 'thidua', version: '0' }, date: '2025-01-01', criteria: { path: 'c', sha256: 's' }, units: null, inputs: a.inputs, lang: 'vi' as const };
  return { meta, criteria: criteria!, tiers: a.tiers, diagnostics: a.diagnostics, layouts: a.layouts, rowsRead: a.rowsRead, units, previous: null };
}

/**
 * A unit's results.json entry as the workbook thread can give it: parents (SPEC §11) stay on
 * the main thread — results.xlsx shows none, its Thống kê sheet is counted before — so a
 * unit that has one is compared without it.
 */
function crossed(tier: Parameters<typeof unitJson>[0], u: Parameters<typeof unitJson>[1], extra: Record<string, unknown> = {}): string {
  const { parent: _parent, ...rest } = unitJson(tier, u, 'vi') as Record<string, unknown>;
  return JSON.stringify({ ...rest, ...extra });
}

async function xlsxBytes(m: ReportModel, limits: Partial<WorkbookLimits> = {}): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await writeWorkbookTo(resultsWorkbook(m, limits), (c) => {
    chunks.push(c);
  });
  return Buffer.concat(chunks);
}

describe('the report model sent to the workbook thread', () => {
  it('comes back with the same units and gives the same results.xlsx, byte for byte', async () => {
    const m = await exampleModel();
    const packed = packModel(m);
    expect(packed).not.toBeNull();
    // what postMessage does to it
    const back = unpackModel(structuredClone(packed!));
    let stored = 0;
    m.tiers.forEach((t, i) => {
      const u2 = back.tiers[i]!.units;
      expect(u2.length).toBe(t.units.length);
      t.units.forEach((u, k) => {
        if (u instanceof StoreUnit) stored++;
        expect(u2[k]!.constructor).toBe(u.constructor);
        expect(crossed(back.tiers[i]!.tier, u2[k]!)).toBe(crossed(t.tier, u));
      });
    });
    expect(stored).toBeGreaterThan(100);
    // awards cross too (as the few units that have some)
    expect(back.tiers.some((t) => t.units.some((u) => u instanceof StoreUnit && u.awards.length > 0))).toBe(true);
    expect((await xlsxBytes(back)).equals(await xlsxBytes(m))).toBe(true);
  });

  it('sends only the reported values the details sheet shows, and the workbook is the same', async () => {
    const m = await exampleModel();
    const limits = { detailsHugeUnits: 1, detailsCap: 30 };
    const packed = packModel(m, limits)!;
    const first = packed.tiers.find((t) => t.store)!;
    // the first tier keeps the values of the few units the cut details sheet shows, no more
    expect(first.store!.values.length).toBeLessThan(m.tiers[packed.tiers.indexOf(first)]!.units.length * first.tier.items.length);
    const back = unpackModel(structuredClone(packed));
    expect((await xlsxBytes(back, limits)).equals(await xlsxBytes(m, limits))).toBe(true);
  });

  it('packs strings into one text and gives them back exactly', () => {
    const strings = ['', 'XA-0000001', 'Hộ Nguyễn Văn A', '\u0000', 'a\nb', '𝔘 emoji 😀', '\ud800', 'x'.repeat(70_000), ''];
    const packed = packStrings(strings);
    expect(Array.from(packed.lengths)).toEqual(strings.map((x) => x.length));
    expect(packed.text.length).toBe(strings.reduce((n, x) => n + x.length, 0));
    expect(unpackStrings(structuredClone(packed))).toEqual(strings);
    expect(unpackStrings(packStrings([]))).toEqual([]);
    // more than one run of strings joined at a time
    const many = Array.from({ length: 5000 }, (_, i) => `Hộ ${i}`);
    expect(unpackStrings(structuredClone(packStrings(many)))).toEqual(many);
  });

  it('puts names sent ahead of scoring back in listing order, and the workbook is the same', async () => {
    const stores: TierStore[] = [];
    // what WorkbookThread.send posts: the names as they stand before scoring, in reading order
    const early = new Map<number, StoreNames>();
    const m = await exampleModel((st) => {
      const key = stores.push(st) - 1;
      const names = receivedNames(structuredClone(postedNames(st, key).names));
      // by slot, as the store holds them before scoring
      expect(names.ids).toEqual(st.ids);
      expect(names.names).toEqual(st.names);
      expect(Array.from(names.blockOf, (b) => names.blockList[b])).toEqual(st.blocks);
      expect(new Set(names.blockList).size).toBe(names.blockList.length);
      early.set(key, names);
    });
    // the example's units are not read in listing order: the names must really be put back
    expect(stores.some((st) => st.order?.some((from, k) => from !== k))).toBe(true);
    const packed = packModel(m, {}, new Map(stores.map((st, key) => [st, key])))!;
    // the ids and names stay behind
    const sent = packed.tiers.filter((t) => t.store);
    expect(sent.length).toBe(stores.length);
    for (const t of sent) expect([t.store!.ids.length, t.store!.names.length, t.ahead === null]).toEqual([0, 0, false]);
    const back = unpackModel(structuredClone(packed), early);
    m.tiers.forEach((t, i) => t.units.forEach((u, k) => expect([back.tiers[i]!.units[k]!.id, back.tiers[i]!.units[k]!.name, back.tiers[i]!.units[k]!.block]).toEqual([u.id, u.name, u.block])));
    expect((await xlsxBytes(back)).equals(await xlsxBytes(m))).toBe(true);
    // a model that says its names went ahead, when they did not arrive, is refused
    expect(() => unpackModel(structuredClone(packed))).toThrow(/did not reach/);
  });

  it('lays the names out in the listing order sent before the columns are reordered, and uses them only for that order', async () => {
    const stores: TierStore[] = [];
    const early = new Map<number, StoreNames>();
    const orders = new Map<TierStore, Int32Array>();
    const m = await exampleModel(
      (st) => early.set(stores.push(st) - 1, receivedNames(structuredClone(postedNames(st, stores.length - 1).names))),
      (st, order) => {
        // what WorkbookThread.sendOrder posts, before the store is put in that order
        expect(st.order).toBeNull();
        orders.set(st, order.slice());
        const names = early.get(stores.indexOf(st))!;
        names.listed = listNames(names, structuredClone(order), order.length, true);
      },
    );
    const made = new Set([...early.values()].flatMap((n) => n.listed!.ahead!.units));
    expect(orders.size).toBe(stores.length);
    for (const st of stores) expect(Array.from(st.order!)).toEqual(Array.from(orders.get(st)!));
    // the laid-out names are the ones the model uses: mark them, and see the marks arrive
    for (const names of early.values()) names.listed!.names = names.listed!.names.map((n) => `${n}·`);
    const packed = packModel(m, {}, new Map(stores.map((st, key) => [st, key])))!;
    const back = unpackModel(structuredClone(packed), early);
    m.tiers.forEach((t, i) => t.units.forEach((u, k) => {
      const b = back.tiers[i]!.units[k]!;
      expect([b.id, b.name, b.block]).toEqual(u instanceof StoreUnit ? [u.id, `${u.name}·`, u.block] : [u.id, u.name, u.block]);
      // the units made ahead are the model's, over its store
      expect(made.has(b as StoreUnit)).toBe(u instanceof StoreUnit);
      if (u instanceof StoreUnit) expect(crossed(t.tier, b, { name: null })).toBe(crossed(t.tier, u, { name: null }));
    }));
    // names laid out for another order are not used: they are laid out again from the reading order
    for (const names of early.values()) {
      const o = names.listed!.order;
      names.listed = { ...names.listed!, order: o.map((_, k) => o[o.length - 1 - k]!) };
    }
    const again = unpackModel(structuredClone(packed), early);
    m.tiers.forEach((t, i) => t.units.forEach((u, k) => expect([again.tiers[i]!.units[k]!.id, again.tiers[i]!.units[k]!.name, again.tiers[i]!.units[k]!.block]).toEqual([u.id, u.name, u.block])));
    expect((await xlsxBytes(again)).equals(await xlsxBytes(m))).toBe(true);
  });

  it('knows how far the details sheet reads into each tier when it is cut', async () => {
    const m = await exampleModel();
    // not cut: every unit of every tier
    expect(detailsReach(m)).toEqual(m.tiers.map((t) => t.units.length));
    // cut after 10 item rows: the first tier's first scored units whose rows reach 10, then nothing
    const reach = detailsReach(m, { detailsHugeUnits: 1, detailsCap: 10 });
    const first = m.tiers[0]!;
    const n = first.tier.items.length;
    let rows = 0;
    let k = 0;
    while (rows < 10) if (first.units[k++]!.status === 'scored') rows += n;
    expect(reach[0]).toBe(k);
    expect(reach.slice(1).every((x) => x === 0)).toBe(true);
  });
});
