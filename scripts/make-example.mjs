// Makes the bundled example's submissions (examples/gia-lai-hoc-tap-suot-doi/submissions/<phase>/)
// from its criteria and units, with values drawn from a fixed seed, through `thidua template`'s
// own code. Run after `npm run build`: `node scripts/make-example.mjs`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCriteria } from '../dist/criteria/load.js';
import { resolveTier } from '../dist/criteria/model.js';
import { loadUnits } from '../dist/units/load.js';
import { makeTemplates } from '../dist/template/template.js';
import { writeWorkbook } from '../dist/workbook/write/index.js';

const DIR = 'examples/gia-lai-hoc-tap-suot-doi';
const { criteria } = loadCriteria(readFileSync(join(DIR, 'criteria.yaml')), 'criteria.yaml');
const { units } = loadUnits(readFileSync(join(DIR, 'units.yaml')), 'units.yaml');

/** mulberry32: small, fast, and the same numbers on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const num = (d) => Number(d.s === 0 ? d.n.toString() : `${d.n}e-${d.s}`);
const round = (x, k) => Math.round(x * 10 ** k) / 10 ** k;

/** A plausible value for an item; `skill` in [0,1] moves a unit from weak to strong. */
function valueFor(item, r, skill) {
  const rule = item.rule;
  const good = r() < 0.35 + 0.6 * skill;
  switch (item.input) {
    case 'yes_no':
      return good ? 'Có' : 'Không';
    case 'percent': {
      const target = rule.kind === 'linear' ? num(rule.target) : rule.kind === 'steps' ? num(rule.steps[0].bound) : rule.kind === 'steps_below' ? num(rule.steps[0].bound) : 80;
      if (rule.kind === 'steps_below') return round(good ? target * r() : target * (1 + 2 * r()), 2);
      const v = Math.min(100, good ? target * (0.9 + 0.2 * r()) : target * (0.4 + 0.5 * r()));
      return round(v, r() < 0.5 ? 1 : 2);
    }
    case 'count': {
      if (rule.kind === 'steps_below') return good ? 0 : 1 + Math.floor(r() * 6);
      if (item.kind === 'penalty') return r() < 0.8 ? 0 : 1 + Math.floor(r() * 2);
      const cap = rule.kind === 'per_item' && rule.max ? Math.ceil(num(rule.max) / num(rule.points)) : 8;
      return Math.floor((good ? 0.6 + 0.5 * r() : 0.5 * r()) * cap);
    }
    case 'number': {
      const target = rule.kind === 'linear' ? num(rule.target) : rule.kind === 'steps' ? num(rule.steps[0].bound) : 100;
      return round(target * (good ? 0.8 + 0.4 * r() : 0.2 + 0.5 * r()), 1);
    }
    case 'points': {
      const max = item.maxPoints / 100;
      return round(max * (good ? 0.7 + 0.3 * r() : 0.3 + 0.4 * r()), 1);
    }
  }
}

/** Text the way clerks type it: a decimal comma, sometimes a percent sign. */
function asTyped(v, item, r) {
  if (typeof v !== 'number' || Number.isInteger(v)) return v;
  if (item.input === 'percent' && r() < 0.3) return `${String(v).replace('.', ',')}%`;
  return r() < 0.3 ? String(v).replace('.', ',') : v;
}

const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Rơ Châm', 'Ksor', 'Siu', 'Rah Lan', 'Đinh'];
const DEM = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Quang', 'Thu', 'Kim'];
const TEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quý', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Yến', 'H\'Hen', 'Blơng'];
const THON = ['Thôn 1, xã Ia Grai', 'Thôn 2, xã Ia Grai', 'Tổ dân phố 3, phường Pleiku', 'Khu phố 5, phường Quy Nhơn'];
const name = (r) => `${HO[Math.floor(r() * HO.length)]} ${DEM[Math.floor(r() * DEM.length)]} ${TEN[Math.floor(r() * TEN.length)]}`;

const ROSTER_SIZE = { ho_gia_dinh: 40, dong_ho: 12, ca_nhan: 36 };
const ROSTER_PREFIX = { ho_gia_dinh: 'HO', dong_ho: 'DH', ca_nhan: 'CN' };

rmSync(join(DIR, 'submissions'), { recursive: true, force: true });
for (const phase of criteria.phases) {
  const r = rng(phase.id === 'gd1' ? 2024 : 2026);
  for (const def of criteria.tiers) {
    if (def.phases && !def.phases.includes(phase.id)) continue;
    const tier = resolveTier(criteria, def, phase.id);
    const out = join(DIR, 'submissions', phase.id, def.id);
    mkdirSync(out, { recursive: true });
    const date = new Date(`${phase.from}T00:00:00Z`);
    if (tier.layout === 'form') {
      const regs = units.filter((u) => u.tier === def.id && (!u.phases || u.phases.includes(phase.id)));
      const skill = new Map(regs.map((u) => [u.id, 0.55 + 0.45 * r()]));
      // the last unit of each tier sends nothing: the "inspection and urging" list has someone on it
      const sending = regs.slice(0, -1);
      const blankOne = sending[1]?.id;
      const files = makeTemplates({
        criteria, tier: def.id, phase: phase.id, units: sending, lang: 'vi', date,
        fill: {
          form: (unit, item) => {
            if (unit === blankOne && item === tier.items[2]) return { value: null };
            const v = valueFor(item, r, skill.get(unit));
            const self = r() < 0.5 ? (item.maxPoints ?? 0) / 100 : undefined;
            return { value: asTyped(v, item, r), ...(self !== undefined && unit === sending[0]?.id ? { self } : {}) };
          },
        },
      });
      for (const f of files) writeFileSync(join(out, f.name), writeWorkbook(f.model));
    } else {
      const rows = [];
      for (let i = 0; i < ROSTER_SIZE[def.id]; i++) {
        const skill = 0.4 + 0.6 * r();
        rows.push({
          id: `${ROSTER_PREFIX[def.id]}-${String(i + 1).padStart(4, '0')}`,
          name: def.id === 'dong_ho' ? `Dòng họ ${HO[i % HO.length]}` : name(r),
          block: THON[i % THON.length],
          values: tier.items.map((it) => asTyped(valueFor(it, r, skill), it, r)),
        });
      }
      const files = makeTemplates({ criteria, tier: def.id, phase: phase.id, units: null, lang: 'vi', date, fill: { roster: rows } });
      for (const f of files) writeFileSync(join(out, f.name), writeWorkbook(f.model));
    }
  }
}
writeFileSync(
  join(DIR, 'thidua.yaml'),
  '# Dự án thidua: trong thư mục này, `thidua check` và `thidua score` không cần tham số.\n' +
    'criteria: criteria.yaml\nunits: units.yaml\nsubmissions: submissions/gd1\nphase: gd1\noutput: thidua-out\n',
);
console.log('example submissions written');
