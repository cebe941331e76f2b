// The door of a job fair (/employment/fairs/<pk>/checkin/): after each answer the code box is
// cleared and focused for the next person; where the browser has the BarcodeDetector API, a
// button opens the camera and submits each QR code it reads. Without it, typing still works.
// No libraries, no CDN, no inline script (CSP).
(function () {
  "use strict";

  function start(form) {
    var input = form.querySelector("input[name=code]");
    var button = form.querySelector("[data-scan-start]");
    var video = form.querySelector("[data-scan-video]");
    var unsupported = form.querySelector("[data-scan-unsupported]");

    form.addEventListener("htmx:afterRequest", function () {
      input.value = "";
      input.focus();
    });

    var canScan = "BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
    if (!button || !video) return;
    if (!canScan) {
      if (unsupported) unsupported.classList.remove("d-none");
      return;
    }
    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) {
        if (unsupported) unsupported.classList.remove("d-none");
        return;
      }
      button.classList.remove("d-none");
      wire(form, input, button, video);
    }).catch(function () {
      if (unsupported) unsupported.classList.remove("d-none");
    });
  }

  function wire(form, input, button, video) {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var startLabel = button.textContent;
    var stream = null;
    var timer = null;
    var last = "";
    var lastAt = 0;

    function stop() {
      if (timer) window.clearInterval(timer);
      timer = null;
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      video.classList.add("d-none");
      button.textContent = startLabel;
    }

    function scan() {
      if (!stream || video.readyState < 2) return;
      detector.detect(video).then(function (codes) {
        if (!codes.length) return;
        var value = (codes[0].rawValue || "").trim();
        var now = Date.now();
        // The same code stays in front of the camera for a while: submit it once, not every frame.
        if (!value || (value === last && now - lastAt < 4000)) return;
        last = value;
        lastAt = now;
        input.value = value;
        form.requestSubmit();
      }).catch(function () { /* a frame that could not be read: try the next one */ });
    }

    button.addEventListener("click", function () {
      if (stream) { stop(); return; }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
        stream = s;
        video.srcObject = s;
        video.classList.remove("d-none");
        button.textContent = button.getAttribute("data-label-stop") || startLabel;
        video.play();
        timer = window.setInterval(scan, 300);
      }).catch(function () {
        stop();
        input.focus();
      });
    });
    window.addEventListener("pagehide", stop);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-checkin]");
    if (form) start(form);
  });
})();
