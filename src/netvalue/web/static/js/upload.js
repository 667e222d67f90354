// Upload progress for the import form (htmx reports the XHR's upload progress).
(function () {
  "use strict";
  const form = document.getElementById("import-form");
  const bar = document.getElementById("upload-progress");
  form.addEventListener("htmx:xhr:progress", function (evt) {
    if (evt.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = (evt.detail.loaded / evt.detail.total) * 100;
    }
  });
  form.addEventListener("htmx:afterRequest", function () { bar.hidden = true; });
})();
