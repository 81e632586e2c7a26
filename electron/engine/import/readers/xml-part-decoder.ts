import { StringDecoder } from 'node:string_decoder';
import { RootPrefixRemover } from './xml-root-prefix';
import { SharedStringsTextFilter } from './xml-shared-strings';

/** A check of a part's bytes as they arrive (InflatedPartCheck, XmlPartChecker): each throws its refusal. */
export interface PartBytesCheck {
  feed(chunk: Buffer): void;
  end(): void;
}

/**
 * A part's `checks` hold its bytes to UTF-8 before they are decoded, so decoding here needs no
 * checks (Node's StringDecoder, which carries a character split between chunks and decodes several
 * times faster than a streaming TextDecoder). The checks also refuse a part that ends before its
 * root element does, before exceljs could take that end for the part's. Element names lose the
 * root's namespace prefix, which exceljs would not recognise them by. The `sharedStrings` part is
 * also brought to what exceljs reads right: CDATA sections become escaped text (see
 * RootPrefixRemover), and only a string's `<t>` text is left between its elements (see
 * SharedStringsTextFilter).
 */
export async function* decodeXmlPart(
  chunks: AsyncIterable<Buffer>,
  onText?: (text: string) => void,
  checks: readonly PartBytesCheck[] = [],
  options: { readonly sharedStrings?: boolean } = {},
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const prefixes = new RootPrefixRemover({ cdataAsText: options.sharedStrings });
  const strings = options.sharedStrings === true ? new SharedStringsTextFilter() : undefined;
  const rewrite = (text: string, final = false) => {
    const unprefixed = prefixes.push(text, final);
    return strings === undefined ? unprefixed : strings.push(unprefixed, final);
  };
  let atStart = true;
  for await (const chunk of chunks) {
    for (const check of checks) check.feed(chunk);
    let decoded = decoder.write(chunk);
    if (atStart && decoded !== '') {
      // A byte order mark is not part of the text (TextDecoder, used before, dropped it too).
      if (decoded.charCodeAt(0) === BYTE_ORDER_MARK) decoded = decoded.slice(1);
      atStart = false;
    }
    const text = rewrite(decoded);
    onText?.(text);
    yield text;
  }
  for (const check of checks) check.end();
  const rest = rewrite(decoder.end(), true);
  if (rest !== '') {
    onText?.(rest);
    yield rest;
  }
}

const BYTE_ORDER_MARK = 0xfeff;
