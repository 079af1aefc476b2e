// Starts a real VS Code (code-server) with the packaged .vsix installed, in a throwaway profile,
// and stops it by its PID. Everything it writes lives under one temporary folder, so a run
// never touches the developer's own editor profile, home folder or the repository's fixtures.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CodeServerInstall {
  /** Folder made by scripts/e2e/install-code-server.sh: node/ and code-server/ inside. */
  prefix: string;
}

export interface RunningCodeServer {
  url: string;
  /** The workspace folder the editor has open (a copy of the fixtures). */
  workspace: string;
  /** Folder for the browser profile and anything else scratch. */
  scratch: string;
  /** Copies the editor's logs (extension host, the extension's own output channel) into `dest`. */
  saveLogs(dest: string): void;
  /** Ends the server's whole process group (code-server forks the VS Code server and extension host). */
  stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and deterministic: no trust prompt, no welcome page, no AI panels. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'chat.agent.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  // The TypeScript server would try to download typings for the fixtures' imports: no network here.
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

/** Workspace trust on, the workspace left untrusted without asking: Restricted Mode. */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
};

function nodeBin(install: CodeServerInstall): string {
  return join(install.prefix, 'node', 'bin', 'node');
}

function entry(install: CodeServerInstall): string {
  return join(install.prefix, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The VS Code version code-server bundles (its product.json), to compare with engines.vscode. */
export function bundledVsCodeVersion(install: CodeServerInstall): string {
  const r = spawnSync(nodeBin(install), [entry(install), '--version'], { encoding: 'utf8' });
  return r.stdout.trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the free port'));
      });
    });
  });
}

async function waitForHealthy(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`code-server exited with ${child.exitCode} before it was ready:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms:\n${log()}`);
}

export async function startCodeServer(options: {
  install: CodeServerInstall;
  vsix: string;
  fixtures: string;
  /**
   * Open the workspace in Restricted Mode (workspace trust on, the folder never trusted, no
   * prompt), as a user who declines to trust a cloned repository does. The extension declares
   * untrusted workspaces supported: it must still read files and predict there.
   */
  untrusted?: boolean;
}): Promise<RunningCodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'tfjs-scaling-e2e-'));
  const home = join(root, 'home');
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  const workspace = join(root, 'workspace');
  const scratch = join(root, 'scratch');
  for (const dir of [home, join(userData, 'User'), extensions, scratch]) mkdirSync(dir, { recursive: true });
  cpSync(options.fixtures, workspace, { recursive: true });
  const settings = options.untrusted ? { ...USER_SETTINGS, ...UNTRUSTED_SETTINGS } : USER_SETTINGS;
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    PATH: `${join(options.install.prefix, 'node', 'bin')}:${process.env.PATH ?? ''}`,
  };
  const common = [
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.untrusted ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
  ];

  const installed = spawnSync(
    nodeBin(options.install),
    [entry(options.install), ...common, '--install-extension', options.vsix],
    {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (installed.status !== 0 || !readdirSync(extensions).some((d) => d.startsWith('tfjs-scaling.tfjs-scaling-'))) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(
      `installing ${options.vsix} failed (exit ${installed.status}):\n${installed.stdout}\n${installed.stderr}`,
    );
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(
    nodeBin(options.install),
    [entry(options.install), ...common, '--bind-addr', `127.0.0.1:${port}`, workspace],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopping it by its PID also ends the servers it forks.
      detached: true,
    },
  );
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));

  const signal = (sig: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // the group is already gone
    }
  };
  const onExit = (): void => signal('SIGKILL');
  // A crash or Ctrl+C in the driver must not leave the server running.
  process.once('exit', onExit);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    signal('SIGTERM');
    const deadline = Date.now() + 5_000;
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    signal('SIGKILL');
    process.removeListener('exit', onExit);
    if (process.env.E2E_KEEP_PROFILE !== '1') rmSync(root, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(url, child, () => output, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const saveLogs = (dest: string): void => {
    mkdirSync(dest, { recursive: true });
    writeFileSync(join(dest, 'code-server.log'), output);
    const logs = join(userData, 'logs');
    if (existsSync(logs)) cpSync(logs, join(dest, 'vscode'), { recursive: true });
  };
  return { url, workspace, scratch, saveLogs, stop };
}

export function codeServerInstallFromEnv(): CodeServerInstall {
  const prefix = process.env.E2E_CODE_SERVER_PREFIX;
  if (!prefix || !existsSync(entry({ prefix }))) {
    throw new Error('E2E_CODE_SERVER_PREFIX must name a folder made by scripts/e2e/install-code-server.sh');
  }
  return { prefix };
}
