// The type of offline-shell.mjs for vite.config.ts.
import type { Plugin } from 'vite';

export function offlineShell(): Plugin;
