(function () {
  'use strict';
  // Everything shown comes from the embedded data and is written as text nodes only (never innerHTML):
  // report text is hostile input.
  var D = JSON.parse(document.getElementById('consilience-data').textContent);
  D.claims = D.claims.map(function (a) {
    return {d: a[0], s: a[1], e: a[2], f: a[3], st: D.claim_statuses[a[4]], fl: a[5], at: a[6], h: a[7] === 1};
  });
  D.rewrites.forEach(function (r) {
    r.rows = r.rows.map(function (a) { return {k: a[0], a: a[1], b: a[2], ops: a[3]}; });
  });
  var PAGE = 100;
  var query = '';
  var limits = {facts: PAGE, entities: PAGE, reports: PAGE, rewrites: 60, timeline: 200, quotes: PAGE, conflicts: 50};

  function h(tag, props) {
    var el = document.createElement(tag);
    if (props) {
      for (var key in props) {
        var value = props[key];
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') el.className = value;
        else if (key === 'text') el.textContent = value;
        else if (key === 'on') { for (var ev in value) el.addEventListener(ev, value[ev]); }
        else el.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { if (c !== null && c !== undefined) el.append(c); });
      else el.append(child);
    }
    return el;
  }
  function $(id) { return document.getElementById(id); }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
  function label(s) { return String(s).replace(/_/g, ' '); }

  // Offsets in the report are Python string indices (code points); JavaScript strings count UTF-16 units.
  var unitCache = new Map();
  function units(di) {
    if (unitCache.has(di)) return unitCache.get(di);
    var text = D.docs[di].text, map = null;
    if (/[\uD800-\uDFFF]/.test(text)) {
      map = []; var u = 0;
      for (var ch of text) { map.push(u); u += ch.length; }
      map.push(u);
    }
    unitCache.set(di, map);
    return map;
  }
  function toUnit(di, i) {
    var map = units(di);
    if (!map) return Math.max(0, Math.min(i, D.docs[di].text.length));
    return map[Math.max(0, Math.min(i, map.length - 1))];
  }
  function slice(di, s, e) { return di < 0 ? '' : D.docs[di].text.slice(toUnit(di, s), toUnit(di, e)); }
  function claimText(ci) { var c = D.claims[ci]; return c ? slice(c.d, c.s, c.e) : ''; }
  function docName(di) {
    var d = D.docs[di];
    if (!d) return 'unknown report';
    var name = d.title || d.id;
    return d.outlet ? d.outlet + ' — ' + name : name;
  }
  function swatch(di) {
    var d = D.docs[di];
    return h('span', {class: 'swatch ' + (d && d.colour >= 0 ? 'fam-' + (d.colour % 12) : 'fam-none'), 'aria-hidden': 'true'});
  }
  function badge(kind, text) { return h('span', {class: 'badge ' + kind, text: text || label(kind)}); }

  var byDoc = null;
  function spansByDoc() {
    if (byDoc) return byDoc;
    byDoc = D.docs.map(function () { return {claims: [], quotes: []}; });
    D.claims.forEach(function (c, i) { if (c.d >= 0) byDoc[c.d].claims.push(i); });
    D.quotes.forEach(function (q, i) { if (q.d >= 0) byDoc[q.d].quotes.push(i); });
    return byDoc;
  }

  // One report's text with claims coloured by status, fabricated quotes marked and boilerplate greyed.
  function docText(di, opts) {
    opts = opts || {};
    var d = D.docs[di], text = d.text, spans = spansByDoc()[di];
    var hl = opts.claims || new Set();
    var cuts = new Set([0, text.length]);
    var claimSpans = spans.claims.map(function (i) { var c = D.claims[i]; return [toUnit(di, c.s), toUnit(di, c.e), i]; });
    var fabricated = spans.quotes.filter(function (i) { return D.quotes[i].st === 'fabricated'; })
      .map(function (i) { var q = D.quotes[i]; return [toUnit(di, q.s), toUnit(di, q.e), i]; });
    var removed = d.removed.map(function (r) { return [toUnit(di, r[0]), toUnit(di, r[1]), r[2]]; });
    var focus = opts.range ? [[toUnit(di, opts.range[0]), toUnit(di, opts.range[1]), 0]] : [];
    [claimSpans, fabricated, removed, focus].forEach(function (list) {
      list.forEach(function (sp) { cuts.add(Math.max(0, Math.min(sp[0], text.length))); cuts.add(Math.max(0, Math.min(sp[1], text.length))); });
    });
    var points = Array.from(cuts).sort(function (a, b) { return a - b; });
    function covering(list, a, b) {
      var best = null;
      for (var k = 0; k < list.length; k++) {
        var sp = list[k];
        if (sp[0] <= a && sp[1] >= b && (best === null || sp[1] - sp[0] < best[1] - best[0])) best = sp;
      }
      return best;
    }
    var pre = h('div', {class: 'doc-text', 'data-doc': di});
    for (var p = 0; p + 1 < points.length; p++) {
      var a = points[p], b = points[p + 1];
      if (a >= b) continue;
      var piece = text.slice(a, b);
      var claim = covering(claimSpans, a, b), quote = covering(fabricated, a, b), cut = covering(removed, a, b);
      var inFocus = covering(focus, a, b);
      if (!claim && !quote && !cut && !inFocus) { pre.append(piece); continue; }
      var cls = [], title = [];
      var span = h('span', null, piece);
      if (claim) {
        var c = D.claims[claim[2]];
        cls.push('claim', 'st-' + c.st);
        span.setAttribute('data-claim', claim[2]);
        title.push(label(c.st) + (c.fl.length ? ' (' + c.fl.map(label).join(', ') + ')' : '') + (c.at ? ' — ' + c.at : ''));
        if (hl.has(claim[2])) cls.push('hl');
      }
      if (quote) { cls.push('q-fabricated'); title.push('fabricated quote'); }
      if (cut) { cls.push('removed'); title.push('removed: ' + label(cut[2])); }
      if (inFocus) cls.push('claim', 'hl');
      span.className = cls.join(' ');
      span.title = title.join('; ');
      pre.append(span);
    }
    return pre;
  }

  function scrollToHighlight(box) {
    var mark = box.querySelector('.hl');
    if (!mark) return;
    if (box.classList.contains('scroll')) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
    else mark.scrollIntoView({block: 'center'});
  }

  // ---- search -------------------------------------------------------------------------------------
  var searchCache = new Map();
  function haystack(key, make) {
    if (!searchCache.has(key)) searchCache.set(key, make().toLowerCase());
    return searchCache.get(key);
  }
  function matches(key, make) { return !query || haystack(key, make).indexOf(query) >= 0; }
  function factMatches(i) {
    return matches('f' + i, function () {
      var f = D.facts[i];
      return [f.sum, f.st].concat(f.c.map(claimText), f.d.map(docName)).join('\n');
    });
  }
  function statusLine(shown, total, noun) {
    if (!total) return h('p', {class: 'empty', text: 'No ' + noun + ' found.'});
    if (shown === total && !query) return null;
    return h('p', {class: 'status-line', text: (query ? shown + ' of ' + total + ' ' + noun + ' match the search.' : '')});
  }
  function moreButton(key, remaining, render) {
    if (remaining <= 0) return null;
    return h('button', {type: 'button', class: 'more-button', on: {click: function () { limits[key] += key === 'facts' ? 200 : limits[key]; render(); }}},
      'Show ' + Math.min(remaining, key === 'facts' ? 200 : limits[key]) + ' more (' + remaining + ' left)');
  }

  // ---- facts --------------------------------------------------------------------------------------
  function evidence(fi) {
    var f = D.facts[fi], groups = new Map();
    f.c.forEach(function (ci) {
      var d = D.claims[ci].d;
      if (!groups.has(d)) groups.set(d, []);
      groups.get(d).push(ci);
    });
    var box = h('div', {class: 'evidence'});
    var entries = Array.from(groups.entries());
    var first = entries.slice(0, 12);
    function card(entry) {
      var di = entry[0], cis = entry[1], c = D.claims[cis[0]];
      var head = h('div', {class: 'card-head'}, swatch(di), h('b', {text: docName(di)}),
        c.at ? h('span', null, ' · according to ', h('i', {text: c.at})) : null,
        c.h ? h('span', null, ' · ', badge('kind', 'hedged')) : null,
        c.fl.length ? h('span', null, ' ', c.fl.map(function (fl) { return badge(fl); })) : null);
      var scroll = h('div', {class: 'scroll'}, docText(di, {claims: new Set(cis)}));
      return h('div', {class: 'card', 'data-doc': di}, head, scroll);
    }
    first.forEach(function (entry) { box.append(card(entry)); });
    if (entries.length > first.length) {
      var rest = entries.slice(first.length);
      var button = h('button', {type: 'button', on: {click: function () {
        button.remove();
        rest.forEach(function (entry) { box.append(card(entry)); });
        box.querySelectorAll('.scroll').forEach(scrollToHighlight);
      }}}, 'Show all ' + entries.length + ' reports');
      box.append(button);
    }
    return box;
  }
  function toggleFact(li, force) {
    var fi = Number(li.getAttribute('data-fact'));
    var head = li.querySelector('.fact-head');
    var open = force !== undefined ? force : !li.classList.contains('open');
    var existing = li.querySelector('.evidence');
    if (!open) {
      li.classList.remove('open');
      head.setAttribute('aria-expanded', 'false');
      if (existing) existing.remove();
      return;
    }
    li.classList.add('open');
    head.setAttribute('aria-expanded', 'true');
    if (!existing) {
      var ev = evidence(fi);
      li.append(ev);
      ev.querySelectorAll('.scroll').forEach(scrollToHighlight);
    }
  }
  function factItem(fi) {
    var f = D.facts[fi];
    var head = h('div', {class: 'fact-head', role: 'button', tabindex: '0', 'aria-expanded': 'false',
      on: {click: function () { toggleFact(li); }}},
      h('div', {class: 'support'}, h('b', {text: String(f.n)}), h('small', {text: f.n === 1 ? 'independent source' : 'independent sources'})),
      h('div', null, badge(f.st), ' ', h('span', {class: 'summary', text: f.sum}),
        h('div', {class: 'meta', text: f.d.length + (f.d.length === 1 ? ' report, ' : ' reports, ') + f.c.length + (f.c.length === 1 ? ' sentence' : ' sentences')})));
    var li = h('li', {class: 'fact', 'data-fact': fi, id: 'fact-' + fi}, head);
    return li;
  }
  function renderFacts() {
    var list = clear($('fact-list')), more = clear($('fact-more'));
    var hits = [];
    for (var i = 0; i < D.facts.length; i++) if (factMatches(i)) hits.push(i);
    var frag = document.createDocumentFragment();
    hits.slice(0, limits.facts).forEach(function (fi) { frag.append(factItem(fi)); });
    list.append(frag);
    more.append(statusLine(Math.min(hits.length, limits.facts), hits.length, 'facts') || '',
      moreButton('facts', hits.length - limits.facts, renderFacts) || '');
  }

  // ---- reader dialog ------------------------------------------------------------------------------
  function openReader(title, body) {
    var dialog = $('reader');
    $('reader-title').textContent = title;
    clear($('reader-body')).append(body);
    if (!dialog.open) dialog.showModal();
    scrollToHighlight($('reader-body'));
    var mark = $('reader-body').querySelector('.hl');
    if (mark) mark.scrollIntoView({block: 'center'});
  }
  function readClaim(ci) {
    var c = D.claims[ci];
    if (!c || c.d < 0) return;
    var parts = [reportMeta(c.d), docText(c.d, {claims: new Set([ci])})];
    if (c.f >= 0) {
      var f = D.facts[c.f];
      parts.unshift(h('p', {class: 'report-meta'}, 'Fact: ', badge(f.st), ' ', f.sum, ' — ', String(f.n),
        f.n === 1 ? ' independent source ' : ' independent sources ',
        h('button', {type: 'button', class: 'link', on: {click: function () { $('reader').close(); showFact(c.f); }}}, 'show every source sentence')));
    }
    openReader(docName(c.d), h('div', null, parts));
  }
  function readDoc(di, range) {
    openReader(docName(di), h('div', null, reportMeta(di), docText(di, {range: range})));
  }
  function showFact(fi) {
    if (!factMatches(fi)) { $('search').value = ''; setQuery(''); }
    var li = $('fact-' + fi);
    while (!li && limits.facts < D.facts.length) { limits.facts += 200; renderFacts(); li = $('fact-' + fi); }
    if (!li) return;
    toggleFact(li, true);
    li.scrollIntoView({block: 'start'});
    li.querySelector('.fact-head').focus({preventScroll: true});
  }
  function cite(ci, text) {
    var c = D.claims[ci];
    if (!c) return null;
    return h('button', {type: 'button', class: 'link', title: 'Show the sentence in its report', on: {click: function () { readClaim(ci); }}}, text || docName(c.d));
  }

  // ---- conflicts ----------------------------------------------------------------------------------
  function marked(text, value) {
    var at = value ? text.toLowerCase().indexOf(String(value).toLowerCase()) : -1;
    if (at < 0) return [text];
    return [text.slice(0, at), h('mark', {class: 'val', text: text.slice(at, at + value.length)}), text.slice(at + value.length)];
  }
  function side(ci, value) {
    var c = D.claims[ci];
    return h('div', {class: 'side'}, h('div', {class: 'value', text: value}),
      c ? h('q', null, marked(claimText(ci), value)) : null,
      c ? h('div', {class: 'cite'}, swatch(c.d), cite(ci)) : null);
  }
  function renderConflicts() {
    var box = clear($('conflict-list'));
    var hits = D.conflicts.filter(function (x, i) {
      return matches('c' + i, function () { return [x.kind, x.va, x.vb, x.ex, claimText(x.a), claimText(x.b), D.claims[x.a] ? docName(D.claims[x.a].d) : '', D.claims[x.b] ? docName(D.claims[x.b].d) : ''].join('\n'); });
    });
    box.append(statusLine(Math.min(hits.length, limits.conflicts), hits.length, 'conflicts') || '');
    hits.slice(0, limits.conflicts).forEach(function (x) {
      box.append(h('div', {class: 'conflict-card', 'data-conflict': x.id},
        h('div', null, badge('conflict', label(x.kind)), ' ', h('span', {text: x.ex})),
        x.by >= 0 ? h('div', {class: 'cite'}, 'Introduced by the rewrite ', h('b', {text: docName(x.by)})) : null,
        h('div', {class: 'sides'}, side(x.a, x.va), side(x.b, x.vb))));
    });
    box.append(moreButton('conflicts', hits.length - limits.conflicts, renderConflicts) || '');
  }

  // ---- rewrites -----------------------------------------------------------------------------------
  var currentRewrite = -1;
  function rewriteName(r) { return D.docs[r.a].id + ' → ' + D.docs[r.b].id + ' (' + label(r.kind) + ' ' + r.score.toFixed(2) + ')'; }
  function diffCell(row, sideKey) {
    var td = h('td', {class: sideKey});
    if (row.k === 'changed') {
      row.ops.forEach(function (op) {
        if (op[0] === '=') td.append(op[1]);
        else if (op[0] === '-' && sideKey === 'a') td.append(h('del', {text: op[1]}));
        else if (op[0] === '+' && sideKey === 'b') td.append(h('ins', {text: op[1]}));
        else if (op[0] === '~') td.append(sideKey === 'a' ? h('del', {text: op[1]}) : h('ins', {text: op[2]}));
      });
      return td;
    }
    var ci = sideKey === 'a' ? row.a : row.b;
    if (ci < 0) { td.append(h('span', {class: 'tag', text: row.k === 'added' ? 'no counterpart in the origin' : 'dropped by the rewrite'})); return td; }
    td.append(claimText(ci));
    return td;
  }
  function showRewrite(index) {
    currentRewrite = index;
    document.querySelectorAll('.rewrite-pick button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-rewrite')) === index));
    });
    var view = clear($('rewrite-view'));
    var r = D.rewrites[index];
    if (!r) return;
    var counts = {same: 0, changed: 0, dropped: 0, added: 0};
    r.rows.forEach(function (row) { counts[row.k] += 1; });
    var body = h('tbody');
    r.rows.forEach(function (row) {
      var tr = h('tr', {class: row.k}, diffCell(row, 'a'), diffCell(row, 'b'));
      tr.firstChild.prepend(h('span', {class: 'tag', text: label(row.k)}));
      body.append(tr);
    });
    view.append(
      h('p', null, h('b', {text: rewriteName(r)}), ' — ', (counts.same + counts.changed) + ' claims aligned (' + counts.changed + ' changed), ' +
        counts.dropped + ' dropped, ' + counts.added + ' added.'),
      r.rows.length ? h('table', {class: 'diff'}, h('thead', null, h('tr', null,
        h('th', null, swatch(r.a), 'Origin: ' + docName(r.a)), h('th', null, swatch(r.b), 'Rewrite: ' + docName(r.b)))), body)
        : h('p', {class: 'empty', text: 'Neither report has claims to align.'}));
  }
  function renderRewrites() {
    var box = clear($('rewrite-list'));
    var hits = [];
    D.rewrites.forEach(function (r, i) {
      if (matches('r' + i, function () { return [rewriteName(r), docName(r.a), docName(r.b)].join('\n'); })) hits.push(i);
    });
    if (!D.rewrites.length) { box.append(h('p', {class: 'empty', text: 'No provenance links: every report stands alone.'})); return; }
    var pick = h('div', {class: 'rewrite-pick', role: 'group', 'aria-label': 'Provenance links'});
    hits.slice(0, limits.rewrites).forEach(function (i) {
      pick.append(h('button', {type: 'button', 'data-rewrite': i, 'aria-pressed': String(i === currentRewrite),
        on: {click: function () { showRewrite(i); }}}, rewriteName(D.rewrites[i])));
    });
    box.append(statusLine(Math.min(hits.length, limits.rewrites), hits.length, 'links') || '', pick,
      moreButton('rewrites', hits.length - limits.rewrites, renderRewrites) || '');
  }

  // ---- timeline, quotes, entities, sources --------------------------------------------------------
  function renderTimeline() {
    var box = clear($('timeline-list'));
    var hits = D.timeline.filter(function (t, i) {
      return matches('t' + i, function () { return [t.when, t.iso, t.text].concat(t.c.map(claimText)).join('\n'); });
    });
    box.append(statusLine(Math.min(hits.length, limits.timeline), hits.length, 'dated events') || '');
    if (!hits.length) return;
    var body = h('tbody');
    hits.slice(0, limits.timeline).forEach(function (t) {
      body.append(h('tr', {class: 'tl-row' + (t.x ? ' conflicting' : '')},
        h('td', {class: 'tl-when'}, h('time', {datetime: t.iso, text: t.when}), t.x ? h('div', null, badge('conflict', 'conflicting times')) : null),
        h('td', {text: t.text}),
        h('td', {class: 'cite'}, t.c.map(function (ci, k) { return [k ? ', ' : '', cite(ci)]; }).flat())));
    });
    box.append(h('table', null, h('thead', null, h('tr', null, h('th', {text: 'When'}), h('th', {text: 'What'}), h('th', {text: 'Sources'}))), body),
      moreButton('timeline', hits.length - limits.timeline, renderTimeline) || '');
  }
  function renderQuotes() {
    var box = clear($('quote-list'));
    var hits = D.quotes.filter(function (q, i) {
      return matches('q' + i, function () { return [slice(q.d, q.s, q.e), q.sp || '', q.st, q.d >= 0 ? docName(q.d) : ''].join('\n'); });
    });
    box.append(statusLine(Math.min(hits.length, limits.quotes), hits.length, 'quotes') || '');
    if (!hits.length) return;
    var body = h('tbody');
    hits.slice(0, limits.quotes).forEach(function (q) {
      body.append(h('tr', {class: 'quote'},
        h('td', null, badge(q.st)),
        h('td', null, h('q', {text: slice(q.d, q.s, q.e)})),
        h('td', {text: q.sp || '—'}),
        h('td', {class: 'cite'}, q.d >= 0 ? h('button', {type: 'button', class: 'link', on: {click: function () { readDoc(q.d, [q.s, q.e]); }}}, docName(q.d)) : '—'),
        h('td', {class: 'num', text: String(q.m.length)})));
    });
    box.append(h('table', null, h('thead', null, h('tr', null, h('th', {text: 'Status'}), h('th', {text: 'Quote'}), h('th', {text: 'Speaker'}),
      h('th', {text: 'Report'}), h('th', {class: 'num', text: 'Same words elsewhere'}))), body),
      moreButton('quotes', hits.length - limits.quotes, renderQuotes) || '');
  }
  function renderEntities() {
    var box = clear($('entity-list'));
    var hits = D.entities.filter(function (e, i) {
      return matches('e' + i, function () { return [e.name, e.type].concat(e.v).join('\n'); });
    });
    box.append(statusLine(Math.min(hits.length, limits.entities), hits.length, 'entities') || '');
    if (!hits.length) return;
    var body = h('tbody');
    hits.slice(0, limits.entities).forEach(function (e) {
      var variants = e.v.filter(function (v) { return v !== e.name; });
      body.append(h('tr', null, h('td', null, h('b', {text: e.name})), h('td', {text: label(e.type)}),
        h('td', {text: variants.length ? variants.join(' · ') : '—'}), h('td', {class: 'num', text: String(e.n)}), h('td', {class: 'num', text: String(e.docs)})));
    });
    box.append(h('table', null, h('thead', null, h('tr', null, h('th', {text: 'Name'}), h('th', {text: 'Type'}), h('th', {text: 'Also written'}),
      h('th', {class: 'num', text: 'Mentions'}), h('th', {class: 'num', text: 'Reports'}))), body),
      moreButton('entities', hits.length - limits.entities, renderEntities) || '');
  }
  function renderSources() {
    var box = clear($('source-list'));
    if (!D.sources.length) { $('sources').hidden = true; return; }
    var cols = ['claims', 'corroborated', 'single_source', 'mutations', 'embellishments', 'fabricated_quotes', 'altered_quotes'];
    var body = h('tbody');
    D.sources.forEach(function (s) {
      body.append(h('tr', null, h('td', {text: s.id}), h('td', {text: label(s.kind)}),
        cols.map(function (c) { return h('td', {class: 'num', text: String(s[c])}); })));
    });
    box.append(h('table', null, h('thead', null, h('tr', null, h('th', {text: 'Source'}), h('th', {text: 'Kind'}),
      cols.map(function (c) { return h('th', {class: 'num', text: label(c)}); }))), body));
  }

  // ---- reports: each text view is built only when opened ------------------------------------------
  function reportMeta(di) {
    var d = D.docs[di];
    var link = d.href && /^https?:\/\//i.test(d.href)
      ? h('a', {href: d.href, rel: 'noopener noreferrer nofollow', target: '_blank', text: d.url})
      : (d.url ? h('span', {text: d.url}) : null);
    var fam = D.families[d.family] || [di];
    return h('div', {class: 'report-meta'},
      'id ', h('code', {text: d.id}),
      d.published ? [' · published ', h('time', {text: d.published})] : null,
      link ? [' · ', link] : null,
      d.cites.length ? [' · cites ', d.cites.join(', ')] : null,
      fam.length > 1 ? [' · one source with ', fam.filter(function (x) { return x !== di; }).map(function (x) { return D.docs[x].id; }).join(', ')] : ' · independent',
      d.removed.length ? ' · ' + d.removed.length + ' boilerplate span' + (d.removed.length === 1 ? '' : 's') + ' removed' : null);
  }
  function renderReports() {
    var box = clear($('report-list'));
    var hits = [];
    D.docs.forEach(function (d, i) {
      if (matches('d' + i, function () { return [d.id, d.title || '', d.outlet || '', d.text].join('\n'); })) hits.push(i);
    });
    box.append(statusLine(Math.min(hits.length, limits.reports), hits.length, 'reports') || '');
    var frag = document.createDocumentFragment();
    hits.slice(0, limits.reports).forEach(function (di) {
      var d = D.docs[di];
      var n = spansByDoc()[di].claims.length;
      var details = h('details', {class: 'report', id: 'report-' + di, 'data-doc': di},
        h('summary', null, swatch(di), h('b', {text: docName(di)}), h('span', {class: 'cite', text: ' · ' + n + (n === 1 ? ' claim' : ' claims') + (d.published ? ' · ' + d.published : '')})));
      details.addEventListener('toggle', function () {
        if (details.open && !details.querySelector('.doc-text')) details.append(reportMeta(di), docText(di));
      });
      frag.append(details);
    });
    box.append(frag, moreButton('reports', hits.length - limits.reports, renderReports) || '');
  }

  function renderProblems() {
    if (!D.problems.length) return;
    $('problems').hidden = false;
    D.problems.forEach(function (p) { $('problem-list').append(h('li', {text: p})); });
  }

  function renderAll() {
    renderFacts(); renderConflicts(); renderRewrites(); renderTimeline(); renderQuotes(); renderEntities(); renderReports();
  }
  var pending = null;
  function setQuery(value) {
    query = value.trim().toLowerCase();
    limits.facts = PAGE; limits.reports = PAGE;
    renderAll();
  }

  // ---- interaction --------------------------------------------------------------------------------
  $('search').addEventListener('input', function (event) {
    clearTimeout(pending);
    var value = event.target.value;
    pending = setTimeout(function () { setQuery(value); }, 120);
  });
  $('reader-close').addEventListener('click', function () { $('reader').close(); });
  $('help-close').addEventListener('click', function () { $('help').close(); });
  $('help-button').addEventListener('click', function () { $('help').showModal(); });
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var node = target.closest('.graph .node[data-doc]');
    if (node) { readDoc(Number(node.getAttribute('data-doc'))); return; }
    var edge = target.closest('.graph .edge[data-edge]');
    if (edge) {
      var number = Number(edge.getAttribute('data-edge'));
      var index = D.rewrites.findIndex(function (r) { return r.edge === number; });
      if (index >= 0) { showRewrite(index); $('rewrites').scrollIntoView({block: 'start'}); }
      return;
    }
    var claim = target.closest('.doc-text .claim[data-claim]');
    if (claim && !target.closest('.fact')) readClaim(Number(claim.getAttribute('data-claim')));
  });
  var pendingG = false;
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
    if (typing) {
      if (event.key === 'Escape' && target.id === 'search') { target.value = ''; setQuery(''); target.blur(); }
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && target instanceof Element && target.getAttribute('role') === 'button' && target.tagName !== 'BUTTON') {
      event.preventDefault();
      target.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (pendingG) {
      pendingG = false;
      var go = {f: 'facts', c: 'conflicts', p: 'provenance', r: 'reports', t: 'timeline', q: 'quotes', e: 'entities', w: 'rewrites'}[event.key];
      if (go) { event.preventDefault(); $(go).scrollIntoView({block: 'start'}); }
      return;
    }
    if (event.key === 'g') { pendingG = true; return; }
    if (event.key === '/') { event.preventDefault(); $('search').focus(); return; }
    if (event.key === '?') { event.preventDefault(); $('help').showModal(); return; }
    if (event.key === 'j' || event.key === 'k') {
      var heads = Array.from(document.querySelectorAll('#fact-list .fact-head'));
      if (!heads.length) return;
      var at = heads.indexOf(document.activeElement);
      var next = event.key === 'j' ? (at < 0 ? 0 : Math.min(at + 1, heads.length - 1)) : (at < 0 ? 0 : Math.max(at - 1, 0));
      event.preventDefault();
      heads[next].focus();
      heads[next].scrollIntoView({block: 'nearest'});
    }
  });
  window.addEventListener('beforeprint', function () {
    // A printout has no "show more" button: print every fact that matches.
    if (limits.facts < D.facts.length) { limits.facts = D.facts.length; renderFacts(); }
  });

  renderAll();
  renderSources();
  renderProblems();
  document.documentElement.setAttribute('data-ready', 'true');
})();
