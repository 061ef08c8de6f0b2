import { config } from 'zod/v4/core';
import { en } from 'zod/v4/locales';

/**
 * Request and config schemas are written with `zod/mini`, which carries no locale: this sets English messages
 * (the ones api.md's 400 details show) once, without the ~258 KiB of every other locale. Imported for its effect
 * by the modules that parse (config, http, ws).
 */
config(en());
