// Passkeys on Haven's pages, with Spring Security's script (/login/webauthn.js, loaded before this one).
// A file of its own because the Content-Security-Policy allows no inline script. Without JavaScript the
// passkey controls stay hidden; the password + code log-in and removing a passkey work without it.
"use strict";
(() => {
  const settings = document.getElementById("passkey-settings");
  if (!settings || !window.setupLogin || !window.setupRegistration) {
    return;
  }
  const headers = { [settings.dataset.csrfHeader]: settings.dataset.csrfToken };
  const contextPath = (settings.dataset.context || "/").replace(/\/$/, "");
  const supported = !!window.PublicKeyCredential;

  // Log-in page: a button that runs the passkey ceremony; a failure lands on /login?error.
  const login = document.getElementById("passkey-login");
  if (login && supported) {
    document.getElementById("passkey-login-area").hidden = false;
    window.setupLogin(headers, contextPath, login);
  }

  // Passkey page: register a passkey with a name. Removal is a plain form (no script needed).
  const register = document.getElementById("passkey-register");
  if (register) {
    if (!supported) {
      document.getElementById("passkey-unsupported").hidden = false;
      return;
    }
    const error = document.getElementById("passkey-error");
    const detail = document.getElementById("passkey-error-detail");
    document.getElementById("passkey-registration").hidden = false;
    window.setupRegistration(headers, contextPath, {
      getRegisterButton: () => register,
      getLabelInput: () => document.getElementById("passkey-label"),
      getDeleteForms: () => [],
      getSuccess: () => null,
      // Spring Security's script writes its (English) message into this element and shows it; the
      // localised sentence above the message stays.
      getError: () => ({
        set textContent(message) {
          detail.textContent = message;
        },
        get style() {
          error.hidden = false;
          return error.style;
        },
      }),
    });
  }
})();
