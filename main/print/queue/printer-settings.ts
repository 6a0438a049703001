import type { PrinterCalibration } from '../../../shared/contract/print.js';
import { by, type Who } from '../../fulfil/who.js';
import type { EventLog } from '../../history/events.js';
import { testPrint, type PrinterSettingsStore, type SendOptions } from '../index.js';

/**
 * A printer's setup screen: its calibration (offsets, darkness, paper size, mode…) read and saved through
 * PrinterSettingsStore (validated for the printer's language, the change recorded before → after), and the test page
 * printed with the settings in force so the packer can measure where the alignment box landed.
 */
export class PrinterSetup {
  constructor(
    private readonly settings: PrinterSettingsStore,
    private readonly log: EventLog,
    private readonly now: () => number,
    private readonly send: SendOptions = {},
  ) {}

  calibration(printerId: number): PrinterCalibration {
    return this.settings.get(printerId);
  }

  save(printerId: number, input: unknown, who: Who, reason: string | null = null): PrinterCalibration {
    return this.settings.save(printerId, input, { actor: who.actor, operatorId: who.operatorId ?? null, stationId: who.stationId ?? null, reason }, this.now());
  }

  async testPrint(printerId: number, who: Who): Promise<{ bytes: number; warnings: string[] }> {
    const target = this.settings.target(printerId);
    const r = await testPrint(target, { ...this.send, now: this.now() });
    this.log.record({ at: this.now(), ...by(who), entity: 'printer', entityId: printerId, action: 'test_printed', data: { printer: target.name, bytes: r.bytes.length, warnings: r.warnings } });
    return { bytes: r.bytes.length, warnings: r.warnings };
  }
}
