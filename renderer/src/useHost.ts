import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/contract';
import { api } from './api';

let hostKind: Promise<AppInfo['host']> | null = null;

/**
 * Who hosts the engine, asked once: in the browser (`carbon-audit serve`) files are uploaded and
 * downloaded rather than chosen in native dialogs, and the UI says so. Null until known.
 */
export function useHost(): AppInfo['host'] | null {
  const [host, setHost] = useState<AppInfo['host'] | null>(null);
  useEffect(() => {
    hostKind ??= api.call('app.info', {}).then((info) => info.host);
    let current = true;
    void hostKind.then((kind) => current && setHost(kind));
    return () => {
      current = false;
    };
  }, []);
  return host;
}
