// Pejling console, Data page: CSV upload by drag and drop or the file input, sent as the raw body
// with upload progress (XMLHttpRequest), the result fragment shown below the form. No inline scripts (CSP).
(function () {
  'use strict';

  var form = document.getElementById('upload-form');
  if (!form) return;
  var input = document.getElementById('field-file');
  var zone = document.getElementById('dropzone');
  var chosen = document.getElementById('chosen-file');
  var fileError = document.getElementById('error-file');
  var fileField = document.getElementById('file-field');
  var progressBox = document.getElementById('upload-progress');
  var bar = document.getElementById('upload-progress-bar');
  var status = document.getElementById('upload-status');
  var button = document.getElementById('upload-button');
  var result = document.getElementById('upload-result');
  var maxBytes = Number(form.getAttribute('data-max-bytes'));
  var text = function (name) {
    return form.getAttribute('data-text-' + name) || '';
  };
  var file = null;

  function showFileError(message) {
    fileError.textContent = message;
    fileError.hidden = !message;
    fileField.classList.toggle('field-invalid', !!message);
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'error-file hint-file');
    } else {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'hint-file');
    }
  }

  function choose(candidate) {
    file = candidate || null;
    chosen.textContent = file ? text('chosen') + ' ' + file.name : '';
    showFileError('');
  }

  input.addEventListener('change', function () {
    choose(input.files && input.files[0]);
  });

  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add('dropzone-active');
    });
  });
  ['dragleave', 'dragend'].forEach(function (type) {
    zone.addEventListener(type, function () {
      zone.classList.remove('dropzone-active');
    });
  });
  zone.addEventListener('drop', function (event) {
    event.preventDefault();
    zone.classList.remove('dropzone-active');
    var files = event.dataTransfer && event.dataTransfer.files;
    if (!files || !files.length) return;
    try {
      input.files = files;
    } catch (ignored) {
      /* older browsers: keep our own reference */
    }
    choose(files[0]);
  });

  function problem(candidate) {
    if (!candidate) return text('no-file');
    if (candidate.size > maxBytes) return text('too-large');
    if (!/\.(csv|txt|tsv)$/i.test(candidate.name) && !/^text\//.test(candidate.type || '')) return text('not-csv');
    return '';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var message = problem(file);
    if (message) {
      showFileError(message);
      input.focus();
      return;
    }
    var params = new URLSearchParams();
    var policy = form.querySelector('input[name="policy"]:checked');
    params.set('policy', policy ? policy.value : 'all-or-nothing');
    var area = form.querySelector('[name="area"]').value;
    if (area) params.set('area', area);
    var source = form.querySelector('[name="source"]').value.trim();
    if (source) params.set('source', source);
    params.set('filename', file.name);

    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('data-action') + '?' + params.toString());
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) xhr.setRequestHeader('X-CSRF-Token', meta.getAttribute('content'));
    // Errors come back as fragments, as for htmx requests.
    xhr.setRequestHeader('HX-Request', 'true');
    xhr.setRequestHeader('Content-Type', 'text/csv');
    progressBox.hidden = false;
    bar.value = 0;
    status.textContent = text('sending');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    result.innerHTML = '';
    xhr.upload.addEventListener('progress', function (progress) {
      if (!progress.lengthComputable) return;
      bar.value = Math.round((progress.loaded / progress.total) * 100);
    });
    xhr.upload.addEventListener('load', function () {
      bar.value = 100;
      status.textContent = text('checking');
    });
    function done() {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
    xhr.addEventListener('load', function () {
      done();
      status.textContent = '';
      progressBox.hidden = true;
      if (xhr.status === 401 && xhr.getResponseHeader('HX-Redirect')) {
        window.location.assign(xhr.getResponseHeader('HX-Redirect'));
        return;
      }
      result.innerHTML = xhr.responseText;
      var heading = result.querySelector('h2[tabindex]') || result;
      heading.focus();
    });
    xhr.addEventListener('error', function () {
      done();
      status.textContent = text('network');
    });
    xhr.send(file);
  });
})();
