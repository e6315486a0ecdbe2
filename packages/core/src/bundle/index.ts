// Signed policy bundles: the format, signing, the agent's install check, device request signatures and session tokens.

export * from "./bundle-types.ts";
export * from "./check-bundle-install.ts";
export * from "./device-request.ts";
export * from "./device-session-token.ts";
export * from "./sign-bundle.ts";
