// Live approvals: keeps the navigation badge (every page) and the Approvals page's lists current
// by listening to the approval event stream. No inline script anywhere: the pages' CSP forbids it.
(function () {
  'use strict';

  var badge = document.getElementById('approvals-badge');
  var live = document.getElementById('approvals-live');
  var notice = document.getElementById('approvals-notice');
  var pendingRefresh = null;
  // Answers to list refreshes can arrive out of order; an older one must never replace a newer
  // one, or a request that just arrived would vanish from the page until the next event.
  var listsAsked = 0;
  var listsShown = 0;

  function setBadge(n) {
    if (!badge) {
      return;
    }
    badge.textContent = String(n);
    badge.setAttribute('data-count', String(n));
    badge.setAttribute('aria-label', n + ' pending');
    badge.hidden = n === 0;
  }

  function refreshBadge() {
    fetch('/approvals/badge', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j) { setBadge(j.pending); } })
      .catch(function () {});
  }

  // Replaces the lists but keeps the pending items that are still pending, so a comment being
  // typed into one is not lost when another request arrives.
  function refreshLists() {
    if (!live) {
      return;
    }
    var asked = ++listsAsked;
    fetch(live.getAttribute('data-live'), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null || asked < listsShown) {
          return;
        }
        listsShown = asked;
        var doc = new DOMParser().parseFromString('<div>' + html + '</div>', 'text/html');
        var fresh = doc.body.firstElementChild;
        var keep = {};
        live.querySelectorAll('#pending li[data-request-id]').forEach(function (li) {
          keep[li.getAttribute('data-request-id')] = li;
        });
        fresh.querySelectorAll('#pending li[data-request-id]').forEach(function (li) {
          var old = keep[li.getAttribute('data-request-id')];
          if (old) {
            li.replaceWith(old);
          }
        });
        live.replaceChildren.apply(live, Array.prototype.slice.call(fresh.childNodes));
        tick();
      })
      .catch(function () {});
  }

  function refresh() {
    if (pendingRefresh) {
      return;
    }
    pendingRefresh = setTimeout(function () {
      pendingRefresh = null;
      refreshBadge();
      refreshLists();
    }, 30);
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-expires]').forEach(function (el) {
      var left = Math.floor((Number(el.getAttribute('data-expires')) - now) / 1000);
      if (left <= 0) {
        el.textContent = 'expired';
        return;
      }
      var m = Math.floor(left / 60);
      var s = left % 60;
      el.textContent = m + ':' + (s < 10 ? '0' : '') + s + ' left';
    });
  }

  function say(text) {
    if (notice) {
      notice.textContent = text;
      notice.hidden = false;
    }
  }

  // Decide without leaving the page; the form still works without this script.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.classList || !form.classList.contains('decide')) {
      return;
    }
    e.preventDefault();
    var action = (e.submitter && e.submitter.getAttribute('formaction')) || form.getAttribute('action');
    fetch(action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form))
    })
      .then(function (r) { return r.json(); })
      .then(function (j) { say(j.message); refresh(); })
      .catch(function () { say('The decision could not be sent. Check the connection and try again.'); });
  });

  if (window.EventSource) {
    var source = new EventSource('/api/approvals/events');
    source.addEventListener('open', refresh);
    ['raised', 'approved', 'denied', 'expired', 'cancelled'].forEach(function (type) {
      source.addEventListener(type, refresh);
    });
  }
  setInterval(tick, 1000);
  tick();
})();
