// electron-builder's afterPack hook: flips Electron's fuses in the packaged app,
// before electron-builder signs it (a fuse changes the binary, so it must come first).
// Fuses are compiled-in switches that no argument or environment variable can turn back on.
// Both packages are CommonJS: their exports are read from the default import.
import fuses from '@electron/fuses';
import builder from 'electron-builder';

const { FuseV1Options, FuseVersion } = fuses;
const { Arch } = builder;

/** @param {import('electron-builder').AfterPackContext} context */
export default async function flipElectronFuses(context) {
  await context.packager.addElectronFuses(context, {
    version: FuseVersion.V1,
    // Unsigned arm64 macOS builds carry an ad-hoc signature that the flip invalidates; redo it so they start.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    // The app's executable can never be used as a plain Node.js runtime (ELECTRON_RUN_AS_NODE)...
    [FuseV1Options.RunAsNode]: false,
    // ... nor have code injected through NODE_OPTIONS or a debugger attached with --inspect.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // It runs only the app.asar that was signed with it, checked against the hash in the
    // executable (macOS and Windows; Linux has no embedded integrity yet).
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  });
}
