import { eventChannels, type EventName, type EventPayload } from '../../shared/contract/index.js';

export type EventListener = (name: EventName, payload: unknown) => void;

/** main → renderer events. Payloads are validated on emit so a transport never forwards a malformed event. */
export class EventBus {
  private listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = eventChannels[name].parse(payload);
    for (const l of this.listeners) {
      try {
        l(name, checked);
      } catch (e) {
        // One broken subscriber (a closed socket, a destroyed window) must not stop the others.
        console.error(`event listener failed for ${name}:`, e);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
