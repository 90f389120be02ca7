// The generator page: the player (waveform, live spectrum, seeking), playback right after a generation, the
// sliders that re-render the current sound, keyboard shortcuts and small comforts. htmx's ws extension does the
// talking: forms with ws-send go over /ws/generate/ and the server answers with out-of-band HTML fragments.
(function () {
  "use strict";

  var TWEAK_DELAY_MS = 400;
  var RECENT_LIMIT = 10;
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var darkScheme = window.matchMedia("(prefers-color-scheme: dark)");

  var socket = null; // htmx's socket wrapper, once /ws/generate/ is open
  // When the socket drops (a deploy, Redis restarting: the server closes with 1013), htmx reconnects after this
  // many ms: doubling from 0.5 s, never more than 5 s, jittered so that a server's sockets do not all come back at once.
  if (window.htmx) {
    htmx.config.wsReconnectDelay = function (retryCount) {
      var ceiling = Math.min(5000, 500 * Math.pow(2, retryCount));
      return ceiling / 2 + Math.random() * ceiling / 2;
    };
  }
  var player = null; // the Player of the current result card
  var shownSoundId = null;
  var lastSendKind = null; // "form" or "tweak": what asked for the sound that arrives next
  var focusKeyBeforeSwap = null;
  var audioContext = null;
  var analyser = null;

  // ---------- Colours come from the stylesheet, so canvases follow the theme ----------
  function cssColor(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#6d28d9";
  }

  function sizeCanvas(canvas) {
    var ratio = window.devicePixelRatio || 1;
    var rect = canvas.getBoundingClientRect();
    var width = Math.max(1, Math.round(rect.width * ratio));
    var height = Math.max(1, Math.round(rect.height * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    return { width: width, height: height, ratio: ratio };
  }

  function readPeaks(canvas) {
    try {
      var peaks = JSON.parse(canvas.dataset.peaks || "[]");
      return Array.isArray(peaks) ? peaks : [];
    } catch (error) {
      return [];
    }
  }

  // Mirrored rounded bars, one per stored [min, max] bucket; the played part in the second colour.
  function drawPeaks(canvas, peaks, playedFraction) {
    var size = sizeCanvas(canvas);
    var ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, size.width, size.height);
    if (!peaks.length) return;
    var wave = cssColor("--wave");
    var played = cssColor("--wave-played");
    var mid = size.height / 2;
    // Scaled to the loudest bucket: a whispered hiss should still show its shape.
    var loudest = 0;
    for (var j = 0; j < peaks.length; j++) {
      loudest = Math.max(loudest, Math.abs(Number(peaks[j][0]) || 0), Math.abs(Number(peaks[j][1]) || 0));
    }
    var gain = loudest > 0.001 ? 1 / loudest : 1;
    var slot = size.width / peaks.length;
    var barWidth = Math.max(1, slot * 0.62);
    var minBar = Math.max(1, size.ratio);
    for (var i = 0; i < peaks.length; i++) {
      var low = Math.max(-1, Math.min(1, Number(peaks[i][0]) || 0));
      var high = Math.max(-1, Math.min(1, Number(peaks[i][1]) || 0));
      var top = mid - high * gain * mid * 0.92;
      var bottom = mid - low * gain * mid * 0.92;
      var height = Math.max(minBar, bottom - top);
      ctx.fillStyle = (i + 0.5) / peaks.length <= playedFraction ? played : wave;
      ctx.fillRect(i * slot + (slot - barWidth) / 2, top, barWidth, height);
    }
  }

  function formatSeconds(seconds) {
    return (Math.round(seconds * 10) / 10).toFixed(1) + " s";
  }

  // ---------- Web Audio: one context and analyser for the page, made when the first sound is routed to it ----------
  function ensureAnalyser() {
    if (analyser) return analyser;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    audioContext = new Context();
    analyser = audioContext.createAnalyser();
    analyser.fftSize = 2048;
    analyser.smoothingTimeConstant = 0.72;
    analyser.connect(audioContext.destination);
    return analyser;
  }

  // ---------- Player ----------
  function Player(root, card) {
    this.root = root;
    this.card = card;
    this.audio = root.querySelector("audio");
    this.button = root.querySelector("[data-play]");
    this.label = this.button.querySelector(".visually-hidden");
    this.wave = root.querySelector("canvas.waveform");
    this.spectrum = root.querySelector("canvas.spectrum");
    this.seek = root.querySelector("input.seek");
    this.time = root.querySelector("[data-time]");
    this.peaks = readPeaks(this.wave);
    this.durationS = parseFloat(card.dataset.durationS) || 0;
    this.source = null;
    this.wantsPlay = false;
    this.frame = 0;
    this.lastSpectrumAt = 0;
    this.bind();
    this.draw();
  }

  Player.prototype.bind = function () {
    var self = this;
    this.button.addEventListener("click", function () { self.toggle(); });
    this.seek.addEventListener("input", function () {
      var duration = self.duration();
      if (duration) self.audio.currentTime = (Number(self.seek.value) / 1000) * duration;
      self.draw();
    });
    ["play", "pause", "ended"].forEach(function (name) {
      self.audio.addEventListener(name, function () { self.sync(); });
    });
    this.audio.addEventListener("error", function () { self.playWithoutSpectrum(); });
    this.audio.addEventListener("timeupdate", function () { self.draw(); });
    this.audio.addEventListener("loadedmetadata", function () {
      // Only now is it known that the CORS fetch went through (see connect).
      if (self.wantsPlay) self.connect();
      self.draw();
    });
  };

  Player.prototype.duration = function () {
    return isFinite(this.audio.duration) && this.audio.duration > 0 ? this.audio.duration : this.durationS;
  };

  Player.prototype.playWithoutSpectrum = function () {
    // The audio's host (an S3 bucket without CORS rules for this site) refused a CORS request. Fetched without
    // one, the element still plays; Web Audio would only hear silence from it, so no spectrum then.
    if (!this.audio.hasAttribute("crossorigin") || this.source) return;
    this.audio.removeAttribute("crossorigin");
    this.audio.load();
    if (this.wantsPlay) this.play();
  };

  Player.prototype.connect = function () {
    // Routing the element through the analyser is what lets us draw its spectrum: once per element, only for
    // audio fetched with CORS (anything else reaches Web Audio as silence), and only once its metadata is in
    // (until then the fetch may still fail, and a routed element cannot be unrouted).
    if (this.source || this.audio.readyState < 1 || !this.audio.hasAttribute("crossorigin")) return;
    if (!ensureAnalyser()) return;
    try {
      this.source = audioContext.createMediaElementSource(this.audio);
      this.source.connect(analyser);
      if (audioContext.state === "suspended") audioContext.resume();
    } catch (error) {
      this.source = null;
    }
  };

  Player.prototype.play = function () {
    this.wantsPlay = true;
    this.connect();
    if (audioContext && audioContext.state === "suspended") audioContext.resume();
    if (this.audio.ended) this.audio.currentTime = 0;
    var self = this;
    var started = this.audio.play();
    if (started && started.catch) {
      // A browser may refuse sound without a gesture first; the play button is then one press away.
      started.catch(function () { self.sync(); });
    }
  };

  Player.prototype.toggle = function () {
    if (this.audio.paused) this.play();
    else {
      this.wantsPlay = false;
      this.audio.pause();
    }
  };

  Player.prototype.sync = function () {
    var playing = !this.audio.paused && !this.audio.ended;
    this.button.setAttribute("aria-pressed", playing ? "true" : "false");
    this.label.textContent = playing ? "Pause" : "Play";
    this.root.classList.toggle("is-playing", playing);
    cancelAnimationFrame(this.frame);
    if (playing) this.tick();
    else this.clearSpectrum();
    this.draw();
  };

  Player.prototype.tick = function () {
    var self = this;
    this.frame = requestAnimationFrame(function (now) {
      self.draw();
      // Reduced motion: the spectrum still tells what is sounding, at a calm few frames a second.
      if (!reducedMotion.matches || now - self.lastSpectrumAt > 250) {
        self.drawSpectrum();
        self.lastSpectrumAt = now;
      }
      if (!self.audio.paused && !self.audio.ended) self.tick();
    });
  };

  Player.prototype.draw = function () {
    var duration = this.duration();
    var position = this.audio.currentTime || 0;
    var fraction = duration ? Math.min(1, position / duration) : 0;
    drawPeaks(this.wave, this.peaks, this.audio.ended ? 1 : fraction);
    this.seek.value = String(Math.round(fraction * 1000));
    var text = formatSeconds(position) + " of " + formatSeconds(duration);
    this.seek.setAttribute("aria-valuetext", text);
    this.time.textContent = formatSeconds(position);
  };

  Player.prototype.drawSpectrum = function () {
    if (!analyser || !this.source) return;
    var size = sizeCanvas(this.spectrum);
    var ctx = this.spectrum.getContext("2d");
    var bins = new Uint8Array(analyser.frequencyBinCount);
    analyser.getByteFrequencyData(bins);
    // A fart lives below ~3 kHz: spread that part of the spectrum over the width, in a few dozen bars.
    var nyquistHz = audioContext.sampleRate / 2;
    var usedBins = Math.max(8, Math.floor((3000 / nyquistHz) * bins.length));
    var bars = 48;
    var slot = size.width / bars;
    ctx.clearRect(0, 0, size.width, size.height);
    ctx.fillStyle = cssColor("--spectrum");
    for (var bar = 0; bar < bars; bar++) {
      var from = Math.floor((bar / bars) * usedBins);
      var to = Math.max(from + 1, Math.floor(((bar + 1) / bars) * usedBins));
      var sum = 0;
      for (var bin = from; bin < to; bin++) sum += bins[bin];
      var level = sum / (to - from) / 255;
      var height = level * size.height;
      ctx.fillRect(bar * slot + slot * 0.1, size.height - height, slot * 0.8, height);
    }
  };

  Player.prototype.clearSpectrum = function () {
    var ctx = this.spectrum.getContext("2d");
    ctx.clearRect(0, 0, this.spectrum.width, this.spectrum.height);
  };

  Player.prototype.destroy = function () {
    cancelAnimationFrame(this.frame);
    this.audio.pause();
    if (this.source) this.source.disconnect();
  };

  // ---------- The current result card ----------
  function currentCard() {
    var card = document.getElementById("result");
    return card && card.dataset.soundId ? card : null;
  }

  function adoptResult(fromSocket) {
    var card = currentCard();
    if (!card || card.dataset.soundId === shownSoundId) return;
    shownSoundId = card.dataset.soundId;
    if (player) player.destroy();
    var root = card.querySelector("[data-player]");
    player = root ? new Player(root, card) : null;
    syncTweaks(card);
    // The sharing tools on a sound's page speak for that sound only, not for a refinement made from it.
    Array.prototype.forEach.call(document.querySelectorAll("[data-owner-tools]"), function (tools) {
      tools.hidden = tools.dataset.soundId !== shownSoundId;
    });
    if (fromSocket) {
      restoreFocus(card);
      if (player) player.play();
      var page = document.querySelector("[data-generator]");
      if (page && page.dataset.page === "sound" && card.dataset.soundUrl) {
        history.replaceState(null, "", card.dataset.soundUrl);
      }
    }
  }

  // A follow-up chip or the variation button sits inside the card it replaces: put focus back on its twin.
  function restoreFocus(card) {
    var key = focusKeyBeforeSwap;
    focusKeyBeforeSwap = null;
    if (!key) return;
    var twin = card.querySelector('[data-key="' + key + '"]');
    (twin || card.querySelector("#result-title")).focus({ preventScroll: true });
  }

  // ---------- Sliders ----------
  var tweakTimer = 0;

  function formatSlider(value, unit) {
    var number = Number(value);
    if (unit === "s") return number.toFixed(1) + " s";
    if (unit === "Hz") return Math.round(number) + " Hz";
    if (unit === "%") return Math.round(number * 100) + "%";
    return String(number);
  }

  function showSliderValue(input) {
    var text = formatSlider(input.value, input.dataset.unit);
    var output = document.querySelector('[data-output="' + input.name + '"]');
    if (output) output.textContent = text;
    input.setAttribute("aria-valuetext", text);
  }

  function syncTweaks(card) {
    var panel = document.getElementById("tweaks");
    var form = document.querySelector("[data-tweaks]");
    if (!panel || !form) return;
    panel.hidden = false;
    form.querySelector("[data-tweaks-parent]").value = card.dataset.soundId;
    // The sound the sliders just asked for carries their values already; leave the hand on the slider alone.
    if (lastSendKind === "tweak" || tweakTimer) return;
    var spec = {};
    try { spec = JSON.parse(card.dataset.spec || "{}"); } catch (error) { spec = {}; }
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !(field.name in spec)) return;
      field.value = String(spec[field.name]);
      if (field.type === "range") showSliderValue(field);
    });
  }

  function sendTweak(form) {
    tweakTimer = 0;
    var card = currentCard();
    if (!card) return;
    if (!socket) {
      form.requestSubmit();
      return;
    }
    var message = { parent: card.dataset.soundId };
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.name !== "csrfmiddlewaretoken" && field.name !== "parent") message[field.name] = field.value;
    });
    lastSendKind = "tweak";
    socket.send(JSON.stringify(message));
  }

  function bindTweaks() {
    var form = document.querySelector("[data-tweaks]");
    if (!form) return;
    form.addEventListener("input", function (event) {
      if (event.target.type === "range") showSliderValue(event.target);
      clearTimeout(tweakTimer);
      tweakTimer = setTimeout(function () { sendTweak(form); }, TWEAK_DELAY_MS);
    });
    form.addEventListener("submit", function (event) {
      if (!socket) return;
      event.preventDefault();
      clearTimeout(tweakTimer);
      sendTweak(form);
    });
  }

  // ---------- Recent sounds ----------
  function drawMiniWaves(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("canvas.mini-wave"), function (canvas) {
      drawPeaks(canvas, readPeaks(canvas), 0);
    });
  }

  function tidyRecent() {
    var list = document.getElementById("recent");
    if (!list) return;
    var seen = {};
    Array.prototype.forEach.call(list.querySelectorAll("li[data-sound-id]"), function (item, index) {
      var id = item.dataset.soundId;
      if (seen[id] || index >= RECENT_LIMIT) item.remove();
      seen[id] = true;
    });
    drawMiniWaves(list);
  }

  // ---------- Keyboard: Space plays and pauses, except where Space already means something ----------
  function spaceIsTaken(target) {
    if (!target || target === document.body) return false;
    if (target.isContentEditable) return true;
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || tag === "BUTTON" || tag === "A" || tag === "SUMMARY") return true;
    if (tag === "INPUT") return target.type !== "range";
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== " " || event.ctrlKey || event.metaKey || event.altKey || !player) return;
    if (spaceIsTaken(event.target)) return;
    event.preventDefault();
    player.toggle();
  });

  // ---------- htmx WebSocket events ----------
  // A card that came over the socket was rendered outside any request, so its forms carry no CSRF field:
  // lend them the page's token (the one htmx sends as a header) before posting them the plain way.
  function postWithoutSocket(form) {
    if (!form.elements.csrfmiddlewaretoken) {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrfmiddlewaretoken";
      field.value = headers["x-csrftoken"] || "";
      form.appendChild(field);
    }
    form.submit();
  }

  // The socket's state is on <html> for the stylesheet (and for the browser tests, which wait for "open").
  document.addEventListener("htmx:wsOpen", function (event) {
    socket = event.detail.socketWrapper;
    document.documentElement.dataset.socket = "open";
  });
  document.addEventListener("htmx:wsClose", function () {
    socket = null;
    document.documentElement.dataset.socket = "closed";
  });

  document.addEventListener("htmx:wsConfigSend", function (event) {
    if (!socket) {
      // No socket (yet, or any more): post the form the way a browser does without JavaScript.
      event.preventDefault();
      if (event.target.tagName === "FORM") postWithoutSocket(event.target);
      return;
    }
    // The socket is same-origin and cookie-authenticated; the CSRF form field means nothing there.
    delete event.detail.parameters.csrfmiddlewaretoken;
    lastSendKind = "form";
    var form = event.detail.elt || event.target;
    var prompt = document.getElementById("prompt");
    if (form && form.hasAttribute && form.hasAttribute("data-example") && prompt) {
      prompt.value = event.detail.parameters.prompt || "";
    }
  });

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "result") return;
    var active = document.activeElement;
    focusKeyBeforeSwap = active && target.contains(active) ? active.dataset.key || "title" : null;
  });

  document.addEventListener("htmx:wsAfterMessage", function () {
    adoptResult(true);
    tidyRecent();
  });

  // ---------- Sharing ----------
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy-link]");
    if (!button) return;
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(new URL(button.dataset.copyLink, location.href).href).then(function () {
      var before = button.textContent;
      button.textContent = "Copied!";
      setTimeout(function () { button.textContent = before; }, 1600);
    });
  });

  // ---------- Theme and size changes redraw the canvases ----------
  function redrawAll() {
    if (player) player.draw();
    drawMiniWaves(document);
  }
  window.addEventListener("resize", redrawAll);
  if (darkScheme.addEventListener) darkScheme.addEventListener("change", redrawAll);

  function start() {
    adoptResult(false);
    bindTweaks();
    drawMiniWaves(document);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
