/* A store's support assistant: an embeddable chat widget (plain JS, no build step).
 *
 * Embed with one tag:
 *   <script src="/widget/widget.js" data-api="" data-store="Store name" data-token="TOKEN"></script>
 * data-api is the service's base URL ("" = same origin); data-store the store's name shown in
 * the panel's title; data-token is an optional signed
 * storefront token for a signed-in customer. Model and document text is only ever put into the
 * page with textContent / createTextNode (never innerHTML), and links are limited to /documents/.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__nfAssistant) return;
  window.__nfAssistant = true;
  var API = (script.getAttribute("data-api") || "").replace(/\/+$/, "");
  var TOKEN = script.getAttribute("data-token") || null;
  var STORE = script.getAttribute("data-store") || "";
  var KEY = "nf-assistant-session";
  var DOC_URL = /^\/documents\/[A-Za-z0-9._~\-\/%]+(#page=\d+)?$/;
  var session = load();
  var panel, log, form, input, sendBtn, launcher, endBtn;

  // --- small helpers --------------------------------------------------------------------------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = String(text);
    return node;
  }
  function set(node, attrs) {
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function load() {
    try {
      var s = JSON.parse(sessionStorage.getItem(KEY) || "null");
      return s && s.id && s.token && s.storefront === TOKEN ? s : null;
    } catch (e) { return null; }
  }
  function save(s) {
    session = s;
    try {
      if (s) sessionStorage.setItem(KEY, JSON.stringify(s)); else sessionStorage.removeItem(KEY);
    } catch (e) { /* storage disabled: keep the session in memory only */ }
  }
  function call(method, path, body) {
    var headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (session) headers["X-Conversation-Token"] = session.token;
    return fetch(API + path, {
      method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      return res.ok ? res.json() : failure(res);
    });
  }
  function failure(res) {  // rejects with the API's {"error": {"code", "message"}}
    return res.json().catch(function () { return {}; }).then(function (data) {
      var err = new Error((data.error && data.error.message) || "Something went wrong.");
      err.code = data.error && data.error.code; err.status = res.status;
      throw err;
    });
  }
  function convPath(suffix) { return "/v1/conversations/" + encodeURIComponent(session.id) + suffix; }
  function scroll() { log.scrollTop = log.scrollHeight; }
  function add(node) { log.appendChild(node); scroll(); return node; }
  function notice(text, cls) { return add(el("div", "nfa-notice " + (cls || ""), text)); }
  function bubble(role, text) {
    var b = el("div", "nfa-msg nfa-" + role);
    b.appendChild(el("span", "nfa-sr", role === "customer" ? "You said: " : "Assistant: "));
    var body = b.appendChild(el("div", "nfa-body"));
    if (text != null) rich(body, text);
    return add(b);
  }

  // Plain text with line breaks, "- " bullets and **bold**, built as DOM nodes.
  function inline(parent, line) {
    line.split(/\*\*([^*]+)\*\*/).forEach(function (part, i) {
      parent.appendChild(i % 2 ? el("strong", null, part) : document.createTextNode(part));
    });
  }
  function rich(parent, text) {
    parent.textContent = "";
    var list = null;
    String(text).split(/\r?\n/).forEach(function (line) {
      var bullet = /^\s*[-•*]\s+(.*)$/.exec(line);
      if (bullet) {
        if (!list) list = parent.appendChild(el("ul"));
        inline(list.appendChild(el("li")), bullet[1]);
      } else {
        list = null;
        if (line.trim()) inline(parent.appendChild(el("p")), line);
      }
    });
  }

  // --- replies ---------------------------------------------------------------------------------
  function renderReply(b, reply, live) {
    rich(b.querySelector(".nfa-body"), reply.text || "");
    var links = (reply.citation_links || []).filter(function (c) {
      return c && typeof c.url === "string" && DOC_URL.test(c.url) && c.url.indexOf("..") < 0;
    });
    if (links.length) {
      var cites = b.appendChild(el("div", "nfa-cites"));
      cites.appendChild(el("span", "nfa-cites-label", "Sources:"));
      links.forEach(function (c) {
        var a = cites.appendChild(el("a", "nfa-cite", c.label || c.url));
        a.href = API + c.url; a.target = "_blank"; a.rel = "noopener noreferrer";
      });
    }
    scroll();
    if (!live) return;
    if (reply.needs_verification && !session.verified) verifyForm();
    if (reply.pending_action) actionCard(reply.pending_action);
    if (reply.escalation) {
      set(notice("A member of our support team will follow up. Your ticket number is " +
        reply.escalation.ticket_number + ".", "nfa-escalation"), { role: "status" });
    }
    if (reply.escalation || (reply.executed_actions || []).length) askRating();
  }

  function send(text) {
    if (!session) return;
    bubble("customer", text);
    var b = bubble("assistant");
    b.classList.add("nfa-pending");
    b.querySelector(".nfa-body").textContent = "…";
    busy(true);
    var streamed = "", opened = false;
    var headers = { "Content-Type": "application/json", Accept: "text/event-stream",
                    "X-Conversation-Token": session.token };
    function onEvent(type, data) {
      var payload;
      try { payload = JSON.parse(data); } catch (e) { return; }
      if (type === "delta") {
        streamed += payload.text || "";
        b.querySelector(".nfa-body").textContent = streamed;
        scroll();
      } else if (type === "reply") {
        finish(b, payload);
      } else if (type === "error") {
        throw Object.assign(new Error(payload.message || "Something went wrong."),
          { code: payload.code, handled: true });
      }
    }
    fetch(API + convPath("/messages/stream"), {
      method: "POST", headers: headers, body: JSON.stringify({ text: text })
    }).then(function (res) {
      opened = res.ok && !!res.body;
      if (!opened) return failure(res);
      var reader = res.body.getReader(), decoder = new TextDecoder(), buf = "";
      function pump() {
        return reader.read().then(function (chunk) {
          buf += decoder.decode(chunk.value || new Uint8Array(), { stream: !chunk.done });
          var blocks = buf.replace(/\r\n/g, "\n").split("\n\n");
          buf = chunk.done ? "" : blocks.pop();
          blocks.forEach(function (block) {
            var type = "message", data = [];
            block.split("\n").forEach(function (line) {
              if (line.indexOf("event:") === 0) type = line.slice(6).trim();
              else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
            });
            if (data.length) onEvent(type, data.join("\n"));
          });
          if (!chunk.done) return pump();
          if (b.classList.contains("nfa-pending")) throw new Error("The reply was cut off.");
        });
      }
      return pump();
    }).catch(function (err) {
      // Fall back to the JSON endpoint only if the stream never opened (no turn happened).
      var noStream = !err.status || err.status >= 500 || err.status === 405 ||
        (err.status === 404 && err.code !== "conversation_not_found");
      if (opened || err.handled || !noStream) throw err;
      return call("POST", convPath("/messages"), { text: text }).then(function (r) { finish(b, r); });
    }).catch(function (err) {
      b.classList.remove("nfa-pending");
      b.querySelector(".nfa-body").textContent = err.message;
      b.classList.add("nfa-error");
      if (err.code === "conversation_not_found") expired();
    }).then(function () { busy(false); });
  }
  function finish(b, reply) {
    b.classList.remove("nfa-pending");
    renderReply(b, reply, true);
  }
  function busy(on) {
    log.setAttribute("aria-busy", on ? "true" : "false");
    sendBtn.disabled = on;
  }
  function expired() {
    save(null);
    notice("This chat has expired. Starting a new one…");
    start();
  }

  // --- verification, actions, rating -------------------------------------------------------
  function field(parent, label, name, type, attrs) {
    var id = "nfa-" + name + "-" + Math.random().toString(36).slice(2, 8);
    var l = parent.appendChild(el("label", "nfa-label", label));
    l.htmlFor = id;
    var i = parent.appendChild(el(type === "textarea" ? "textarea" : "input", "nfa-input"));
    i.id = id; i.name = name;
    if (type !== "textarea") i.type = type;
    return set(i, attrs || {});
  }
  function verifyForm() {
    if (log.querySelector(".nfa-verify")) return;
    var f = set(add(el("form", "nfa-card nfa-verify")), { "aria-label": "Verify your order" });
    f.appendChild(el("p", "nfa-card-title", "Verify it's you"));
    var order = field(f, "Order number", "order_number", "text",
      { autocomplete: "off", required: "", placeholder: "as on your confirmation email" });
    var email = field(f, "Email used for the order", "email", "email",
      { autocomplete: "email", required: "" });
    var msg = set(f.appendChild(el("p", "nfa-form-error")), { role: "alert" });
    var btn = f.appendChild(el("button", "nfa-btn nfa-primary", "Verify"));
    btn.type = "submit";
    order.focus();
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      btn.disabled = true; msg.textContent = "";
      call("POST", convPath("/verify"), { order_number: order.value, email: email.value })
        .then(function (r) {
          session.verified = true; save(session);
          f.remove();
          notice("Verified. Thanks" + (r.customer_name ? ", " + r.customer_name : "") + "!");
          send("I've verified my order details.");
          input.focus();
        }, function (err) {
          msg.textContent = err.message;
          btn.disabled = err.status === 429;
          if (err.code === "conversation_not_found") expired();
        });
    });
  }
  function actionCard(action) {
    var card = set(add(el("div", "nfa-card nfa-action")),
      { role: "group", "aria-label": "Confirm this change" });
    card.appendChild(el("p", "nfa-card-title", "Please confirm"));
    card.appendChild(el("p", "nfa-summary", action.summary));
    if ((action.changes || []).length) {
      var dl = card.appendChild(el("dl", "nfa-changes"));
      action.changes.forEach(function (c) {
        var name = String(c.field || "").replace(/_/g, " ");
        dl.appendChild(el("dt", null, name.charAt(0).toUpperCase() + name.slice(1)));
        dl.appendChild(el("dd", null, (c.before == null ? "—" : pretty(c.before)) + " → " +
          pretty(c.after)));
      });
    }
    if (action.amount_change != null) {
      card.appendChild(el("p", "nfa-amount", "Amount change: $" + action.amount_change));
    }
    var row = card.appendChild(el("div", "nfa-actions"));
    var yes = row.appendChild(el("button", "nfa-btn nfa-primary nfa-confirm", "Confirm"));
    var no = row.appendChild(el("button", "nfa-btn nfa-cancel", "Cancel"));
    yes.type = no.type = "button";
    function decide(path, label) {
      yes.disabled = no.disabled = true;
      card.classList.add("nfa-decided");
      var b = bubble("assistant");
      b.querySelector(".nfa-body").textContent = "…";
      busy(true);
      call("POST", convPath(path)).then(function (r) {
        card.appendChild(el("p", "nfa-decision", label));
        renderReply(b, r, true);
      }, function (err) {
        b.querySelector(".nfa-body").textContent = err.message;
        b.classList.add("nfa-error");
      }).then(function () { busy(false); });
    }
    yes.addEventListener("click", function () { decide("/confirm", "Confirmed"); });
    no.addEventListener("click", function () { decide("/decline", "Cancelled"); });
    yes.focus();
  }
  function pretty(value) {
    var s = String(value);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
    return new Date(s + "T12:00:00Z").toLocaleDateString(undefined,
      { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  }
  function askRating(final) {
    var f = log.querySelector(".nfa-rating");
    if (f && final) add(f).setAttribute("data-final", "1");  // move it below "Chat ended."
    if (f) f.querySelector("input").focus();
    if (f || (session && session.rated)) return;
    f = add(el("form", "nfa-card nfa-rating"));
    if (final) f.setAttribute("data-final", "1");
    var fs = f.appendChild(el("fieldset", "nfa-stars"));
    fs.appendChild(el("legend", "nfa-card-title", "How did we do?"));
    var group = "nfa-csat-" + Date.now();
    for (var n = 1; n <= 5; n++) {
      var l = fs.appendChild(el("label", "nfa-star"));
      var r = l.appendChild(el("input"));
      r.type = "radio"; r.name = group; r.value = String(n); r.required = true;
      set(l.appendChild(el("span", null, "★")), { "aria-hidden": "true" });
      l.appendChild(el("span", "nfa-sr", n + (n === 1 ? " star" : " stars")));
    }
    var comment = field(f, "Anything to add? (optional)", "comment", "textarea",
      { rows: "2", maxlength: "1000" });
    var msg = set(f.appendChild(el("p", "nfa-form-error")), { role: "alert" });
    var btn = f.appendChild(el("button", "nfa-btn nfa-primary", "Send rating"));
    btn.type = "submit";
    f.addEventListener("change", function () {
      var v = +(f.querySelector("input:checked") || {}).value || 0;
      Array.prototype.forEach.call(fs.querySelectorAll(".nfa-star"), function (s, i) {
        s.classList.toggle("nfa-on", i < v);
      });
    });
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var checked = f.querySelector("input:checked");
      if (!checked) { msg.textContent = "Please choose 1 to 5 stars."; return; }
      btn.disabled = true;
      call("POST", convPath("/feedback"), {
        csat: +checked.value, nps: null, comment: comment.value.trim() || null
      }).then(function () {
        session.rated = true; save(session);
        f.remove();
        notice("Thanks for your feedback!", "nfa-thanks");
        if (f.getAttribute("data-final")) offerRestart();
      }, function (err) { msg.textContent = err.message; btn.disabled = false; });
    });
    fs.querySelector("input").focus();
  }
  function endChat() {
    if (!session) return;
    endBtn.disabled = true;
    input.disabled = sendBtn.disabled = true;
    notice("Chat ended.");
    if (session.rated) offerRestart(); else askRating(true);
  }
  function offerRestart() {
    save(null);  // this conversation is over: its leftover buttons and forms go inert
    Array.prototype.forEach.call(log.querySelectorAll("button, input, textarea"), function (c) {
      c.disabled = true;
    });
    var b = add(el("button", "nfa-btn nfa-restart", "Start a new chat"));
    b.type = "button";
    b.addEventListener("click", function () {
      log.textContent = "";
      input.disabled = sendBtn.disabled = endBtn.disabled = false;
      start();
    });
  }

  // --- conversation lifecycle and the panel ---------------------------------------------------
  function start() {
    if (session) {
      return call("GET", convPath("/transcript")).then(function (t) {
        (t.messages || []).forEach(function (m, i) {
          if (m.role === "customer") return bubble("customer", m.text);
          var b = bubble("assistant", m.text);
          if (m.reply) renderReply(b, m.reply, i === t.messages.length - 1);
        });
        if (!(t.messages || []).length) bubble("assistant", session.greeting || "Hi!");
      }, function () { save(null); return start(); });
    }
    busy(true);
    return call("POST", "/v1/conversations", { storefront_token: TOKEN, proactive_message_id: null })
      .then(function (c) {
        save({ id: c.conversation_id, token: c.conversation_token, verified: !!c.verified,
               storefront: TOKEN, greeting: c.greeting });
        bubble("assistant", c.greeting);
      }, function (err) {
        notice("The assistant is unavailable right now: " + err.message, "nfa-error");
      }).then(function () { busy(false); });
  }
  function toggle(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      if (!log.childNodes.length) start();
      input.focus();
    } else {
      launcher.focus();
    }
  }
  function build() {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("widget.css", script.src).href;
    document.head.appendChild(css);
    var root = el("div", "nfa-root");
    launcher = set(root.appendChild(el("button", "nfa-launcher", "Chat with us")),
      { type: "button", "aria-controls": "nfa-panel", "aria-expanded": "false" });
    panel = set(root.appendChild(el("section", "nfa-panel")),
      { id: "nfa-panel", role: "dialog", "aria-label": (STORE + " support chat").trim() });
    panel.hidden = true;
    var head = panel.appendChild(el("header", "nfa-head"));
    head.appendChild(el("h2", "nfa-title", STORE ? STORE + " support" : "Support"));
    endBtn = head.appendChild(el("button", "nfa-btn nfa-end", "End chat"));
    var close = set(head.appendChild(el("button", "nfa-close", "×")), { "aria-label": "Close chat" });
    endBtn.type = close.type = "button";
    log = set(panel.appendChild(el("div", "nfa-log")),
      { role: "log", "aria-live": "polite", "aria-relevant": "additions text", tabindex: "0" });
    form = panel.appendChild(el("form", "nfa-composer"));
    input = field(form, "Your message", "message", "text",
      { maxlength: "2000", autocomplete: "off", placeholder: "Ask about an order or a product…" });
    form.querySelector("label").className = "nfa-sr";
    sendBtn = form.appendChild(el("button", "nfa-btn nfa-primary nfa-send", "Send"));
    sendBtn.type = "submit";
    launcher.addEventListener("click", function () { toggle(panel.hidden); });
    close.addEventListener("click", function () { toggle(false); });
    endBtn.addEventListener("click", endChat);
    panel.addEventListener("keydown", function (ev) { if (ev.key === "Escape") toggle(false); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = input.value.trim();
      if (!text || sendBtn.disabled || !session) return;
      input.value = "";
      send(text);
    });
    document.body.appendChild(root);
  }
  if (document.body) build(); else document.addEventListener("DOMContentLoaded", build);
})();
