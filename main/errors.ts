/**
 * A failure a person can act on (bad configuration, an unreachable database,
 * a taken port). Commands print its message as one line, with no stack
 * trace, so the message must name what is wrong and never carry a secret.
 */
export class UserFacingError extends Error {}
