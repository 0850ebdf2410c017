// A small static file server for the built page, used by the browser tests.
// By default it sends the two cross-origin-isolation headers (COOP/COEP) so the page
// gets SharedArrayBuffer; with `isolated: false` it leaves them off, to test the page's
// explanation of why threads are unavailable. `extraHeaders` adds headers to every
// response (e.g. Document-Isolation-Policy, for the embed checks).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

export function serve({ root, port = 0, host = '127.0.0.1', isolated = true, extraHeaders = {} }) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      const headers = {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      };
      if (isolated) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      }
      Object.assign(headers, extraHeaders);
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ready) => {
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      ready({ url: `http://${host}:${bound}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

// `node serve.mjs DIST [PORT] [--no-isolation]` serves from the command line.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const isolated = !args.includes('--no-isolation');
  const [root = 'dist', port = '8080'] = args.filter((a) => !a.startsWith('--'));
  const { url } = await serve({ root, port: Number(port), isolated });
  console.log(`serving ${root} at ${url} (${isolated ? 'cross-origin isolated' : 'NOT isolated'})`);
}
