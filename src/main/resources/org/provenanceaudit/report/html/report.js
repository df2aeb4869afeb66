(function () {
  'use strict';
  // Builds the findings table from the embedded data. Data only ever reaches the page through
  // textContent, attribute setters and option values: never as markup.
  var PAGE_SIZE = 100;
  var SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 };
  var FILTERS = { severity: 'severity', rule: 'rule', production: 'production_id',
    vendor: 'vendor_id', change: 'change', 'case': 'case_id' };

  var data = JSON.parse(document.getElementById('findings-data').textContent);
  var rows = data.rows;
  var column = {};
  data.columns.forEach(function (name, i) { column[name] = i; });

  // Cases: positional rows whose indexed fields point into per-field value lists.
  var casesData = JSON.parse(document.getElementById('cases-data').textContent);
  var caseColumn = {};
  casesData.columns.forEach(function (name, i) { caseColumn[name] = i; });
  var caseBody = document.getElementById('cases-body');
  var caseCount = document.getElementById('case-count');
  var casePageInfo = document.getElementById('case-page-info');
  var casePrev = document.getElementById('case-page-prev');
  var caseNext = document.getElementById('case-page-next');
  var hasChange = !!document.getElementById('filter-change');
  var caseMatched = [];

  var section = document.getElementById('findings');
  var body = document.getElementById('findings-body');
  var rowCount = document.getElementById('row-count');
  var rowTotal = document.getElementById('row-total');
  var pageInfo = document.getElementById('page-info');
  var prev = document.getElementById('page-prev');
  var next = document.getElementById('page-next');
  var headers = Array.prototype.slice.call(
    document.querySelectorAll('#findings-table th[data-col]'));
  var controls = {};
  Array.prototype.forEach.call(document.querySelectorAll('#filters [data-param]'), function (el) {
    controls[el.getAttribute('data-param')] = el;
  });

  var state = readHash();
  var lastHash = location.hash;
  var matched = [];
  var opened = new Set();
  var haystacks = null;

  function value(row, name) {
    var i = column[name];
    var v = i === undefined ? null : row[i];
    return v === null || v === undefined ? '' : v;
  }

  function text(v) {
    return Array.isArray(v) ? v.join(', ') : String(v);
  }

  // Characters that hide or reorder text (controls, format characters such as U+202E, line and
  // paragraph separators, lone surrogates, spaces other than U+0020) are shown as a styled
  // U+XXXX mark, so free text cannot make a cell read as something else. Layout (tab, newline) stays.
  var HIDDEN = /(?![\t\n\r ])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Zs}]/gu;

  function show(element, s) {
    element.textContent = '';
    var last = 0;
    s.replace(HIDDEN, function (ch, at) {
      element.appendChild(document.createTextNode(s.slice(last, at)));
      var mark = document.createElement('span');
      mark.className = 'hidden-char';
      mark.textContent = 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
      element.appendChild(mark);
      last = at + ch.length;
      return ch;
    });
    element.appendChild(document.createTextNode(s.slice(last)));
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    var s = {
      q: params.get('q') || '',
      sort: params.get('sort') || '',
      page: Math.max(1, parseInt(params.get('page'), 10) || 1),
      cpage: Math.max(1, parseInt(params.get('cpage'), 10) || 1),
      open: params.get('open') || ''
    };
    Object.keys(FILTERS).forEach(function (f) { s[f] = params.get(f) || ''; });
    return s;
  }

  function writeHash() {
    var params = new URLSearchParams();
    Object.keys(FILTERS).forEach(function (f) { if (state[f]) { params.set(f, state[f]); } });
    if (state.q) { params.set('q', state.q); }
    if (state.sort) { params.set('sort', state.sort); }
    if (state.page > 1) { params.set('page', String(state.page)); }
    if (state.cpage > 1) { params.set('cpage', String(state.cpage)); }
    if (state.open) { params.set('open', state.open); }
    var hash = params.toString();
    lastHash = hash ? '#' + hash : '';
    try {
      history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
    } catch (e) {
      // Some browsers refuse history changes on file: pages; the view still works.
    }
  }

  function syncControls() {
    Object.keys(controls).forEach(function (param) {
      var el = controls[param];
      var want = state[param] || '';
      if (el.tagName === 'SELECT' && want &&
          !Array.prototype.some.call(el.options, function (o) { return o.value === want; })) {
        var option = document.createElement('option');
        option.value = want;
        option.textContent = want + ' (not in this audit)';
        el.appendChild(option);
      }
      el.value = want;
    });
  }

  function haystack(i) {
    if (haystacks === null) {
      haystacks = rows.map(function (row) {
        return row.map(function (v) { return v === null ? '' : text(v); }).join('\n')
          .toLowerCase();
      });
    }
    return haystacks[i];
  }

  function matches(i) {
    var row = rows[i];
    var change = value(row, 'change');
    if (state.change ? change !== state.change : change === 'resolved') { return false; }
    for (var f in FILTERS) {
      if (f !== 'change' && state[f] && String(value(row, FILTERS[f])) !== state[f]) {
        return false;
      }
    }
    return !state.q || haystack(i).indexOf(state.q.toLowerCase()) >= 0;
  }

  function sortKey(row, name) {
    if (name === 'severity') {
      var rank = SEVERITY_RANK[value(row, 'severity')];
      return rank === undefined ? 9 : rank;
    }
    if (name === 'subject_id') {
      return text(value(row, 'subject_type')) + ' ' + text(value(row, 'subject_id'));
    }
    return text(value(row, name));
  }

  var SEVERITIES = Object.keys(SEVERITY_RANK);

  // How many findings of each case the page carries.
  var shownOfCase = {};
  rows.forEach(function (row) {
    var id = value(row, 'case_id');
    if (id !== '') { shownOfCase[id] = (shownOfCase[id] || 0) + 1; }
  });

  function day(n) {
    return typeof n === 'number' ? new Date(n * 86400000).toISOString().slice(0, 10) : '';
  }

  function caseValue(row, name) {
    var v = row[caseColumn[name]];
    var list = casesData.values[name];
    if (list && typeof v === 'number') { return list[v]; }
    if (name === 'severity' && typeof v === 'number') { return SEVERITIES[v]; }
    if (name === 'first_event_day' || name === 'last_event_day') { return day(v); }
    return v === null || v === undefined ? '' : v;
  }

  function caseMatches(row) {
    var filters = { severity: 'severity', rule: 'rule', production: 'production_id',
      vendor: 'vendor_id', 'case': 'case_id' };
    for (var f in filters) {
      if (state[f] && String(caseValue(row, filters[f])) !== state[f]) { return false; }
    }
    if (!state.q) { return true; }
    var q = state.q.toLowerCase();
    return casesData.columns.some(function (name) {
      return String(caseValue(row, name)).toLowerCase().indexOf(q) >= 0;
    });
  }

  function computeCases() {
    caseMatched = [];
    if (state.change === 'resolved') { return; }
    for (var i = 0; i < casesData.rows.length; i++) {
      if (caseMatches(casesData.rows[i])) { caseMatched.push(i); }
    }
  }

  function caseCell(tr, s, className) {
    var td = document.createElement('td');
    if (className) { td.className = className; }
    show(td, s);
    tr.appendChild(td);
    return td;
  }

  function caseRow(i) {
    var row = casesData.rows[i];
    var tr = document.createElement('tr');
    tr.className = 'case';
    tr.tabIndex = 0;
    var id = String(caseValue(row, 'case_id'));
    tr.setAttribute('data-case-id', id);
    var severity = String(caseValue(row, 'severity'));
    var td = document.createElement('td');
    var span = document.createElement('span');
    span.className = SEVERITY_RANK[severity] === undefined ? 'sev' : 'sev ' + severity;
    span.textContent = severity;
    td.appendChild(span);
    tr.appendChild(td);
    caseCell(tr, String(caseValue(row, 'rule')));
    caseCell(tr, String(caseValue(row, 'production_id')));
    caseCell(tr, String(caseValue(row, 'vendor_id')));
    caseCell(tr, String(caseValue(row, 'tool_id')));
    caseCell(tr, String(caseValue(row, 'asset')));
    var findings = Number(caseValue(row, 'findings'));
    caseCell(tr, String(findings), 'num');
    var first = String(caseValue(row, 'first_event_day'));
    var last = String(caseValue(row, 'last_event_day'));
    caseCell(tr, first === '' ? 'no events' : first === last ? first : first + ' \u2013 ' + last);
    var shown = shownOfCase[id] || 0;
    caseCell(tr, shown === findings ? String(shown) : shown + ' (and ' + (findings - shown) +
      ' more in findings.jsonl)');
    if (hasChange) { caseCell(tr, String(caseValue(row, 'new')), 'num'); }
    caseCell(tr, id);
    return tr;
  }

  function renderCases() {
    var pages = Math.max(1, Math.ceil(caseMatched.length / PAGE_SIZE));
    state.cpage = Math.min(Math.max(1, state.cpage), pages);
    var start = (state.cpage - 1) * PAGE_SIZE;
    var end = Math.min(caseMatched.length, start + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    for (var k = start; k < end; k++) { fragment.appendChild(caseRow(caseMatched[k])); }
    caseBody.textContent = '';
    caseBody.appendChild(fragment);
    caseCount.textContent = String(caseMatched.length);
    casePageInfo.textContent = caseMatched.length === 0 ? 'No case matches these filters.'
      : 'Showing ' + (start + 1) + '\u2013' + end + ', page ' + state.cpage + ' of ' + pages +
        '. Choose a case to list its findings shown here.';
    casePrev.disabled = state.cpage <= 1;
    caseNext.disabled = state.cpage >= pages;
  }

  function computeMatched() {
    computeCases();
    matched = [];
    for (var i = 0; i < rows.length; i++) {
      if (matches(i)) { matched.push(i); }
    }
    var descending = state.sort.charAt(0) === '-';
    var name = descending ? state.sort.slice(1) : state.sort;
    if (name && column[name] !== undefined) {
      var keys = new Map();
      matched.forEach(function (i) { keys.set(i, sortKey(rows[i], name)); });
      matched.sort(function (a, b) {
        var ka = keys.get(a);
        var kb = keys.get(b);
        var order = ka < kb ? -1 : ka > kb ? 1 : 0;
        return (descending ? -order : order) || a - b;
      });
    }
  }

  function scopeTotal() {
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var change = value(rows[i], 'change');
      if (state.change ? change === state.change : change !== 'resolved') { n++; }
    }
    return n;
  }

  function cell(row, name) {
    var td = document.createElement('td');
    if (name === 'severity') {
      var severity = String(value(row, 'severity'));
      var span = document.createElement('span');
      span.className = SEVERITY_RANK[severity] === undefined ? 'sev' : 'sev ' + severity;
      span.textContent = severity;
      td.appendChild(span);
    } else if (name === 'subject_id') {
      show(td, text(value(row, 'subject_type')) + ': ' + text(value(row, 'subject_id')));
    } else {
      show(td, text(value(row, name)));
    }
    return td;
  }

  function findingRow(i) {
    var row = rows[i];
    var tr = document.createElement('tr');
    tr.className = 'finding';
    tr.tabIndex = 0;
    tr.setAttribute('data-index', String(i));
    tr.setAttribute('data-finding-id', text(value(row, 'finding_id')));
    tr.setAttribute('aria-expanded', opened.has(i) ? 'true' : 'false');
    headers.forEach(function (th) { tr.appendChild(cell(row, th.getAttribute('data-col'))); });
    return tr;
  }

  function codes(list) {
    var dd = document.createElement('dd');
    var items = Array.isArray(list) ? list : (list === '' ? [] : [list]);
    if (items.length === 0) {
      dd.textContent = 'none';
    }
    items.forEach(function (item) {
      var code = document.createElement('code');
      show(code, item === null ? '' : String(item));
      dd.appendChild(code);
    });
    return dd;
  }

  function plain(v) {
    var dd = document.createElement('dd');
    show(dd, v === '' ? 'none' : text(v));
    return dd;
  }

  function detailRow(i) {
    var row = rows[i];
    var tr = document.createElement('tr');
    tr.className = 'detail';
    var td = document.createElement('td');
    td.colSpan = headers.length;
    var dl = document.createElement('dl');
    function add(label, dd) {
      var dt = document.createElement('dt');
      dt.textContent = label;
      dl.appendChild(dt);
      dl.appendChild(dd);
    }
    add('Evidence', plain(value(row, 'evidence')));
    add('Remediation', plain(value(row, 'remediation')));
    add('Finding id', codes(value(row, 'finding_id')));
    add('Rule', plain(text(value(row, 'rule')) + ' (principle: ' +
      text(value(row, 'principle')) + ')'));
    add('Subject', plain(text(value(row, 'subject_type')) + ': ' +
      text(value(row, 'subject_id'))));
    add('Talent', codes(value(row, 'talent_id')));
    add('Assets', codes(value(row, 'asset_ids')));
    add('Events', codes(value(row, 'event_ids')));
    add('Disclosures', codes(value(row, 'disclosure_ids')));
    var prompt = value(row, 'prompt_excerpt');
    var promptDd = document.createElement('dd');
    if (prompt === '') {
      promptDd.textContent = 'none';
    } else {
      var pre = document.createElement('pre');
      pre.className = 'prompt';
      show(pre, text(prompt));
      promptDd.appendChild(pre);
    }
    add('Prompt excerpt', promptDd);
    add('Watchlist hits', codes(value(row, 'watchlist_hits')));
    add('Change', plain(value(row, 'change')));
    add('First seen', plain(value(row, 'first_seen')));
    var link = document.createElement('a');
    var params = new URLSearchParams();
    if (value(row, 'change') === 'resolved') { params.set('change', 'resolved'); }
    params.set('q', text(value(row, 'finding_id')));
    params.set('open', text(value(row, 'finding_id')));
    link.href = '#' + params.toString();
    link.textContent = 'Link to this finding';
    var linkDd = document.createElement('dd');
    linkDd.appendChild(link);
    add('Share', linkDd);
    td.appendChild(dl);
    tr.appendChild(td);
    return tr;
  }

  function render() {
    var pages = Math.max(1, Math.ceil(matched.length / PAGE_SIZE));
    state.page = Math.min(Math.max(1, state.page), pages);
    var start = (state.page - 1) * PAGE_SIZE;
    var end = Math.min(matched.length, start + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    for (var k = start; k < end; k++) {
      fragment.appendChild(findingRow(matched[k]));
      if (opened.has(matched[k])) { fragment.appendChild(detailRow(matched[k])); }
    }
    body.textContent = '';
    body.appendChild(fragment);
    rowCount.textContent = String(matched.length);
    rowTotal.textContent = String(scopeTotal());
    pageInfo.textContent = matched.length === 0 ? 'No finding matches these filters.'
      : 'Showing ' + (start + 1) + '\u2013' + end + ', page ' + state.page + ' of ' + pages + '.';
    prev.disabled = state.page <= 1;
    next.disabled = state.page >= pages;
    var descending = state.sort.charAt(0) === '-';
    var sorted = descending ? state.sort.slice(1) : state.sort;
    headers.forEach(function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-col') !== sorted ? 'none'
        : descending ? 'descending' : 'ascending');
    });
  }

  function openFromState() {
    if (!state.open) { return; }
    for (var k = 0; k < matched.length; k++) {
      if (text(value(rows[matched[k]], 'finding_id')) === state.open) {
        opened.add(matched[k]);
        state.page = Math.floor(k / PAGE_SIZE) + 1;
        return;
      }
    }
  }

  function update() {
    computeMatched();
    render();
    renderCases();
    writeHash();
  }

  function chooseCase(tr) {
    state['case'] = tr.getAttribute('data-case-id');
    state.page = 1;
    state.open = '';
    syncControls();
    update();
    document.getElementById('findings-list-heading').scrollIntoView();
  }

  caseBody.addEventListener('click', function (event) {
    var tr = event.target.closest('tr.case');
    if (tr) { chooseCase(tr); }
  });
  caseBody.addEventListener('keydown', function (event) {
    var tr = event.target.closest('tr.case');
    if (tr && event.target === tr && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      chooseCase(tr);
    }
  });
  casePrev.addEventListener('click', function () { state.cpage--; renderCases(); writeHash(); });
  caseNext.addEventListener('click', function () { state.cpage++; renderCases(); writeHash(); });

  function toggle(tr) {
    var i = parseInt(tr.getAttribute('data-index'), 10);
    if (opened.has(i)) {
      opened.delete(i);
      if (tr.nextSibling && tr.nextSibling.className === 'detail') {
        body.removeChild(tr.nextSibling);
      }
      tr.setAttribute('aria-expanded', 'false');
    } else {
      opened.add(i);
      body.insertBefore(detailRow(i), tr.nextSibling);
      tr.setAttribute('aria-expanded', 'true');
    }
  }

  body.addEventListener('click', function (event) {
    var tr = event.target.closest('tr.finding');
    if (tr) { toggle(tr); }
  });
  body.addEventListener('keydown', function (event) {
    var tr = event.target.closest('tr.finding');
    if (tr && event.target === tr && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      toggle(tr);
    }
  });
  Object.keys(controls).forEach(function (param) {
    var el = controls[param];
    var timer = null;
    function changed() {
      state[param] = el.value;
      state.page = 1;
      state.cpage = 1;
      state.open = '';
      update();
    }
    if (el.tagName === 'SELECT') {
      el.addEventListener('change', changed);
    } else {
      el.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(changed, 200);
      });
    }
  });
  document.getElementById('filters').addEventListener('submit', function (event) {
    event.preventDefault();
  });
  document.getElementById('filter-clear').addEventListener('click', function () {
    Object.keys(controls).forEach(function (param) { state[param] = ''; });
    state['case'] = '';
    state.page = 1;
    state.cpage = 1;
    state.open = '';
    syncControls();
    update();
  });
  headers.forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var name = th.getAttribute('data-col');
      state.sort = state.sort === name ? '-' + name : state.sort === '-' + name ? '' : name;
      state.page = 1;
      update();
    });
  });
  prev.addEventListener('click', function () { state.page--; render(); writeHash(); });
  next.addEventListener('click', function () { state.page++; render(); writeHash(); });
  window.addEventListener('hashchange', function () {
    if (location.hash === lastHash) { return; }
    lastHash = location.hash;
    state = readHash();
    opened.clear();
    syncControls();
    computeMatched();
    openFromState();
    render();
    renderCases();
  });

  syncControls();
  computeMatched();
  openFromState();
  render();
  renderCases();
  section.setAttribute('data-ready', 'true');
}());
