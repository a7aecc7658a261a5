namespace JourneyKit.Rendering;

/// <summary>The page's style sheet, inlined so the file needs nothing else: no web fonts, no images, no imports.</summary>
internal static class HtmlStyles
{
    public const string Css = """
:root{--ink:#1d2333;--muted:#5a6378;--faint:#687188;--line:#e2e6ef;--bg:#f3f5f9;--card:#fff;--accent:#4338ca;--accent-soft:#eef0ff;--bad:#c0392b;--bad-soft:#fdf0ee;--warn:#a15c07;--warn-soft:#fff5e6;--ok:#2e7d32}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
.wrap{max-width:1680px;margin:0 auto;padding:0 28px}
a{color:var(--accent)}
h1,h2,h3,h4{line-height:1.25}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{background:linear-gradient(120deg,#1e1b4b 0%,#3730a3 55%,#6d28d9 100%);color:#fff;padding:30px 0 48px}
header.top .eyebrow{margin:0 0 4px;font-size:12px;letter-spacing:.12em;text-transform:uppercase;color:#c7d2fe;font-weight:600}
header.top h1{margin:0 0 8px;font-size:32px;letter-spacing:-.01em}
header.top .desc{margin:0 0 16px;max-width:80ch;color:#e0e7ff;font-size:16px}
.meta{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.meta li{background:rgba(255,255,255,.13);border:1px solid rgba(255,255,255,.28);border-radius:999px;padding:3px 12px;font-size:13px}
nav.toc{margin-top:16px;font-size:14px}
nav.toc a{color:#fff;text-decoration:none;border-bottom:1px solid rgba(255,255,255,.4);margin-right:18px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:14px;margin:-30px 0 0;padding:0;list-style:none}
.kpis li{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:14px 18px;box-shadow:0 4px 14px rgba(30,27,75,.08)}
.kpis b{display:block;font-size:26px;line-height:1.15}
.kpis span{color:var(--muted);font-size:13px}
main section{margin:34px 0}
h2{font-size:22px;margin:0 0 14px;display:flex;align-items:baseline;gap:10px}
h2 small{font-size:13px;color:var(--muted);font-weight:500}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;box-shadow:0 1px 3px rgba(16,24,40,.06)}
.personas{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr));gap:20px}
.persona{padding:22px 24px}
.p-head{display:flex;gap:16px;align-items:flex-start}
.avatar{flex:none;width:64px;height:64px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:22px;color:#fff;object-fit:cover}
.p-title{flex:1;min-width:0}
.p-title h3{margin:2px 0 4px;font-size:20px}
.p-sub{margin:0;color:var(--muted);font-size:13px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0 0;padding:0;list-style:none}
.chip{display:inline-block;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600;background:var(--accent-soft);color:#3730a3;white-space:nowrap}
.chip.soft{background:#f1f3f7;color:#39415a;font-weight:500}
.urg{flex:none;border-radius:10px;padding:6px 12px;font-size:13px;font-weight:600;text-align:right}
.urg small{display:block;font-weight:500;opacity:.85}
.u0{background:#eef6ee;color:#25632a}.u1{background:#fff5e0;color:#8a5300}.u2{background:#fdeae6;color:#a0301f}.u3{background:#c0392b;color:#fff}
.quote{margin:16px 0 6px;padding:10px 16px;border-left:4px solid #a5b4fc;background:#f7f8ff;border-radius:0 10px 10px 0;font-size:16px;font-style:italic;color:#2b2f6b}
.story{margin:8px 0 0;color:var(--muted)}
.p-body{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:6px 26px;margin-top:14px}
.p-body h4,.p-foot h4,.objections-h{margin:12px 0 6px;font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.p-body ul.items{margin:0;padding-left:18px}
.p-body ul.items li{margin:2px 0}
.demo{grid-column:1/-1;display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:4px 26px;border-top:1px dashed var(--line);margin-top:8px;padding-top:4px}
.demo>p{grid-column:1/-1;margin:8px 0 0;font-size:13px;color:var(--muted)}
.bars{list-style:none;margin:0;padding:0}
.bars li{display:grid;grid-template-columns:minmax(0,1fr) auto;align-items:baseline;column-gap:8px;font-size:13px;margin:0 0 5px}
.bars .lbl{overflow-wrap:anywhere}
.bars .track{grid-column:1/-1;grid-row:2;height:6px;margin-top:1px}
.track{height:8px;background:#eceff5;border-radius:4px;overflow:hidden}
.track>span{display:block;height:100%;background:linear-gradient(90deg,#6366f1,#8b5cf6);border-radius:4px}
.bars .pct{text-align:right;color:var(--muted);font-variant-numeric:tabular-nums}
.p-foot{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:0 26px}
.objections{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,230px),1fr));gap:12px}
.objection{border:1px solid var(--line);border-radius:12px;padding:12px 14px;background:#fcfcfe}
.o-top{display:flex;align-items:center;gap:8px}
.o-share{margin-left:auto;font-weight:700;font-size:18px;font-variant-numeric:tabular-nums;color:#3730a3}
.o-text{margin:6px 0 0;font-weight:600;overflow-wrap:anywhere}
.o-meta{margin:4px 0 0;font-size:12px;color:var(--muted)}
.o-meta .track{margin:6px 0 0}
.answer{margin:8px 0 0;padding:8px 10px;background:#f0f7f1;border-radius:8px;font-size:14px;color:#1f4d25}
.answer b{display:block;font-size:11px;letter-spacing:.08em;text-transform:uppercase;color:#2e7d32}
.badge{flex:none;display:inline-block;border-radius:6px;padding:1px 7px;font-size:11px;font-weight:700;letter-spacing:.02em;text-transform:uppercase;white-space:nowrap}
.c0{background:#fde8e8;color:#9b1c1c}.c1{background:#fef3c7;color:#8a5300}.c2{background:#ede9fe;color:#5b21b6}.c3{background:#e0f2fe;color:#075985}.c4{background:#dcfce7;color:#166534}.c5{background:#ffe4e6;color:#9f1239}.c6{background:#f3e8ff;color:#6b21a8}.c7{background:#e2e8f0;color:#1e293b}.c8{background:#ccfbf1;color:#115e59}.c9{background:#f1f5f9;color:#475569}
table.journey td.curve-cell{padding:0;background:#fff}
td.curve-cell svg{display:block;width:100%;height:auto}
tr.curve-row th{vertical-align:middle}
.grid-scroll{overflow-x:auto;border-radius:16px;border:1px solid var(--line);background:var(--card);box-shadow:0 1px 3px rgba(16,24,40,.06)}
table.journey{border-collapse:separate;border-spacing:0;width:100%;table-layout:fixed}
table.journey caption{caption-side:top;text-align:left;padding:12px 16px;font-size:13px;color:var(--muted);border-bottom:1px solid var(--line)}
table.journey th,table.journey td{vertical-align:top;border-bottom:1px solid var(--line);border-right:1px solid var(--line);padding:10px;text-align:left}
table.journey tr>*:last-child{border-right:0}
table.journey tbody tr:last-child>*{border-bottom:0}
th.corner{background:#f8f9fc;font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);vertical-align:bottom}
th.stage{background:#f8f9fc;font-weight:400;border-top:4px solid #818cf8}
th.stage.bn{border-top-color:var(--bad);background:#fff8f7}
.s-top{display:flex;align-items:center;gap:8px}
.s-num{flex:none;width:24px;height:24px;border-radius:50%;background:#3730a3;color:#fff;font-size:12px;font-weight:700;display:flex;align-items:center;justify-content:center}
.s-name{flex:1;font-weight:700;font-size:16px;min-width:0;overflow-wrap:anywhere}
.s-meta{margin:8px 0 0;font-size:13px}
.s-meta dt{font-size:11px;letter-spacing:.06em;text-transform:uppercase;color:var(--faint);margin-top:4px}
.s-meta dd{margin:0;color:#39415a}
.tag{display:inline-block;margin-top:6px;border-radius:6px;padding:1px 7px;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;background:var(--bad);color:#fff}
.tag.crit{background:#7f1d1d}
.tag.wait{background:#a15c07}
.funnel{margin-top:10px;font-size:12px;color:var(--muted)}
.funnel .track{height:10px;margin-bottom:4px}
.funnel .track>span{background:linear-gradient(90deg,#0ea5e9,#6366f1)}
th.channel{background:#fbfbfd;font-size:14px}
.ch-col{width:150px}
table.journey{min-width:calc(150px + var(--stages,1) * 230px)}
.scroll-hint{display:none;margin:0 0 8px;font-size:13px;color:var(--muted)}
.next{padding:16px 22px;margin:28px 0 0;border-left:4px solid var(--accent)}
.next h2{margin-bottom:6px}
.next ol{margin:0;padding-left:20px}
.next li{margin:4px 0}
th.channel,th.corner{position:sticky;left:0;z-index:1}
th.channel small{display:block;font-weight:400;color:var(--faint);font-size:12px}
td.cell{background:#fff}
.tp{border:1px solid var(--line);border-radius:10px;padding:8px 10px;margin:0 0 8px;background:#fff}
.tp:last-child{margin-bottom:0}
.tp.bn{border-color:#f1b5ab;border-left:4px solid var(--bad);background:var(--bad-soft)}
.tp.wait{border-color:#f3d19c;border-left:4px solid #e8a33a;background:var(--warn-soft)}
.tp-head{display:flex;gap:8px;align-items:flex-start}
.tp-name{flex:1;font-weight:600;min-width:0;overflow-wrap:anywhere}
.score{flex:none;display:inline-block;min-width:34px;text-align:center;border-radius:999px;padding:1px 7px;font-size:12px;font-weight:700;font-variant-numeric:tabular-nums}
.score.none{background:#eceff5;color:var(--muted);font-weight:500}
.tp-meta{margin:3px 0 0;font-size:12px;color:var(--muted)}
.pains{list-style:none;margin:6px 0 0;padding:0;font-size:13px}
.pains li{display:flex;gap:6px;align-items:baseline;margin:2px 0;color:#4a3030}
.sev{flex:none;display:inline-block;width:8px;height:8px;border-radius:2px;transform:translateY(-1px)}
.sev1{background:#f3c969}.sev2{background:#f0a94b}.sev3{background:#e8773a}.sev4{background:#d9482b}.sev5{background:#a61b1b}
.empty{color:var(--faint);font-size:13px}
.bn-list{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,380px),1fr));gap:12px}
.bn-item{display:flex;gap:12px;padding:12px 14px;align-items:flex-start}
.rank{flex:none;width:28px;height:28px;border-radius:50%;background:var(--bad);color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;font-size:13px}
.bn-item.heur .rank{background:#e8773a}
.bn-item p{margin:2px 0 0;font-size:14px;color:var(--muted)}
.bn-item .src{margin-left:auto;flex:none;font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--faint)}
.opps{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,340px),1fr));gap:12px}
.opp{padding:14px 16px}
.opp h3{margin:0 0 4px;font-size:16px;display:flex;gap:8px;align-items:baseline}
.opp h3 span{flex:1}
.opp p{margin:4px 0 0;color:#39415a;font-size:14px}
.opp .refs{font-size:12px;color:var(--muted)}
.i0{background:#f1f5f9;color:#475569}.i1{background:#fef3c7;color:#8a5300}.i2{background:#dcfce7;color:#166534}
table.ideas{width:100%;border-collapse:collapse;margin-top:14px;font-size:14px}
table.ideas caption{text-align:left;font-weight:700;padding:0 0 6px}
table.ideas th,table.ideas td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
table.ideas thead th{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.drift{margin:10px 0 0}
.drift .tag.drift-tag{margin:0;background:var(--warn)}
.drift small{color:var(--muted);font-size:12px}
.chip.drift-dim{background:var(--warn-soft);color:#7a4505}
.mz{margin-top:14px;padding:4px 14px 10px;overflow-x:auto}
table.mz-t caption{font-size:16px}
table.mz-t caption small{font-weight:500;color:var(--muted)}
table.mz-t .track{margin-top:4px;max-width:140px}
.mz-met{margin:0;padding:0;list-style:none}
.mz-met li{margin:0 0 4px}
.mz-met small{color:var(--muted)}
.mz-notes{margin:6px 0 0;color:var(--muted);font-size:13px}
.goals{margin:0;padding-left:20px}
.goals li{margin:4px 0}
.goals small{color:var(--muted)}
footer{margin:40px 0 30px;color:var(--faint);font-size:12px;text-align:center}
@media (max-width:700px){.scroll-hint{display:block}.ch-col{width:76px}th.channel{font-size:12px;padding:8px 6px;overflow-wrap:anywhere}table.journey{min-width:calc(76px + var(--stages,1) * 200px)}.wrap{padding:0 14px}header.top h1{font-size:25px}.p-head{flex-wrap:wrap}.urg{flex-basis:100%;text-align:left}.urg small{display:inline;margin-left:6px}.kpis{grid-template-columns:repeat(2,minmax(0,1fr))}.persona{padding:16px}}
@page{size:A4 landscape;margin:10mm}
@media print{
 body{background:#fff;font-size:10pt}
 .wrap{max-width:none;padding:0}
 .scroll-hint{display:none}
 h2,h3,caption{break-after:avoid;page-break-after:avoid}
 #journey{break-before:page}
 table.journey{min-width:0;width:100%;font-size:8.5pt}
 .ch-col{width:80px}
 table.journey th,table.journey td{padding:5px}
 .s-meta{font-size:8pt}
 .s-name{font-size:10pt}
 .tp{padding:4px 6px;margin-bottom:4px}
 td.curve-cell svg{max-height:150px}
 .personas{grid-template-columns:repeat(2,minmax(0,1fr))}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 header.top{background:#fff;color:var(--ink);padding:0 0 8px;border-bottom:2px solid var(--ink)}
 header.top .desc,header.top .eyebrow{color:var(--muted)}
 .meta li{border-color:var(--line);background:#fff}
 nav.toc{display:none}
 .kpis{margin:10px 0 0}
 .card,.grid-scroll,.kpis li{box-shadow:none}
 .grid-scroll{overflow:visible}
 th.channel,th.corner{position:static}
 .objection,.tp,.bn-item,.opp,tr.curve-row,thead{break-inside:avoid}
 table.journey thead{display:table-header-group}
 main section{margin:18px 0}
}
""";
}
