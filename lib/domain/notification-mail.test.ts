// The notification mail's two parts: the same words as text and as HTML, everything from the
// notification escaped in the HTML, and only web links made into the button.
import { afterEach, describe, expect, it } from "vitest";
import { composeEmail } from "./notification-mail";

afterEach(() => { delete process.env.VIGIL_BASE_URL; });

describe("composeEmail", () => {
  it("says the same in text and HTML, escaping what the notification carries", () => {
    process.env.VIGIL_BASE_URL = "https://vigil.soc.test/";
    const m = composeEmail({ title: 'SLA at risk: event "<img src=x onerror=alert(1)>"', body: "80% of its SLA is used & <b>counting</b>", link: "/events/7" });
    expect(m.subject).toBe('[Vigil] SLA at risk: event "<img src=x onerror=alert(1)>"');
    expect(m.text).toBe("80% of its SLA is used & <b>counting</b>\n\nOpen in Vigil: https://vigil.soc.test/events/7\n\nYou can choose which notifications reach you by email on your account page.");
    expect(m.html).toContain("SLA at risk: event &quot;&lt;img src=x onerror=alert(1)&gt;&quot;</h1>");
    expect(m.html).toContain("80% of its SLA is used &amp; &lt;b&gt;counting&lt;/b&gt;</p>");
    expect(m.html).not.toMatch(/<img|<b>/);
    expect(m.html).toMatch(/<a href="https:\/\/vigil\.soc\.test\/events\/7" [^>]*>Open in Vigil<\/a>/);
  });

  it("makes no button of a link that is not a web address, and no paragraph of an empty body", () => {
    const m = composeEmail({ title: "x", body: "", link: "javascript:alert(1)" });
    expect(m.html).not.toContain("<a ");
    expect(m.html).toContain("Open in Vigil: javascript:alert(1)</p>");
    expect(m.html).not.toContain("white-space:pre-wrap");
  });
});
