import { StringDecoder } from 'node:string_decoder';
import type { XmlPartChecker } from './xml-part-checker';
import { RootPrefixRemover } from './xml-root-prefix';

/**
 * The guard has checked that every part is valid UTF-8, so decoding here needs no checks (Node's
 * StringDecoder, which carries a character split between chunks and decodes several times faster
 * than a streaming TextDecoder). A worksheet's bytes also pass its `checker` on the way, which
 * refuses a sheet that ends before its root element does, before exceljs could take that end for
 * the sheet's. Element names lose the root's namespace prefix, which exceljs would not recognise
 * them by.
 */
export async function* decodeXmlPart(
  chunks: AsyncIterable<Buffer>,
  onText?: (text: string) => void,
  checker?: XmlPartChecker,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const prefixes = new RootPrefixRemover();
  let atStart = true;
  for await (const chunk of chunks) {
    checker?.feed(chunk);
    let decoded = decoder.write(chunk);
    if (atStart && decoded !== '') {
      // A byte order mark is not part of the text (TextDecoder, used before, dropped it too).
      if (decoded.charCodeAt(0) === BYTE_ORDER_MARK) decoded = decoded.slice(1);
      atStart = false;
    }
    const text = prefixes.push(decoded);
    onText?.(text);
    yield text;
  }
  checker?.end();
  const rest = prefixes.push(decoder.end(), true);
  if (rest !== '') {
    onText?.(rest);
    yield rest;
  }
}

const BYTE_ORDER_MARK = 0xfeff;
