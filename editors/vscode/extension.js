// Starts `cloudgram lsp` for .cgr files; everything else comes from the server.
"use strict";
const { workspace } = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = workspace.getConfiguration("cloudgram").get("path") || "cloudgram";
  client = new LanguageClient(
    "cloudgram",
    "cloudgram",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "cloudgram" }] }
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
