// A small static file server for the built page, used by the browser tests.
// By default it sends the two cross-origin-isolation headers (COOP/COEP) so the page
// gets SharedArrayBuffer; with `isolated: false` it leaves them off, to test the page's
// explanation of why threads are unavailable.
//
// Options for the hosting checks (tests/browser/hosting.mjs):
// - `headers`: which isolation headers every response carries: 'coop-coep' (the
//   default, or 'none' when `isolated` is false), 'dip' (Document-Isolation-Policy
//   only), 'all' (the three, as www/_headers sends them) or 'none' (GitHub Pages).
// - `basePath`: serve `root` under this path only ('/docs/threadplay/'); anything else
//   is a 404, as on a host where the site lives in a folder.
// - `files`: pages held in memory ({ '/index.html': '<!doctype html>...' }), served
//   before `root` (root may then be omitted): the docs-page fixtures. A path mapped to
//   null is a 404 (a file missing from the host).
// - `hostname`: the name in the returned URL (the server listens on `host` either way):
//   'localhost' for a second site next to '127.0.0.1'.
// - `hang`: a Set of paths (as requested: '/' for the page) that get no answer at all, a
//   network that hangs instead of failing (tests/browser/offline.mjs); read per request.
// Every response is logged in `requests` ({ path, status, bytes }), for the bytes a
// hosting mode transferred and what it loaded; `resetLog()` empties it.
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

const HEADER_SETS = {
  none: {},
  'coop-coep': {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  },
  dip: { 'Document-Isolation-Policy': 'isolate-and-require-corp' },
  all: {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Document-Isolation-Policy': 'isolate-and-require-corp',
  },
};

export function serve({
  root, port = 0, host = '127.0.0.1', isolated = true, headers, basePath = '/', files = {}, hostname, hang,
}) {
  const isolation = HEADER_SETS[headers ?? (isolated ? 'coop-coep' : 'none')];
  if (!isolation) throw new Error(`unknown headers option: ${headers}`);
  const prefix = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const base = root ? resolve(root) : null;
  const requests = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (hang?.has(url.pathname)) return;
    const send = (status, head, body) => {
      requests.push({ path: url.pathname, status, bytes: body.length });
      response.writeHead(status, head).end(body);
    };
    const notFound = () => send(404, { 'Content-Type': 'text/plain' }, Buffer.from('not found'));
    const common = (path) => ({
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      ...isolation,
    });
    let pathname = decodeURIComponent(url.pathname);
    const key = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const inMemory = key in files ? files[key] : undefined;
    if (inMemory === null) {
      notFound();
      return;
    }
    if (inMemory !== undefined) {
      send(200, common(pathname.endsWith('/') ? 'index.html' : pathname), Buffer.from(inMemory));
      return;
    }
    // The folder itself without its slash is the folder too (many hosts answer so).
    if (`${pathname}/` === prefix) pathname = prefix;
    if (!base || !pathname.startsWith(prefix)) {
      notFound();
      return;
    }
    let path = normalize(join(base, pathname.slice(prefix.length - 1)));
    if (!path.startsWith(base)) {
      send(403, {}, Buffer.alloc(0));
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      send(200, common(path), body);
    } catch {
      notFound();
    }
  });
  return new Promise((ready) => {
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      const origin = `http://${hostname ?? host}:${bound}`;
      ready({
        url: `${origin}${prefix}`,
        origin,
        requests,
        resetLog: () => requests.splice(0),
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(done);
        }),
      });
    });
  });
}

// `node serve.mjs DIST [PORT] [--no-isolation | --headers none|coop-coep|dip|all]
// [--base-path /docs/threadplay/]` serves from the command line.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const headers = value('--headers') ?? (args.includes('--no-isolation') ? 'none' : 'coop-coep');
  const basePath = value('--base-path') ?? '/';
  const positional = [];
  for (let at = 0; at < args.length; at += 1) {
    if (args[at] === '--headers' || args[at] === '--base-path') at += 1;
    else if (!args[at].startsWith('--')) positional.push(args[at]);
  }
  const [root = 'dist', port = '8080'] = positional;
  const { url } = await serve({ root, port: Number(port), headers, basePath });
  console.log(`serving ${root} at ${url} (isolation headers: ${headers})`);
}
