// Before/after comparison of two builds of the dashboard under the benchmark feed, within one run:
//   node browser-test/bench-ab.mjs <url A> <url B> [runs] [seconds] [layout]
// Runs browser-test/bench.mjs on A, then B, alternately, `runs` times each (default 3), so that
// both see the same load of a shared machine (BENCH_AB_PARALLEL=1: A and B at the same time, each
// in its own browser, which shares even a load that changes by the second), and prints each run
// and the medians: frames per
// second, decode+state share, the main thread's busy share and its CPU share. A build of the page
// can be served as static files (the benchmark's feed is synthetic and needs no server), e.g.
// `npx vite build --outDir /tmp/ab/new` and `python3 -m http.server --directory /tmp/ab`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [urlA, urlB, runsArg = '3', seconds = '10', layout] = process.argv.slice(2);
if (urlA === undefined || urlB === undefined) {
  console.error('usage: node browser-test/bench-ab.mjs <url A> <url B> [runs] [seconds] [layout]');
  process.exit(2);
}
const bench = join(dirname(fileURLToPath(import.meta.url)), 'bench.mjs');
const figures = { A: [], B: [] };
const number = (text, pattern) => Number(pattern.exec(text)?.[1] ?? NaN);
const run1 = async (url) =>
  // no first-visit figures: a static build has no server to stream from
  (await promisify(execFile)(process.execPath, [bench, url, '50x200', seconds, layout ?? '-', '0'], { encoding: 'utf8', timeout: 180_000 })).stdout;
const parallel = process.env.BENCH_AB_PARALLEL === '1';
for (let run = 1; run <= Number(runsArg); run++) {
  const outputs = parallel ? await Promise.all([run1(urlA), run1(urlB)]) : [await run1(urlA), await run1(urlB)];
  for (const [i, [name, url]] of [['A', urlA], ['B', urlB]].entries()) {
    const out = outputs[i];
    const f = {
      fps: number(out, /fps\s+([\d.]+)/),
      decode: number(out, /decode\+state\s+\d+ ms = ([\d.]+)%/),
      busy: number(out, /main thread busy\s+\d+ ms = ([\d.]+)%/),
      cpu: number(out, /main thread CPU\s+\d+ ms = ([\d.]+)%/),
      layouts: number(out, /layouts\s+([\d.]+)\/s/),
      styles: number(out, /style recalcs ([\d.]+)\/s/),
    };
    figures[name].push(f);
    console.log(`run ${run} ${name}: ${f.fps} fps, decode+state ${f.decode}%, main thread busy ${f.busy}%, CPU ${f.cpu}%, ${f.layouts} layouts/s, ${f.styles} style recalcs/s  (${url})`);
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
for (const name of ['A', 'B']) {
  const list = figures[name];
  console.log(
    `median ${name}: ${median(list.map((f) => f.fps))} fps, decode+state ${median(list.map((f) => f.decode))}%, ` +
      `main thread busy ${median(list.map((f) => f.busy))}%, CPU ${median(list.map((f) => f.cpu))}%, ` +
      `${median(list.map((f) => f.layouts))} layouts/s, ${median(list.map((f) => f.styles))} style recalcs/s`,
  );
}
