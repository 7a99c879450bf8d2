/** The report's stylesheet, inlined in the page: system fonts, one accent colour, print-friendly. */
export const STYLE = `
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --accent: #0b5cad;
  --good: #1a7f37; --good-bg: #dafbe1; --bad: #b42318; --bad-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1120px; margin: 0 auto; padding: 0 28px 48px; }
header.top { background: var(--soft); border-bottom: 1px solid var(--line); }
header.top .inner { max-width: 1120px; margin: 0 auto; padding: 26px 28px 20px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 6px; overflow-wrap: anywhere; }
h1 .badge { vertical-align: middle; margin-left: 10px; }
.description { margin: 0 0 12px; color: var(--muted); max-width: 80ch; }
dl.facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 10px 0 0; }
dl.facts div { min-width: 0; }
dl.facts dt { font-size: 12px; color: var(--muted); }
dl.facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
nav.toc { margin: 14px 0 0; font-size: 14px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
section { margin-top: 34px; }
h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 8px; }
h2 .sub, h3 .sub { font-weight: 400; color: var(--muted); font-size: 14px; margin-left: 8px; }
p { margin: 8px 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
code { background: var(--soft); padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; overflow: auto; line-height: 1.45; margin: 8px 0; }
pre.error { background: var(--bad-bg); border-color: #ffcecb; color: #6e0f0a; white-space: pre-wrap; max-height: 22em; }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { padding: 10px 14px; margin: 0 0 8px; border-left: 4px solid var(--accent); background: var(--soft); border-radius: 0 6px 6px 0; }
ul.findings li.bad { border-left-color: var(--bad); background: var(--bad-bg); }
ul.findings li.better { border-left-color: var(--good); }
ul.findings li.worse { border-left-color: var(--warn); }
.table-wrap { overflow-x: auto; margin: 8px 0; }
table { border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { font-size: 13px; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); white-space: nowrap; }
td code { white-space: nowrap; overflow-wrap: normal; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:hover { background: #fafbfc; }
tr.best { background: #eef6ff; }
tr.best:hover { background: #e4f0fd; }
td.muted, span.muted { color: var(--muted); }
.star { color: #d4a72c; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; line-height: 1.7; white-space: nowrap; }
.badge.finished { background: var(--good-bg); color: var(--good); }
.badge.failed, .badge.killed { background: var(--bad-bg); color: var(--bad); }
.badge.running, .badge.pending, .badge.skipped, .badge.stopped { background: var(--warn-bg); color: var(--warn); }
.badge.cached { background: #ddf4ff; color: var(--accent); }
.stage { margin-top: 28px; padding-top: 18px; border-top: 1px dashed var(--line); }
.stage:first-of-type { border-top: none; padding-top: 0; }
.stage h3 { font-size: 18px; }
.stage h3 code { font-size: 17px; padding: 1px 7px; }
.stage-meta { color: var(--muted); font-size: 14px; margin: 0 0 6px; }
.chips { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0; }
.chip { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; font-size: 13px; }
.chip b { font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: flex-start; margin: 10px 0; }
.chart { flex: 1 1 440px; max-width: 600px; min-width: 0; }
.chart svg { display: block; width: 100%; height: auto; }
dl.grid { display: grid; grid-template-columns: max-content 1fr; gap: 4px 24px; margin: 0; font-size: 14px; }
dl.grid dt { color: var(--muted); }
dl.grid dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: 12px 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
figure img.pixels { image-rendering: pixelated; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
.side { display: flex; flex-wrap: wrap; gap: 16px 28px; align-items: flex-start; }
.note { color: var(--muted); font-size: 14px; }
a { color: var(--accent); }
footer { margin-top: 44px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
@media (max-width: 640px) {
  main, header.top .inner { padding-left: 16px; padding-right: 16px; }
  h1 { font-size: 24px; }
  th, td { padding: 6px 8px; }
}
@media print {
  header.top { background: none; }
  nav.toc { display: none; }
  section, .stage, figure, .chart { break-inside: avoid; }
}
`;
