// The console's only script: refreshes the live regions every 2 s, keeps the admin token for this tab, and
// sends the dead-letter actions with the token as a header after the operator confirmed them.
(function () {
  'use strict';
  var TOKEN_KEY = 'course-platform-console-admin-token';
  var REFRESH_MS = 2000;

  function say(text) {
    var region = document.getElementById('action-result');
    region.textContent = text;
    region.hidden = false;
  }

  var tokenForm = document.getElementById('token-form');
  if (tokenForm) {
    var tokenState = document.getElementById('token-state');
    if (sessionStorage.getItem(TOKEN_KEY)) tokenState.textContent = 'A token is set for this tab.';
    tokenForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var input = document.getElementById('admin-token');
      sessionStorage.setItem(TOKEN_KEY, input.value);
      input.value = '';
      tokenState.textContent = 'A token is set for this tab.';
    });
  }

  document.querySelectorAll('[data-refresh]').forEach(function (region) {
    var url = region.getAttribute('data-refresh');
    var stale = document.getElementById(region.getAttribute('data-stale'));
    var lastAnswer = Date.now();
    setInterval(function () {
      fetch(url, { headers: { accept: 'text/html' } })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.text();
        })
        .then(function (text) {
          region.innerHTML = text;
          lastAnswer = Date.now();
          stale.hidden = true;
        })
        .catch(function () {
          stale.textContent = 'Stale: these figures are from ' + Math.round((Date.now() - lastAnswer) / 1000) + ' s ago; the console does not answer.';
          stale.hidden = false;
        });
    }, REFRESH_MS);
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]');
    if (!button) return;
    if (!window.confirm(button.getAttribute('data-confirm'))) return;
    button.disabled = true;
    fetch(button.getAttribute('data-action'), { method: 'POST', headers: { 'x-admin-token': sessionStorage.getItem(TOKEN_KEY) || '' } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.detail || body.title || 'HTTP ' + response.status);
          window.location.assign(window.location.pathname + '?done=' + encodeURIComponent(body.message) + window.location.hash);
        });
      })
      .catch(function (error) {
        button.disabled = false;
        say('Refused: ' + error.message);
      });
  });
})();
