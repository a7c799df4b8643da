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
    shared: 'shared', loginFailed: 'Wrong user name or password.', created: 'Created' },
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
    shared: 'partagé', loginFailed: "Nom d'utilisateur ou mot de passe incorrect.", created: 'Créé' }
};

const state = {
  lang: localStorage.getItem('elavira.lang') || (navigator.language.startsWith('fr') ? 'fr' : 'en'),
  access: sessionStorage.getItem('elavira.access'),
  refresh: sessionStorage.getItem('elavira.refresh'),
  role: sessionStorage.getItem('elavira.role'),
  conversation: null
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
  $('login-view').hidden = logged;
  $('chat-view').hidden = !logged || location.hash === '#admin';
  $('admin-view').hidden = !logged || location.hash !== '#admin' || state.role !== 'admin';
  $('nav').hidden = !logged;
  $('logout').hidden = !logged;
  $('nav-admin').hidden = state.role !== 'admin';
  if (!logged) { $('username').focus(); return; }
  loadAgents();
  if (location.hash === '#admin' && state.role === 'admin') loadAdmin();
  else { loadConversations(); loadDocuments(); }
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
  const stats = await json(await api('/api/stats?last=' + $('period').value));
  const figures = [['requests', stats.requests], ['p50', stats.latencyP50Ms], ['p99', stats.latencyP99Ms],
    ['extractive', stats.extractiveAnswers], ['rejected', stats.guardRejections],
    ['active', stats.activeConversations]];
  $('stats').replaceChildren(...figures.map(([k, v]) => {
    const d = el('div', t(k));
    d.prepend(el('b', v));
    return d;
  }));
  const max = Math.max(1, ...stats.byModel.map((m) => m.requests));
  $('chart').replaceChildren(...stats.byModel.map((m) => {
    const bar = el('span');
    bar.style.height = Math.round((100 * m.requests) / max) + '%';
    bar.title = (m.provider || '-') + '/' + (m.model || '-') + ': ' + m.requests + ' '
      + t('requests') + ', ' + (m.inputTokens + m.outputTokens) + ' tokens';
    return bar;
  }));
  const users = await json(await api('/api/users'));
  $('users').replaceChildren(...users.users.map((u) => el('li', u.username + ' (' + u.role + ')')));
  loadLogs();
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
  $('nav-chat').addEventListener('click', () => { location.hash = ''; show(); });
  $('nav-admin').addEventListener('click', () => { location.hash = '#admin'; show(); });
  $('period').addEventListener('change', loadAdmin);
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
