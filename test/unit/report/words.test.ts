import { describe, expect, it } from 'vitest';
import { resolveTier } from '../../../src/criteria/model.js';
import { countText, deltaPointsText, percentText, pointsText, ruleText, valueText } from '../../../src/report/words.js';
import { CRITERIA } from './fixture.js';

const tier = resolveTier(CRITERIA, CRITERIA.tiers[0]!, 'p1');
const item = (id: string) => tier.itemById.get(id)!;

describe('numbers', () => {
  it('uses the Vietnamese decimal comma and grouping', () => {
    expect(pointsText(9250, 'vi')).toBe('92,5');
    expect(pointsText(9250, 'en')).toBe('92.5');
    expect(pointsText(6457, 'vi')).toBe('64,57');
    expect(deltaPointsText(150, 'vi')).toBe('+1,5');
    expect(deltaPointsText(-200, 'vi')).toBe('-2');
    expect(countText(1234567, 'vi')).toBe('1.234.567');
    expect(countText(1234567, 'en')).toBe('1,234,567');
    expect(percentText(1, 3, 'vi')).toBe('33,3 %');
    expect(percentText(2, 3, 'en')).toBe('66.7%');
  });
});

describe('ruleText', () => {
  it('says how each rule gave its points', () => {
    expect(ruleText(item('A2'), 52.18, false, 'vi')).toBe('30 × 52,18 / 80');
    expect(ruleText(item('A2'), 85, false, 'vi')).toBe('đạt mục tiêu 80 → 30');
    expect(ruleText(item('B2'), 95, false, 'vi')).toBe('bậc ≥ 90 → 25');
    expect(ruleText(item('B2'), 10, false, 'vi')).toBe('dưới 60 → 0');
    expect(ruleText(item('B1'), 4, false, 'vi')).toBe('4 × 5 (tối đa 25)');
    expect(ruleText(item('P1'), 3, false, 'vi')).toBe('3 × 1');
    expect(ruleText(item('A1'), 1, false, 'vi')).toBe('Có → 20');
    expect(ruleText(item('A1'), 0, false, 'en')).toBe('No → 0');
    expect(ruleText(item('A1'), 1, true, 'vi')).toBe('thẩm định');
    expect(ruleText(item('A1'), NaN, false, 'vi')).toBe('bỏ trống → 0');
  });

  it('shows values as reported', () => {
    expect(valueText(item('A1'), 1, 'vi')).toBe('Có');
    expect(valueText(item('A2'), 52.18, 'vi')).toBe('52,18');
    expect(valueText(item('A2'), NaN, 'vi')).toBe('');
  });
});
