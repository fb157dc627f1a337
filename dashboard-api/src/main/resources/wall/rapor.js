/*
 * The rapor (kecamatan scorecard) on the wall: /wall/#/rapor, for the evaluation meeting.
 * A period picker (month, ISO week, day, from-to, in the city's time zone; the last full month
 * by default), a table of the headline figures per kecamatan with the city total, each beside the
 * previous period with its change and rank, sortable by any column, each figure a link to the
 * complaints, alerts or instructions behind it (GET /api/v1/rapor/items), the API's CSV, and a
 * print layout for an A4 handout. It is its own file so the live wall (wall.js) stays as it is:
 * it shares only the page's language (the lang attribute wall.js sets) and the page's query
 * (?city, ?access_token, ?kec). The period lives in the hash (#/rapor?period=2026-11), so a
 * rapor can be bookmarked or sent to a kecamatan head.
 */
(function () {
  'use strict';

  /** The figures of the table, in order; those the API does not list are left out. */
  var COLUMNS = ['complaints_received', 'complaints_resolved', 'verification_met_pct', 'followup_met_pct',
    'resolve_hours_median', 'resolve_hours_p90', 'backlog_start', 'backlog_end', 'alerts_opened',
    'ack_minutes_median', 'alerts_unacknowledged', 'instructions_sent', 'instructions_delivered',
    'ispu_unhealthy_days', 'siaga_hours', 'gateway_uptime_pct', 'data_completeness_pct'];
  var TEXT = {
    id: {
      raporLink: 'Rapor', wallLink: '← Layar', title: 'Rapor Kecamatan', kecamatan: 'Kecamatan', total: 'Total kota',
      kind: 'Periode', month: 'Bulan', week: 'Minggu', day: 'Hari', range: 'Rentang', from: 'dari', to: 'sampai',
      csv: 'Unduh CSV', print: 'Cetak', printed: 'dicetak', previous: 'periode sebelumnya', loading: 'memuat…',
      refused: 'ditolak', failed: 'gagal memuat', items: 'Rincian', close: 'tutup', met: 'memenuhi target',
      notMet: 'lewat target', noItems: 'tidak ada', rank: 'peringkat',
      legend: 'Angka kecil: periode sebelumnya ({p}). ▲▼ perubahan, hijau bila membaik, merah bila memburuk. #: peringkat se-kota. Klik angka untuk rinciannya, klik judul kolom untuk mengurutkan.',
      complaints_received: 'Pengaduan masuk', complaints_resolved: 'Pengaduan selesai',
      verification_met_pct: 'Verifikasi tepat waktu (%)', followup_met_pct: 'Tindak lanjut tepat waktu (%)',
      resolve_hours_median: 'Waktu selesai, median (jam)', resolve_hours_p90: 'Waktu selesai, p90 (jam)',
      backlog_start: 'Tunggakan awal', backlog_end: 'Tunggakan akhir', alerts_opened: 'Peringatan',
      ack_minutes_median: 'Waktu tanggap, median (menit)', alerts_unacknowledged: 'Peringatan tak ditanggapi',
      instructions_sent: 'Instruksi dikirim', instructions_delivered: 'Instruksi diterima',
      ispu_unhealthy_days: 'Hari ISPU tidak sehat', siaga_hours: 'Jam siaga',
      gateway_uptime_pct: 'Gateway aktif (%)', data_completeness_pct: 'Kelengkapan data (%)',
      gateway: 'gateway', sensor: 'sensor', percent: '%', expected: 'bacaan diharapkan',
      hours: 'jam', minutes: 'menit', ispu: 'ISPU', maxCm: 'tinggi maks. (cm)', complaint: 'pengaduan',
      alert: 'peringatan', instruction: 'instruksi', hour: 'jam'
    },
    en: {
      raporLink: 'Scorecard', wallLink: '← Wall', title: 'Kecamatan scorecard', kecamatan: 'Kecamatan', total: 'City total',
      kind: 'Period', month: 'Month', week: 'Week', day: 'Day', range: 'Range', from: 'from', to: 'to',
      csv: 'Download CSV', print: 'Print', printed: 'printed', previous: 'previous period', loading: 'loading…',
      refused: 'refused', failed: 'failed to load', items: 'Items', close: 'close', met: 'met the target',
      notMet: 'missed the target', noItems: 'none', rank: 'rank',
      legend: 'Small figures: the previous period ({p}). ▲▼ change, green when better, red when worse. #: rank across the city. Click a figure for its items, a column header to sort.',
      complaints_received: 'Complaints received', complaints_resolved: 'Complaints resolved',
      verification_met_pct: 'Verified on time (%)', followup_met_pct: 'Followed up on time (%)',
      resolve_hours_median: 'Time to resolve, median (h)', resolve_hours_p90: 'Time to resolve, p90 (h)',
      backlog_start: 'Backlog at start', backlog_end: 'Backlog at end', alerts_opened: 'Alerts opened',
      ack_minutes_median: 'Time to acknowledge, median (min)', alerts_unacknowledged: 'Alerts never acknowledged',
      instructions_sent: 'Instructions sent', instructions_delivered: 'Instructions delivered',
      ispu_unhealthy_days: 'Unhealthy ISPU days', siaga_hours: 'Siaga hours',
      gateway_uptime_pct: 'Gateway uptime (%)', data_completeness_pct: 'Data completeness (%)',
      gateway: 'gateway', sensor: 'sensor', percent: '%', expected: 'readings expected',
      hours: 'hours', minutes: 'minutes', ispu: 'ISPU', maxCm: 'highest (cm)', complaint: 'complaint',
      alert: 'alert', instruction: 'instruction', hour: 'hour'
    }
  };
  var HASH = /^#\/rapor(?:\?(.*))?$/;

  var query = new URLSearchParams(location.search);
  var kec = query.get('kec');
  var token = query.get('access_token');
  var city = null;           // GET /api/v1/city: name, time zone, the token's kecamatan
  var rapor = null;          // the last GET /api/v1/rapor answer shown
  var requested = 0;         // answers to older requests are dropped
  var sort = { key: 'name', dir: 1 };

  function $(id) { return document.getElementById(id); }
  function lang() { return document.documentElement.lang === 'en' ? 'en' : 'id'; }
  function t(key) { return TEXT[lang()][key] || key; }

  /**
   * The page's own scope (city, token, and the kecamatan unless {@code whole}) on a request, as
   * wall.js does. An items link is whole as the API gave it: the city total's names no kecamatan.
   */
  function scoped(path, whole) {
    var q = new URLSearchParams();
    ['city', 'access_token'].forEach(function (k) { if (query.get(k) && path.indexOf(k + '=') < 0) { q.set(k, query.get(k)); } });
    if (kec && !whole && path.indexOf('kecamatan=') < 0) { q.set('kecamatan', kec); }
    var extra = q.toString();
    return extra ? path + (path.indexOf('?') >= 0 ? '&' : '?') + extra : path;
  }
  function get(path, whole) {
    return fetch(scoped(path, whole), { cache: 'no-store' }).then(function (r) {
      if (!r.ok) { var e = new Error(path + ' answered ' + r.status); e.status = r.status; throw e; }
      return r.json();
    });
  }

  // ---- dates in the city's time zone ----
  function today() {
    // en-CA formats as 2026-12-08
    return new Intl.DateTimeFormat('en-CA', { timeZone: city.timezone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
  }
  function addDays(iso, days) {
    var d = new Date(iso + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().substring(0, 10);
  }
  function isoWeek(iso) {
    var d = new Date(iso + 'T00:00:00Z');
    var weekday = (d.getUTCDay() + 6) % 7; // Monday 0
    d.setUTCDate(d.getUTCDate() - weekday + 3); // the week's Thursday names its year
    var year = d.getUTCFullYear();
    var week = Math.ceil(((d - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
    return year + '-W' + (week < 10 ? '0' : '') + week;
  }
  function lastFullMonth() {
    var now = today();
    var y = +now.substring(0, 4);
    var m = +now.substring(5, 7) - 1;
    if (m === 0) { y -= 1; m = 12; }
    return y + '-' + (m < 10 ? '0' : '') + m;
  }

  /** The period asked for in the hash, or the last full month. */
  function periodOf(hash) {
    var m = HASH.exec(hash);
    var p = new URLSearchParams((m && m[1]) || '');
    if (p.get('from') && p.get('to')) { return { kind: 'range', from: p.get('from'), to: p.get('to') }; }
    var period = p.get('period') || lastFullMonth();
    var kind = /W/.test(period) ? 'week' : period.length === 10 ? 'day' : 'month';
    return { kind: kind, period: period };
  }
  function periodQuery(p) {
    return p.kind === 'range' ? 'from=' + encodeURIComponent(p.from) + '&to=' + encodeURIComponent(p.to)
      : 'period=' + encodeURIComponent(p.period);
  }

  // ---- the picker ----
  function showPicker(p) {
    $('rapor-kind').value = p.kind;
    if (p.kind === 'month') { $('rapor-month').value = p.period; }
    if (p.kind === 'week') { $('rapor-week').value = p.period; }
    if (p.kind === 'day') { $('rapor-day').value = p.period; }
    if (p.kind === 'range') { $('rapor-from').value = p.from; $('rapor-to').value = p.to; }
    showInputs(p.kind);
  }
  function showInputs(kind) {
    document.querySelectorAll('#rapor-controls [data-kind]').forEach(function (el) { el.hidden = el.dataset.kind !== kind; });
  }
  /** A period picked: into the hash, which loads it. An input left empty gets its kind's default. */
  function picked() {
    var kind = $('rapor-kind').value;
    var now = today();
    var q;
    if (kind === 'range') {
      var from = $('rapor-from').value || lastFullMonth() + '-01';
      var to = $('rapor-to').value || addDays(now, -1);
      q = 'from=' + from + '&to=' + to;
    } else {
      var value = kind === 'month' ? $('rapor-month').value || lastFullMonth()
        : kind === 'week' ? $('rapor-week').value || isoWeek(addDays(now, -7))
          : $('rapor-day').value || addDays(now, -1);
      q = 'period=' + value;
    }
    location.hash = '#/rapor?' + q;
  }

  // ---- the table ----
  function fmt(v) {
    if (v === null || v === undefined) { return '–'; }
    return Number(v).toLocaleString(lang(), { maximumFractionDigits: 2 });
  }
  function signed(v) { return (v > 0 ? '+' : '') + fmt(v); }

  function definitions() {
    var known = {};
    (rapor.figures || []).forEach(function (f) { known[f.id] = f; });
    return COLUMNS.filter(function (id) { return known[id]; }).map(function (id) { return known[id]; });
  }

  /** better, worse or neutral: the direction of a change against which way the figure is better. */
  function judged(change, better) {
    if (!change || better === 'none') { return 'neutral'; }
    return (change > 0) === (better === 'higher') ? 'better' : 'worse';
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function cell(def, part) {
    var f = (part.figures || {})[def.id] || {};
    var td = el('td', 'fig');
    td.dataset.figure = def.id;
    td.dataset.value = f.value === null || f.value === undefined ? '' : String(f.value);
    var value = el('a', 'value', fmt(f.value));
    value.href = f.items ? scoped(f.items, true) : '#';
    value.dataset.items = f.items || '';
    value.dataset.figure = def.id;
    value.dataset.part = part.name;
    td.appendChild(value);
    var prev = el('span', 'prev', fmt(f.previous));
    prev.title = t('previous');
    td.appendChild(prev);
    if (f.change !== null && f.change !== undefined) {
      var trend = el('span', 'trend ' + judged(f.change, def.better),
        (f.change > 0 ? '▲' : f.change < 0 ? '▼' : '=') + (f.change ? ' ' + signed(f.change) : ''));
      td.appendChild(trend);
    }
    if (f.rank !== null && f.rank !== undefined) {
      var rank = el('span', 'rank', '#' + f.rank);
      rank.title = t('rank');
      td.appendChild(rank);
    }
    return td;
  }

  function row(defs, part, total) {
    var tr = el('tr', total ? 'total' : '');
    tr.dataset.kecamatan = total ? '' : part.slug;
    var name = el('th', 'name', total ? t('total') + (part.name ? ' · ' + part.name : '') : part.name);
    name.scope = 'row';
    tr.appendChild(name);
    defs.forEach(function (d) { tr.appendChild(cell(d, part)); });
    return tr;
  }

  function sorted(parts) {
    var key = sort.key;
    return parts.slice().sort(function (a, b) {
      if (key === 'name') { return sort.dir * a.name.localeCompare(b.name, 'id'); }
      var x = a.figures[key] && a.figures[key].value;
      var y = b.figures[key] && b.figures[key].value;
      var nx = x === null || x === undefined;
      var ny = y === null || y === undefined;
      if (nx || ny) { return nx === ny ? a.name.localeCompare(b.name, 'id') : nx ? 1 : -1; } // nothing to measure: last
      return sort.dir * (x - y) || a.name.localeCompare(b.name, 'id');
    });
  }

  function renderTable() {
    if (!rapor) { return; }
    var defs = definitions();
    var head = el('tr');
    var nameHead = el('th', 'sortable', t('kecamatan'));
    nameHead.dataset.sort = 'name';
    head.appendChild(nameHead);
    defs.forEach(function (d) {
      var th = el('th', 'sortable', t(d.id));
      th.dataset.sort = d.id;
      th.dataset.better = d.better;
      head.appendChild(th);
    });
    head.querySelectorAll('th').forEach(function (th) {
      th.setAttribute('aria-sort', th.dataset.sort === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
      th.tabIndex = 0;
    });
    $('rapor-head').replaceChildren(head);
    $('rapor-body').replaceChildren.apply($('rapor-body'), sorted(rapor.kecamatan || []).map(function (p) {
      return row(defs, p, false);
    }));
    // a kecamatan token gets no city total (it holds the other kecamatan's complaints and alerts)
    if (rapor.total) { $('rapor-foot').replaceChildren(row(defs, rapor.total, true)); } else { $('rapor-foot').replaceChildren(); }
    renderTexts();
  }

  /** The header and everything that names the period or prints the time, in the page's language. */
  function renderTexts() {
    document.querySelectorAll('[data-rapor-i18n]').forEach(function (e) { e.textContent = t(e.dataset.raporI18n); });
    $('rapor-link').textContent = raporShown() ? t('wallLink') : t('raporLink');
    if (!city) { return; }
    var scope = kec || city.kecamatanScope;
    var kecName = scope && rapor && rapor.kecamatan && rapor.kecamatan[0] ? rapor.kecamatan[0].name : scope;
    $('rapor-title').textContent = t('title') + ' · ' + (scope ? t('kecamatan') + ' ' + kecName + ' · ' : '') + city.name;
    if (rapor) {
      var p = rapor.period;
      $('rapor-period-label').textContent = t('kind') + ' ' + p.label + ' (' + day(p.first) + ' – ' + day(p.last) + ')'
        + ' · ' + t('previous') + ' ' + rapor.previous.label;
      $('rapor-legend').textContent = t('legend').replace('{p}', rapor.previous.label);
    }
    printedNow();
  }
  function day(iso) {
    return new Date(iso + 'T00:00:00Z').toLocaleDateString(lang(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  /** The print time, in the city's zone with its label (WIB), whatever the browser's own zone. */
  function printedNow() {
    if (!city) { return; }
    var when = new Date().toLocaleString(lang(), { timeZone: city.timezone, day: 'numeric', month: 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    $('rapor-printed').textContent = t('printed') + ' ' + when + ' ' + (city.timezoneLabel || city.timezone);
  }

  // ---- the items behind a figure ----
  function showItems(link, figure, partName) {
    var panel = $('rapor-items');
    panel.hidden = false;
    panel.dataset.figure = figure;
    $('rapor-items-title').textContent = t(figure) + ' · ' + partName + ' · ' + (rapor ? rapor.period.label : '');
    $('rapor-items-list').replaceChildren(el('li', 'loading', t('loading')));
    if (!link) { $('rapor-items-list').replaceChildren(el('li', '', t('noItems'))); return; }
    get(link, true).then(function (body) {
      if (panel.dataset.figure !== figure) { return; }
      var list = (body.items || []).map(function (item) {
        var li = el('li', item.met === true ? 'met' : item.met === false ? 'missed' : '');
        li.dataset.id = item.id;
        li.appendChild(el('span', 'id', t(body.source) + ' ' + item.id));
        Object.keys(item).filter(function (k) { return k !== 'id'; }).forEach(function (k) {
          var v = item[k];
          var text = k === 'met' ? (v ? '✓ ' + t('met') : '✗ ' + t('notMet'))
            : k === 'hours' || k === 'minutes' ? fmt(v) + ' ' + t(k)
              : t(k) + ' ' + (typeof v === 'number' ? fmt(v) : String(v));
          li.appendChild(el('span', 'detail', text));
        });
        return li;
      });
      $('rapor-items-list').replaceChildren.apply($('rapor-items-list'), list.length ? list : [el('li', '', t('noItems'))]);
      $('rapor-items-count').textContent = String(body.count);
    }).catch(function (e) {
      $('rapor-items-list').replaceChildren(el('li', 'error', t(e.status === 403 ? 'refused' : 'failed') + ' (' + (e.status || '') + ')'));
    });
  }

  // ---- showing the rapor ----
  function raporShown() { return HASH.test(location.hash); }

  function route() {
    var shown = raporShown();
    document.body.classList.toggle('rapor-mode', shown);
    $('rapor').hidden = !shown;
    $('rapor-link').href = shown ? '#/' : '#/rapor';
    renderTexts();
    if (!shown || !city) { return; }
    var p = periodOf(location.hash);
    showPicker(p);
    var q = periodQuery(p);
    $('rapor-csv').href = scoped('/api/v1/rapor?' + q + '&format=csv');
    $('rapor-items').hidden = true; // its items were the previous period's
    $('rapor-status').textContent = t('loading');
    $('rapor').dataset.state = 'loading';
    var mine = ++requested;
    get('/api/v1/rapor?' + q).then(function (body) {
      if (mine !== requested) { return; }
      rapor = body;
      $('rapor-status').textContent = '';
      renderTable();
      $('rapor').dataset.state = 'ready';
      $('rapor').dataset.period = body.period.label;
    }).catch(function (e) {
      if (mine !== requested) { return; }
      $('rapor-status').textContent = t(e.status === 403 || e.status === 401 ? 'refused' : 'failed') + ' (' + (e.status || '') + ')';
      $('rapor').dataset.state = 'failed';
    });
  }

  // ---- events: all wired here, none in the HTML (the content security policy) ----
  $('rapor-kind').addEventListener('change', function () { showInputs($('rapor-kind').value); picked(); });
  ['rapor-month', 'rapor-week', 'rapor-day', 'rapor-from', 'rapor-to'].forEach(function (id) {
    $(id).addEventListener('change', picked);
  });
  $('rapor-head').addEventListener('click', function (e) {
    var th = e.target.closest('th[data-sort]');
    if (!th) { return; }
    var key = th.dataset.sort;
    if (sort.key === key) {
      sort.dir = -sort.dir;
    } else {
      // the best first: descending where higher is better (and for plain counts), ascending where lower is
      sort = { key: key, dir: key === 'name' || th.dataset.better === 'lower' ? 1 : -1 };
    }
    renderTable();
  });
  $('rapor-table').addEventListener('click', function (e) {
    var a = e.target.closest('a.value');
    if (!a) { return; }
    e.preventDefault();
    showItems(a.dataset.items, a.dataset.figure, a.dataset.part);
  });
  $('rapor-controls').addEventListener('submit', function (e) { e.preventDefault(); picked(); });
  $('rapor-items-close').addEventListener('click', function () { $('rapor-items').hidden = true; });
  $('rapor-print').addEventListener('click', function () { window.print(); });
  window.addEventListener('beforeprint', printedNow);
  window.addEventListener('hashchange', route);
  // wall.js switches the language by the page's lang attribute: follow it
  new MutationObserver(function () { renderTable(); renderTexts(); })
    .observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

  function start() {
    get('/api/v1/city').then(function (c) {
      city = c;
      route();
    }).catch(function (e) {
      if (e.status === 400 || e.status === 401 || e.status === 403) {
        $('rapor-status').textContent = t('refused') + ' (' + e.status + ')';
        return;
      }
      setTimeout(start, 5000); // the server may still be starting
    });
  }
  route();
  start();
})();
