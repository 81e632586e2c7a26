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

/** The shipped default factor library: electron-builder copies it to resources/factor-library. */
export function factorLibraryDir({ isPackaged, appRoot, resourcesPath }: AppLocations): string {
  return isPackaged ? path.join(resourcesPath, 'factor-library') : path.join(appRoot, 'resources', 'factor-library');
}
