/** The one stylesheet, served from /assets/app.css (no file system on Workers). Mobile first. */
export const APP_CSS = `
:root { --ink: #1d2733; --muted: #5b6776; --line: #d5dbe3; --brand: #7a1f1f; --accent: #1f5f7a;
  --bg: #f4f6f8; --ok: #1e6b3a; --bad: #a32121; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.5; font-size: 16px; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem 1rem;
  background: var(--brand); color: #fff; }
header.top a { color: #fff; text-decoration: none; }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
header.top nav a { padding: .25rem 0; border-bottom: 2px solid transparent; }
header.top nav a:hover, header.top nav a:focus { border-bottom-color: #fff; }
.brand { font-weight: 700; font-size: 1.15rem; }
.top-actions { display: flex; gap: .5rem; margin-left: auto; }
.top-actions button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); padding: .3rem .7rem; }
main { padding: 1rem; max-width: 64rem; margin: 0 auto; }
footer { text-align: center; color: var(--muted); font-size: .85rem; padding: 2rem 1rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 0 auto 1rem; }
/* Long addresses (feed links, codes) wrap inside the card instead of widening a phone's page. */
.api-docs { overflow-wrap: anywhere; }
.api-docs pre { overflow-x: auto; background: #f4f5f7; padding: .5rem; font-size: .85rem; }
.api-docs nav { display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
.card a, .card code { overflow-wrap: anywhere; }
.card.narrow { max-width: 28rem; }
h1 { font-size: 1.4rem; margin: .2rem 0 .8rem; }
.muted { color: var(--muted); }
.title { font-weight: 600; color: var(--accent); margin-top: -.5rem; }
.field { margin: 0 0 1rem; display: flex; flex-direction: column; gap: .25rem; }
label { font-weight: 600; }
small { color: var(--muted); }
input, select { font: inherit; padding: .6rem .7rem; border: 1px solid #9aa6b4; border-radius: 6px; width: 100%; background: #fff; }
input:focus, select:focus, button:focus, a:focus { outline: 3px solid #f2b632; outline-offset: 1px; }
button, .button { font: inherit; padding: .6rem 1rem; border-radius: 6px; border: 1px solid #9aa6b4; background: #fff;
  color: var(--ink); cursor: pointer; text-decoration: none; display: inline-block; }
button.primary, .button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
/* The village pillars' main action: a thumb-sized target across the phone's width. */
.button.big { display: block; text-align: center; font-size: 1.15rem; padding: .9rem 1rem; margin-bottom: .5rem; }
button.danger { border-color: var(--bad); color: var(--bad); }
/* Destructive links stay quiet: plain text in the danger colour, never the most prominent control. */
a.quiet-danger { color: var(--bad); font-size: .9rem; }
.has-error input, .has-error select { border-color: var(--bad); }
.error { color: var(--bad); margin: 0; font-size: .95rem; }
.alert { border-left: 4px solid var(--bad); background: #fbeaea; padding: .6rem .8rem; }
.notice { border-left: 4px solid var(--ok); background: #e8f4ec; padding: .6rem .8rem; }
.secret { border: 2px dashed var(--accent); padding: .6rem .8rem; margin-bottom: 1rem; }
.secret code { font-size: 1.25rem; letter-spacing: .05em; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.breadcrumb { display: block; }
.heading-row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem; }
form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0 1rem; }
form.inline > input { width: auto; flex: 1 1 10rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1.5rem; border-top: 1px solid var(--line); padding-top: 1rem; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
tr.inactive td { color: var(--muted); }
textarea { font: inherit; padding: .6rem .7rem; border: 1px solid #9aa6b4; border-radius: 6px; width: 100%; }
fieldset.choices { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; display: flex; flex-wrap: wrap; gap: .5rem; }
fieldset.choices legend { font-weight: 600; padding: 0 .25rem; }
label.level { display: flex; align-items: center; gap: .35rem; padding: .4rem .7rem; border-radius: 6px; font-weight: 600; }
label.level input, label.check input { width: auto; }
label.check { display: flex; gap: .5rem; align-items: flex-start; font-weight: normal; margin-bottom: 1rem; }
fieldset.choices label.check { margin: 0 1rem 0 0; align-items: center; }
.level-normal { background: #e3f1e8; } .level-waspada { background: #fcefc7; }
.level-siaga { background: #fbd9bb; } .level-awas { background: #8e1b1b; color: #fff; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 4px; font-size: .85rem; border: 1px solid var(--line); }
.status-new { background: #e6eef5; } .status-resolved { background: #e3f1e8; }
.report-list { list-style: none; padding: 0; margin: 0; }
.report-list li { border-bottom: 1px solid var(--line); padding: .6rem 0; }
.count { display: inline-block; min-width: 1.3rem; margin-left: .3rem; padding: 0 .35rem; border-radius: 1rem; background: #fff; color: var(--brand); font-weight: 700; font-size: .8rem; text-align: center; }
.inbox li.unread { border-left: 4px solid var(--accent); padding-left: .5rem; background: #f1f6f8; }
.inbox li.unread .report-title { font-weight: 700; }
.report-list li.overdue { border-left: 4px solid var(--bad); padding-left: .5rem; }
.report-title { font-weight: 600; }
.report-meta { display: flex; flex-wrap: wrap; gap: .25rem .6rem; align-items: center; color: var(--muted);
  font-size: .92rem; margin: .25rem 0; }
.description { white-space: pre-wrap; }
.timeline { padding-left: 1.2rem; }
.timeline p { margin: .2rem 0 .8rem; white-space: pre-wrap; }
.event-form { border-top: 1px solid var(--line); margin-top: 1rem; padding-top: .5rem; }
.filter-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0 .75rem; align-items: end; }
details.filters > summary { cursor: pointer; font-weight: 600; padding: .5rem 0; }
@media (min-width: 48rem) {
  details.filters > summary { display: none; }
  details.filters::details-content { content-visibility: visible; }
}
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 1rem; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr)); gap: 0 .75rem; }
.pair input, .pair select { min-width: 0; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.chart { margin: 0; } .chart > svg { width: 100%; height: auto; max-width: 36rem; }
.chart .legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }
.chart .legend svg { margin-right: .3rem; vertical-align: -1px; }
h2 { font-size: 1.1rem; margin: .2rem 0 .6rem; }
details.unit { border-bottom: 1px solid var(--line); padding: .4rem 0; }
details.unit summary { cursor: pointer; }
.pill { font-size: .8rem; padding: 0 .35rem; border-radius: 4px; margin-left: .25rem; }
.pill.covered { background: #e3f1e8; } .pill.missing { background: #fbeaea; }
.row-actions { display: inline-flex; flex-wrap: wrap; gap: .35rem; margin-left: .5rem; }
.row-actions button { padding: .2rem .5rem; font-size: .85rem; }
.meeting-held { background: #e3f1e8; } .meeting-cancelled { background: #fbeaea; text-decoration: line-through; }
.agenda li { margin-bottom: .5rem; }
.minutes-doc { background: #fff; padding: 1.5rem; max-width: 48rem; margin: 0 auto; font-family: "Times New Roman", serif; }
.doc-header { text-align: center; border-bottom: 3px double var(--ink); margin-bottom: 1rem; }
.letterhead { position: relative; } .letterhead p { margin: 0; } .letterhead:has(.doc-logo) { min-height: 5.5rem; }
.doc-logo { max-height: 5rem; max-width: 5rem; }
.letterhead .doc-logo { position: absolute; left: 0; top: 0; } .doc-government { font-size: 1.15rem; font-weight: 700; }
.doc-office { font-size: 1.3rem; font-weight: 700; text-transform: uppercase; } .doc-address { font-size: .9rem; }
.doc-title { text-align: center; text-transform: uppercase; font-size: 1.1rem; margin-bottom: 0; }
.doc-number { text-align: center; margin-top: .2rem; }
.signature-name { font-weight: 700; text-decoration: underline; }
.signature p { margin: .1rem 0; }
.attendance-list .signature-cell { width: 7rem; height: 2rem; vertical-align: bottom; }
.doc-facts th { width: 10rem; }
.doc-table { margin-bottom: 1rem; } .doc-table caption { text-align: left; font-weight: 700; padding: .3rem 0; }
.doc-table th, .doc-table td { border: 1px solid #777; }
/* On a phone the document narrows rather than scrolling sideways: long names wrap anywhere. */
@media (max-width: 30rem) {
  .minutes-doc { padding: .75rem .25rem; font-size: .9rem; }
  .doc-table th, .doc-table td, .doc-facts th, .doc-facts td { padding: .3rem .25rem; overflow-wrap: anywhere; }
  .doc-facts th { width: auto; }
  .signature-row { flex-wrap: wrap; }
}
.signatures { margin-top: 1.5rem; text-align: center; }
.signature-row { display: flex; justify-content: space-between; gap: 1rem; }
.signature { flex: 1; } .signature-space { height: 4.5rem; }
@page { size: A4; margin: 2cm; }
.inline-form { display: inline; }
@media (min-width: 48rem) { main { padding: 2rem; } }
@media print {
  header.top, footer, form { display: none; }
  body { background: #fff; font-size: 11pt; }
  main { padding: 0; max-width: none; }
  .card { border: none; break-inside: avoid; }
  .minutes-doc { padding: 0; }
  /* The attendance list with its signature column starts on a page of its own. */
  .page-break { break-before: page; }
  .doc-table tr, .signature-row { break-inside: avoid; }
}
@page { size: A4; margin: 2cm 2cm 2cm 2.5cm; }
.photos { list-style: none; padding: 0; margin: 1rem 0 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(96px, 1fr)); gap: .5rem; }
.photos img { display: block; width: 100%; height: auto; border-radius: 4px; border: 1px solid var(--line); background: var(--bg); }
.locate { margin: -.25rem 0 1rem; }
.locate p, .push-device p { margin: .4rem 0 0; }
.warning { color: var(--bad); }
.outbox { border-left: 4px solid var(--accent); }
.outbox ul { list-style: none; padding: 0; margin: 0; }
.outbox li { padding: .6rem 0; border-top: 1px solid var(--line); overflow-wrap: anywhere; }
.outbox li .actions { margin-top: .4rem; border: 0; padding: 0; align-items: center; }
`
