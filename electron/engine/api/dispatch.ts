import { API, isApiMethod, type ApiErrorPayload, type Envelope } from '../../../shared/contract';
import { EngineError } from '../errors';
import type { Handlers } from './handlers';

/**
 * The boundary every call crosses, whatever the transport: the method must exist in the
 * contract and its input must match the contract's schema before any handler runs.
 * Errors come back as data; unexpected ones are reported without their stack.
 */
export async function dispatch(handlers: Handlers, method: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isApiMethod(method)) {
    return failure({ code: 'invalid-input', message: `Unknown method ${JSON.stringify(method)}` });
  }
  const parsed = API[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    return failure({ code: 'invalid-input', message: `Invalid input for ${method}: ${issues.join('; ')}` });
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof EngineError) return failure({ code: error.code, message: error.message, details: error.details });
    return failure({ code: 'internal', message: `Unexpected error in ${method}: ${(error as Error).message}` });
  }
}

function failure(error: ApiErrorPayload): Envelope<never> {
  return { ok: false, error };
}
