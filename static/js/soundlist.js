// Lists that play: every [data-row-play] button plays its sound in place, one sound at a time on the whole page
// (any other <audio> that starts pauses the rest), ↑/↓ move between the rows of a list, [data-play-all] plays a
// list as a queue, and a polite live region says what is playing. The format is chosen by canPlayType: Opus in
// Ogg where the browser has it (a fraction of the WAV's bytes), MP3 elsewhere.
(function () {
  "use strict";

  var OPUS = 'audio/ogg; codecs="opus"';
  var audio = new Audio();
  audio.preload = "auto";
  var current = null; // the playing (or paused) row's button
  var queue = []; // buttons still to play after the current one ("play all")
  var counted = {}; // play URL → true once that sound's play was reported in this page
  var live = null;

  function announce(text) {
    if (!live) {
      live = document.createElement("p");
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      live.dataset.nowPlaying = "";
      document.body.appendChild(live);
    }
    live.textContent = text;
  }

  function sourceOf(button) {
    return audio.canPlayType(OPUS) && button.dataset.srcOpus ? button.dataset.srcOpus : button.dataset.src;
  }

  function rowOf(button) {
    return button.closest("[data-sound-row]");
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"] || "";
    } catch (error) {
      return "";
    }
  }

  // A play is "the audio started": the server decides whether it counts (once an hour per listener, not the owner).
  function reportPlay(url) {
    if (!url || counted[url] || !window.fetch) return;
    counted[url] = true;
    fetch(url, { method: "POST", headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin" })
      .catch(function () { counted[url] = false; });
  }

  function show(button, playing) {
    button.setAttribute("aria-pressed", playing ? "true" : "false");
    var state = button.querySelector("[data-row-state]");
    if (state) state.textContent = playing ? "Pause" : "Play";
    rowOf(button).classList.toggle("is-playing", playing);
  }

  function play(button) {
    if (current && current !== button) {
      show(current, false);
      drawRow(current, 0);
    }
    if (current !== button) {
      current = button;
      audio.src = sourceOf(button);
    } else if (audio.ended) {
      audio.currentTime = 0;
    }
    var started = audio.play();
    if (started && started.catch) started.catch(function () { show(button, false); });
  }

  function toggle(button) {
    queue = [];
    if (current === button && !audio.paused) audio.pause();
    else play(button);
  }

  audio.addEventListener("playing", function () {
    if (!current) return;
    show(current, true);
    announce("Playing “" + current.dataset.title + "”");
    reportPlay(current.dataset.playUrl);
  });
  audio.addEventListener("pause", function () {
    if (!current || audio.ended) return;
    show(current, false);
    announce("Paused “" + current.dataset.title + "”");
  });
  audio.addEventListener("ended", function () {
    if (!current) return;
    show(current, false);
    drawRow(current, 1);
    var next = queue.shift();
    if (next) play(next);
    else announce("Finished “" + current.dataset.title + "”");
  });
  audio.addEventListener("timeupdate", function () {
    if (current && audio.duration) drawRow(current, audio.currentTime / audio.duration);
  });

  // One sound at a time: a row that starts pauses the page's players, a page's player that starts pauses the row.
  function pauseOthers(playing) {
    if (playing !== audio && !audio.paused) audio.pause();
    Array.prototype.forEach.call(document.querySelectorAll("audio"), function (other) {
      if (other !== playing && !other.paused) other.pause();
    });
  }
  audio.addEventListener("play", function () { pauseOthers(audio); });
  document.addEventListener("play", function (event) { pauseOthers(event.target); }, true);
  // The page's own players (the studio's and a sound page's card) carry their sound's play URL on the <audio>.
  document.addEventListener("playing", function (event) {
    if (event.target !== audio && event.target.dataset) reportPlay(event.target.dataset.playUrl);
  }, true);

  // ---------- Mini waveforms from the stored peaks, the played part in the second colour ----------
  function color(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#6d28d9";
  }

  function drawWave(canvas, playedFraction) {
    var peaks;
    try { peaks = JSON.parse(canvas.dataset.peaks || "[]"); } catch (error) { peaks = []; }
    var ratio = window.devicePixelRatio || 1;
    var rect = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(rect.width * ratio));
    canvas.height = Math.max(1, Math.round(rect.height * ratio));
    var ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!peaks.length) return;
    var loudest = 0.001;
    peaks.forEach(function (pair) { loudest = Math.max(loudest, Math.abs(pair[0]), Math.abs(pair[1])); });
    var mid = canvas.height / 2;
    var slot = canvas.width / peaks.length;
    var wave = color("--wave");
    var played = color("--wave-played");
    peaks.forEach(function (pair, i) {
      var top = mid - (pair[1] / loudest) * mid * 0.9;
      var bottom = mid - (pair[0] / loudest) * mid * 0.9;
      ctx.fillStyle = (i + 0.5) / peaks.length <= playedFraction ? played : wave;
      ctx.fillRect(i * slot + slot * 0.2, top, Math.max(1, slot * 0.6), Math.max(ratio, bottom - top));
    });
  }

  function drawRow(button, fraction) {
    var canvas = rowOf(button).querySelector("canvas.mini-wave");
    if (canvas) drawWave(canvas, fraction);
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sound-row] canvas.mini-wave"), function (canvas) {
      var button = rowOf(canvas).querySelector("[data-row-play]");
      drawWave(canvas, button && button === current && audio.duration ? audio.currentTime / audio.duration : 0);
    });
  }

  // ---------- Clicks and keys ----------
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-row-play]");
    if (button) {
      toggle(button);
      return;
    }
    var all = event.target.closest && event.target.closest("[data-play-all]");
    if (!all) return;
    var list = document.getElementById(all.getAttribute("aria-controls"));
    var buttons = list ? Array.prototype.slice.call(list.querySelectorAll("[data-row-play]")) : [];
    if (!buttons.length) return;
    play(buttons[0]);
    queue = buttons.slice(1);
  });

  // ---------- Sharing: the phone's share sheet where there is one, the clipboard elsewhere ----------
  var coarse = window.matchMedia("(pointer: coarse)");

  function shareLink(url, title, done) {
    var absolute = new URL(url, location.href).href;
    if (navigator.share && coarse.matches) {
      navigator.share({ title: title, url: absolute }).catch(function () {});
      return;
    }
    if (navigator.clipboard) navigator.clipboard.writeText(absolute).then(done, function () {});
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy-link]");
    if (!button) return;
    shareLink(button.dataset.copyLink, button.dataset.shareTitle || document.title, function () {
      var before = button.textContent;
      button.textContent = "Copied!";
      setTimeout(function () { button.textContent = before; }, 1600);
    });
  });

  // "Copy link" on a private sound first asks to share it by link: the form switches it, then the link is copied.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("[data-share-and-copy]");
    if (!form || !window.fetch) return;
    event.preventDefault();
    fetch(form.action, { method: "POST", body: new FormData(form), headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        var ask = form.closest("details") || form;
        var done = document.createElement("span");
        done.setAttribute("role", "status");
        done.textContent = "Anyone with the link can listen now.";
        ask.replaceWith(done);
        shareLink(form.dataset.shareAndCopy, document.title, function () { done.textContent += " Link copied."; });
        var note = document.querySelector("[data-shared-note]");
        if (note) note.textContent = "";
      })
      .catch(function () { form.submit(); });
  });

  // ↑/↓ move focus to the same control of the row above or below (Tab still walks every control).
  document.addEventListener("keydown", function (event) {
    if ((event.key !== "ArrowDown" && event.key !== "ArrowUp") || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (!target.closest || !target.closest("[data-sound-row]") || target.matches("input, select, textarea")) return;
    var rows = Array.prototype.slice.call(target.closest("ul, ol").querySelectorAll("[data-sound-row]"));
    var index = rows.indexOf(target.closest("[data-sound-row]")) + (event.key === "ArrowDown" ? 1 : -1);
    if (index < 0 || index >= rows.length) return;
    event.preventDefault();
    var next = rows[index].querySelector("[data-row-play]") || rows[index].querySelector("a");
    next.focus();
  });

  // Rows added later (the generator's recent list over the socket) get their waveform drawn too.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      Array.prototype.forEach.call(change.addedNodes, function (node) {
        if (node.querySelectorAll) Array.prototype.forEach.call(node.querySelectorAll("canvas.mini-wave"), function (c) { drawWave(c, 0); });
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  window.addEventListener("resize", drawAll);
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  if (dark.addEventListener) dark.addEventListener("change", drawAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
