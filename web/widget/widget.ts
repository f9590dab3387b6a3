/**
 * Gapwise live chat widget: plain DOM, no framework, served bundled and minified as /widget.js.
 *   <script src="https://help.example.com/widget.js" data-workspace="acme" async></script>
 * Optional: data-title, data-color (CSS colour), data-open="true" (start open).
 * Everything lives in a shadow root, so the host page's CSS and ours do not meet; text is only
 * ever set with textContent (never HTML), so a message cannot inject markup.
 */
import type { ChatMessageFrameBody, ServerFrame } from '../../contracts/chat.ts';
import { CSS } from './widget-style.ts';
import { type Ui, buildUi } from './widget-ui.ts';

type Outgoing =
  | { type: 'hello'; token?: string; page?: string }
  | { type: 'message'; text: string; client_id: string }
  | { type: 'typing'; typing: boolean }
  | { type: 'email'; email: string }
  | { type: 'end' }
  | { type: 'ping' };

const script = document.currentScript as HTMLScriptElement | null;

function start(el: HTMLScriptElement) {
  const workspace = el.dataset.workspace;
  if (!workspace) return;
  const base = new URL(el.src, location.href);
  const socketUrl = `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}/api/v1/public/chat/socket?workspace=${encodeURIComponent(workspace)}`;
  const storageKey = `gapwise.chat.${workspace}`;
  const memory: Record<string, string> = {};
  const store = {
    get: (): string | undefined => {
      try {
        return localStorage.getItem(storageKey) ?? undefined;
      } catch {
        return memory[storageKey];
      }
    },
    set: (v: string) => {
      try {
        localStorage.setItem(storageKey, v);
      } catch {
        memory[storageKey] = v;
      }
    },
  };

  const host = document.createElement('div');
  host.setAttribute('data-gapwise-chat', '');
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS.replace(/#4f46e5/g, el.dataset.color ?? '#4f46e5');
  root.appendChild(style);
  const ui: Ui = buildUi(root, el.dataset.title ?? 'Chat with us');
  document.body.appendChild(host);

  let ws: WebSocket | null = null;
  let ready = false;
  let online = false;
  let email: string | null = null;
  let retry = 1000;
  /** A message waiting for the connection or for the email (no agent online). */
  const pending: { text: string; id: string }[] = [];
  /** Sent, not acknowledged yet: put back in the queue if the server asks for an email first. */
  const inflight = new Map<string, { text: string; id: string }>();
  let typingSent = false;
  let typingTimer = 0;
  let agentTypingTimer = 0;
  let counter = 0;
  const shown = new Set<string>();

  const send = (frame: Outgoing) => {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  };

  const showMessage = (m: ChatMessageFrameBody) => {
    if (shown.has(m.id)) return;
    shown.add(m.id);
    ui.addBubble(m.from, m.text, m.from === 'agent' ? m.agent_name : null);
  };

  const flush = () => {
    for (const m of pending.splice(0)) {
      inflight.set(m.id, m);
      send({ type: 'message', text: m.text, client_id: m.id });
    }
  };

  const sendMessage = (text: string) => {
    const id = `c${++counter}`;
    ui.addBubble('visitor', text, null, id);
    pending.push({ text, id });
    stopTyping();
    if (!ready) return;
    // Nobody online and no email yet: ask for the email first; the message follows it.
    if (!online && !email) return ui.showEmailForm(true);
    flush();
  };

  const stopTyping = () => {
    window.clearTimeout(typingTimer);
    if (typingSent) send({ type: 'typing', typing: false });
    typingSent = false;
  };

  const onFrame = (frame: ServerFrame) => {
    switch (frame.type) {
      case 'welcome':
        store.set(frame.token);
        ready = true;
        retry = 1000;
        online = frame.online;
        email = frame.email;
        ui.setStatus(online ? 'We are online' : 'We are away: leave a message and your email');
        for (const m of frame.messages) showMessage(m);
        if (online || email) flush();
        else if (pending.length > 0) ui.showEmailForm(true);
        return;
      case 'message':
        ui.showTyping(false);
        return showMessage(frame.message);
      case 'ack':
        shown.add(frame.message_id);
        if (frame.client_id) inflight.delete(frame.client_id);
        return ui.markSent(frame.client_id);
      case 'typing':
        window.clearTimeout(agentTypingTimer);
        ui.showTyping(frame.typing);
        if (frame.typing) agentTypingTimer = window.setTimeout(() => ui.showTyping(false), 8000);
        return;
      case 'state':
        online = frame.online;
        if (frame.state === 'ended') ui.addNote('The chat has ended. Write again to start a new one.');
        return;
      case 'offline_ticket':
        return ui.addNote(`Nobody is online right now. We will answer by email at ${frame.email}.`);
      case 'email_saved':
        email = frame.email;
        ui.showEmailForm(false);
        ui.addNote(`Thanks, we will reach you at ${frame.email}.`);
        flush();
        return;
      case 'survey': {
        const survey = frame.survey;
        const url = new URL(survey.path, base).href;
        ui.open(true);
        return ui.showSurvey(survey, url, async (score, comment) => {
          const answers: Record<string, unknown> = { [survey.question.id]: score };
          if (survey.comment && comment) answers[survey.comment.id] = comment;
          try {
            const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers, version: survey.version }), credentials: 'omit' });
            return res.ok;
          } catch {
            return false;
          }
        });
      }
      case 'error':
        if (frame.code === 'email_required') {
          online = false;
          pending.unshift(...inflight.values());
          inflight.clear();
          ui.showEmailForm(true);
          return;
        }
        return ui.addNote(frame.message);
    }
  };

  const connect = () => {
    ws = new WebSocket(socketUrl);
    ws.onopen = () => send({ type: 'hello', token: store.get(), page: location.href });
    ws.onmessage = (event) => {
      try {
        onFrame(JSON.parse(String(event.data)) as ServerFrame);
      } catch {}
    };
    ws.onclose = () => {
      ready = false;
      ws = null;
      window.setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    };
  };

  ui.onSend(sendMessage);
  ui.onEmail((value) => send({ type: 'email', email: value }));
  ui.onTyping(() => {
    if (!typingSent) send({ type: 'typing', typing: true });
    typingSent = true;
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(stopTyping, 3000);
  });
  ui.onEnd(() => send({ type: 'end' }));
  window.setInterval(() => send({ type: 'ping' }), 25000);
  if (el.dataset.open === 'true') ui.open(true);
  connect();
}

if (script) {
  const el = script;
  if (document.body) start(el);
  else document.addEventListener('DOMContentLoaded', () => start(el));
}
