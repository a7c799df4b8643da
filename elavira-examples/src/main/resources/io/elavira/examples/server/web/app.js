// Elavira web UI: plain JavaScript, no framework. Text is always set with textContent (never
// markup), tokens stay in memory and sessionStorage (this tab only).
'use strict';

const TEXT = {
  en: { chat: 'Chat', dashboard: 'Dashboard', agent: 'Agent', theme: 'Theme', logout: 'Log out',
    login: 'Log in', username: 'User name', password: 'Password', newChat: 'New conversation',
    conversations: 'Conversations', documents: 'Documents', question: 'Question', send: 'Send',
    drop: 'Drop files here or press Enter to choose', usage: 'Usage', period: 'Period', users: 'Users',
    create: 'Create', audit: 'Audit log', filter: 'Filter', when: 'When', action: 'Action', user: 'User',
    details: 'Details', sources: 'Sources', helpful: 'Helpful', notHelpful: 'Not helpful',
    thanks: 'Thanks for the feedback', uploading: 'Uploading…', uploaded: 'Ingested', failed: 'failed',
    requests: 'Requests', p50: 'p50 latency (ms)', p99: 'p99 latency (ms)', extractive: 'Extractive answers',
    rejected: 'Rejected questions', active: 'Active conversations', delete: 'Delete',
    shared: 'shared', loginFailed: 'Wrong user name or password.', created: 'Created',
    account: 'Account', agents: 'Agents', id: 'Id', description: 'Description', version: 'Version',
    providers: 'Providers', actions: 'Actions', createAgent: 'Create an agent from a configuration',
    agentConfig: 'Configuration (JSON or YAML, as docs/config-example.json)', agentFile: '…or load a file',
    name: 'Name', owner: 'Owner', format: 'Format', status: 'Status', chunks: 'Chunks', size: 'Size',
    updated: 'Updated', confirmDelete: 'Confirm', deleted: 'Deleted', noDocuments: 'No documents',
    changePassword: 'Change your password', currentPassword: 'Current password',
    newPassword: 'New password (at least 10 characters)', repeatPassword: 'New password again',
    passwordsDiffer: 'The two new passwords differ.', passwordChanged: 'Password changed; other sessions end at their next refresh.',
    perMinute: 'Requests per minute', p95: 'p95 latency (ms)', hitRate: 'Cache hit rate', fallbacks: 'Fallbacks',
    guardBlocks: 'Guard blocks', requestsPer: 'Requests per', latency: 'Latency (ms)', cache: 'Response cache',
    hits: 'Hits', misses: 'Misses', fallbacksBlocks: 'Fallbacks and guard blocks', tokens: 'Tokens per provider and model',
    inputTokens: 'Input tokens', outputTokens: 'Output tokens', extractiveModel: 'extractive', table: 'Data table',
    bucket: 'From', model: 'Provider/model', day: 'd', hour: 'hour', dayWord: 'day' },
  fr: { chat: 'Discussion', dashboard: 'Tableau de bord', agent: 'Agent', theme: 'Thème',
    logout: 'Se déconnecter', login: 'Se connecter', username: "Nom d'utilisateur", password: 'Mot de passe',
    newChat: 'Nouvelle conversation', conversations: 'Conversations', documents: 'Documents',
    question: 'Question', send: 'Envoyer', drop: 'Déposez des fichiers ici ou appuyez sur Entrée',
    usage: 'Utilisation', period: 'Période', users: 'Utilisateurs', create: 'Créer', audit: "Journal d'audit",
    filter: 'Filtrer', when: 'Quand', action: 'Action', user: 'Utilisateur', details: 'Détails',
    sources: 'Sources', helpful: 'Utile', notHelpful: 'Pas utile', thanks: 'Merci pour votre avis',
    uploading: 'Envoi…', uploaded: 'Indexé', failed: 'échec', requests: 'Requêtes',
    p50: 'Latence p50 (ms)', p99: 'Latence p99 (ms)', extractive: 'Réponses extractives',
    rejected: 'Questions refusées', active: 'Conversations actives', delete: 'Supprimer',
    shared: 'partagé', loginFailed: "Nom d'utilisateur ou mot de passe incorrect.", created: 'Créé',
    account: 'Compte', agents: 'Agents', id: 'Id', description: 'Description', version: 'Version',
    providers: 'Fournisseurs', actions: 'Actions', createAgent: "Créer un agent à partir d'une configuration",
    agentConfig: 'Configuration (JSON ou YAML, comme docs/config-example.json)', agentFile: '…ou charger un fichier',
    name: 'Nom', owner: 'Propriétaire', format: 'Format', status: 'État', chunks: 'Passages', size: 'Taille',
    updated: 'Mis à jour', confirmDelete: 'Confirmer', deleted: 'Supprimé', noDocuments: 'Aucun document',
    changePassword: 'Changer votre mot de passe', currentPassword: 'Mot de passe actuel',
    newPassword: 'Nouveau mot de passe (10 caractères au moins)', repeatPassword: 'Nouveau mot de passe, à nouveau',
    passwordsDiffer: 'Les deux nouveaux mots de passe diffèrent.',
    passwordChanged: 'Mot de passe changé ; les autres sessions se terminent à leur prochain renouvellement.',
    perMinute: 'Requêtes par minute', p95: 'Latence p95 (ms)', hitRate: 'Taux de succès du cache', fallbacks: 'Repli',
    guardBlocks: 'Blocages des gardes', requestsPer: 'Requêtes par', latency: 'Latence (ms)', cache: 'Cache des réponses',
    hits: 'Succès', misses: 'Échecs', fallbacksBlocks: 'Replis et blocages des gardes',
    tokens: 'Jetons par fournisseur et modèle', inputTokens: "Jetons d'entrée", outputTokens: 'Jetons de sortie',
    extractiveModel: 'extractif', table: 'Tableau des données', bucket: 'Début', model: 'Fournisseur/modèle', day: 'j', hour: 'heure', dayWord: 'jour' }
};

const state = {
  lang: localStorage.getItem('elavira.lang') || (navigator.language.startsWith('fr') ? 'fr' : 'en'),
  access: sessionStorage.getItem('elavira.access'),
  refresh: sessionStorage.getItem('elavira.refresh'),
  role: sessionStorage.getItem('elavira.role'),
  conversation: null,
  stats: null
};
const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key] || key;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function translate() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => {
    e.placeholder = t(e.dataset.i18nPlaceholder);
  });
  $('lang').textContent = state.lang === 'fr' ? 'EN' : 'FR';
}

function applyTheme() {
  const theme = localStorage.getItem('elavira.theme');
  if (theme) document.documentElement.dataset.theme = theme;
}

function saveTokens(tokens) {
  state.access = tokens.accessToken;
  state.refresh = tokens.refreshToken;
  const payload = JSON.parse(atob(tokens.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  state.role = payload.role;
  sessionStorage.setItem('elavira.access', state.access);
  sessionStorage.setItem('elavira.refresh', state.refresh);
  sessionStorage.setItem('elavira.role', state.role);
}

function clearTokens() {
  state.access = state.refresh = state.role = null;
  sessionStorage.clear();
}

// A call to the API; refreshes the access token once when it expired.
async function api(path, options = {}, retry = true) {
  const headers = Object.assign({}, options.headers || {});
  if (state.access) headers.Authorization = 'Bearer ' + state.access;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401 && retry && state.refresh) {
    const renewed = await fetch('/api/auth/refresh', { method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: state.refresh }) });
    if (renewed.ok) {
      saveTokens(await renewed.json());
      return api(path, options, false);
    }
    clearTokens();
    show();
  }
  return response;
}

async function json(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
  return body;
}

// Reads server-sent events from a fetch response: calls onEvent(name, data) for each.
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      let data = '';
      block.split('\n').forEach((line) => {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      });
      if (data) onEvent(name, JSON.parse(data));
    }
  }
}

function show() {
  const logged = Boolean(state.access);
  const admin = logged && location.hash === '#admin' && state.role === 'admin';
  const account = logged && location.hash === '#account';
  $('login-view').hidden = logged;
  $('chat-view').hidden = !logged || admin || account || location.hash === '#admin';
  $('admin-view').hidden = !admin;
  $('account-view').hidden = !account;
  $('nav').hidden = !logged;
  $('logout').hidden = !logged;
  $('nav-admin').hidden = state.role !== 'admin';
  if (!logged) { $('username').focus(); return; }
  loadAgents();
  if (admin) loadAdmin();
  else if (!account) { loadConversations(); loadDocuments(); }
}

async function loadAgents() {
  const body = await json(await api('/api/agents'));
  const select = $('agent');
  select.replaceChildren(...body.agents.map((a) => el('option', a.id)));
}

async function loadConversations() {
  const body = await json(await api('/api/conversations?agent=' + encodeURIComponent($('agent').value || '')));
  $('conversations').replaceChildren(...body.conversations.map((c) => {
    const li = el('li');
    const open = el('button', c.lastMessage || c.id, 'link');
    open.type = 'button';
    open.addEventListener('click', () => openConversation(c.id));
    const remove = el('button', '×', 'small');
    remove.type = 'button';
    remove.setAttribute('aria-label', t('delete'));
    remove.addEventListener('click', async () => {
      await api('/api/conversations/' + encodeURIComponent(c.id), { method: 'DELETE' });
      if (state.conversation === c.id) newConversation();
      loadConversations();
    });
    li.append(open, remove);
    return li;
  }));
}

async function openConversation(id) {
  const body = await json(await api('/api/conversations/' + encodeURIComponent(id)));
  state.conversation = id;
  $('messages').replaceChildren(...body.messages.map((m) => {
    const li = el('li', m.content, m.role);
    if (m.role === 'assistant' && m.traceId) li.append(feedbackButtons(m.traceId));
    return li;
  }));
}

function newConversation() {
  state.conversation = null;
  $('messages').replaceChildren();
  $('question').focus();
}

function sourcesList(sources) {
  const wrap = el('div', null, 'sources');
  if (!sources.length) return wrap;
  wrap.append(el('span', t('sources') + ':'));
  const list = el('ul');
  sources.forEach((s) => {
    list.append(el('li', s.document + (s.page ? ' p. ' + s.page : '') + ' #' + s.chunk
      + ' (' + s.score.toFixed(2) + ')'));
  });
  wrap.append(list);
  return wrap;
}

function feedbackButtons(traceId) {
  const row = el('div', null, 'feedback');
  [['+1', '+1', 'helpful'], ['-1', '−1', 'notHelpful']].forEach(([rating, icon, label]) => {
    const b = el('button', icon);
    b.type = 'button';
    b.setAttribute('aria-label', t(label));
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', async () => {
      await json(await api('/api/feedback', { method: 'POST', json: { traceId, rating } }));
      row.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', 'false'));
      b.setAttribute('aria-pressed', 'true');
      b.title = t('thanks');
    });
    row.append(b);
  });
  return row;
}

async function ask(event) {
  event.preventDefault();
  const question = $('question').value.trim();
  if (!question) return;
  $('question').value = '';
  $('send').disabled = true;
  $('messages').append(el('li', question, 'user'));
  const answer = el('li', '', 'assistant');
  const text = el('span', '');
  answer.append(text);
  $('messages').append(answer);
  const body = { message: question, agent: $('agent').value || undefined,
    conversationId: state.conversation || undefined };
  try {
    const response = await api('/api/chat/stream', { method: 'POST', json: body,
      headers: { Accept: 'text/event-stream' } });
    if (!response.ok) throw new Error((await response.json()).error.message);
    await readEvents(response, (name, data) => {
      if (name === 'token') text.textContent += data.text;
      else if (name === 'answer') {
        text.textContent = data.answer;
        state.conversation = data.conversationId;
        answer.append(sourcesList(data.sources), feedbackButtons(data.traceId));
        loadConversations();
      } else if (name === 'error') text.textContent = data.error.message;
    });
  } catch (e) {
    text.textContent = e.message;
    answer.classList.add('error');
  } finally {
    $('send').disabled = false;
    answer.scrollIntoView({ block: 'end' });
  }
}

async function loadDocuments() {
  const body = await json(await api('/api/documents'));
  $('documents').replaceChildren(...body.documents.map((d) => {
    const li = el('li');
    li.append(el('span', d.name + (d.shared ? ' (' + t('shared') + ')' : ''), 'link'));
    if (!d.shared || state.role === 'admin') {
      const remove = el('button', '×', 'small');
      remove.type = 'button';
      remove.setAttribute('aria-label', t('delete') + ' ' + d.name);
      remove.addEventListener('click', async () => {
        await api('/api/documents/' + encodeURIComponent(d.id), { method: 'DELETE' });
        loadDocuments();
      });
      li.append(remove);
    }
    return li;
  }));
}

async function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  Array.from(files).forEach((f) => form.append('file', f, f.name));
  const progress = $('upload-progress');
  progress.hidden = false;
  progress.value = 0;
  $('upload-status').textContent = t('uploading');
  try {
    const response = await api('/api/documents', { method: 'POST', body: form,
      headers: { Accept: 'text/event-stream' } });
    if (!response.ok) throw new Error((await response.json()).error.message);
    await readEvents(response, (name, data) => {
      if (name === 'progress') { progress.max = data.total; progress.value = data.done; }
      if (name === 'result') {
        $('upload-status').textContent = data.files.map((f) =>
          f.file + ': ' + (f.status === 'failed' ? t('failed') + ' (' + f.reason + ')' : t('uploaded'))).join(', ');
      }
    });
  } catch (e) {
    $('upload-status').textContent = e.message;
  } finally {
    progress.hidden = true;
    loadDocuments();
  }
}

async function loadAdmin() {
  loadStats();
  loadAdminAgents();
  const users = await json(await api('/api/users'));
  $('users').replaceChildren(...users.users.map((u) => el('li', u.username + ' (' + u.role + ')')));
  loadLogs();
}

async function loadStats() {
  state.stats = await json(await api('/api/stats?last=' + $('period').value));
  renderStats();
}

// The figures and charts of the last stats, in the current language.
function renderStats() {
  const stats = state.stats;
  if (!stats) return;
  const figures = [['requests', stats.requests], ['perMinute', stats.requestsPerMinute.toFixed(2)],
    ['p50', stats.latencyP50Ms], ['p95', stats.latencyP95Ms], ['p99', stats.latencyP99Ms],
    ['hitRate', Math.round(100 * stats.cacheHitRate) + ' %'], ['fallbacks', stats.fallbacks],
    ['guardBlocks', stats.guardRejections], ['extractive', stats.extractiveAnswers],
    ['active', stats.activeConversations]];
  $('stats').replaceChildren(...figures.map(([k, v]) => {
    const d = el('div', t(k));
    d.prepend(el('b', v));
    return d;
  }));
  drawCharts();
}

// The length of a bucket in words: "5 min", "hour", "6 h", "day", "7 d".
function span(seconds) {
  if (seconds === 3600) return t('hour');
  if (seconds === 86400) return t('dayWord');
  if (seconds < 3600) return (seconds / 60) + ' min';
  if (seconds < 86400) return (seconds / 3600) + ' h';
  return (seconds / 86400) + ' ' + t('day');
}

function bucketLabel(iso, seconds) {
  const options = seconds < 21600 ? { hour: '2-digit', minute: '2-digit' }
    : seconds < 86400 ? { month: 'short', day: 'numeric', hour: '2-digit' } : { month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(state.lang, options).format(new Date(iso));
}

function drawCharts() {
  const stats = state.stats;
  const box = $('charts');
  if (!stats || box.offsetParent === null) return;
  box.replaceChildren();
  const labels = stats.series.map((b) => bucketLabel(b.from, stats.bucketSeconds));
  const pick = (field) => stats.series.map((b) => b[field]);
  const common = { labels, labelHeader: t('bucket'), tableLabel: t('table') };
  const cell = () => { const c = el('div', null, 'chart-cell'); box.append(c); return c; };
  Charts.bars(cell(), Object.assign({ id: 'chart-requests', title: t('requestsPer') + ' ' + span(stats.bucketSeconds),
    series: [{ name: t('requests'), values: pick('requests') }] }, common));
  Charts.lines(cell(), Object.assign({ id: 'chart-latency', title: t('latency'), series: [
    { name: 'p50', values: pick('latencyP50Ms') },
    { name: 'p95', values: pick('latencyP95Ms'), cls: 's2', dash: 'dashed' },
    { name: 'p99', values: pick('latencyP99Ms'), cls: 's3', dash: 'dotted' }] }, common));
  Charts.bars(cell(), Object.assign({ id: 'chart-cache', stacked: true,
    title: t('cache') + ': ' + t('hitRate').toLowerCase() + ' ' + Math.round(100 * stats.cacheHitRate) + ' %',
    series: [{ name: t('hits'), values: pick('cacheHits') },
      { name: t('misses'), values: pick('cacheMisses'), cls: 's2' }] }, common));
  Charts.bars(cell(), Object.assign({ id: 'chart-fallbacks', title: t('fallbacksBlocks'), series: [
    { name: t('fallbacks'), values: pick('fallbacks'), cls: 's2' },
    { name: t('guardBlocks'), values: pick('guardRejections'), cls: 's3' }] }, common));
  const models = stats.byModel.map((m) => (m.provider ? m.provider + '/' + m.model : t('extractiveModel')));
  Charts.rows(cell(), { id: 'chart-tokens', title: t('tokens'), labels: models, labelHeader: t('model'),
    tableLabel: t('table'), stacked: true, series: [
      { name: t('inputTokens'), values: stats.byModel.map((m) => m.inputTokens) },
      { name: t('outputTokens'), values: stats.byModel.map((m) => m.outputTokens), cls: 's2' }] });
}

// A delete button that asks once more before calling remove().
function deleteButton(label, remove) {
  const b = el('button', t('delete'), 'small');
  b.type = 'button';
  b.setAttribute('aria-label', t('delete') + ' ' + label);
  b.addEventListener('click', async () => {
    if (b.dataset.armed !== 'true') {
      b.dataset.armed = 'true';
      b.textContent = t('confirmDelete');
      b.setAttribute('aria-label', t('confirmDelete') + ': ' + t('delete') + ' ' + label);
      return;
    }
    b.disabled = true;
    await remove();
  });
  return b;
}

async function loadAdminAgents() {
  const body = await json(await api('/api/agents'));
  $('agents').replaceChildren(...body.agents.map((a) => {
    const tr = el('tr');
    [a.id, a.description, a.version, a.providers.join(', '), a.documents].forEach((v) => tr.append(el('td', v)));
    const actions = el('td');
    if (a.configured && !a.isDefault) {
      actions.append(deleteButton(a.id, async () => {
        try {
          await json(await api('/api/agents/' + encodeURIComponent(a.id), { method: 'DELETE' }));
          $('agent-status').textContent = t('deleted') + ': ' + a.id;
        } catch (e) { $('agent-status').textContent = e.message; }
        loadAdminAgents();
        loadAgents();
      }));
    }
    tr.append(actions);
    return tr;
  }));
  const select = $('doc-agent');
  const chosen = select.value;
  select.replaceChildren(...body.agents.map((a) => el('option', a.id)));
  if (body.agents.some((a) => a.id === chosen)) select.value = chosen;
  loadAdminDocuments();
}

async function createAgent(event) {
  event.preventDefault();
  const status = $('agent-status');
  status.textContent = '';
  status.classList.remove('error');
  const text = $('agent-config').value.trim();
  const file = $('agent-file').files[0];
  const yaml = (file && /\.ya?ml$/i.test(file.name)) || !text.startsWith('{');
  try {
    const created = await json(await api('/api/agents', { method: 'POST', body: text,
      headers: { 'Content-Type': yaml ? 'application/yaml' : 'application/json' } }));
    status.textContent = t('created') + ': ' + created.id;
    $('agent-config').value = '';
    $('agent-file').value = '';
    loadAdminAgents();
    loadAgents();
  } catch (e) {
    status.textContent = e.message;
    status.classList.add('error');
  }
}

function size(bytes) {
  if (bytes === null || bytes === undefined) return '';
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KiB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MiB';
}

async function loadAdminDocuments() {
  const agent = $('doc-agent').value;
  const body = await json(await api('/api/documents' + (agent ? '?agent=' + encodeURIComponent(agent) : '')));
  if (!body.documents.length) {
    const empty = el('td', t('noDocuments'));
    empty.colSpan = 8;
    const row = el('tr');
    row.append(empty);
    $('admin-documents').replaceChildren(row);
    return;
  }
  $('admin-documents').replaceChildren(...body.documents.map((d) => {
    const tr = el('tr');
    [d.name, d.shared ? t('shared') : d.ownerId, d.format, d.status, d.chunks, size(d.sizeBytes),
      new Date(d.updatedAt).toLocaleString(state.lang)].forEach((v) => tr.append(el('td', v)));
    const actions = el('td');
    actions.append(deleteButton(d.name, async () => {
      const query = agent ? '?agent=' + encodeURIComponent(agent) : '';
      const response = await api('/api/documents/' + encodeURIComponent(d.id) + query, { method: 'DELETE' });
      $('documents-status').textContent = response.ok ? t('deleted') + ': ' + d.name
        : (await response.json().catch(() => ({ error: { message: response.statusText } }))).error.message;
      loadAdminDocuments();
    }));
    tr.append(actions);
    return tr;
  }));
}

async function changePassword(event) {
  event.preventDefault();
  const status = $('password-status');
  status.classList.add('error');
  if ($('new-password-1').value !== $('new-password-2').value) {
    status.textContent = t('passwordsDiffer');
    return;
  }
  try {
    const tokens = await json(await api('/api/users/me/password', { method: 'POST', json: {
      currentPassword: $('current-password').value, newPassword: $('new-password-1').value } }));
    saveTokens(tokens);
    ['current-password', 'new-password-1', 'new-password-2'].forEach((id) => { $(id).value = ''; });
    status.classList.remove('error');
    status.textContent = t('passwordChanged');
  } catch (e) {
    status.textContent = e.message;
  }
}

async function loadLogs(event) {
  if (event) event.preventDefault();
  const query = new URLSearchParams({ limit: '200' });
  if ($('log-action').value) query.set('action', $('log-action').value);
  if ($('log-user').value) query.set('user', $('log-user').value);
  const body = await json(await api('/api/logs?' + query));
  $('logs').replaceChildren(...body.entries.map((e) => {
    const tr = el('tr');
    [e.timestamp, e.action, e.userId || '', e.details || ''].forEach((v) => tr.append(el('td', v)));
    return tr;
  }));
}

function wire() {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    const response = await fetch('/api/auth/login', { method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
    if (!response.ok) { $('login-error').textContent = t('loginFailed'); return; }
    saveTokens(await response.json());
    $('password').value = '';
    show();
  });
  $('logout').addEventListener('click', async () => {
    await api('/api/auth/logout', { method: 'POST', json: { refreshToken: state.refresh } }, false);
    clearTokens();
    show();
  });
  $('ask-form').addEventListener('submit', ask);
  $('question').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('ask-form').requestSubmit(); }
  });
  $('new-chat').addEventListener('click', newConversation);
  // A new hash shows its view through hashchange; the same one again is shown (refreshed) here.
  const go = (hash) => { if (location.hash === hash) show(); else location.hash = hash; };
  $('nav-chat').addEventListener('click', () => go(''));
  $('nav-admin').addEventListener('click', () => go('#admin'));
  $('nav-account').addEventListener('click', () => go('#account'));
  $('period').addEventListener('change', loadStats);
  $('agent-form').addEventListener('submit', createAgent);
  $('agent-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) $('agent-config').value = await file.text();
  });
  $('doc-agent').addEventListener('change', loadAdminDocuments);
  $('password-form').addEventListener('submit', changePassword);
  let resizing;
  window.addEventListener('resize', () => { clearTimeout(resizing); resizing = setTimeout(drawCharts, 150); });
  $('log-filter').addEventListener('submit', loadLogs);
  $('agent').addEventListener('change', () => { newConversation(); loadConversations(); });
  $('user-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await json(await api('/api/users', { method: 'POST', json: { username: $('new-user').value,
        password: $('new-password').value, role: $('new-role').value } }));
      $('user-status').textContent = t('created');
      $('new-password').value = '';
      loadAdmin();
    } catch (e) { $('user-status').textContent = e.message; }
  });
  const drop = $('drop');
  drop.addEventListener('click', () => $('file').click());
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') $('file').click(); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); upload(e.dataTransfer.files); });
  $('file').addEventListener('change', (e) => upload(e.target.files));
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'fr' ? 'en' : 'fr';
    localStorage.setItem('elavira.lang', state.lang);
    translate();
    renderStats();
  });
  $('theme').addEventListener('click', () => {
    const dark = document.documentElement.dataset.theme === 'dark'
      || (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);
    localStorage.setItem('elavira.theme', dark ? 'light' : 'dark');
    applyTheme();
  });
  window.addEventListener('hashchange', show);
}

applyTheme();
translate();
wire();
show();
