// A Vite plugin of the build (vite.config.ts), in plain JavaScript run by
// node: the service worker and the gzip copies of the built UI.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

// The files of the built UI a page needs to open without a connection.
const PUBLIC_SHELL = ['/', '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png',
  '/icons/icon-maskable-512.png'];

// The service worker (sw.js) written into the build with the shell's files:
// the entry script, the modules it imports and its styles (not the chunks
// of the pages that draw charts, fetched when first opened); and a gzip
// copy (level 9) of every text file of 1 KB or more beside it, which the
// server sends to browsers that take gzip (src/http/static_files.cpp).
export function offlineShell() {
  return {
    name: 'danso-offline-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const shell = new Set(PUBLIC_SHELL);
      for (const f of Object.values(bundle)) {
        if (f.type !== 'chunk' || !f.isEntry) continue;
        shell.add(`/${f.fileName}`);
        for (const i of f.imports) shell.add(`/${i}`);
        for (const c of f.viteMetadata?.importedCss ?? []) shell.add(`/${c}`);
      }
      const files = [...shell].sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(path.join(here, 'sw.js'), 'utf8')
        .replace('__SHELL__', JSON.stringify(files))
        .replace('__VERSION__', version);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(name)) continue;
        const file = path.join(options.dir ?? path.join(here, 'dist'), name);
        const text = readFileSync(file);
        if (text.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(text, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

