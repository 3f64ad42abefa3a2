// The shared hub client (web/src/shared/hub-client.ts) was written for the plain pages, which load
// SignalR's browser bundle as the global `signalR`. The Vue pages import @microsoft/signalr as a
// module (issue 13) and hand it to the hub client through that same global, so the shared module
// stays unchanged and the plain pages keep working. Import this before creating a LessonHubClient.
import * as signalR from "@microsoft/signalr";

(globalThis as unknown as { signalR: typeof signalR }).signalR = signalR;

export { signalR };
