import { toFigureTraceView } from '../../../../shared/calc/trace';
import { calculateInventory, listSites, recalculateInventory, setSite, traceFigure } from '../../inventory/service';
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

    'inventory.calculate': () => calculateInventory(session.require()),

    'inventory.recalculate': async () => {
      const changes = await recalculateInventory(session.require());
      session.changed();
      return changes;
    },

    'inventory.trace': async ({ figure, site }) => toFigureTraceView(await traceFigure(session.require(), figure, site)),
  };
}
