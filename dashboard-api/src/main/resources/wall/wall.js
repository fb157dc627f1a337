/*
 * Pantau wall screen. Plain JavaScript, no dependencies, nothing loaded from outside the server.
 * Live through Server-Sent Events (/api/v1/stream), falling back to polling the same views;
 * shows when its data is stale and recovers by itself when the server comes back. It keeps a
 * fixed set of DOM nodes and fixed-size chart data, so it can run for days without growing.
 * /wall/?kec=coblong is one kecamatan's own screen: the server narrows every view to it, and the
 * page shows its detail in place of the map, under a header naming it with a link to the city.
 * /wall/?at=2026-11-20T16:00+07:00 replays the city as it was then (see "replay" below): no SSE,
 * no polling, a banner and a time slider.
 */
(function () {
  'use strict';

  var TEXT = {
    id: {
      subtitle: 'Pusat Komando', readingsPerSecond: 'pembacaan/detik', gatewaysOnline: 'gateway daring',
      openComplaints: 'pengaduan terbuka', activeAlerts: 'peringatan aktif', mapTitle: 'Kecamatan',
      alertsTitle: 'Peringatan', chartsTitle: 'Satu jam terakhir (se-kota)', sevOk: 'normal', sevWatch: 'waspada',
      sevWarning: 'siaga', sevDanger: 'awas', sevNoData: 'tanpa data', sensors: 'Sensor', gateways: 'Gateway',
      complaints: 'Pengaduan terbuka', live: 'langsung', polling: 'memuat berkala', connecting: 'menyambung…',
      stale: 'data tertunda sejak', noAlerts: 'Tidak ada peringatan aktif', acknowledged: 'diketahui',
      since: 'sejak', online: 'daring', offline: 'luring', open: 'terbuka', breaches: 'lewat target',
      ispu: 'ISPU', sensor: 'sensor', metric: 'metrik', value: 'nilai', time: 'waktu', none: 'tidak ada',
      kecamatan: 'Kecamatan', cityWall: 'seluruh kota', chartsTitleKec: 'Satu jam terakhir (kecamatan)',
      refused: 'ditolak', replay: 'REPLAY', replayTitle: 'REPLAY — kota seperti pada', backToLive: 'kembali ke langsung',
      replayRange: 'rentang', kecamatanMean: 'rata-rata kecamatan', replayRefused: 'tidak dapat diputar ulang',
      aqGreen: 'Baik', aqBlue: 'Sedang', aqYellow: 'Tidak Sehat', aqRed: 'Sangat Tidak Sehat', aqBlack: 'Berbahaya',
      completeness: 'kelengkapan data 24 jam', complete: 'lengkap', thinData: 'data kurang', hoursShort: 'jam',
      state: 'keadaan', age: 'umur data', st_ok: 'normal', st_suspect: 'mencurigakan', st_silent: 'senyap',
      st_out_of_range: 'di luar rentang', st_maintenance: 'pemeliharaan'
    },
    en: {
      subtitle: 'Command Center', readingsPerSecond: 'readings/s', gatewaysOnline: 'gateways online',
      openComplaints: 'open complaints', activeAlerts: 'active alerts', mapTitle: 'Kecamatan',
      alertsTitle: 'Alerts', chartsTitle: 'Last hour (city-wide)', sevOk: 'normal', sevWatch: 'watch',
      sevWarning: 'warning', sevDanger: 'danger', sevNoData: 'no data', sensors: 'Sensors', gateways: 'Gateways',
      complaints: 'Open complaints', live: 'live', polling: 'polling', connecting: 'connecting…',
      stale: 'data stale since', noAlerts: 'No active alerts', acknowledged: 'acknowledged',
      since: 'since', online: 'online', offline: 'offline', open: 'open', breaches: 'past target',
      ispu: 'AQI', sensor: 'sensor', metric: 'metric', value: 'value', time: 'time', none: 'none',
      kecamatan: 'Kecamatan', cityWall: 'whole city', chartsTitleKec: 'Last hour (kecamatan)',
      refused: 'refused', replay: 'REPLAY', replayTitle: 'REPLAY — the city as it was on', backToLive: 'back to live',
      replayRange: 'range', kecamatanMean: 'kecamatan mean', replayRefused: 'cannot be replayed',
      aqGreen: 'Good', aqBlue: 'Moderate', aqYellow: 'Unhealthy', aqRed: 'Very Unhealthy', aqBlack: 'Hazardous',
      completeness: 'data completeness 24 h', complete: 'complete', thinData: 'thin data', hoursShort: 'h',
      state: 'state', age: 'data age', st_ok: 'ok', st_suspect: 'suspect', st_silent: 'silent',
      st_out_of_range: 'out of range', st_maintenance: 'maintenance'
    }
  };
  var VIEWS = ['kecamatan', 'complaints', 'air', 'flood', 'ingest', 'alerts'];
  // live only: data quality has no replay (the views of an instant come from history)
  var LIVE_VIEWS = VIEWS.concat(['quality']);
  var CHART_METRICS = (param('metrics') || 'pm25,water_level_cm,traffic_count').split(',');
  var SEVERITY = { watch: 1, warning: 2, danger: 3 };
  // the kecamatan view's tile status (the server judges it: only what needs someone to act raises it)
  var LEVEL = { no_data: -1, normal: 0, watch: 1, warning: 2, danger: 3 };
  var POLL_MS = 5000;
  var CHART_MS = 60000;

  var lang = param('lang') || localStorage.getItem('pantau.lang') || 'id';
  // the city shown, and the screen's token where the API needs one for reading
  // (http.readAccess = token): /wall/?city=bandung&access_token=...
  // /wall/?kec=coblong: one kecamatan's screen; the API narrows what it sends to that kecamatan
  var kec = param('kec');
  var scopeQuery = ['city', 'access_token'].filter(function (k) { return param(k); })
    .map(function (k) { return k + '=' + encodeURIComponent(param(k)); })
    .concat(kec ? ['kecamatan=' + encodeURIComponent(kec)] : []).join('&');
  scopeQuery = scopeQuery ? '?' + scopeQuery : '';
  var views = {};
  var tiles = {};
  var lastData = null;
  var source = null;
  var pollTimer = null;
  var renderQueued = false;
  // every time on the wall is the city's (WIB for Bandung), whatever the browser's time zone
  var zone = null;
  var zoneLabel = '';

  function param(name) { return new URLSearchParams(location.search).get(name); }
  function t(key) { return (TEXT[lang] || TEXT.id)[key] || key; }
  function $(id) { return document.getElementById(id); }
  function api(path, extra) {
    var sep = path.indexOf('?') >= 0 ? '&' : '?';
    var q = scopeQuery ? sep + scopeQuery.substring(1) : '';
    return fetch(path + q + (extra || ''), { cache: 'no-store' }).then(function (r) {
      if (!r.ok) {
        var failed = new Error(path + ' answered ' + r.status);
        failed.status = r.status;
        throw failed;
      }
      return r.json();
    });
  }
  function fmt(v) {
    if (v === null || v === undefined) { return '–'; }
    return Math.abs(v) >= 100 ? Math.round(v).toLocaleString(lang) : (Math.round(v * 10) / 10).toLocaleString(lang);
  }
  function time(iso, seconds) {
    if (!iso) { return '–'; }
    var options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone || undefined };
    if (seconds) { options.second = '2-digit'; }
    return new Date(iso).toLocaleTimeString(lang, options) + (zoneLabel ? ' ' + zoneLabel : '');
  }

  // ---- language ----
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    if (kec) { applyKecamatanLanguage(); }
    if (replay.active) { replay.applyLanguage(); }
    $('lang').textContent = lang === 'id' ? 'EN' : 'ID';
    queueRender();
  }
  $('lang').addEventListener('click', function () {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('pantau.lang', lang);
    applyLanguage();
    loadCharts();
  });

  // ---- the tile map ----
  function buildTiles(city) {
    $('city-name').textContent = city.name;
    var container = $('tiles');
    var maxCol = 0;
    city.kecamatan.forEach(function (k) { if (k.tile) { maxCol = Math.max(maxCol, k.tile[1]); } });
    container.style.setProperty('--cols', String(maxCol + 1 || 8));
    city.kecamatan.forEach(function (k) {
      var el = document.createElement('div');
      el.className = 'tile nodata';
      el.setAttribute('role', 'listitem');
      el.dataset.kecamatan = k.slug;
      if (k.tile) {
        el.style.gridRow = String(k.tile[0] + 1);
        el.style.gridColumn = String(k.tile[1] + 1);
      }
      var name = document.createElement('span');
      name.className = 'name';
      name.textContent = k.name;
      var facts = document.createElement('span');
      facts.className = 'facts';
      var aq = document.createElement('span');
      aq.className = 'aq';
      var cmp = document.createElement('span');
      cmp.className = 'cmp';
      el.appendChild(name);
      el.appendChild(aq);
      el.appendChild(facts);
      el.appendChild(cmp);
      el.addEventListener('click', function () { location.hash = '#/k/' + k.slug; });
      container.appendChild(el);
      tiles[k.slug] = { el: el, facts: facts, aq: aq, cmp: cmp, name: k.name, level: -1 };
    });
  }

  /** A kecamatan's tile: its status as the server judged it, and the facts behind it. */
  function tileStatus(slug) {
    var k = findKecamatan(slug);
    var level = k && LEVEL[k.status] !== undefined ? LEVEL[k.status] : -1;
    // too little data to trust a colour: the tile says so (a hazard still raises it above)
    var thin = !!k && k.status === 'insufficient';
    var facts = thin ? [t('thinData')] : [];
    ((views.flood && views.flood.gauges) || []).forEach(function (g) {
      if (g.kecamatan === slug && g.status !== 'no_data' && g.status !== 'normal') { facts.push(g.label || g.status); }
    });
    var open = views.complaints && views.complaints.openByKecamatan && views.complaints.openByKecamatan[slug];
    var count = 0;
    if (open) { Object.keys(open).forEach(function (c) { count += open[c]; }); }
    if (count > 0) { facts.push(count + ' ' + t('open')); }
    return { level: level, thin: thin, facts: facts.slice(0, 2).join(' · '), air: airOf(slug), completeness: completenessOf(slug) };
  }

  /**
   * The percent of expected readings that arrived, from the quality view: the last 24 complete
   * hours, or while a new sensor has none the hour under way; '' without the quality view or
   * when nothing was expected (no sensor yet).
   */
  function completenessOf(slug) {
    var q = views.quality && (slug ? views.quality.kecamatan && views.quality.kecamatan[slug] : views.quality.total);
    var c = q && q.completeness;
    if (!c) { return ''; }
    var pick = [c.day, c.currentHour].find(function (x) { return x && x.percent !== null && x.percent !== undefined; });
    return pick ? Math.round(pick.percent) + '%' : '';
  }

  /** Seconds as the wall says an age: 45 s, 12 min, 3 h, 2 d. */
  function age(seconds) {
    if (seconds === null || seconds === undefined) { return '–'; }
    if (seconds < 120) { return seconds + ' s'; }
    if (seconds < 7200) { return Math.round(seconds / 60) + ' min'; }
    return seconds < 172800 ? Math.round(seconds / 3600) + ' ' + t('hoursShort') : Math.round(seconds / 86400) + ' d';
  }

  /** ISPU in the regulation's category and colour (P.14/MENLHK/2020), or null without air data. */
  function airOf(slug) {
    var air = views.air && views.air.kecamatan && views.air.kecamatan[slug];
    if (air && air.insufficient) {
      // the tile's facts say "data kurang"; the badge, how many of the hourly means it needs came
      return { text: t('ispu') + ' – · ' + air.hoursWithData + '/' + air.hoursRequired + ' ' + t('hoursShort'), colour: 'thin' };
    }
    if (!air || air.ispu === undefined || air.ispu === null) { return null; }
    var category = lang === 'en' ? (air.categoryEn || air.category) : air.category;
    return { text: t('ispu') + ' ' + air.ispu + ' · ' + category, colour: air.colour || '' };
  }

  function findKecamatan(slug) {
    var list = views.kecamatan && views.kecamatan.kecamatan;
    if (!list) { return null; }
    if (Array.isArray(list)) { return list.find(function (k) { return k.slug === slug; }) || null; }
    return list[slug] || null;
  }

  // ---- rendering ----
  function queueRender() {
    if (!renderQueued) {
      renderQueued = true;
      requestAnimationFrame(function () { renderQueued = false; render(); });
    }
  }

  function render() {
    var ingest = views.ingest;
    if (ingest) {
      $('c-readings').textContent = fmt(ingest.readingsPerSecondLastMinute);
      $('c-gateways').textContent = ingest.gatewaysOnline + ' / ' + (ingest.gatewaysOnline + ingest.gatewaysOffline);
    }
    if (views.complaints) { $('c-complaints').textContent = fmt(views.complaints.open); }
    if (views.alerts) { $('c-alerts').textContent = fmt(views.alerts.activeCount); }
    if (views.quality) { $('c-completeness').textContent = completenessOf(null) || '–'; }
    Object.keys(tiles).forEach(function (slug) {
      var tile = tiles[slug];
      var s = tileStatus(slug);
      var cls = 'tile ' + (s.thin ? 'thin' : s.level < 0 ? 'nodata' : 's' + s.level);
      var cmpText = s.completeness ? t('complete') + ' ' + s.completeness : '';
      if (tile.cmp.textContent !== cmpText) { tile.cmp.textContent = cmpText; }
      if (tile.el.className !== cls) { tile.el.className = cls; }
      if (tile.facts.textContent !== s.facts) { tile.facts.textContent = s.facts; }
      var aqText = s.air ? s.air.text : '';
      var aqClass = 'aq' + (s.air ? ' aq-' + s.air.colour : '');
      if (tile.aq.textContent !== aqText) { tile.aq.textContent = aqText; }
      if (tile.aq.className !== aqClass) { tile.aq.className = aqClass; }
    });
    renderTicker();
    if (!$('detail').hidden) { renderDetail(); }
  }

  // ---- one kecamatan's own screen: /wall/?kec={slug} ----
  var scopeCity = null;

  /** Its detail in place of the map, and a header naming it with a link back to the whole city. */
  function showKecamatanScreen(city) {
    scopeCity = city;
    document.body.classList.add('kec-scope');
    document.querySelector('main').insertBefore($('detail'), $('map-panel'));
    var back = new URLSearchParams(location.search);
    back.delete('kec');
    $('city-wall').href = '/wall/' + (back.toString() ? '?' + back.toString() : '');
    $('city-wall').hidden = false;
    applyKecamatanLanguage();
  }

  function applyKecamatanLanguage() {
    if (!scopeCity || !tiles[kec]) { return; }
    $('city-name').textContent = t('kecamatan') + ' ' + tiles[kec].name;
    $('city-wall').textContent = '← ' + scopeCity.name + ' (' + t('cityWall') + ')';
    $('charts-title').textContent = t('chartsTitleKec');
  }

  /** A screen whose kecamatan or token is refused says so, instead of waiting for data forever. */
  function showRefused(status) {
    $('city-name').textContent = t('kecamatan') + ' ' + kec + ': ' + t('refused') + ' (' + status + ')';
    setConnection('stale');
  }

  function alertTitle(a) { return lang === 'en' ? (a.titleEn || a.title) : a.title; }

  function renderTicker() {
    var list = $('ticker');
    var active = ((views.alerts && views.alerts.active) || []).slice().sort(function (a, b) {
      return (SEVERITY[b.severity] || 0) - (SEVERITY[a.severity] || 0) || (a.openedAt < b.openedAt ? 1 : -1);
    }).slice(0, 12);
    var items = [];
    if (active.length === 0) {
      var empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = t('noAlerts');
      items.push(empty);
    }
    active.forEach(function (a) {
      var li = document.createElement('li');
      li.className = 's' + (SEVERITY[a.severity] || 1) + (a.acknowledged ? ' acknowledged' : '');
      li.dataset.alertId = a.id;
      li.dataset.kecamatan = a.kecamatan || '';
      li.textContent = alertTitle(a);
      var when = document.createElement('span');
      when.className = 'when';
      when.textContent = t('since') + ' ' + time(a.openedAt) + (a.acknowledged ? ' · ' + t('acknowledged') + ' (' + a.acknowledged.by + ')' : '');
      li.appendChild(when);
      items.push(li);
    });
    list.replaceChildren.apply(list, items);
  }

  // ---- live data: SSE first, polling when SSE is not available ----
  function received() {
    lastData = new Date();
    document.body.classList.remove('stale');
  }

  function setConnection(state) {
    var el = $('connection');
    el.dataset.state = state;
    el.textContent = state === 'stale' ? t('stale') + ' ' + (lastData ? time(lastData.toISOString(), true) : '–') : t(state);
    document.body.classList.toggle('stale', state === 'stale');
  }

  // The stream sends each view whole once ({etag, view}), then what changed in it as a delta from
  // the version the screen holds (docs/API.md, "Deltas"): a screen of ~100 KB of views is sent
  // a few hundred bytes a second instead of all of it.
  function connect() {
    if (!window.EventSource) { startPolling(); return; }
    // what this connection was sent, per view: {etag, view}; polling never writes here
    var streamed = {};
    var query = (scopeQuery ? scopeQuery + '&' : '?') + 'deltas=true&views=' + LIVE_VIEWS.join(',');
    source = new EventSource('/api/v1/stream' + query);
    source.onopen = function () { stopPolling(); setConnection('live'); };
    source.onerror = function () {
      // the browser reconnects by itself (retry: 2 s); meanwhile the screen says its data is stale.
      // A reconnected stream sends every view whole again before any delta.
      setConnection('stale');
      startPolling();
    };
    // counted on the badge (data-wholes, data-deltas): what a look at the page tells of its stream
    var badge = $('connection');
    function count(kind) { badge.dataset[kind] = String(Number(badge.dataset[kind] || 0) + 1); }
    function show(name, held) {
      streamed[name] = held;
      views[name] = held.view;
      received();
      if (!pollTimer) { setConnection('live'); }
      queueRender();
    }
    LIVE_VIEWS.forEach(function (name) {
      source.addEventListener(name, function (e) {
        var whole = JSON.parse(e.data);
        count('wholes');
        show(name, { etag: whole.etag, view: whole.view });
      });
      source.addEventListener(name + '.delta', function (e) {
        var delta = JSON.parse(e.data);
        var held = streamed[name];
        if (!held || held.etag !== delta.base) {
          // not the version this delta is from: start again, a new stream sends every view whole
          source.close();
          connect();
          return;
        }
        count('deltas');
        show(name, { etag: delta.etag, view: applyDelta(held.view, delta.patch) });
      });
    });
  }

  // The keyed JSON diff of the stream, as the server's JsonDelta.apply: {"replace": v}; an array
  // of objects by identity {"by", "items", "order"}; else an object's {"keys", "removed"}.
  // Changes the value in place where it can (the screen holds no other reference to it).
  function applyDelta(old, patch) {
    if (Object.prototype.hasOwnProperty.call(patch, 'replace')) { return patch.replace; }
    if (Object.prototype.hasOwnProperty.call(patch, 'by')) {
      var byId = new Map();
      var order = old.map(function (element) {
        var id = String(element[patch.by]);
        byId.set(id, element);
        return id;
      });
      var items = patch.items || {};
      return (patch.order || order).map(function (id) {
        id = String(id);
        return Object.prototype.hasOwnProperty.call(items, id) ? applyDelta(byId.get(id), items[id]) : byId.get(id);
      });
    }
    var keys = patch.keys || {};
    Object.keys(keys).forEach(function (k) { old[k] = applyDelta(old[k], keys[k]); });
    (patch.removed || []).forEach(function (k) { delete old[k]; });
    return old;
  }

  function poll() {
    Promise.all(LIVE_VIEWS.map(function (name) {
      return api('/api/v1/' + name).then(function (body) { views[name] = body; });
    })).then(function () {
      received();
      setConnection(source && source.readyState === 1 ? 'live' : 'polling');
      queueRender();
    }).catch(function () { setConnection('stale'); });
  }
  function startPolling() { if (!pollTimer) { pollTimer = setInterval(poll, POLL_MS); } }
  function stopPolling() { if (pollTimer) { clearInterval(pollTimer); pollTimer = null; } }

  // ---- charts: fixed-size canvases redrawn from each fetch, nothing accumulates ----
  function chartBox(container, metric) {
    var id = container.id + '-' + metric;
    var box = $(id);
    if (!box) {
      box = document.createElement('div');
      box.className = 'chart';
      box.id = id;
      box.innerHTML = '<div class="title"><span class="metric"></span><span class="last"></span></div><canvas width="600" height="70"></canvas>';
      container.appendChild(box);
    }
    return box;
  }

  function drawSeries(box, metric, series) {
    var buckets = series.points || [];
    var values = buckets.map(function (b) { return b.count > 0 ? b.mean : null; });
    box.querySelector('.metric').textContent = metric + (series.unit ? ' (' + series.unit + ')' : '');
    var last = values.filter(function (v) { return v !== null; }).pop();
    box.querySelector('.last').textContent = fmt(last);
    var canvas = box.querySelector('canvas');
    var ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    var present = values.filter(function (v) { return v !== null; });
    if (present.length === 0) { return; }
    var max = Math.max.apply(null, present);
    var min = Math.min.apply(null, present);
    var span = max - min || 1;
    ctx.strokeStyle = '#58a6ff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    var started = false;
    values.forEach(function (v, i) {
      if (v === null) { started = false; return; }
      var x = values.length < 2 ? 0 : i * (canvas.width - 4) / (values.length - 1) + 2;
      var y = canvas.height - 4 - (v - min) / span * (canvas.height - 8);
      if (started) { ctx.lineTo(x, y); } else { ctx.moveTo(x, y); started = true; }
    });
    ctx.stroke();
  }

  function loadCharts(kecamatan, container) {
    var target = container || $('charts');
    CHART_METRICS.forEach(function (metric) {
      var extra = (kecamatan ? '&kecamatan=' + encodeURIComponent(kecamatan) : '') + replay.seriesRange();
      api('/api/v1/series?metric=' + encodeURIComponent(metric) + '&step=1m' + extra)
        .then(function (series) { drawSeries(chartBox(target, metric), metric, series); })
        .catch(function () { /* the next round tries again; stale state is shown by the connection badge */ });
    });
  }

  // ---- kecamatan detail: #/k/{slug} ----
  function openDetailFromHash() {
    var m = kec ? [null, kec] : /^#\/k\/([a-z0-9-]+)$/.exec(location.hash);
    if (!m || !tiles[m[1]]) { $('detail').hidden = true; return; }
    $('detail').hidden = false;
    $('detail').dataset.kecamatan = m[1];
    $('detail-charts').replaceChildren();
    renderDetail();
    (replay.active ? replay.sensors(m[1]) : api('/api/v1/kecamatan/' + m[1] + '/sensors')).then(function (body) {
      if ($('detail').dataset.kecamatan === m[1]) { renderSensors(body.sensors || []); }
    }).catch(function () { renderSensors([]); });
    if (!kec) { loadCharts(m[1], $('detail-charts')); } // a kecamatan's screen has them beside, kept fresh
  }

  function renderSensors(sensors) {
    var rows = ['<tr><th>' + t('sensor') + '</th><th>' + t('state') + '</th><th>' + t('age') + '</th><th>' + t('metric')
      + '</th><th>' + t('value') + '</th><th>' + t('time') + '</th></tr>'];
    sensors.forEach(function (s) {
      // the sensor's health and the age of its last reading, once per sensor (a replay has neither)
      var state = s.state ? '<span class="st st-' + esc(s.state) + '">' + esc((TEXT[lang] || TEXT.id)['st_' + s.state] || s.state) + '</span>'
        + (s.reason ? ' <small>' + esc(s.reason) + '</small>' : '') : '';
      s.readings.forEach(function (r, i) {
        rows.push('<tr data-sensor="' + esc(s.sensor) + '"><td>' + esc(s.sensor) + '</td><td>' + (i === 0 ? state : '')
          + '</td><td class="age">' + (i === 0 && s.lastReadingAgeSeconds !== undefined ? age(s.lastReadingAgeSeconds) : '')
          + '</td><td>' + esc(r.metric) + '</td><td>' + fmt(r.value) + ' ' + esc(r.unit) + '</td><td>' + time(r.ts) + '</td></tr>');
      });
    });
    $('detail-sensors').innerHTML = rows.join('');
  }

  function renderDetail() {
    var slug = $('detail').dataset.kecamatan;
    var tile = tiles[slug];
    if (!tile) { return; }
    $('detail-title').textContent = tile.name;
    var status = tileStatus(slug);
    $('detail-status').textContent = [status.air && status.air.text, status.facts].filter(Boolean).join(' · ');
    var k = findKecamatan(slug);
    $('detail-gateways').innerHTML = ((k && k.gateways) || []).map(function (g) {
      return '<li class="' + (g.online ? 'online' : 'offline') + '">' + esc(g.id) + ' · ' + t(g.online ? 'online' : 'offline')
        + ' · ' + time(g.lastSeen) + '</li>';
    }).join('') || '<li>' + t('none') + '</li>';
    var open = (views.complaints && views.complaints.openByKecamatan && views.complaints.openByKecamatan[slug]) || {};
    $('detail-complaints').innerHTML = Object.keys(open).map(function (c) {
      return '<li>' + esc(c) + ': ' + open[c] + '</li>';
    }).join('') || '<li>' + t('none') + '</li>';
    $('detail-alerts').innerHTML = ((views.alerts && views.alerts.active) || []).filter(function (a) {
      return a.kecamatan === slug;
    }).map(function (a) { return '<li>' + esc(alertTitle(a)) + '</li>'; }).join('') || '<li>' + t('none') + '</li>';
  }

  function esc(s) {
    return String(s === undefined || s === null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  if (!kec) {
    $('detail-close').addEventListener('click', function () { location.hash = ''; });
    window.addEventListener('hashchange', openDetailFromHash);
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { location.hash = ''; } });
  }

  // ---- replay: /wall/?at=<ISO instant with offset>[&from=...&to=...&stepMin=5] ----
  // The views as they stood at an instant, asked with ?at= (the server computes them from its
  // history). A slider moves over a window (default 6 h either side, never past now) in steps of
  // stepMin minutes; each move refetches the views for that moment and keeps it in the URL. No
  // EventSource is opened and nothing polls: a replay must never show live data.
  var replay = (function () {
    var STEP_DEFAULT_MIN = 5;
    var HALF_WINDOW_MS = 6 * 3600 * 1000;
    var requested = param('at');
    var self = { active: requested !== null };
    var at = null;
    var from = null;
    var stepMs = 0;
    var loading = 0;

    function parsed(name) {
      var v = param(name);
      var d = v ? new Date(v) : null;
      return d && !isNaN(d.getTime()) ? d : null;
    }

    /** "20 Nov 2026 16:00 WIB" in the city's zone, whatever the browser's. */
    function moment(d) {
      var parts = {};
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
        hourCycle: 'h23', timeZone: zone || undefined }).formatToParts(d).forEach(function (p) { parts[p.type] = p.value; });
      var month = lang === 'id' ? ({ May: 'Mei', Aug: 'Agu', Oct: 'Okt', Dec: 'Des' }[parts.month] || parts.month) : parts.month;
      return parts.day + ' ' + month + ' ' + parts.year + ' ' + parts.hour + ':' + parts.minute + (zoneLabel ? ' ' + zoneLabel : '');
    }

    function sliderAt(index) { return new Date(from.getTime() + index * stepMs); }

    function setUpSlider() {
      stepMs = Math.max(1, Number(param('stepMin')) || STEP_DEFAULT_MIN) * 60000;
      var now = Date.now();
      from = parsed('from') || new Date(at.getTime() - HALF_WINDOW_MS);
      var to = parsed('to') || new Date(at.getTime() + HALF_WINDOW_MS);
      if (to.getTime() > now) { to = new Date(now); }
      if (at.getTime() < from.getTime() || at.getTime() > to.getTime()) { from = at; to = at.getTime() > to.getTime() ? at : to; }
      // the requested instant is a point of the slider: the window is laid out from it in whole steps
      var before = Math.floor((at.getTime() - from.getTime()) / stepMs);
      from = new Date(at.getTime() - before * stepMs);
      var slider = $('replay-slider');
      slider.max = String(before + Math.floor((to.getTime() - at.getTime()) / stepMs));
      slider.value = String(before);
      slider.addEventListener('input', function () { showMoment(sliderAt(Number(slider.value))); });
      slider.addEventListener('change', function () { go(sliderAt(Number(slider.value))); });
      self.window = { from: from, to: to };
    }

    function showMoment(d) {
      $('replay-title').textContent = t('replayTitle') + ' ' + moment(d);
      $('clock').textContent = moment(d);
    }

    function liveHref() {
      var q = new URLSearchParams(location.search);
      ['at', 'from', 'to', 'stepMin'].forEach(function (k) { q.delete(k); });
      return '/wall/' + (q.toString() ? '?' + q.toString() : '') + location.hash;
    }

    /** Shows the city at {@code d}: every view fetched for that instant, the URL kept to it. */
    function go(d) {
      at = d;
      showMoment(d);
      var q = new URLSearchParams(location.search);
      q.set('at', d.toISOString());
      history.replaceState(null, '', '?' + q.toString() + location.hash);
      var mine = ++loading;
      var iso = encodeURIComponent(d.toISOString());
      Promise.all(VIEWS.map(function (name) {
        return api('/api/v1/' + name + '?at=' + iso).then(function (body) { return [name, body]; });
      })).then(function (all) {
        if (mine !== loading) { return; } // a later move of the slider wins
        all.forEach(function (pair) { views[pair[0]] = pair[1]; });
        received();
        setConnection('replay');
        document.body.dataset.replayAt = d.toISOString();
        queueRender();
        loadCharts();
        if (!$('detail').hidden) { openDetailFromHash(); } // the sensor table too
      }).catch(function (e) {
        if (mine !== loading) { return; }
        $('replay-title').textContent = t('replayTitle') + ' ' + moment(d) + ': ' + t('replayRefused') + ' (' + (e.status || '–') + ')';
        setConnection('stale');
      });
    }

    self.start = function () {
      at = parsed('at');
      document.body.classList.add('replaying');
      $('replay').hidden = false;
      $('replay-live').href = liveHref();
      if (!at) {
        $('replay-title').textContent = t('replayTitle') + ' ' + requested + ': ' + t('replayRefused');
        setConnection('stale');
        return;
      }
      setUpSlider();
      self.applyLanguage();
      go(at);
    };

    self.applyLanguage = function () {
      if (!at || !self.window) { return; }
      showMoment(at);
      $('replay-live').textContent = '→ ' + t('backToLive');
      $('replay-range').textContent = t('replayRange') + ' ' + moment(self.window.from) + ' – ' + moment(self.window.to);
    };

    /** The series of the hour before the replayed instant. */
    self.seriesRange = function () {
      return self.active && at ? '&to=' + encodeURIComponent(at.toISOString()) : '';
    };

    /** The detail's sensor table from the replayed view: per metric, the kecamatan's minute mean. */
    self.sensors = function (slug) {
      var k = findKecamatan(slug);
      var readings = [];
      Object.keys((k && k.metrics) || {}).forEach(function (metric) {
        var latest = k.metrics[metric].latest;
        if (latest) { readings.push({ metric: metric, value: latest.value, unit: latest.unit, ts: latest.ts }); }
      });
      return Promise.resolve({ sensors: readings.length ? [{ sensor: t('kecamatanMean'), readings: readings }] : [] });
    };
    return self;
  })();

  // ---- start ----
  function tick() { if (zone && !replay.active) { $('clock').textContent = time(new Date().toISOString(), true); } }
  setInterval(tick, 1000);
  setConnection('connecting');
  applyLanguage();
  function start() {
    api('/api/v1/city').then(function (city) {
      zone = city.timezone || null;
      zoneLabel = city.timezoneLabel || '';
      tick();
      buildTiles(city);
      kec = kec || city.kecamatanScope || null; // a kecamatan's token gets its kecamatan's screen by itself
      if (kec) { showKecamatanScreen(city); }
      if (replay.active) {
        replay.start(); // history only: no SSE, no polling, no chart refresh
      } else {
        connect();
        loadCharts();
        setInterval(function () { loadCharts(); }, CHART_MS);
      }
      openDetailFromHash();
    }).catch(function (e) {
      if (kec && (e.status === 400 || e.status === 401 || e.status === 403)) { showRefused(e.status); return; }
      setConnection('stale');
      setTimeout(start, POLL_MS); // the server may still be starting, or restarting
    });
  }
  start();
})();
