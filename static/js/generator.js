// The studio: the player (waveform, live spectrum, seeking), playback right after a generation, takes side by side,
// the current sound in the address bar (Back/Forward, undo/redo, A/B), the sliders that re-render the current
// sound, answers shown next to the control that asked, keyboard shortcuts and small comforts. htmx's ws extension
// does the talking: forms with ws-send go over /ws/generate/ and the server answers with out-of-band HTML fragments.
(function () {
  "use strict";

  var TWEAK_DELAY_MS = 400;
  var OPUS = 'audio/ogg; codecs="opus"';
  // How long a new sound's player waits for the Opus the socket pushes before fetching it by URL instead.
  var PUSHED_AUDIO_WAIT_MS = 1500;
  var RECENT_LIMIT = 10;
  var SAME_REQUEST_MS = 1000; // identical requests within this time are one (the server drops them too)
  var BUSY_TIMEOUT_MS = 30000; // a request that never answers frees the buttons after this
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
  var lastSender = null; // the form or slider whose request is running: its answers are shown next to it
  var lastSent = { text: "", at: 0 };
  var busy = false;
  var busyTimer = 0;
  var revealPending = false;
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
  function Player(root, card, fromSocket) {
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
    this.chooseSource(fromSocket);
    this.draw();
  }

  // Opus where the browser plays it (a fraction of the WAV's bytes), else MP3. A sound just made waits briefly for
  // its Opus over the socket: on a slow network that saves the round trip of fetching it.
  Player.prototype.chooseSource = function (fromSocket) {
    var self = this;
    var hasOpus = this.audio.canPlayType(OPUS) !== "";
    if (fromSocket && hasOpus) {
      this.pushedTimer = setTimeout(function () { self.setSource(self.audio.dataset.srcOpus); }, PUSHED_AUDIO_WAIT_MS);
      return;
    }
    this.setSource(hasOpus ? this.audio.dataset.srcOpus : this.audio.dataset.src);
  };

  Player.prototype.setSource = function (url) {
    clearTimeout(this.pushedTimer);
    if (this.audio.getAttribute("src")) return;
    this.audio.preload = "auto";
    this.audio.src = url;
    if (this.wantsPlay) this.play();
  };

  Player.prototype.takePushed = function (pushed) {
    if (pushed.dataset.soundId !== this.card.dataset.soundId || this.audio.getAttribute("src")) return;
    var text = atob(pushed.dataset.audio);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    this.blobUrl = URL.createObjectURL(new Blob([bytes], { type: pushed.dataset.type }));
    this.setSource(this.blobUrl);
  };

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
    if (!this.audio.getAttribute("src")) return; // setSource() plays it once there is one
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
    markSoundingPart(this.card, position, !this.audio.paused && !this.audio.ended);
  };

  // While the sound plays, the part that is sounding lights up on the timeline.
  function markSoundingPart(card, position, playing) {
    var start = 0;
    Array.prototype.forEach.call(card.querySelectorAll("[data-timeline] > li"), function (item) {
      start += Number(item.dataset.gapBeforeS || 0);
      var end = start + Number(item.dataset.durationS || 0);
      item.classList.toggle("is-sounding", playing && position >= start && position < end);
      start = end;
    });
  }

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
    clearTimeout(this.pushedTimer);
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    this.audio.pause();
    if (this.source) this.source.disconnect();
  };

  // ---------- The current result card ----------
  function currentCard() {
    var card = document.getElementById("result");
    return card && card.dataset.soundId ? card : null;
  }

  function adoptResult(fromSocket, how) {
    var card = currentCard();
    if (!card || card.dataset.soundId === shownSoundId) return;
    shownSoundId = card.dataset.soundId;
    if (player) player.destroy();
    var root = card.querySelector("[data-player]");
    player = root ? new Player(root, card, fromSocket) : null;
    syncTweaks(card);
    // The sharing tools on a sound's page speak for that sound only, not for a refinement made from it.
    Array.prototype.forEach.call(document.querySelectorAll("[data-owner-tools]"), function (tools) {
      tools.hidden = tools.dataset.soundId !== shownSoundId;
    });
    drawTakeWaves(document);
    labelGenerate();
    if (fromSocket) {
      restoreFocus(card);
      if (player) player.play();
      markPlayingTake(shownSoundId);
      if (revealPending) {
        revealPending = false;
        revealResult();
      }
    }
    if (fromSocket || how === "push") rememberInAddressBar(card, "push");
    else if (how !== "none") rememberInAddressBar(card, "replace");
  }

  // ---------- The current sound in the address bar: Back/Forward, reload and links all come back to it ----------
  function isStudio() {
    var page = document.querySelector("[data-generator]");
    return page && page.dataset.page !== "sound";
  }

  function rememberInAddressBar(card, how) {
    var page = document.querySelector("[data-generator]");
    if (page && page.dataset.page === "sound") {
      if (how === "push" && card.dataset.soundUrl) history.replaceState(null, "", card.dataset.soundUrl);
      return;
    }
    var url = "/?sound=" + encodeURIComponent(card.dataset.soundId);
    var state = { sound: card.dataset.soundId };
    if (how === "push" && location.pathname + location.search !== url) history.pushState(state, "", url);
    else history.replaceState(state, "", url);
  }

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"] || ""; }
    catch (error) { return ""; }
  }

  // Swap in the takes strip and result card the server rendered for a sound (the same partials the socket sends).
  function showStudio(html, how) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    // A copy of the list: each element leaves the template as it is swapped in.
    Array.prototype.slice.call(holder.content.children).forEach(function (fresh) {
      var old = fresh.id && document.getElementById(fresh.id);
      if (!old) return;
      old.replaceWith(fresh);
      if (window.htmx) window.htmx.process(fresh);
    });
    adoptResult(false, how);
  }

  function openSound(soundId, how) {
    if (!isStudio()) {
      location.href = "/?sound=" + encodeURIComponent(soundId);
      return Promise.resolve();
    }
    return fetch("/?sound=" + encodeURIComponent(soundId), { headers: { "HX-Request": "true" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) { showStudio(html, how); })
      .catch(function () { location.href = "/?sound=" + encodeURIComponent(soundId); });
  }

  window.addEventListener("popstate", function (event) {
    var soundId = event.state && event.state.sound;
    if (!soundId) {
      var match = /[?&]sound=([^&]+)/.exec(location.search);
      soundId = match ? decodeURIComponent(match[1]) : null;
    }
    if (soundId && soundId !== shownSoundId) openSound(soundId, "none");
    else if (!soundId) location.reload();
  });

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
    if (unit === "s") return (Math.round(number * 10) / 10).toFixed(1) + " s"; // halves up, as the badge
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

  function readJson(text, fallback) {
    try { return JSON.parse(text || ""); } catch (error) { return fallback; }
  }

  // The values the sliders show for the part picked ("" for the whole sound: its overall values).
  function tweakValues(card, part) {
    var parts = readJson(card.dataset.parts, []);
    return part !== "" && parts[Number(part)] ? parts[Number(part)] : readJson(card.dataset.spec, {});
  }

  function showTweakValues(form, values) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !(field.name in values)) return;
      field.value = String(values[field.name]);
      // Read back: a range input snaps to its step (4.57 s shows as 4.6 s), and only what the hand moves is sent.
      field.dataset.shown = field.value;
      if (field.type === "range") showSliderValue(field);
    });
  }

  // The part choices (in the tweaks panel and on the card's timeline) follow the card's parts; a part stays
  // picked while the new sound still has it, so that tweaking part 3 twice in a row needs no second click.
  function syncPartChoices(card, form) {
    var field = form.querySelector("[data-tweak-part]");
    var target = document.querySelector("[data-tweak-target]");
    var list = document.querySelector("[data-tweak-choices]");
    if (!field || !target || !list) return;
    var parts = readJson(card.dataset.parts, []);
    if (field.value !== "" && Number(field.value) >= parts.length) field.value = "";
    target.hidden = parts.length === 0;
    var url = card.dataset.soundUrl || "";
    var links = [["", "The whole sound"]].concat(parts.map(function (_, index) { return [String(index), "Part " + (index + 1)]; }));
    list.replaceChildren.apply(list, links.map(function (choice) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = choice[0] === "" ? url : url + "?part=" + choice[0];
      link.dataset.part = choice[0];
      link.textContent = choice[1];
      item.appendChild(link);
      return item;
    }));
    markPart(field.value);
  }

  function markPart(part) {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-part]"), function (link) {
      if (link.dataset.part === part) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }

  function pickPart(part) {
    var card = currentCard();
    var form = document.querySelector("[data-tweaks]");
    if (!card || !form) return;
    form.querySelector("[data-tweak-part]").value = part;
    markPart(part);
    showTweakValues(form, tweakValues(card, part));
  }

  function syncTweaks(card, force) {
    var panel = document.getElementById("tweaks");
    var form = document.querySelector("[data-tweaks]");
    if (!panel || !form) return;
    panel.hidden = false;
    form.querySelector("[data-tweaks-parent]").value = card.dataset.soundId;
    syncPartChoices(card, form);
    layoutTimeline(card);
    // The sound the sliders just asked for carries their values already; leave the hand on the slider alone.
    if (!force && (lastSendKind === "tweak" || tweakTimer)) return;
    showTweakValues(form, tweakValues(card, form.querySelector("[data-tweak-part]").value));
  }

  // Each part as wide as it lasts, with its pause before it, under the waveform (which spans the whole sound,
  // the room's tail included). Without JavaScript the parts share the strip evenly.
  function layoutTimeline(card) {
    var strip = card.querySelector("[data-timeline]");
    var total = Number(card.dataset.durationS);
    var tail = Number(strip && strip.dataset.tailS || 0);
    if (!strip || !(total > tail)) return;
    // The tail pads the strip (a share of its whole width); pauses are shares of what is left, the parts' span.
    strip.style.paddingInlineEnd = (100 * tail / total) + "%";
    Array.prototype.forEach.call(strip.children, function (item) {
      item.style.flex = Number(item.dataset.durationS) + " 1 0";
      item.style.marginInlineStart = (100 * Number(item.dataset.gapBeforeS || 0) / (total - tail)) + "%";
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-part]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    pickPart(link.dataset.part);
    if (link.closest("[data-timeline]")) {
      var tweaks = document.getElementById("tweaks");
      if (tweaks) tweaks.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "nearest" });
    }
  });

  var tweakedField = null; // the slider or select the hand is on: its answer shows next to it

  function sendTweak(form) {
    tweakTimer = 0;
    var card = currentCard();
    if (!card) return;
    if (!socket) {
      form.requestSubmit();
      return;
    }
    if (busy) {
      // One request at a time: the sliders' values go out as soon as the running one has answered.
      tweakTimer = setTimeout(function () { sendTweak(form); }, TWEAK_DELAY_MS);
      return;
    }
    // Only the settings the hand moved: the others stay exactly as the sound (or its part) has them, instead of
    // coming back rounded to their slider's step.
    var message = { parent: card.dataset.soundId, part: form.querySelector("[data-tweak-part]").value };
    var moved = false;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !("shown" in field.dataset) || field.value === field.dataset.shown) return;
      message[field.name] = field.value;
      field.dataset.shown = field.value;
      moved = true;
    });
    if (!moved) return;
    var text = JSON.stringify(message);
    if (isRepeat(text)) return;
    lastSendKind = "tweak";
    startRequest(tweakedField ? tweakedField.closest(".slider") || form : form);
    socket.send(text);
  }

  function bindTweaks() {
    var form = document.querySelector("[data-tweaks]");
    if (!form) return;
    form.addEventListener("input", function (event) {
      if (event.target.type === "range") showSliderValue(event.target);
      tweakedField = event.target;
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

  // ---------- Takes: tap one to hear it, keep one to make it the current sound ----------
  var takeAudio = null; // one element for whichever take is being auditioned

  function markPlayingTake(soundId) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-take-play]"), function (button) {
      var take = button.closest(".take");
      button.setAttribute("aria-pressed", take && take.dataset.takeId === soundId ? "true" : "false");
    });
  }

  function playTake(button) {
    var take = button.closest(".take");
    if (!take) return;
    stopAB();
    if (player) {
      player.wantsPlay = false;
      player.audio.pause();
    }
    if (!takeAudio) {
      takeAudio = new Audio();
      takeAudio.addEventListener("ended", function () { markPlayingTake(null); });
    }
    if (button.getAttribute("aria-pressed") === "true" && !takeAudio.paused) {
      takeAudio.pause();
      markPlayingTake(null);
      return;
    }
    if (take.dataset.takeId === shownSoundId && player) {
      // The current sound is already in the main player, with its spectrum.
      if (takeAudio) takeAudio.pause();
      player.play();
    } else {
      takeAudio.src = button.dataset.takePlay;
      takeAudio.play().catch(function () { markPlayingTake(null); });
    }
    markPlayingTake(take.dataset.takeId);
  }

  function keepTake(form) {
    var take = form.closest(".take");
    if (takeAudio) takeAudio.pause();
    return fetch(form.action, {
      method: "POST",
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        showStudio(html, "push");
        var title = document.getElementById("result-title");
        if (title) title.focus({ preventScroll: true });
        revealResult();
      })
      .catch(function () { if (take) form.submit(); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-take-play]");
    if (button) playTake(button);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-keep]")) return;
    event.preventDefault();
    keepTake(form);
  });

  // ---------- Versions: undo, redo, and A/B against an earlier version ----------
  var abAudio = null;
  var abButton = null;

  function stopAB() {
    if (abAudio) abAudio.pause();
    abAudio = null;
    if (abButton) abButton.setAttribute("aria-pressed", "false");
    abButton = null;
  }

  // A is the earlier version, B the current one: played back to back, with what changed between them listed.
  function playAB(button) {
    var wasOn = button === abButton;
    stopAB();
    if (wasOn) return;
    var panel = document.querySelector("#result [data-ab-panel]");
    var template = button.parentNode.querySelector("template[data-ab-differences]");
    if (panel && template) {
      panel.innerHTML = "";
      var heading = document.createElement("p");
      heading.className = "ab-heading";
      heading.textContent = "A: “" + button.dataset.abLabel + "”, then B: this version. What changed:";
      var list = document.createElement("ul");
      list.className = "ab-differences";
      list.appendChild(template.content.cloneNode(true));
      panel.appendChild(heading);
      panel.appendChild(list);
      panel.hidden = false;
    }
    abButton = button;
    button.setAttribute("aria-pressed", "true");
    if (player) {
      player.wantsPlay = false;
      player.audio.pause();
    }
    if (takeAudio) takeAudio.pause();
    abAudio = new Audio(button.dataset.ab);
    var audio = abAudio;
    document.documentElement.dataset.abPlaying = "A";
    audio.addEventListener("ended", function () {
      if (audio !== abAudio) return;
      document.documentElement.dataset.abPlaying = "B";
      if (player) {
        player.audio.currentTime = 0;
        player.play();
        player.audio.addEventListener("ended", function done() {
          player.audio.removeEventListener("ended", done);
          if (abButton === button) stopAB();
          document.documentElement.dataset.abPlaying = "";
        });
      }
    });
    audio.play().catch(stopAB);
  }

  document.addEventListener("click", function (event) {
    var ab = event.target.closest && event.target.closest("[data-ab]");
    if (ab) {
      playAB(ab);
      return;
    }
    var link = event.target.closest && event.target.closest("a[data-version]");
    if (!link || !isStudio() || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    stopAB();
    openSound(link.dataset.version, "push");
  });

  function isTextField(target) {
    if (!target) return false;
    if (target.isContentEditable || target.tagName === "TEXTAREA") return true;
    return target.tagName === "INPUT" && !/^(range|button|submit|checkbox|radio)$/.test(target.type);
  }

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) walk the versions, except in a text field, where they undo typing.
  document.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextField(event.target)) return;
    var key = event.key.toLowerCase();
    var redo = (key === "z" && event.shiftKey) || (key === "y" && !event.shiftKey);
    var undo = key === "z" && !event.shiftKey;
    if (!undo && !redo) return;
    var link = document.querySelector(redo ? "#result [data-redo]" : "#result [data-undo]");
    event.preventDefault();
    if (link) link.click();
  });

  // ---------- Takes and recent sounds ----------
  // The takes' waveforms; the rows' mini waveforms (recent sounds) belong to soundlist.js, which draws them as
  // they arrive, on resize and on a theme change, with their played part.
  function drawTakeWaves(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("canvas.take-wave"), function (canvas) {
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
    // A word about the last refinement is stale once the next request goes.
    var followupStatus = document.getElementById("followup-status");
    if (followupStatus) followupStatus.hidden = true;
    var form = event.detail.elt || event.target;
    var prompt = document.getElementById("prompt");
    if (form && form.id === "prompt-form" && prompt && !prompt.value.trim()) {
      // The placeholder is an example; an empty Generate makes it, and the box shows what was made.
      prompt.value = prompt.dataset.example || "";
      event.detail.parameters.prompt = prompt.value;
    }
    var text = JSON.stringify(event.detail.parameters);
    if (busy || isRepeat(text)) {
      event.preventDefault();
      return;
    }
    lastSendKind = "form";
    if (form && form.hasAttribute && form.hasAttribute("data-example") && prompt) {
      prompt.value = event.detail.parameters.prompt || "";
    }
    startRequest(form);
  });

  // ---------- One request at a time, and its answers next to the control that asked ----------
  function isRepeat(text) {
    var now = Date.now();
    var repeat = text === lastSent.text && now - lastSent.at < SAME_REQUEST_MS;
    lastSent = { text: text, at: now };
    return repeat;
  }

  function setBusy(on) {
    busy = on;
    clearTimeout(busyTimer);
    if (on) busyTimer = setTimeout(function () { setBusy(false); }, BUSY_TIMEOUT_MS);
    document.documentElement.dataset.busy = on ? "true" : "false";
    // aria-disabled rather than disabled: a disabled button would drop the keyboard focus of whoever pressed it.
    Array.prototype.forEach.call(document.querySelectorAll("form[ws-send] [type=submit]"), function (button) {
      if (on) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    });
    if (!on && lastSender) lastSender.removeAttribute("aria-busy");
  }

  function startRequest(sender) {
    lastSender = sender;
    // A new sound asked for from above the card (the prompt, an example) is scrolled into view when it arrives.
    revealPending = Boolean(sender && sender.closest && !sender.closest("#result, #tweaks"));
    clearInlineAnswers();
    if (sender) sender.setAttribute("aria-busy", "true");
    setBusy(true);
    showNextToSender("Making it…", "status");
  }

  function clearInlineAnswers() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-inline-answer]"), function (node) { node.remove(); });
  }

  // The prompt box has the progress region right under it; every other control gets its answer beside itself.
  function showNextToSender(text, kind) {
    if (!lastSender || lastSender.id === "prompt-form" || !document.contains(lastSender)) return null;
    clearInlineAnswers();
    var note = document.createElement("p");
    note.className = kind === "error" ? "inline-answer inline-error" : "inline-answer";
    note.dataset.inlineAnswer = kind;
    note.setAttribute("role", kind === "error" ? "alert" : "status");
    note.textContent = text;
    var slider = lastSender.closest(".slider");
    if (slider) slider.appendChild(note); // right under the slider, in its grid cell
    else (lastSender.closest(".chip-group, .followup-form, .result-actions") || lastSender).insertAdjacentElement("afterend", note);
    reveal(note);
    return note;
  }

  function reveal(element) {
    if (!element) return;
    var box = element.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= window.innerHeight) return;
    element.scrollIntoView({ block: "nearest", behavior: reducedMotion.matches ? "auto" : "smooth" });
  }

  // After Generate the takes and the card come into view (on a phone they start below the fold).
  function revealResult() {
    var target = document.querySelector("#takes:not([hidden])") || currentCard();
    if (!target) return;
    var box = target.getBoundingClientRect();
    if (box.top >= 0 && box.top < window.innerHeight * 0.5) return;
    target.scrollIntoView({ block: "start", behavior: reducedMotion.matches ? "auto" : "smooth" });
  }

  function answerArrived() {
    var status = document.querySelector("#progress [data-status]");
    var state = status ? status.dataset.status : "";
    if (state !== "complete" && state !== "error") return;
    if (!busy) return;
    var sender = lastSender;
    var card = currentCard();
    setBusy(false);
    if (state === "error") {
      var message = status.textContent.trim();
      if (lastSendKind === "tweak" && card) {
        // A refused slider move springs back to the value of the sound on screen.
        syncTweaks(card, true);
        tweakTimer = 0;
      }
      var note = showNextToSender(message, "error");
      if (!note) reveal(status);
    } else if (sender && sender.closest && sender.closest("#tweaks")) {
      showNextToSender("Done: now playing the new version.", "status");
    } else {
      clearInlineAnswers();
    }
    lastSendKind = null;
  }

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "result") return;
    var active = document.activeElement;
    focusKeyBeforeSwap = active && target.contains(active) ? active.dataset.key || "title" : null;
  });

  document.addEventListener("htmx:wsAfterMessage", function () {
    adoptResult(true);
    answerArrived();
    tidyRecent();
    var pushed = document.getElementById("playback");
    if (pushed && pushed.dataset.audio && player) {
      player.takePushed(pushed);
      delete pushed.dataset.audio;
    }
    var takes = document.getElementById("takes");
    if (takes) drawTakeWaves(takes);
  });

  // ---------- Theme and size changes redraw the canvases ----------
  function redrawAll() {
    if (player) player.draw();
    drawTakeWaves(document);
  }
  window.addEventListener("resize", redrawAll);
  if (darkScheme.addEventListener) darkScheme.addEventListener("change", redrawAll);

  // The same words again make new takes: the button says so.
  function labelGenerate() {
    var prompt = document.getElementById("prompt");
    var button = document.querySelector("#prompt-form [data-submit]");
    var card = currentCard();
    if (!prompt || !button) return;
    var same = card && prompt.value.trim() && prompt.value.trim() === (card.dataset.prompt || "").trim();
    button.textContent = same ? "Generate again" : "Generate";
  }

  function start() {
    adoptResult(false);
    bindTweaks();
    drawTakeWaves(document);
    labelGenerate();
    var prompt = document.getElementById("prompt");
    if (prompt) prompt.addEventListener("input", labelGenerate);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
