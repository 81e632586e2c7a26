import { createApiClient, type ApiClient, type ApiEventName, type ApiEvents, type Bridge } from '../../shared/contract';
import { t } from '../../shared/messages';

declare global {
  interface Window {
    readonly carbonAudit?: Bridge;
  }
}

function connect(): ApiClient {
  const bridge = window.carbonAudit;
  if (!bridge) throw new Error(t.app.engineNotConnected);
  return createApiClient(
    (method, input) => bridge.invoke(method, input),
    <E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) =>
      bridge.on(event, (payload) => listener(payload as ApiEvents[E])),
    { dropFile: (file) => bridge.dropFile(file), dropEngagement: (file) => bridge.dropEngagement(file) },
  );
}

export const api = connect();
