/*!
 * AMIF-assistent chat widget (Europa WSE). Hand-written, no framework, no third-party requests.
 * Embed:  <script src="https://BOT-HOST/widget/widget.js" defer></script>
 * Optional, before it:  window.AmifAssistentConfig = {botUrl, title, colours: {primary, onPrimary}}
 * Loads widget.css and socket.io.min.js from the same folder as this file.
 */
(function () {
  "use strict";
  if (window.AmifAssistent) return; // embedded twice: keep the first

  var script = document.currentScript;
  var base = script && script.src ? script.src.replace(/[^/?#]*([?#].*)?$/, "") : "./";
  var cfg = window.AmifAssistentConfig || {};
  var botUrl = cfg.botUrl || (script && script.getAttribute("data-bot-url")) ||
    new URL(base, location.href).origin;
  var title = cfg.title || "AMIF-assistent";
  var colours = cfg.colours || cfg.colors || {};

  var T = {
    launcher: "Vragen over AMIF?",
    launcherLabel: "Open de chat met de " + title,
    close: "Chat sluiten",
    restart: "Nieuw gesprek",
    restartLabel: "Nieuw gesprek beginnen (wist dit gesprek)",
    inputLabel: "Je vraag aan de " + title,
    placeholder: "Typ je vraag…",
    send: "Verstuur",
    log: "Gesprek met de " + title,
    you: "Jij: ",
    bot: title + ": ",
    options: "Antwoordopties",
    typing: "De " + title + " schrijft een antwoord…",
    connecting: "Verbinden met de " + title + "…",
    offline: "De " + title + " is nu niet bereikbaar. We proberen automatisch opnieuw te " +
      "verbinden; je gesprek blijft bewaard.",
    notSent: "Je bericht is niet verstuurd: er is geen verbinding. Probeer het zo opnieuw.",
    slow: "Het antwoord laat op zich wachten. Probeer het gerust nog eens.",
    newWindow: " (opent in een nieuw venster)",
    image: "Afbeelding bekijken",
    privacy: "Deel geen persoonsgegevens in de chat."
  };

  // --- storage: sessionStorage, so the conversation ends with the tab (nothing persistent) ---
  var KEY = "amif-assistent.";
  var memory = {};
  function load(name, fallback) {
    try {
      var value = window.sessionStorage.getItem(KEY + name);
      return value === null ? fallback : JSON.parse(value);
    } catch (e) {
      return name in memory ? memory[name] : fallback;
    }
  }
  function save(name, value) {
    memory[name] = value;
    try { window.sessionStorage.setItem(KEY + name, JSON.stringify(value)); } catch (e) { /* full or off */ }
  }
  function newSessionId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  var sessionId = load("session", null) || newSessionId();
  var history = load("history", []); // [{from: "bot"|"user", text, quick_replies?, link?}]
  if (!Array.isArray(history)) history = [];
  save("session", sessionId);

  // --- DOM helpers: text only ever goes in through textContent ---
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) node.setAttribute(name, attrs[name]);
    if (text != null) node.textContent = text;
    return node;
  }
  function srOnly(text) { return el("span", { "class": "sr-only" }, text); }

  function safeUrl(href) {
    try {
      var url = new URL(href);
      return /^(https?|mailto):$/.test(url.protocol) ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  function link(href, text) {
    var a = el("a", { href: href }, text);
    if (!/^mailto:/.test(href)) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(srOnly(T.newWindow));
    }
    return a;
  }

  // Tiny markdown: **bold**, [text](url), bare http(s) URLs and e-mail addresses.
  var INLINE = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])|([\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})/gi;
  function inline(text, parent) {
    var last = 0, m;
    INLINE.lastIndex = 0;
    while ((m = INLINE.exec(text))) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      last = INLINE.lastIndex;
      var href;
      if (m[1] != null) {
        var strong = el("strong");
        parent.appendChild(strong);
        var rest = INLINE.lastIndex; // recursion resets the shared regex
        inline(m[1], strong);
        INLINE.lastIndex = last = rest;
      } else if (m[2] != null) {
        href = safeUrl(m[3]);
        parent.appendChild(href ? link(href, m[2]) : document.createTextNode(m[0]));
      } else if (m[4] != null) {
        href = safeUrl(m[4]);
        parent.appendChild(href ? link(href, m[4]) : document.createTextNode(m[4]));
      } else {
        parent.appendChild(link("mailto:" + m[5], m[5]));
      }
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }
  // Blocks: paragraphs (single newlines become <br>), bullet lists ("- ", "* ", "• ") and
  // numbered lists ("1. ", "2) "; a list may go on after a heading line, so it keeps its numbers).
  function markdown(text, parent) {
    var list = null, para = null;
    String(text).split(/\r?\n/).forEach(function (line) {
      var bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
      var numbered = bullet ? null : /^\s*(\d{1,3})[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        var kind = bullet ? "ul" : "ol";
        if (!list || list.tagName.toLowerCase() !== kind) {
          parent.appendChild(list = el(kind));
          if (numbered && numbered[1] !== "1") list.setAttribute("start", numbered[1]);
        }
        para = null;
        var li = el("li");
        inline(bullet ? bullet[1] : numbered[2], li);
        list.appendChild(li);
        return;
      }
      list = null;
      if (!line.trim()) { para = null; return; }
      if (para) para.appendChild(el("br"));
      else parent.appendChild(para = el("p"));
      inline(line, para);
    });
  }

  // --- the widget, in a shadow root so the host page's CSS cannot break it (nor it the page) ---
  var host = el("div", { id: "amif-assistent" });
  var root = host.attachShadow({ mode: "open" });
  var aside = el("aside", { "class": "amif", lang: "nl", "aria-label": title, hidden: "" });
  var sheet = el("link", { rel: "stylesheet", href: base + "widget.css" });
  sheet.onload = sheet.onerror = function () { aside.hidden = false; scrollToEnd(); };
  root.appendChild(sheet);
  root.appendChild(aside);
  ["primary", "onPrimary"].forEach(function (name) {
    var value = colours[name];
    if (value && window.CSS && CSS.supports("color", value)) {
      aside.style.setProperty("--amif-" + name.replace(/[A-Z]/g, "-$&").toLowerCase(), value);
    }
  });

  // The accessible name starts with the visible text (WCAG 2.5.3 "label in name").
  var launcher = el("button", {
    type: "button", "class": "launcher", "aria-expanded": "false", "aria-controls": "amif-panel"
  });
  launcher.appendChild(el("span", { "class": "launcher-icon", "aria-hidden": "true" }));
  launcher.appendChild(el("span", { "class": "launcher-text" }, T.launcher));
  launcher.appendChild(srOnly(" " + T.launcherLabel));

  var panel = el("div", { id: "amif-panel", "class": "panel", role: "dialog", "aria-labelledby": "amif-title" });
  panel.hidden = true;
  var header = el("div", { "class": "header" });
  header.appendChild(el("h2", { id: "amif-title" }, title));
  var restartButton = el("button", { type: "button", "class": "restart", "aria-label": T.restartLabel }, T.restart);
  var closeButton = el("button", { type: "button", "class": "close", "aria-label": T.close });
  closeButton.appendChild(el("span", { "aria-hidden": "true" }, "×"));
  header.appendChild(restartButton);
  header.appendChild(closeButton);

  var status = el("p", { "class": "status", role: "status" });
  var log = el("div", { "class": "log", role: "log", "aria-live": "polite", "aria-label": T.log, tabindex: "0" });
  var typing = el("div", { "class": "typing", role: "status" });

  var form = el("form", { "class": "composer" });
  var input = el("input", {
    id: "amif-input", type: "text", autocomplete: "off", maxlength: "500", placeholder: T.placeholder,
    enterkeyhint: "send"
  });
  form.appendChild(el("label", { "for": "amif-input", "class": "sr-only" }, T.inputLabel));
  form.appendChild(input);
  form.appendChild(el("button", { type: "submit", "class": "send" }, T.send));

  panel.appendChild(header);
  panel.appendChild(status);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(form);
  panel.appendChild(el("p", { "class": "privacy" }, T.privacy));
  aside.appendChild(panel);
  aside.appendChild(launcher);

  // --- conversation ---
  function quickReplies(message, parent) {
    var group = el("div", { "class": "quick-replies", role: "group", "aria-label": T.options });
    message.quick_replies.forEach(function (reply) {
      var button = el("button", { type: "button", "class": "quick-reply" }, reply.title);
      button.addEventListener("click", function () {
        send(reply.payload, reply.title);
        input.focus(); // the buttons go away once answered: keep the keyboard user in the chat
      });
      group.appendChild(button);
    });
    parent.appendChild(group);
  }
  function render(message, isLast) {
    var item = el("div", { "class": "message " + message.from });
    item.appendChild(srOnly(message.from === "user" ? T.you : T.bot));
    var bubble = el("div", { "class": "bubble" });
    if (message.from === "user") bubble.appendChild(el("p", null, message.text));
    else if (message.link) bubble.appendChild(el("p")).appendChild(link(message.link, T.image));
    else markdown(message.text || "", bubble);
    if (message.source) markdown(message.source, bubble.appendChild(el("div", { "class": "source" })));
    item.appendChild(bubble);
    // Only the latest bot message keeps its buttons: older choices are stale.
    if (isLast && message.quick_replies && message.quick_replies.length) quickReplies(message, item);
    log.appendChild(item);
    scrollToEnd();
  }
  function scrollToEnd() {
    // After layout: a hidden panel or a stylesheet still loading has no scroll height yet.
    window.requestAnimationFrame(function () { log.scrollTop = log.scrollHeight; });
  }
  function add(message) {
    var stale = log.querySelectorAll(".quick-replies");
    for (var i = 0; i < stale.length; i++) stale[i].remove();
    history.push(message);
    if (history.length > 200) history = history.slice(-200);
    save("history", history);
    render(message, true);
  }
  function renderHistory() {
    log.textContent = "";
    history.forEach(function (message, i) { render(message, i === history.length - 1); });
  }

  var typingTimer = null;
  function setTyping(on) {
    clearTimeout(typingTimer);
    typing.textContent = "";
    if (!on) return;
    var dots = el("span", { "class": "dots", "aria-hidden": "true" });
    for (var i = 0; i < 3; i++) dots.appendChild(el("span"));
    typing.appendChild(dots);
    typing.appendChild(srOnly(T.typing));
    typingTimer = setTimeout(function () { setTyping(false); setStatus(T.slow); }, 30000);
  }
  function setStatus(text, kind) {
    if (status.textContent !== text) status.textContent = text || "";
    status.className = "status" + (kind ? " " + kind : "");
  }

  // --- socket.io (vendored socket.io-client 4.x), connected only once the visitor opens the chat ---
  var ioLib = null, socket = null, ready = false, greetPending = false;
  function loadSocketIo(done) {
    if (ioLib) return done(ioLib);
    // socket.io.min.js defines window.io; give the page back any io of its own afterwards.
    var hadIo = "io" in window, pageIo = window.io;
    var tag = el("script", { src: base + "socket.io.min.js", async: "" });
    tag.onload = function () {
      ioLib = window.io;
      if (hadIo) window.io = pageIo; else delete window.io;
      done(ioLib);
    };
    tag.onerror = function () { setStatus(T.offline, "error"); };
    document.head.appendChild(tag);
  }
  function greetIfNew() {
    if (history.length === 0 && ready && !greetPending) {
      greetPending = true;
      socket.emit("user_uttered", { message: "/greet", session_id: sessionId });
      setTyping(true);
    }
  }
  function connect() {
    if (socket) return;
    setStatus(T.connecting);
    loadSocketIo(function (io) {
      if (socket) return;
      socket = io(botUrl, { path: cfg.socketPath || "/socket.io", reconnectionDelayMax: 10000 });
      socket.on("connect", function () { socket.emit("session_request", { session_id: sessionId }); });
      socket.on("session_confirm", function () {
        ready = true;
        setStatus("");
        greetIfNew();
      });
      socket.on("bot_uttered", function (data) {
        if (!data || typeof data !== "object") return;
        setTyping(false);
        greetPending = false;
        // An answer's source line ("Bron: …", actions/sources.py) comes as the answer's custom
        // payload, right after its text: it goes under the latest bot message.
        var source = data.source && typeof data.source.text === "string" ? data.source.text : "";
        var latest = history[history.length - 1];
        if (source && latest && latest.from === "bot" && !latest.source) {
          latest.source = source;
          save("history", history);
          var bubbles = log.querySelectorAll(".message.bot .bubble");
          if (bubbles.length) markdown(source, bubbles[bubbles.length - 1].appendChild(el("div", { "class": "source" })));
          scrollToEnd();
          return;
        }
        var replies = data.quick_replies || data.buttons || [];
        var message = { from: "bot", text: typeof data.text === "string" ? data.text : "" };
        if (Array.isArray(replies) && replies.length) {
          message.quick_replies = replies.filter(function (r) { return r && r.title; }).map(function (r) {
            return { title: String(r.title), payload: String(r.payload || r.title) };
          });
        }
        var attachment = data.attachment;
        if (!message.text && attachment && attachment.type === "image" && attachment.payload) {
          message.link = safeUrl(attachment.payload.src); // a link, not an <img>: no third-party request
          if (!message.link) return;
        }
        if (message.text || message.link) add(message);
      });
      socket.on("disconnect", function (reason) {
        ready = false;
        setTyping(false);
        if (reason === "io client disconnect") return; // our own restart()
        setStatus(T.offline, "error");
        if (reason === "io server disconnect") socket.connect(); // not retried by socket.io itself
      });
      socket.on("connect_error", function () {
        ready = false;
        setStatus(T.offline, "error");
      });
    });
  }

  function send(payload, shown) {
    payload = String(payload).trim();
    if (!payload) return false;
    if (!ready) {
      setStatus(T.notSent, "error");
      return false;
    }
    add({ from: "user", text: shown || payload });
    socket.emit("user_uttered", { message: payload, session_id: sessionId });
    setTyping(true);
    return true;
  }

  // --- open, close, new conversation ---
  function open(moveFocus) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    save("open", true);
    scrollToEnd();
    if (moveFocus) input.focus();
    connect();
    greetIfNew();
  }
  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    save("open", false);
    launcher.focus();
  }
  function restart() {
    sessionId = newSessionId();
    history = [];
    greetPending = false;
    save("session", sessionId);
    save("history", history);
    renderHistory();
    setTyping(false);
    input.value = "";
    input.focus();
    if (socket) {
      // A fresh socket, so it is in the new conversation's room only.
      ready = false;
      socket.disconnect().connect();
    }
  }

  launcher.addEventListener("click", function () { open(true); });
  closeButton.addEventListener("click", close);
  restartButton.addEventListener("click", restart);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      close();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (send(input.value)) input.value = "";
    input.focus();
  });

  renderHistory();
  function mount() {
    document.body.appendChild(host);
    // Back on another page or after a reload: reopen where the visitor left off, without
    // taking the focus away from the page.
    if (load("open", false)) open(false);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.AmifAssistent = {
    open: function () { open(true); },
    close: close,
    restart: restart,
    sessionId: function () { return sessionId; }
  };
})();
