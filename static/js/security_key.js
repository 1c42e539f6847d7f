// Security keys and passkeys (WebAuthn): the one part of two-step verification that needs
// JavaScript. A form marked data-security-key="create" (adding a key) or "get" (signing
// in) reads its options from the JSON the server put in the page, asks the browser, puts
// the answer into the form's hidden field and sends the form as usual; the server checks
// it (accounts/security_keys.py). The messages come translated in the form's data-*.
(function () {
  var form = document.querySelector("form[data-security-key]");
  if (!form) return;
  var mode = form.dataset.securityKey;
  var status = document.querySelector("[data-security-key-status]");
  var field = form.querySelector("input[name$='credential']");

  function say(message) {
    if (!status) return;
    status.textContent = message;
    status.hidden = false;
  }

  if (!window.PublicKeyCredential || !navigator.credentials) {
    say(form.dataset.unsupported);
    if (mode === "create") form.querySelector("button[type=submit]").disabled = true;
    return;
  }
  form.hidden = false;

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) return null;
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: toBytes(item.id), transports: item.transports };
    });
  }

  function options() {
    var options = JSON.parse(document.getElementById(form.dataset.options).textContent);
    options.challenge = toBytes(options.challenge);
    if (mode === "create") {
      options.user.id = toBytes(options.user.id);
      options.excludeCredentials = descriptors(options.excludeCredentials);
    } else {
      options.allowCredentials = descriptors(options.allowCredentials);
    }
    return options;
  }

  function answer(credential) {
    var response = credential.response;
    var data = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(response.clientDataJSON) },
    };
    if (mode === "create") {
      data.response.attestationObject = toText(response.attestationObject);
      data.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      data.response.authenticatorData = toText(response.authenticatorData);
      data.response.signature = toText(response.signature);
      data.response.userHandle = toText(response.userHandle);
    }
    return JSON.stringify(data);
  }

  form.addEventListener("submit", function (event) {
    // Adding a key without a name goes to the server, which says what is missing.
    var name = form.querySelector("input[name$='name']");
    if (name && !name.value.trim()) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    if (status) status.hidden = true;
    var ask = mode === "create"
      ? navigator.credentials.create({ publicKey: options() })
      : navigator.credentials.get({ publicKey: options() });
    ask.then(function (credential) {
      field.value = answer(credential);
      form.submit();
    }).catch(function (error) {
      button.disabled = false;
      if (mode === "create" && error && error.name === "InvalidStateError") {
        say(form.dataset.alreadyAdded);
      } else {
        say(form.dataset.cancelled);
      }
    });
  });
})();
