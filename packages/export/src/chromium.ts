import { existsSync } from 'node:fs';
import { AppError } from '@jixiao/core/errors/app-error';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium; CHROMIUM_PATH overrides it (e.g. another distribution's path). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Flags for a quiet, reproducible headless chromium (no updates, no sync, no GPU, no sandbox in CI); PDF export and browser tests share them. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let shared: Promise<Browser> | null = null;
let exitHookInstalled = false;

function missingChromium(path: string, cause?: unknown): AppError {
  const detail = cause instanceof Error ? ` (${cause.message.split('\n')[0]})` : '';
  return new AppError(
    'export.chromium_missing',
    `无法启动用于生成 PDF 的 Chromium（${path}）。请运行 scripts/ensure-system-deps.sh 安装 chromium 和中文字体 fonts-noto-cjk。${detail}`,
    `Cannot start Chromium for PDF export (${path}). Run scripts/ensure-system-deps.sh to install chromium and the CJK font fonts-noto-cjk.${detail}`,
  );
}

async function launch(): Promise<Browser> {
  const path = chromiumPath();
  if (!existsSync(path)) throw missingChromium(path);
  try {
    const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true });
    // A crashed or closed browser is launched again on the next call instead of failing forever.
    browser.on('disconnected', () => {
      shared = null;
    });
    return browser;
  } catch (error) {
    throw missingChromium(path, error);
  }
}

/** The one headless browser of this process, launched on first use and closed when the process exits. */
export function sharedBrowser(): Promise<Browser> {
  if (!shared) {
    const starting = launch();
    shared = starting;
    starting.catch(() => {
      if (shared === starting) shared = null;
    });
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // Playwright kills its child processes on exit too; closing first lets chromium clean its profile.
      process.once('beforeExit', () => void closeSharedBrowser());
    }
  }
  return shared;
}

/** Closes the shared browser if one is running (tests call this in afterAll). */
export async function closeSharedBrowser(): Promise<void> {
  const current = shared;
  shared = null;
  if (!current) return;
  try {
    await (await current).close();
  } catch {
    // It never started or already went away: nothing to close.
  }
}
