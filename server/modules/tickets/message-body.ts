import sanitizeHtml from 'sanitize-html';

/**
 * Message bodies: HTML is sanitised before it is stored, so nothing unsafe
 * can ever be shown to an agent or customer; the plain text is kept (or
 * derived from the HTML) for search, notifications and previews.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img', 'span', 'font', 'center', 'del', 'ins', 'sub', 'sup', 'u', 's',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'name'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    '*': ['style', 'dir', 'lang', 'align', 'colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel', 'cid'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowedStyles: {
    '*': {
      color: [/^#?[\w(),.\s%]+$/],
      'background-color': [/^#?[\w(),.\s%]+$/],
      'text-align': [/^(left|right|center|justify)$/],
      'font-weight': [/^\w+$/],
      'font-style': [/^\w+$/],
      'text-decoration': [/^[\w\s]+$/],
    },
  },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
  disallowedTagsMode: 'discard',
};

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Plain text from HTML: block ends become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h[1-6])\b[^>]*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '- ');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

export function normalizeBody(input: { body_text?: string | undefined; body_html?: string | undefined }): { text: string; html: string | null } {
  const html = input.body_html?.trim() ? sanitizeMessageHtml(input.body_html) : null;
  const text = input.body_text?.trim() ? input.body_text.replace(/\r\n/g, '\n') : html ? htmlToText(html) : '';
  return { text, html };
}
