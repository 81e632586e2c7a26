import path from 'node:path';

/**
 * Where the app's own files are. Kept free of Electron imports so packaging tests can check it
 * against electron-builder.yml; main.ts fills it from `app` and `process.resourcesPath`.
 */
export interface AppLocations {
  readonly isPackaged: boolean;
  /** The app's code: the asar archive when packaged, the project folder in development. */
  readonly appRoot: string;
  /** Electron's resources folder, where electron-builder puts `extraResources`. */
  readonly resourcesPath: string;
}

/** The folders the app ships beside its code (electron-builder's `extraResources`). */
export type ShippedResource = 'factor-library' | 'sample';

/** A shipped folder: electron-builder copies resources/<name> to the resources folder's <name>. */
export function shippedResourceDir(name: ShippedResource, { isPackaged, appRoot, resourcesPath }: AppLocations): string {
  return isPackaged ? path.join(resourcesPath, name) : path.join(appRoot, 'resources', name);
}
