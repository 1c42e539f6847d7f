// The public forms' proof of work (core/antibot.py, on with SAKKE_ANTIBOT_POW): find the
// number whose SHA-256 with the salt is the signed challenge, and send it with the form.
// A person's browser needs a moment; a bot posting thousands of forms needs thousands.
(function () {
  "use strict";

  async function sha256(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function solve(challenge) {
    for (let number = 0; number <= challenge.maxnumber; number += 1) {
      if ((await sha256(challenge.salt + number)) === challenge.challenge) {
        const { algorithm, salt, signature } = challenge;
        return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature }));
      }
    }
    return "";
  }

  document.querySelectorAll("input[data-antibot-challenge]").forEach((input) => {
    const form = input.form;
    const solved = solve(JSON.parse(input.dataset.antibotChallenge)).then((answer) => {
      input.value = answer;
    });
    form.addEventListener("submit", (event) => {
      if (input.value) return;
      event.preventDefault();
      const submitter = event.submitter;
      solved.then(() => form.requestSubmit(submitter));
    });
  });
})();
