/** The widget's CSS (inside its shadow root). #4f46e5 is replaced by data-color. */
export const CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Thai","Noto Sans",sans-serif}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:999px;padding:12px 18px;background:#4f46e5;color:#fff;font-size:15px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2)}
.panel{position:fixed;right:20px;bottom:76px;z-index:2147483000;width:min(360px,calc(100vw - 40px));height:min(520px,calc(100vh - 100px));display:none;flex-direction:column;background:#fff;color:#111;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden;font-size:14px}
.panel.open{display:flex}
header{background:#4f46e5;color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}
header .t{font-weight:600;flex:1}
header .s{font-size:12px;opacity:.85;display:block;font-weight:400}
header button{background:transparent;border:1px solid rgba(255,255,255,.6);color:#fff;border-radius:6px;font-size:12px;padding:3px 8px;cursor:pointer}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f7f7f9}
.b{max-width:80%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word;line-height:1.35}
.b.visitor{align-self:flex-end;background:#4f46e5;color:#fff;border-bottom-right-radius:4px}
.b.visitor.unsent{opacity:.6}
.b.agent{align-self:flex-start;background:#fff;border:1px solid #e3e3e8;border-bottom-left-radius:4px}
.b .n{display:block;font-size:11px;color:#666;margin-bottom:2px}
.note{align-self:center;font-size:12px;color:#555;text-align:center}
.typing{font-size:12px;color:#666;padding:0 12px 6px;background:#f7f7f9;min-height:18px}
form{display:flex;gap:6px;padding:10px;border-top:1px solid #eee;background:#fff}
form.email{display:none;flex-direction:column}
form.email.show{display:flex}
textarea,input{flex:1;resize:none;border:1px solid #ccc;border-radius:8px;padding:8px;font-size:14px;color:#111;background:#fff}
form button{border:0;border-radius:8px;background:#4f46e5;color:#fff;padding:0 14px;font-size:14px;cursor:pointer;min-height:36px}
form.survey{flex-direction:column;align-self:stretch;border:1px solid #e3e3e8;border-radius:10px;gap:8px}
.survey fieldset{border:0;margin:0;padding:0}
.survey legend{padding:0;margin-bottom:6px}
.survey .choices{display:flex;gap:6px;flex-wrap:wrap}
.survey button.choice{background:#fff;color:#111;border:1px solid #8a8a99;min-width:36px;padding:0 10px}
.survey button.choice[aria-pressed=true]{background:#4f46e5;color:#fff;border-color:#4f46e5}
.survey label{display:flex;flex-direction:column;gap:4px;font-size:13px}
.survey .actions{display:flex;gap:10px;align-items:center}
.survey button:disabled{opacity:.5;cursor:default}
.survey a.full{color:#4f46e5;font-size:13px}
`;
