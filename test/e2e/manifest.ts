// Reads the sidebar's ids and titles from package.json `contributes`, so the end-to-end test
// follows the extension's manifest instead of repeating its strings.

interface ViewContribution {
  id: string;
  name: string;
  type?: string;
}

interface ContainerContribution {
  id: string;
  title: string;
}

export interface SidebarView {
  viewId: string;
  viewName: string;
  containerTitle: string;
  /** The palette title VS Code generates for focusing the view: "<container>: Focus on <view> View". */
  focusCommand: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The extension's webview view and the activity-bar container that holds it. */
export function sidebarView(manifest: unknown): SidebarView {
  const contributes = isRecord(manifest) && isRecord(manifest.contributes) ? manifest.contributes : {};
  const views = isRecord(contributes.views) ? contributes.views : {};
  const containers =
    isRecord(contributes.viewsContainers) && Array.isArray(contributes.viewsContainers.activitybar)
      ? (contributes.viewsContainers.activitybar as ContainerContribution[])
      : [];
  for (const [containerId, list] of Object.entries(views)) {
    if (!Array.isArray(list)) continue;
    const view = (list as ViewContribution[]).find((v) => v.type === 'webview');
    if (!view) continue;
    const containerTitle = containers.find((c) => c.id === containerId)?.title ?? 'Explorer';
    return {
      viewId: view.id,
      viewName: view.name,
      containerTitle,
      focusCommand: `${containerTitle}: Focus on ${view.name} View`,
    };
  }
  throw new Error('package.json contributes no webview view: the sidebar is not declared');
}
