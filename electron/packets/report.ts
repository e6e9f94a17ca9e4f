/**
 * report.html: the packet as a person reads it, self-contained (inline CSS and SVG, images as
 * data: URLs, a CSP that forbids scripts and network) so it opens offline in any browser and
 * prints to the same PDF. Built from the already-redacted model: nothing here sees raw values
 * under a redacting profile. Large tables are capped with a pointer to the full CSV.
 */
import { SUBJECT_COLUMNS } from './collect.js';
import type { PacketModel } from './model.js';
import { esc, utc } from './format.js';

const TABLE_CAP = 200;

function table(columns: readonly string[], rows: readonly (readonly unknown[])[], csvPath?: string): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const shown = rows.slice(0, TABLE_CAP);
  const head = `<tr>${columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const body = shown.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('\n');
  const more =
    rows.length > shown.length
      ? `<p class="muted">First ${TABLE_CAP} of ${rows.length.toLocaleString('en-US')} rows shown${csvPath ? `; all rows in <code>${esc(csvPath)}</code>` : ''}.</p>`
      : csvPath
        ? `<p class="muted">Also in <code>${esc(csvPath)}</code>.</p>`
        : '';
  return `<table><thead>${head}</thead><tbody>\n${body}\n</tbody></table>${more}`;
}

function dl(pairs: readonly (readonly [string, unknown])[]): string {
  return `<dl>${pairs.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v ?? '—')}</dd>`).join('')}</dl>`;
}

const CSS = `
body{font:13px/1.45 Helvetica,Arial,sans-serif;color:#111;margin:32px auto;max-width:1000px;padding:0 24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:28px;page-break-after:avoid}
h3{font-size:13px;margin:16px 0 4px}.muted{color:#666}code,pre{font-family:Menlo,Consolas,monospace;font-size:11px}
pre{background:#f4f5f7;padding:8px;white-space:pre-wrap;word-break:break-all;border:1px solid #e1e3e8}
table{border-collapse:collapse;width:100%;margin:6px 0;font-size:11px}th,td{border:1px solid #d8dbe0;padding:3px 6px;text-align:left;vertical-align:top;word-break:break-word}
th{background:#eef0f3}tr{page-break-inside:avoid}dl{display:grid;grid-template-columns:180px 1fr;gap:2px 12px;margin:8px 0}dt{color:#555}dd{margin:0}
.banner{border:1px solid #c9cdd4;background:#f7f8fa;padding:8px 12px;margin:12px 0}.figure svg{max-width:100%;height:auto;border:1px solid #e1e3e8}
.tag{display:inline-block;border:1px solid #bbb;border-radius:3px;padding:0 5px;font-size:11px;margin-right:4px}
@media print{body{margin:0;max-width:none}}`;

export function reportHtml(m: PacketModel): string {
  const d = m.data;
  const k = d.kase;
  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8">`);
  out.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
  );
  out.push(`<title>Evidence packet ${esc(k['id'])}</title><style>${CSS}</style></head><body>`);
  out.push(`<h1>Evidence packet: case ${esc(k['id'])}</h1><p>${esc(k['title'])}</p>`);
  out.push(
    `<div class="banner">Redaction profile: <b>${esc(m.profile)}</b>${m.fields.length ? ` (pseudonymised: ${esc(m.fields.join(', '))}; pseudonyms are consistent within this packet and cannot be reversed without the workspace key)` : ' (full data: internal use only)'}. Packet as of <b>${esc(m.asOfText)}</b>. Verify this packet's integrity with <code>ringside verify</code> or any BagIt validator (manifest-sha256.txt).</div>`,
  );
  out.push('<h2>Summary</h2>');
  out.push(
    dl([
      ['Case', k['id']],
      ['Status', k['status']],
      ['Priority / severity', `${String(k['priority'] ?? '—')} / ${String(k['severity'] ?? '—')}`],
      ['Policy', k['policy']],
      ['Assignee', k['assignee']],
      ['Opened', utc(k['opened_at'])],
      ['Subjects', d.subjects.length],
      ['Events of subjects', d.events.length.toLocaleString('en-US')],
      ['Decisions / appeals / notes', `${d.decisions.length} / ${d.appeals.length} / ${d.notes.length}`],
      ['Evidence items', d.evidence.length],
      ['Exported by', m.exporter],
      ['Tool', m.tool],
    ]),
  );
  out.push('<h2>Subjects</h2>');
  out.push(
    table(
      SUBJECT_COLUMNS.map((c) => c.title),
      d.subjects.map((s) => SUBJECT_COLUMNS.map((c) => c.cell(s, utc))),
      'data/subjects.csv',
    ),
  );
  out.push('<h2>Why these accounts are linked</h2>');
  if (m.linkage.groups.length === 0)
    out.push('<p class="muted">No two subjects share a non-hub identifier or a relation.</p>');
  m.linkage.groups.forEach((g, i) => {
    out.push(
      `<h3>Linked group ${i + 1}: ${g.members.length} accounts</h3><p>${g.because.map((b) => `<span class="tag">${esc(b)}</span>`).join(' ')}</p><p class="muted">${esc(g.members.join(', '))}</p>`,
    );
  });
  out.push('<h3>Identifiers shared by two or more subjects</h3>');
  out.push(
    `<p class="muted">“Accounts overall” counts every account in the cache holding the identifier; identifiers held by 30 or more accounts are hubs (office or VPN IPs, coworking addresses) and do not link accounts on their own.</p>`,
  );
  out.push(
    table(
      ['Kind', 'Value', 'Subjects sharing', 'Accounts overall', 'Hub', 'Subjects'],
      m.linkage.shared.map((s) => [
        s.kind,
        s.value,
        s.subjects.length,
        s.accountsOverall,
        s.hub ? 'yes' : '',
        s.subjects.join(', '),
      ]),
    ),
  );
  out.push('<h3>Relations between subjects</h3>');
  out.push(
    table(
      ['From', 'To', 'Kind', 'When', 'Amount'],
      m.linkage.relations.map((r) => [r.src, r.dst, r.kind, utc(r.occurredAt), r.amount]),
    ),
  );
  out.push(`<h2>Graph</h2><div class="figure">${m.graphSvg}</div>`);
  out.push(`<h2>Timeline</h2><div class="figure">${m.timelineSvg}</div>`);
  out.push('<h3>Activity by subject and event type</h3>');
  out.push(table(['Account', ...m.eventTypes, 'First', 'Last'], m.activity, 'data/events.csv'));
  out.push('<h2>Decisions</h2>');
  out.push(
    table(
      [
        'Decision',
        'Account',
        'Policy',
        'Tier',
        'Sanction',
        'Lifecycle',
        'Decided',
        'By',
        'Status',
        'Approved',
        'Appeal',
        'Rationale',
      ],
      d.decisions.map((x) => [
        x['id'],
        x['account_id'],
        x['policy'],
        x['tier'],
        x['sanction'],
        `${String(x['lifecycle_from'] ?? '—')} → ${String(x['lifecycle_to'] ?? '—')}`,
        utc(x['decided_at']),
        x['decided_by'],
        x['status'],
        x['approved_by'] ? `${String(x['approved_by'])} at ${utc(x['approved_at'])}` : '',
        x['appeal_outcome'],
        x['rationale'],
      ]),
      'data/decisions.csv',
    ),
  );
  out.push('<h2>Appeals</h2>');
  out.push(
    table(
      ['Appeal', 'Decision', 'Opened', 'By', 'Reason', 'Status', 'Reviewer', 'Outcome', 'Rationale', 'Decided'],
      d.appeals.map((a) => [
        a['id'],
        a['decision_id'],
        utc(a['opened_at']),
        a['opened_by'],
        a['reason'],
        a['status'],
        a['reviewer'],
        a['outcome'],
        a['rationale'],
        utc(a['decided_at']),
      ]),
    ),
  );
  out.push('<h2>Notes</h2>');
  if (d.notes.length === 0) out.push('<p class="muted">None.</p>');
  for (const n of d.notes)
    out.push(`<h3>${esc(n['author'])} · ${esc(utc(n['created_at']))}</h3><pre>${esc(n['body_md'])}</pre>`);
  out.push('<h2>Evidence</h2>');
  if (m.evidence.length === 0) out.push('<p class="muted">No evidence pinned to this case.</p>');
  for (const e of m.evidence) out.push(evidenceSection(e));
  out.push('<h2>Audit excerpt</h2>');
  out.push(
    `<p class="muted">Entries of the audit log about this case, its decisions and appeals (packet exports excluded). Each hash covers the entry and the previous entry's hash; the newest here, ${esc(d.asOf.hash ?? '—')}, is the chain head this packet was made at.</p>`,
  );
  out.push(
    table(
      ['Seq', 'When', 'Actor', 'Action', 'Entity', 'Details', 'Hash'],
      d.audit.map((a) => [
        a.seq,
        `${utc(a.at)} (${a.tz})`,
        a.actor,
        a.action,
        `${a.entity_type} ${a.entity_id}`,
        a.payload,
        a.hash.slice(0, 16),
      ]),
      'data/audit.csv',
    ),
  );
  out.push('<h2>Provenance</h2>');
  out.push(
    table(
      ['Sync run', 'Source', 'Started', 'Finished', 'Status', 'Inserted', 'Updated', 'Deleted'],
      d.syncRuns.map((r) => [
        r['id'],
        r['source'],
        utc(r['started_at']),
        utc(r['finished_at']),
        r['status'],
        r['rows_inserted'],
        r['rows_updated'],
        r['rows_deleted'],
      ]),
    ),
  );
  out.push(`<p class="muted">Generated by ${esc(m.tool)}. Times are UTC unless a zone is given.</p>`);
  out.push('</body></html>\n');
  return out.join('\n');
}

function evidenceSection(e: PacketModel['evidence'][number]): string {
  const parts = [`<h3>${esc(e.index)}. ${esc(e.title)} <span class="tag">${esc(e.kind)}</span></h3>`];
  parts.push(
    `<p class="muted">Pinned ${esc(utc(e.createdAt))} by ${esc(e.createdBy)} · payload SHA-256 ${esc(e.sha256 ?? '—')}</p>`,
  );
  if (e.sql) parts.push(`<pre>${esc(e.sql)}</pre>`);
  if (e.params !== undefined) parts.push(`<p>Parameters: <code>${esc(JSON.stringify(e.params))}</code></p>`);
  if (e.meta.length) parts.push(dl(e.meta));
  if (e.columns.length) parts.push(table(e.columns, e.rows, e.csvPath ?? undefined));
  if (e.svg)
    parts.push(
      `<div class="figure"><img alt="${esc(e.title)}" src="data:image/svg+xml;base64,${Buffer.from(e.svg, 'utf8').toString('base64')}"></div>`,
    );
  else if (e.pngDataUrl) parts.push(`<div class="figure"><img alt="${esc(e.title)}" src="${esc(e.pngDataUrl)}"></div>`);
  if (e.omitted) parts.push(`<p class="muted">${esc(e.omitted)}</p>`);
  if (e.text) parts.push(`<pre>${esc(e.text)}</pre>`);
  return parts.join('\n');
}
