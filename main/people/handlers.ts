import bwipjs from 'bwip-js';
import { OWNER_ONLY } from '../../shared/domain/people.js';
import type { Handlers } from '../transport/dispatch.js';
import type { Presence } from '../stations/presence.js';
import type { PrinterStore } from '../stations/printers.js';
import type { StationStore } from '../stations/stations.js';
import { toInfo, type OperatorStore } from './operators.js';
import type { Sessions } from './sessions.js';

export interface PeopleDeps {
  operators: OperatorStore;
  sessions: Sessions;
  stations: StationStore;
  presence: Presence;
  printers: PrinterStore;
  /** Where a new station can reach this one (set by `serve`; empty in the desktop app until LAN mode is on). */
  stationUrls: () => string[];
}

type PeopleChannels =
  | 'session.get'
  | 'session.setupOwner'
  | 'session.operators'
  | 'session.signIn'
  | 'session.signOut'
  | 'people.list'
  | 'people.create'
  | 'people.update'
  | 'people.permissions'
  | 'people.setPermissions'
  | 'stations.list'
  | 'stations.pairStart'
  | 'stations.revoke'
  | 'printers.list'
  | 'printers.save'
  | 'printers.remove'
  | 'stations.printers'
  | 'stations.setPrinters';

export function peopleHandlers(d: PeopleDeps): Pick<Handlers, PeopleChannels> {
  const { operators, sessions, stations } = d;
  return {
    'session.get': (_i, ctx) => sessions.info(ctx.session),
    'session.setupOwner': (i, ctx) => sessions.setupOwner(ctx.session, i.name, i.pin),
    'session.operators': () => operators.list().filter((o) => o.active === 1).map(toInfo),
    'session.signIn': (i, ctx) => sessions.signIn(ctx.session, i.operatorId, i.pin),
    'session.signOut': (_i, ctx) => sessions.signOut(ctx.session),

    'people.list': () => operators.list().map(toInfo),
    'people.create': (i, ctx) => {
      const op = operators.create(i.name, i.role, i.pin);
      sessions.record(ctx.session, 'operator', op.id, 'operator_created', { name: op.name, role: op.role, pin: Boolean(i.pin) });
      return toInfo(op);
    },
    'people.update': (i, ctx) => {
      const op = operators.update(i.id, { name: i.name, role: i.role, pin: i.pin, active: i.active });
      // The PIN itself is never logged; only that it changed.
      sessions.record(ctx.session, 'operator', op.id, 'operator_updated', {
        name: i.name,
        role: i.role,
        active: i.active,
        pinChanged: i.pin !== undefined,
      });
      return toInfo(op);
    },
    'people.permissions': () => ({ roles: sessions.permissions.all(), ownerOnly: [...OWNER_ONLY] }),
    'people.setPermissions': (i, ctx) => {
      const result = sessions.permissions.set(i.role, i.permissions);
      sessions.record(ctx.session, 'role', null, 'permissions_changed', { role: i.role, permissions: result });
      return result;
    },

    'stations.list': () => stations.list(d.presence.online()),
    'stations.pairStart': async (i, ctx) => {
      const { code, expiresAt } = stations.pairStart(i.name, ctx.session.operatorId);
      const urls = d.stationUrls().map((u) => `${u}#pair=${code}`);
      const png = urls[0] ? await bwipjs.toBuffer({ bcid: 'qrcode', text: urls[0], scale: 4 }) : null;
      sessions.record(ctx.session, 'station', null, 'pairing_started', { name: i.name, expiresAt });
      return { code, expiresAt, urls, qrDataUrl: png ? `data:image/png;base64,${png.toString('base64')}` : '' };
    },
    'stations.revoke': (i, ctx) => {
      const st = stations.revoke(i.id);
      sessions.record(ctx.session, 'station', st.id, 'station_revoked', { name: st.name });
      return stations.toInfo(st, d.presence.online());
    },

    'printers.list': () => d.printers.list(),
    'printers.save': (i, ctx) => {
      const p = d.printers.save(i.id, i.printer);
      sessions.record(ctx.session, 'printer', p.id, i.id ? 'printer_updated' : 'printer_added', { ...i.printer });
      return p;
    },
    'printers.remove': (i, ctx) => {
      const removed = d.printers.remove(i.id);
      if (removed) sessions.record(ctx.session, 'printer', i.id, 'printer_removed', null);
      return { removed };
    },
    'stations.printers': (i, ctx) => d.printers.ofStation(i.stationId ?? ctx.session.stationId ?? stations.local().id),
    'stations.setPrinters': (i, ctx) => {
      const result = d.printers.assign(i.stationId, { label: i.label, slip: i.slip, picklist: i.picklist });
      sessions.record(ctx.session, 'station', i.stationId, 'printers_assigned', { ...result });
      return result;
    },
  };
}
