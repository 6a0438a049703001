import fs from 'node:fs';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { AppError } from '../../../shared/errors.js';

/**
 * The Chinese-capable font labels are drawn with. Canvas falls back to whatever the system offers when a font is
 * missing, and a label with boxes instead of an address only shows up at the courier's sorting belt — so the font is
 * found by known file paths per OS, loaded explicitly, and a missing one is an error that says what to install.
 * SHOPDESK_CJK_FONT names a font file to use instead.
 */
export interface FontCandidate {
  regular: string;
  bold?: string;
  /** the face to ask for inside a collection (.ttc), e.g. the Simplified Chinese one of Noto CJK */
  family?: string;
}

const ALIAS = 'ShopDeskPrint';

function candidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): FontCandidate[] {
  if (platform === 'win32') {
    const dir = path.win32.join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts');
    const f = (name: string) => path.win32.join(dir, name);
    return [
      { regular: f('msyh.ttc'), bold: f('msyhbd.ttc'), family: 'Microsoft YaHei' },
      { regular: f('Deng.ttf'), bold: f('Dengb.ttf'), family: 'DengXian' },
      { regular: f('simhei.ttf'), family: 'SimHei' },
      { regular: f('simsun.ttc'), family: 'SimSun' },
    ];
  }
  if (platform === 'darwin') {
    return [
      { regular: '/System/Library/Fonts/PingFang.ttc', family: 'PingFang SC' },
      { regular: '/System/Library/Fonts/STHeiti Light.ttc', bold: '/System/Library/Fonts/STHeiti Medium.ttc', family: 'Heiti SC' },
      { regular: '/System/Library/Fonts/Hiragino Sans GB.ttc', family: 'Hiragino Sans GB' },
      { regular: '/Library/Fonts/Arial Unicode.ttf', family: 'Arial Unicode MS' },
    ];
  }
  const noto = (dir: string): FontCandidate => ({ regular: `${dir}/NotoSansCJK-Regular.ttc`, bold: `${dir}/NotoSansCJK-Bold.ttc`, family: 'Noto Sans CJK SC' });
  return [
    noto('/usr/share/fonts/opentype/noto'), // Debian/Ubuntu fonts-noto-cjk
    noto('/usr/share/fonts/noto-cjk'), // Arch
    noto('/usr/share/fonts/google-noto-cjk'), // Fedora
    { regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
    { regular: '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
    { regular: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
    { regular: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
  ];
}

const INSTALL_HINT: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'install fonts-noto-cjk (Debian/Ubuntu) or google-noto-sans-cjk-fonts (Fedora)',
  darwin: 'macOS ships PingFang; restore the system fonts',
  win32: 'Windows ships Microsoft YaHei; restore it under Fonts',
};

/** The first candidate whose file exists; throws naming every path looked at. */
export function findCjkFont(platform: NodeJS.Platform = process.platform, exists: (p: string) => boolean = fs.existsSync, env: NodeJS.ProcessEnv = process.env): FontCandidate {
  const override = env.SHOPDESK_CJK_FONT;
  if (override) {
    if (!exists(override)) throw new AppError('io_error', `SHOPDESK_CJK_FONT names ${override}, which does not exist`, { path: override });
    return { regular: override };
  }
  const list = candidates(platform, env);
  const found = list.find((c) => exists(c.regular));
  if (!found) {
    throw new AppError('io_error', `no Chinese font found for printing: ${INSTALL_HINT[platform] ?? 'install a CJK font'} or set SHOPDESK_CJK_FONT; looked in ${list.map((c) => c.regular).join(', ')}`, {
      platform,
      looked: list.map((c) => c.regular),
    });
  }
  return { ...found, bold: found.bold && exists(found.bold) ? found.bold : undefined };
}

let stack: string | null = null;

/** Loads the font once and returns the CSS family list to draw with. */
export function printFontFamily(): string {
  if (stack) return stack;
  const font = findCjkFont();
  if (!GlobalFonts.registerFromPath(font.regular, ALIAS)) throw new AppError('io_error', `could not load the print font ${font.regular}`, { path: font.regular });
  if (font.bold) GlobalFonts.registerFromPath(font.bold, ALIAS);
  // A collection's first face is not always Chinese (Noto CJK starts with Japanese): ask for the SC face by name,
  // with the loaded file as the fallback that is known to exist.
  stack = font.family ? `"${font.family}", ${ALIAS}` : ALIAS;
  return stack;
}

export function cssFont(sizePx: number, bold: boolean): string {
  return `${bold ? 'bold ' : ''}${sizePx}px ${printFontFamily()}`;
}
