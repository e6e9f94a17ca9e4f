/** The app version; bump with package.json (a test checks they agree). */
export const RINGSIDE_VERSION = '0.1.0';
