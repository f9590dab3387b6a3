import type { ChatSurveyPrompt } from '../../contracts/chat.ts';

/** The widget's DOM: built once, updated through these few functions (textContent only, never HTML). */
export interface Ui {
  open(open: boolean): void;
  setStatus(text: string): void;
  addBubble(from: 'visitor' | 'agent', text: string, name: string | null, clientId?: string): void;
  markSent(clientId: string | null): void;
  addNote(text: string): void;
  showTyping(typing: boolean): void;
  showEmailForm(show: boolean): void;
  onSend(fn: (text: string) => void): void;
  onEmail(fn: (email: string) => void): void;
  onTyping(fn: () => void): void;
  onEnd(fn: () => void): void;
  /** The inline survey of an ended chat: one choice (and a comment) sent with `send`; false keeps the form for another try. */
  showSurvey(prompt: ChatSurveyPrompt, fullUrl: string, send: (score: number, comment: string) => Promise<boolean>): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function buildUi(root: ShadowRoot, title: string): Ui {
  const launcher = el('button', 'launcher', 'Chat');
  launcher.type = 'button';
  launcher.setAttribute('aria-label', title);
  const panel = el('div', 'panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);
  const header = el('header');
  const titleEl = el('span', 't', title);
  const status = el('span', 's');
  titleEl.appendChild(status);
  const emailLink = el('button', 'em', 'Email');
  emailLink.type = 'button';
  const endBtn = el('button', 'end', 'End');
  endBtn.type = 'button';
  header.append(titleEl, emailLink, endBtn);
  const log = el('div', 'log');
  log.setAttribute('aria-live', 'polite');
  const typing = el('div', 'typing');
  const emailForm = el('form', 'email');
  const emailText = el('div', 'note', 'Leave your email so we can answer you even after you leave.');
  const emailRow = el('div');
  emailRow.style.display = 'flex';
  emailRow.style.gap = '6px';
  const emailInput = el('input');
  emailInput.type = 'email';
  emailInput.required = true;
  emailInput.placeholder = 'you@example.com';
  emailInput.name = 'email';
  const emailBtn = el('button', '', 'Save');
  emailBtn.type = 'submit';
  emailRow.append(emailInput, emailBtn);
  emailForm.append(emailText, emailRow);
  const form = el('form', 'compose');
  const input = el('textarea');
  input.rows = 2;
  input.maxLength = 4000;
  input.placeholder = 'Write a message…';
  input.name = 'message';
  const sendBtn = el('button', '', 'Send');
  sendBtn.type = 'submit';
  form.append(input, sendBtn);
  panel.append(header, log, typing, emailForm, form);
  root.append(panel, launcher);

  const scroll = () => {
    log.scrollTop = log.scrollHeight;
  };
  let sendFn: (text: string) => void = () => {};
  const submit = () => {
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    sendFn(text);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  const ui: Ui = {
    open(open) {
      panel.classList.toggle('open', open);
      if (open) input.focus();
    },
    setStatus(text) {
      status.textContent = text;
    },
    addBubble(from, text, name, clientId) {
      const b = el('div', `b ${from}`);
      if (name) b.appendChild(el('span', 'n', name));
      b.appendChild(document.createTextNode(text));
      if (clientId) {
        b.dataset.client = clientId;
        b.classList.add('unsent');
      }
      log.appendChild(b);
      scroll();
    },
    markSent(clientId) {
      if (!clientId) return;
      for (const b of Array.from(log.querySelectorAll<HTMLElement>('.unsent'))) if (b.dataset.client === clientId) b.classList.remove('unsent');
    },
    addNote(text) {
      log.appendChild(el('div', 'note', text));
      scroll();
    },
    showTyping(on) {
      typing.textContent = on ? 'Agent is typing…' : '';
    },
    showEmailForm(show) {
      emailForm.classList.toggle('show', show);
      if (show) emailInput.focus();
    },
    onSend(fn) {
      sendFn = fn;
    },
    onEmail(fn) {
      emailForm.addEventListener('submit', (e) => {
        e.preventDefault();
        if (emailInput.value.trim()) fn(emailInput.value.trim());
      });
    },
    onTyping(fn) {
      input.addEventListener('input', fn);
    },
    onEnd(fn) {
      endBtn.addEventListener('click', fn);
    },
    showSurvey(prompt, fullUrl, send) {
      const box = el('form', 'survey');
      box.setAttribute('aria-label', prompt.title);
      box.lang = prompt.locale;
      box.appendChild(el('strong', '', prompt.title));
      const group = el('fieldset');
      group.appendChild(el('legend', '', prompt.question.text));
      let score: number | null = null;
      const choices = prompt.question.choices.map((c) => {
        const b = el('button', 'choice', String(c.value));
        b.type = 'button';
        b.title = c.label;
        b.setAttribute('aria-label', `${c.value}: ${c.label}`);
        b.setAttribute('aria-pressed', 'false');
        b.addEventListener('click', () => {
          score = c.value;
          for (const other of choices) other.setAttribute('aria-pressed', String(other === b));
          submitBtn.disabled = false;
        });
        return b;
      });
      const row = el('div', 'choices');
      row.append(...choices);
      group.appendChild(row);
      box.appendChild(group);
      let comment: HTMLTextAreaElement | null = null;
      if (prompt.comment) {
        const label = el('label', '', prompt.comment.text);
        comment = el('textarea');
        comment.rows = 2;
        comment.maxLength = 2000;
        label.appendChild(comment);
        box.appendChild(label);
      }
      const submitBtn = el('button', '', prompt.texts.submit);
      submitBtn.type = 'submit';
      submitBtn.disabled = true;
      const full = el('a', 'full', prompt.texts.open_full);
      full.href = fullUrl;
      full.target = '_blank';
      full.rel = 'noopener noreferrer';
      const actions = el('div', 'actions');
      actions.append(submitBtn, full);
      box.appendChild(actions);
      box.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (score === null) return;
        submitBtn.disabled = true;
        if (await send(score, comment?.value.trim() ?? '')) box.replaceChildren(el('p', 'note', prompt.texts.thank_you));
        else submitBtn.disabled = false;
      });
      log.appendChild(box);
      scroll();
    },
  };
  launcher.addEventListener('click', () => ui.open(!panel.classList.contains('open')));
  emailLink.addEventListener('click', () => ui.showEmailForm(!emailForm.classList.contains('show')));
  return ui;
}
