// Child process of graph.bench.mjs (run under /usr/bin/time for peak RSS): runs graph.build on a
// workspace through the compiled LocalService and prints phase timings, then (outside the timed
// part) writes the same link graph as an edge list for the igraph peer.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const [root, workspace, edgeFile] = process.argv.slice(2);
const { LocalService } = await import(`${root}/dist/electron/service/localService.js`);
const { collectLinks } = await import(`${root}/dist/electron/graph/links.js`);
const { resolveParams } = await import(`${root}/dist/electron/graph/params.js`);
const service = new LocalService(workspace);
const marks = [];
const t0 = performance.now();
let last = '';
const out = await service.runJob('graph.build', {}, (p) => {
  if (p.message !== last) {
    last = p.message;
    marks.push({ step: p.message, atMs: Math.round(performance.now() - t0) });
  }
});
const totalMs = Math.round(performance.now() - t0);
if (!out.ok) {
  console.log(JSON.stringify({ error: out.error }));
  process.exit(1);
}
// Edge list: one edge per group member to the group's first member (what union-find joins),
// plus relations; account indices as vertex ids.
const g = collectLinks(service.db, resolveParams({}), () => undefined, () => undefined);
const lines = [];
let edges = 0;
const fd = fs.openSync(edgeFile, 'w');
const flush = () => {
  fs.writeSync(fd, lines.join(''));
  lines.length = 0;
};
for (let k = 0; k < g.groupKind.length; k++) {
  const s = g.groupStart[k];
  const e = g.groupStart[k + 1];
  for (let j = s + 1; j < e; j++) {
    lines.push(`${g.groupMembers[s]} ${g.groupMembers[j]}\n`);
    edges++;
  }
  if (lines.length > 100000) flush();
}
for (let r = 0; r < g.relSrc.length; r++) {
  lines.push(`${g.relSrc[r]} ${g.relDst[r]}\n`);
  edges++;
}
flush();
fs.closeSync(fd);
service.close();
console.log(JSON.stringify({ build: out.value, totalMs, marks, edgeList: { vertices: g.accounts, edges, pairLinks: g.links } }));
