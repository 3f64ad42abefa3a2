/// <reference types="vite/client" />
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
// hls.js ships one declaration file for both builds; the light build (no subtitles, alternate
// audio, DRM) has the same API for what the pages use.
declare module "hls.js/light" {
  export * from "hls.js";
  export { default } from "hls.js";
}
