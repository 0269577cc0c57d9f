/** The report's whole style sheet, inlined so the file works offline. */
export const REPORT_STYLE = `
:root { color-scheme: light; --muted: #5f6b76; --line: #d9dee3; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  margin: 0; color: #1d2329; background: #f6f7f9; }
header { background: #1d2329; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header .meta { color: #c4ccd4; font-size: 13px; }
main { max-width: 1200px; margin: 0 auto; padding: 8px 32px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 12px 20px 18px; margin: 18px 0; }
h2 { font-size: 17px; margin: 6px 0 12px; }
h3 { font-size: 14px; margin: 16px 0 8px; color: var(--muted); }
table { border-collapse: collapse; margin: 4px 0 8px; font-size: 13px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line);
  text-align: left; vertical-align: top; }
th { background: #f0f2f4; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.none { color: var(--muted); }
tr.diff td { background: #fff6db; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px;
  font-size: 12px; font-weight: 600; }
.badge.succeeded { background: #e3f4e6; color: #1b5e20; }
.badge.cached { background: #e3eefb; color: #0d47a1; }
.badge.failed { background: #fde7e7; color: #b71c1c; }
.badge.running, .badge.cancelled, .badge.skipped
  { background: #eceff1; color: #37474f; }
.scroll { overflow: auto; max-height: 640px; }
svg text { font: 11px system-ui, sans-serif; fill: #1d2329; }
svg.dag .edge { fill: none; stroke: #78828c; stroke-width: 1.3; }
svg.dag .node rect { stroke-width: 1.4; }
svg.dag .node text { text-anchor: middle; font-size: 12px; }
svg.dag .succeeded rect { fill: #e3f4e6; stroke: #2e7d32; }
svg.dag .cached rect { fill: #e3eefb; stroke: #1565c0; }
svg.dag .failed rect { fill: #fde7e7; stroke: #c62828; }
svg.dag .cancelled rect, svg.dag .skipped rect
  { fill: #eceff1; stroke: #90a4ae; }
svg.chart .axis { fill: none; stroke: #9aa5b1; }
.legend span { margin-right: 14px; font-size: 12px; color: var(--muted); }
.timeline { position: relative; width: 220px; height: 10px;
  background: #f0f2f4; border-radius: 3px; }
.timeline div { position: absolute; top: 0; height: 10px;
  border-radius: 3px; background: #4f83c2; min-width: 2px; }
.timeline div.cached { background: #9fbfe6; }
.charts, .figures { display: flex; flex-wrap: wrap; gap: 18px; }
.charts figure, .figures figure { margin: 0; }
figcaption { font-size: 13px; color: var(--muted); margin-bottom: 6px; }
.figures img { max-width: 100%; border: 1px solid var(--line);
  background: #fff; image-rendering: auto; }
.figures iframe { width: 720px; height: 520px; border: 1px solid var(--line); }
.problem { color: #b71c1c; }
p.note { color: var(--muted); font-size: 13px; margin: 4px 0; }
`;
