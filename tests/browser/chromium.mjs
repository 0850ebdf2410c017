// The browser every script here drives: Debian's chromium (a test tool's own download
// fails on this network), with the flags this closed network needs (no background
// connections to Google's hosts). One place, so the scripts cannot drift apart.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';

export function chromiumPath() {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name]).toString().trim();
    } catch {}
  }
  throw new Error('Debian chromium is not installed: run scripts/setup --browser');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts headless Chromium with those flags (`extraArgs` appended). */
export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs] });
}
