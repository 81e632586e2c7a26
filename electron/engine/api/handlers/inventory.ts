import { calculateInventory, inventoryResults, listFindings, listSites, monthlyProfile, recalculateInventory, setSite, traceBreakdown, traceFigure } from '../../inventory/service';
import type { Session } from '../session';
import type { HandlersOf } from './types';

export function inventoryHandlers(session: Session): HandlersOf<'inventory' | 'boundary'> {
  return {
    'boundary.sites': () => listSites(session.require()),

    'boundary.setSite': ({ name, ...attributes }) => {
      const engagement = session.require();
      setSite(engagement, name, attributes);
      session.changed();
      return listSites(engagement).find((site) => site.name === name.trim())!;
    },

    'inventory.results': () => inventoryResults(session.require()),

    'inventory.calculate': async () => {
      const results = await calculateInventory(session.require());
      session.changed();
      return results;
    },

    'inventory.recalculate': async () => {
      const changes = await recalculateInventory(session.require());
      session.changed();
      return changes;
    },

    'inventory.trace': (query) => traceFigure(session.require(), query),

    'inventory.traceBreakdown': (filters) => traceBreakdown(session.require(), filters),

    'inventory.findings': (query) => listFindings(session.require(), query),

    'inventory.monthlyProfile': ({ activity }) => monthlyProfile(session.require(), activity),
  };
}
