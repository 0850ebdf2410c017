// threadplay's embed loader, for docs pages. Load it from the site that serves
// threadplay (any path) and mark where demos go:
//
//   <script src="https://example.org/threadplay/embed.js" defer></script>
//   <div data-threadplay="race" data-gil="free"></div>
//
// Each element with `data-threadplay="<demo slug>"` becomes an iframe of
// `#/embed/<slug>` on the site this script came from (the folder of its own URL), made
// lazily (loading="lazy": a frame is fetched when it nears the viewport; the first frame
// loads alone, the rest once it has drawn or after 1.5 s), titled for
// screen readers, and sized to its content by the frame's height messages
// (`{ type: "threadplay:height", height }`, taken only from that frame's window and the
// site's origin). Optional attributes: data-gil (legacy|modern|free), data-scheduler
// (threads|virtual), data-seed, data-switch-interval (ms), data-theme (light|dark, else
// the reader's system setting), data-title. A program of one's own goes inside, in a
// `<script type="text/x-python">` (or an HTML-escaped `<pre>`); common indentation is
// removed. The URL format is src/program_link.rs's: the program travels as raw DEFLATE
// in base64url (`p=`), the settings as `gil`, `sw`, `sched`, `seed`, `theme`.
//
// `window.threadplayEmbed.scan()` embeds elements added later. It must never throw on a
// page's markup, and never act on a message that is not from one of its own frames.
(() => {
  'use strict';
  if (window.threadplayEmbed) return; // loaded twice: the first copy does the work

  // The site is the folder this script came from. `currentScript` is null when the
  // script was added by another script after loading: then the last script named so.
  const script = document.currentScript
    || [...document.querySelectorAll('script[src]')].reverse().find((element) => /\/embed\.js([?#]|$)/.test(element.src));
  const site = new URL('./', script ? script.src : location.href);
  const frames = new Set();
  const MIN_HEIGHT = 120;
  const LEADER_WAIT_MS = 1500;
  let leader = null;
  let releaseFollowers;
  const followersMayStart = new Promise((resolve) => { releaseFollowers = resolve; });
  const MAX_HEIGHT = 20000;

  /** The inline program, without the indentation and blank edge lines of the markup. */
  function inlineProgram(element) {
    const holder = element.querySelector('script[type="text/x-python"], pre');
    if (!holder) return null;
    const lines = holder.textContent.replace(/\r\n?/g, '\n').split('\n');
    while (lines.length && lines[0].trim() === '') lines.shift();
    while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    if (!lines.length) return null;
    const indents = lines.filter((line) => line.trim() !== '').map((line) => line.match(/^[ \t]*/)[0].length);
    const cut = Math.min(...indents);
    return `${lines.map((line) => line.slice(cut)).join('\n')}\n`;
  }

  function base64url(bytes) {
    let binary = '';
    for (let at = 0; at < bytes.length; at += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(at, at + 0x8000));
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** Raw DEFLATE of the text: the browser's CompressionStream where there is one, else
   * stored (uncompressed) DEFLATE blocks, which every inflater reads. */
  async function deflateRaw(text) {
    const bytes = new TextEncoder().encode(text);
    if (typeof CompressionStream === 'function') {
      try {
        const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
        return new Uint8Array(await new Response(stream).arrayBuffer());
      } catch (_) {
        // deflate-raw unsupported here: stored blocks below.
      }
    }
    const blocks = [];
    for (let at = 0; at === 0 || at < bytes.length; at += 0xffff) {
      const chunk = bytes.subarray(at, at + 0xffff);
      const last = at + 0xffff >= bytes.length ? 1 : 0;
      const head = [last, chunk.length & 0xff, chunk.length >> 8, ~chunk.length & 0xff, (~chunk.length >> 8) & 0xff];
      blocks.push(Uint8Array.from(head), chunk);
    }
    const out = new Uint8Array(blocks.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of blocks) { out.set(part, at); at += part.length; }
    return out;
  }

  const WORD = /^[a-z0-9-]{1,64}$/;
  const NUMBER = /^[0-9]+(\.[0-9]+)?$/;

  async function frameUrl(element) {
    const slug = (element.getAttribute('data-threadplay') || '').trim().toLowerCase();
    const pairs = [];
    const program = inlineProgram(element);
    if (program !== null) pairs.push(`p=${base64url(await deflateRaw(program))}`);
    for (const [attribute, key, pattern] of [
      ['data-gil', 'gil', WORD], ['data-switch-interval', 'sw', NUMBER],
      ['data-scheduler', 'sched', WORD], ['data-seed', 'seed', NUMBER], ['data-theme', 'theme', WORD],
    ]) {
      const value = (element.getAttribute(attribute) || '').trim();
      if (pattern.test(value)) pairs.push(`${key}=${value}`);
    }
    const route = `#/embed/${WORD.test(slug) ? slug : ''}`;
    return new URL(pairs.length ? `${route}?${pairs.join('&')}` : route, site).href;
  }

  async function embed(element) {
    if (element.hasAttribute('data-threadplay-ready')) return;
    element.setAttribute('data-threadplay-ready', '');
    const slug = element.getAttribute('data-threadplay') || 'python';
    const frame = document.createElement('iframe');
    const src = await frameUrl(element);
    frame.loading = 'lazy';
    frame.title = element.getAttribute('data-title') || `threadplay: the ${slug} demo, runnable Python threads`;
    // Real threads need shared memory. With Document-Isolation-Policy the frame isolates
    // itself; on a docs page that is isolated itself (COOP/COEP), a cross-origin frame
    // shares that isolation only where the permissions policy allows it.
    frame.allow = 'cross-origin-isolated';
    frame.setAttribute('data-threadplay-frame', slug);
    frame.style.cssText = 'display:block;width:100%;min-width:0;height:560px;border:1px solid rgba(128,128,128,.35);border-radius:8px;background:transparent;';
    frames.add(frame);
    // The first frame loads alone: each frame downloads and compiles the whole wasm, and
    // frames started together share the machine's cores, so the first one a reader sees
    // would be runnable later. The others get their address when it has drawn (its
    // first height message) or after LEADER_WAIT_MS, whichever comes first.
    if (!leader) {
      leader = frame;
      frame.src = src;
      element.replaceChildren(frame);
      setTimeout(releaseFollowers, LEADER_WAIT_MS);
    } else {
      element.replaceChildren(frame);
      await followersMayStart;
      frame.src = src;
    }
  }

  function scan(root = document) {
    for (const element of root.querySelectorAll('[data-threadplay]')) {
      embed(element).catch(() => {});
    }
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.origin !== site.origin || !data || data.type !== 'threadplay:height') return;
    const height = Number(data.height);
    if (!Number.isFinite(height)) return;
    for (const frame of frames) {
      if (frame.contentWindow === event.source) {
        if (!frame.isConnected) { frames.delete(frame); return; }
        frame.style.height = `${Math.min(Math.max(Math.ceil(height), MIN_HEIGHT), MAX_HEIGHT)}px`;
        frame.setAttribute('data-height', String(Math.ceil(height)));
        if (frame === leader) releaseFollowers();
        return;
      }
    }
  });

  window.threadplayEmbed = { scan };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => scan(), { once: true });
  } else {
    scan();
  }
})();
