// The workspace as the analysis worker sees it: files named by their workspace-relative path
// ("mnist/data.js", prefixed by the folder's name in a multi-root workspace), read and listed
// through `vscode.workspace.fs` (so untrusted and virtual workspaces work too), open editors
// first. Nothing is written; a file outside every workspace folder is never read.
import * as vscode from 'vscode';
import { GATHER_LIMITS } from '../detect/limits';
import { MAX_LISTED, type FileSource } from '../workers/importCache';

/** The path the worker knows `uri` by, or null when it is in no workspace folder. */
export function workspacePath(uri: vscode.Uri): string | null {
  if (!vscode.workspace.getWorkspaceFolder(uri)) return null;
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/**
 * The file (or, with `folder`, the folder) a workspace path names, or null when it leaves the
 * workspace (an import of `../../x`). A workspace folder itself is '' (or its name, multi-root).
 */
function uriOf(path: string, folder = false): vscode.Uri | null {
  const folders = vscode.workspace.workspaceFolders ?? [];
  let root = folders[0];
  let rest = path;
  if (folders.length > 1) {
    const slash = path.indexOf('/');
    root = folders.find((f) => f.name === (slash < 0 ? path : path.slice(0, slash)));
    rest = slash < 0 ? '' : path.slice(slash + 1);
  }
  if (
    !root ||
    (rest === '' && !folder) ||
    rest.startsWith('/') ||
    rest.split('/').includes('..') ||
    /^[A-Za-z]:/.test(rest)
  )
    return null;
  return rest === '' ? root.uri : vscode.Uri.joinPath(root.uri, rest);
}

const SOURCE = /\.[cm]?[jt]sx?$/;

/** The editor's text for a workspace path: the open document's (unsaved changes included), else the file's. */
export const workspaceSource: FileSource = {
  buffer(path) {
    const doc = vscode.workspace.textDocuments.find((d) => !d.isClosed && workspacePath(d.uri) === path);
    return doc?.getText();
  },
  async disk(path) {
    const uri = uriOf(path);
    if (!uri) return undefined;
    try {
      // A file the gathering would drop for its size is not read at all (a bundle, data).
      const { size, type } = await vscode.workspace.fs.stat(uri);
      if ((type & vscode.FileType.File) === 0 || size > 4 * GATHER_LIMITS.maxFileChars) return undefined;
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  },
  async listing(folder) {
    const uri = uriOf(folder, true);
    if (!uri) return [];
    try {
      const names = (await vscode.workspace.fs.readDirectory(uri))
        .filter(([name, type]) => (type & vscode.FileType.File) !== 0 && SOURCE.test(name) && !name.endsWith('.d.ts'))
        .map(([name]) => name)
        .sort()
        .slice(0, MAX_LISTED);
      return names.map((name) => (folder === '' ? name : `${folder}/${name}`));
    } catch {
      return [];
    }
  },
};
