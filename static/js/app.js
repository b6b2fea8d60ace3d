// Start the NHS.UK components (header menu, error summary focus, radios…).
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

initAll();
