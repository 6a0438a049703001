import { AppError } from '../../../shared/errors.js';

export interface SplitPart {
  lines: readonly { orderLineId: number; qty: number }[];
}

interface LineFacts {
  id: number;
  line_no: number;
  qty: number;
  title: string;
  sku_code: string | null;
}

const lineName = (l: LineFacts) => `line ${l.line_no} (${l.sku_code ?? l.title})`;

/**
 * Every unit of the order in exactly one part: each line's quantities across the parts add up to the line's qty,
 * and at least two parts hold something. Throws invalid_input naming the order, the line and the numbers.
 */
export function checkSplitParts(platformOrderId: string, lines: readonly LineFacts[], parts: readonly SplitPart[]): void {
  const fail = (message: string, details: Record<string, unknown>) => {
    throw new AppError('invalid_input', `order ${platformOrderId}: ${message}`, details);
  };
  const byId = new Map(lines.map((l) => [l.id, l]));
  const perLine = new Map<number, number[]>();
  parts.forEach((part, i) => {
    const seen = new Set<number>();
    for (const pl of part.lines) {
      const line = byId.get(pl.orderLineId);
      if (!line) fail(`part ${i + 1} names line id ${pl.orderLineId}, which is not a line of this order`, { part: i + 1, orderLineId: pl.orderLineId });
      if (!Number.isInteger(pl.qty) || pl.qty < 1) fail(`part ${i + 1}: ${lineName(line!)} has quantity ${pl.qty}; quantities are whole numbers from 1`, { part: i + 1, orderLineId: pl.orderLineId, qty: pl.qty });
      if (seen.has(pl.orderLineId)) fail(`part ${i + 1} names ${lineName(line!)} twice`, { part: i + 1, orderLineId: pl.orderLineId });
      seen.add(pl.orderLineId);
      const qtys = perLine.get(pl.orderLineId) ?? [];
      qtys.push(pl.qty);
      perLine.set(pl.orderLineId, qtys);
    }
  });
  const nonEmpty = parts.filter((p) => p.lines.length > 0).length;
  if (nonEmpty < 2) fail(`a split needs at least two parts that hold something (got ${nonEmpty})`, { parts: nonEmpty });
  for (const line of lines) {
    const qtys = perLine.get(line.id) ?? [];
    const sum = qtys.reduce((n, q) => n + q, 0);
    if (sum !== line.qty) {
      const held = qtys.length ? `${sum} (${qtys.join(' + ')})` : 'none of them';
      fail(`${lineName(line)} has ${line.qty} unit(s) but the parts hold ${held}: every unit goes into exactly one part`, { orderLineId: line.id, qty: line.qty, inParts: sum });
    }
  }
}
