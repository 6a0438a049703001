import { AppError } from '../../../shared/errors.js';
import type { DocKind } from '../layout-types.js';
import { paperGeometry, type Paper } from '../units.js';
import type { Layout } from './elements.js';
import { label100x150 } from './label-100x150.js';
import { label76x130 } from './label-76x130.js';
import { pickList58mm, pickList80mm } from './picklist.js';
import { slip58mm, slip80mm } from './slip.js';
import { testPageLayout } from './test-page.js';

const LAYOUTS: Partial<Record<Exclude<DocKind, 'test'>, Partial<Record<Paper, Layout>>>> = {
  label: { '100x150': label100x150, '76x130': label76x130 },
  slip: { '80mm': slip80mm, '58mm': slip58mm },
  picklist: { '80mm': pickList80mm, '58mm': pickList58mm },
};

/** The layout for a document on a paper; a combination ShopDesk has no layout for is an error naming both. */
export function layoutFor(kind: DocKind, paper: Paper): Layout {
  if (kind === 'test') return testPageLayout(paperGeometry(paper));
  const layout = LAYOUTS[kind]?.[paper];
  if (!layout) {
    const papers = Object.keys(LAYOUTS[kind] ?? {});
    throw new AppError('invalid_input', `there is no ${kind} layout for paper ${paper}; ${kind} prints on ${papers.join(' or ') || 'no paper'}`, { kind, paper });
  }
  return layout;
}
