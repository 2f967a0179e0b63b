/*
 * Tally referral tracking — the storefront script of Tally's theme app embed. Dependency-free, no build.
 *
 * 1. A shopper arrives from a creator's link (`/r/{slug}` → the store, with `?tally_click={token}`).
 * 2. If Shopify's Customer Privacy API says marketing is allowed (now, or once the shopper answers the
 *    consent banner), the token is kept in the first-party cookie `_tally_click` for the click window.
 * 3. Whenever a token is kept, it is written to the cart's attributes (`_tally_click`) through the Ajax
 *    Cart API — on every page view and again after every cart change the theme makes — so that the
 *    order (webhook `note_attributes`) names the click, even days later and from a bookmark.
 * Without consent nothing is stored and nothing is written: only a code applied by the link counts then.
 */
(function (w, d) {
  "use strict";
  if (!w || !d || w.TallyTracking) return;

  var NAME = "_tally_click";
  var PARAM = "tally_click";
  var TOKEN = /^clk_[0-9a-z]{26}\.[A-Za-z0-9_-]{22}$/;
  var CART_CHANGE = /\/cart\/(add|change|update|clear)(\.js)?(\?|$)/;
  var script = d.currentScript;
  var days = Number((script && script.getAttribute && script.getAttribute("data-tally-window-days")) || 30);
  if (!(days >= 1 && days <= 90)) days = 30;
  var nativeFetch = w.fetch ? w.fetch.bind(w) : null;

  function readCookie() {
    var parts = String(d.cookie || "").split(";");
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (eq > -1 && parts[i].slice(0, eq).trim() === NAME) {
        var value = decodeURIComponent(parts[i].slice(eq + 1).trim());
        return TOKEN.test(value) ? value : null;
      }
    }
    return null;
  }

  function writeCookie(token) {
    var secure = w.location && w.location.protocol === "https:" ? "; Secure" : "";
    d.cookie = NAME + "=" + encodeURIComponent(token) + "; Max-Age=" + Math.round(days * 86400) + "; Path=/; SameSite=Lax" + secure;
  }

  function landingToken() {
    try {
      var value = new URL(w.location.href).searchParams.get(PARAM);
      return value && TOKEN.test(value) ? value : null;
    } catch {
      return null;
    }
  }

  /** Calls back with true/false once Shopify's Customer Privacy API answers; false when it is missing. */
  function marketingAllowed(callback) {
    var shopify = w.Shopify;
    var ask = function () {
      try {
        callback(Boolean(shopify.customerPrivacy.marketingAllowed()));
      } catch {
        callback(false);
      }
    };
    if (shopify && shopify.customerPrivacy) return ask();
    if (shopify && typeof shopify.loadFeatures === "function") {
      try {
        return shopify.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], function (error) {
          if (error || !shopify.customerPrivacy) return callback(false);
          ask();
        });
      } catch {
        return callback(false);
      }
    }
    callback(false);
  }

  var syncing = null;
  /** Makes the cart's `_tally_click` attribute equal the kept token (one GET, and one POST when it differs). */
  function syncCart() {
    var token = readCookie();
    if (!token || !nativeFetch) return Promise.resolve(false);
    if (syncing) return syncing;
    syncing = nativeFetch("/cart.js", { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (cart) {
        if (!cart || (cart.attributes && cart.attributes[NAME] === token)) return false;
        var attributes = {};
        attributes[NAME] = token;
        return nativeFetch("/cart/update.js", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ attributes: attributes }),
        }).then(function (res) {
          return res.ok;
        });
      })
      .catch(function () {
        return false;
      })
      .then(function (done) {
        syncing = null;
        return done;
      });
    return syncing;
  }

  function isCartChange(url) {
    try {
      return CART_CHANGE.test(new URL(String(url), w.location.href).pathname);
    } catch {
      return false;
    }
  }

  /** Re-syncs after the theme's own cart requests (fetch and XMLHttpRequest), never after Tally's. */
  function watchCartChanges() {
    if (nativeFetch) {
      w.fetch = function (input, init) {
        var url = input && typeof input === "object" && "url" in input ? input.url : input;
        var pending = nativeFetch(input, init);
        if (isCartChange(url)) {
          pending.then(
            function () {
              syncCart();
            },
            function () {},
          );
        }
        return pending;
      };
    }
    var XHR = w.XMLHttpRequest;
    if (XHR && XHR.prototype && XHR.prototype.open) {
      var open = XHR.prototype.open;
      XHR.prototype.open = function (method, url) {
        if (isCartChange(url) && this.addEventListener) {
          this.addEventListener("loadend", function () {
            syncCart();
          });
        }
        return open.apply(this, arguments);
      };
    }
  }

  var landed = landingToken();
  function keep(allowed) {
    if (!allowed) return;
    if (landed) writeCookie(landed);
    syncCart();
  }

  watchCartChanges();
  marketingAllowed(keep);
  // The shopper may answer the consent banner after this page loaded.
  if (d.addEventListener) {
    d.addEventListener("visitorConsentCollected", function (event) {
      var detail = (event && event.detail) || {};
      keep(Boolean(detail.marketingAllowed));
    });
  }

  w.TallyTracking = { version: 1, syncCart: syncCart, token: readCookie };
})(typeof window !== "undefined" ? window : undefined, typeof document !== "undefined" ? document : undefined);
