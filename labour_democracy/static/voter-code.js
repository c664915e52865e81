// The QR code on a ballot slip opens /v#code=XXXX-XXXX-XXXX. A browser never sends the part
// after "#" to a server, so the code reaches no proxy or server log. This script takes it from
// the fragment, removes it from the address bar and history, and sends the code form (a POST:
// the code travels in the body). Without JavaScript the person types the code into the form.
(function () {
  "use strict";
  var match = /^#(?:.*&)?code=([^&]*)/.exec(window.location.hash);
  if (!match) {
    return;
  }
  var code;
  try {
    code = decodeURIComponent(match[1].replace(/\+/g, " "));
  } catch (error) {
    code = match[1];
  }
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  var start = function () {
    var form = document.getElementById("voter-code-form");
    if (!form || !form.elements.code) {
      return;
    }
    form.elements.code.value = code;
    form.submit();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
