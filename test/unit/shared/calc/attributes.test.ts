// Attributes that tell an activity's variants apart: how values compare, how they are stored and
// read back, and how they read in reasons and notes.
import { describe, expect, it } from 'vitest';
import {
  attributesFromJson,
  attributesKey,
  attributesToJson,
  attributeValueKey,
  describeAttributes,
  isAttributeName,
  normalizeAttributes,
} from '../../../../shared/calc/attributes';

describe('attributeValueKey', () => {
  it('compares gases by identity, whatever the spelling', () => {
    expect(attributeValueKey('gas', 'R134a')).toBe('HFC-134a');
    expect(attributeValueKey('gas', ' hfc-134A ')).toBe('HFC-134a');
    expect(attributeValueKey('gas', 'R-410A')).toBe(attributeValueKey('gas', 'r410a'));
  });

  it('compares other values and unknown gases without case, width, hyphens, underscores or runs of spaces', () => {
    expect(attributeValueKey('haul', ' Short-haul ')).toBe('short haul');
    expect(attributeValueKey('haul', 'SHORT__HAUL')).toBe('short haul');
    expect(attributeValueKey('cabin_class', 'Premium – Economy')).toBe('premium economy');
    expect(attributeValueKey('vehicle_size', 'Ｌａｒｇｅ\tcar')).toBe('large car');
    expect(attributeValueKey('gas', 'Mystery-Gas X')).toBe('mystery gas x');
    // Another attribute's value is never read as a gas.
    expect(attributeValueKey('fuel_blend', 'CO2')).toBe('co2');
  });
});

describe('normalizeAttributes', () => {
  it('keeps the values given, trimmed, in attribute order, and drops blanks', () => {
    const normalized = normalizeAttributes({ spend_category: ' IT ', haul: 'long haul', gas: '  ', cabin_class: '' });
    expect(normalized).toEqual({ haul: 'long haul', spend_category: 'IT' });
    expect(Object.keys(normalized!)).toEqual(['haul', 'spend_category']);
  });

  it('is null when nothing is given', () => {
    expect(normalizeAttributes(null)).toBeNull();
    expect(normalizeAttributes(undefined)).toBeNull();
    expect(normalizeAttributes({})).toBeNull();
    expect(normalizeAttributes({ gas: ' ' })).toBeNull();
  });
});

describe('storage as JSON', () => {
  it('writes canonical JSON in attribute order, or null', () => {
    expect(attributesToJson({ cabin_class: 'Business', haul: ' Long-haul ' })).toBe('{"haul":"Long-haul","cabin_class":"Business"}');
    expect(attributesToJson({ gas: '' })).toBeNull();
    expect(attributesToJson(null)).toBeNull();
  });

  it('reads back what it wrote, leaving out names it does not know and values that are not text', () => {
    expect(attributesFromJson('{"haul":"Long-haul","cabin_class":"Business"}')).toEqual({ haul: 'Long-haul', cabin_class: 'Business' });
    expect(attributesFromJson('{"colour":"red","gas":7,"haul":" short ","vehicle_size":null}')).toEqual({ haul: 'short' });
    expect(attributesFromJson('{"colour":"red"}')).toBeNull();
    expect(attributesFromJson(null)).toBeNull();
  });

  it('knows the attribute names', () => {
    expect(isAttributeName('spend_category')).toBe(true);
    expect(isAttributeName('colour')).toBe(false);
    expect(isAttributeName('toString')).toBe(false);
  });
});

describe('describeAttributes and attributesKey', () => {
  it('describes the values in attribute order with their labels', () => {
    expect(describeAttributes({ cabin_class: 'Business', gas: 'R-410A', haul: ' long haul' })).toBe('refrigerant gas R-410A, haul long haul, cabin class Business');
    expect(describeAttributes({ haul: ' ' })).toBe('no attributes');
    expect(describeAttributes(null)).toBe('no attributes');
  });

  it('keys equal attribute sets alike and different ones apart', () => {
    expect(attributesKey({ gas: 'R134a', haul: 'Long-haul' })).toBe(attributesKey({ haul: 'long haul ', gas: 'HFC-134a' }));
    expect(attributesKey({ gas: 'R134a', haul: 'Long-haul' })).toBe('gas=HFC-134a\u0002haul=long haul');
    expect(attributesKey({ gas: 'R134a' })).not.toBe(attributesKey({ gas: 'R134a', haul: 'long haul' }));
    expect(attributesKey({ haul: 'long' })).not.toBe(attributesKey({ cabin_class: 'long' }));
    expect(attributesKey({ gas: '' })).toBe('');
    expect(attributesKey(undefined)).toBe('');
  });
});
