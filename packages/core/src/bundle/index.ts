// Signed policy bundles: the format, signing, the agent's install check, device request signatures.

export * from "./bundle-types.ts";
export * from "./check-bundle-install.ts";
export * from "./device-request.ts";
export * from "./sign-bundle.ts";
