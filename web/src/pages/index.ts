// The start page: only its texts. A file, not an inline <script>, so the Content-Security-Policy
// can say script-src 'self' (docs/security.md).
import { applyTexts } from "../shared/i18n.js";

applyTexts();
