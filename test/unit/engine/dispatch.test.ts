import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/engine/api/dispatch';
import type { Handlers } from '../../../electron/engine/api/handlers';
import { EngineError } from '../../../electron/engine/errors';

function handlersWith(overrides: Partial<Record<keyof Handlers, (input: unknown) => unknown>>): Handlers {
  return new Proxy({} as Handlers, {
    get: (_target, name: string) => overrides[name as keyof Handlers] ?? (() => { throw new Error(`unexpected call ${name}`); }),
  });
}

describe('dispatch (the contract boundary)', () => {
  it('refuses methods outside the contract', async () => {
    const result = await dispatch(handlersWith({}), 'fs.readFile', {});
    expect(result).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Unknown method "fs.readFile"' } });
    expect(await dispatch(handlersWith({}), '__proto__', {})).toMatchObject({ ok: false });
  });

  it('validates input against the method’s schema before the handler runs', async () => {
    let called = false;
    const handlers = handlersWith({ 'engagement.create': () => { called = true; return null; } });
    const result = await dispatch(handlers, 'engagement.create', { settings: { entityName: 'X', fiscalYearStartMonth: 0 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/settings\.fiscalYearStartMonth/);
    const extra = await dispatch(handlers, 'engagement.create', { settings: { entityName: 'X', fiscalYearStartMonth: 4 }, path: '/etc/passwd' });
    expect(extra.ok).toBe(false);
    expect(called).toBe(false);
  });

  it('passes parsed input with defaults to the handler and wraps its result', async () => {
    const handlers = handlersWith({ 'audit.entries': (input) => input });
    expect(await dispatch(handlers, 'audit.entries', {})).toEqual({ ok: true, value: { afterSeq: 0, limit: 200 } });
  });

  it('returns engine errors with their code and hides unexpected ones’ stacks', async () => {
    const handlers = handlersWith({
      'audit.verify': () => { throw new EngineError('no-engagement', 'No engagement is open'); },
      'app.info': () => { throw new TypeError('x is undefined'); },
    });
    expect(await dispatch(handlers, 'audit.verify', {})).toEqual({ ok: false, error: { code: 'no-engagement', message: 'No engagement is open' } });
    expect(await dispatch(handlers, 'app.info', {})).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error in app.info: x is undefined' } });
  });
});
