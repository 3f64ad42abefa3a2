// The shared hub client (web/src/shared/hub-client.ts) uses the global `signalR` that the plain
// pages load as /vendor/signalr.min.js; Vue pages import @microsoft/signalr as a module instead and
// give the client the same global, so one hub client serves both kinds of page.
import * as signalR from "@microsoft/signalr";

(globalThis as { signalR?: typeof signalR }).signalR ??= signalR;
