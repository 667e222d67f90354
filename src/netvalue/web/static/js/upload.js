// Upload progress for the import form (htmx reports the XHR's upload progress), and the server's
// one-line error when it refuses the upload (too large, a bad name): htmx swaps only successful answers.
(function () {
  "use strict";
  const form = document.getElementById("import-form");
  const bar = document.getElementById("upload-progress");
  const target = document.getElementById("import-job");
  form.addEventListener("htmx:xhr:progress", function (evt) {
    if (evt.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = (evt.detail.loaded / evt.detail.total) * 100;
    }
  });
  form.addEventListener("htmx:afterRequest", function () { bar.hidden = true; });
  form.addEventListener("htmx:responseError", function (evt) {
    const xhr = evt.detail.xhr;
    let message = xhr.responseText || "Error: the upload failed (HTTP " + xhr.status + ")";
    if ((xhr.getResponseHeader("content-type") || "").startsWith("text/html")) {
      const page = new DOMParser().parseFromString(message, "text/html");
      const found = page.getElementById("error-message");
      message = found ? found.textContent : "Error: the upload failed (HTTP " + xhr.status + ")";
    }
    const line = document.createElement("p");
    line.className = "error";
    line.id = "upload-error";
    line.textContent = message.trim();
    target.replaceChildren(line);
  });
})();
