// The mail of one notification: the title as subject, and the same content twice, as plain text
// and as a small HTML page (multipart/alternative, through the SMTP app's "send htmlemail"): what
// happened, the event or task it is about as a button-like link, and where to choose which mail
// arrives. Everything that comes from the notification is escaped: titles and bodies carry names
// of events, notes and assets that anyone who can create an event controls.

export interface NotificationMail { subject: string; text: string; html: string }

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const PREFERENCES = "You can choose which notifications reach you by email on your account page.";

/** The console's address of a notification's link (relative when VIGIL_BASE_URL is not set). */
function linkOf(path: string): string {
  const base = (process.env.VIGIL_BASE_URL ?? "").replace(/\/+$/, "");
  return path ? `${base}${path}` : "";
}

/** Only http(s) or site-relative links become buttons; anything else is shown as text. */
const safeHref = (url: string) => /^(https?:\/\/|\/(?!\/))/i.test(url);

export function composeEmail(n: { title: string; body: string; link: string }): NotificationMail {
  const link = linkOf(n.link);
  const text = [n.body, link && `Open in Vigil: ${link}`, PREFERENCES].filter(Boolean).join("\n\n");
  const body = n.body ? `<p style="margin:0 0 16px;white-space:pre-wrap">${escapeHtml(n.body)}</p>` : "";
  const button = !link ? "" : safeHref(link)
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 16px;border-radius:6px;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600">Open in Vigil</a></p>
<p style="margin:0 0 16px;font-size:12px;color:#64748b">or copy this address: ${escapeHtml(link)}</p>`
    : `<p style="margin:0 0 16px">Open in Vigil: ${escapeHtml(link)}</p>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(n.title)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<p style="margin:0 0 8px;font-size:12px;font-weight:600;letter-spacing:.05em;text-transform:uppercase;color:#64748b">Vigil</p>
<h1 style="margin:0 0 16px;font-size:18px;line-height:1.4">${escapeHtml(n.title)}</h1>
${body}${button}
<p style="margin:16px 0 0;padding-top:12px;border-top:1px solid #e2e8f0;font-size:12px;color:#64748b">${escapeHtml(PREFERENCES)}</p>
</div>
</body></html>`;
  return { subject: `[Vigil] ${n.title}`, text, html };
}
