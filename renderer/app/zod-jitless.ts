import { config } from 'zod';

// zod compiles object parsers with new Function() when it can, deciding as
// each schema is built; the CSP forbids eval and its probe is reported as a
// violation. This module must be imported before any schema is defined.
config({ jitless: true });
