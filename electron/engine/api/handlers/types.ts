import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../../../shared/contract';

export type Handlers = {
  readonly [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

/** The handlers of the methods named `<prefix>.…`: what one feature contributes. */
export type HandlersOf<Prefix extends string> = Pick<Handlers, Extract<ApiMethod, `${Prefix}.${string}`>>;
