// Entry of the sidebar webview: restores the last state, tells the host it is ready, renders
// every view the host sends and reports what the user changes.
import type {
  ChartExportReply,
  ChartExportRequest,
  ChartId,
  EditField,
  HostMessage,
  WebviewMessage,
} from '../src/protocol';
import { SidebarView } from './render';
import { draftKey, reduce, restore, type Action, type WebviewState } from './state';
import { watchTheme } from './theme';
import { registerToolkit } from './toolkit';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
registerToolkit();

let state = restore(vscode.getState());

function dispatch(action: Action): void {
  state = reduce(state, action);
  vscode.setState(state);
  view.render(state);
}

// Slider drags fire many input events; only the latest per control goes out, once per frame.
const queued = new Map<string, WebviewMessage>();
let frame = 0;
function send(message: WebviewMessage, coalesceKey?: string): void {
  if (coalesceKey === undefined) {
    vscode.postMessage(message);
    return;
  }
  queued.set(coalesceKey, message);
  if (frame === 0) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      for (const m of queued.values()) vscode.postMessage(m);
      queued.clear();
    });
  }
}

const view = new SidebarView(document.getElementById('app') ?? document.body, {
  edit(edit: EditField) {
    dispatch({ type: 'edit', edit });
    send({ type: 'edit', seq: state.seq, ...edit }, draftKey(edit));
  },
  selectModel(id) {
    dispatch({ type: 'selectModel', id });
    send({ type: 'selectModel', id, seq: state.seq });
  },
  reset() {
    dispatch({ type: 'reset' });
    send({ type: 'reset', seq: state.seq });
  },
  reveal(line) {
    send({ type: 'revealLine', line });
  },
  enterArchitecture() {
    send({ type: 'enterArchitecture' });
  },
  runCheck() {
    send({ type: 'runCheck' });
  },
  toggleTable(chart: ChartId, open: boolean) {
    dispatch({ type: 'toggleTable', chart, open });
  },
});

// A chart export is answered once the charts of the view shown are drawn. Asked from the
// palette, the export often opens the sidebar itself, or follows an edit: the webview then has
// no view yet, or one whose charts are still being computed (only the old ones, dimmed).
const exportRequests: ChartExportRequest[] = [];
function answerExports(): void {
  const shown = state.view;
  if (shown === null || (shown.kind === 'model' && shown.chartsPending)) return;
  for (const { requestId, chart } of exportRequests.splice(0)) {
    const dataUrl = view.chartPng(chart);
    const reply: ChartExportReply = dataUrl
      ? { type: 'chartImage', requestId, chart, dataUrl }
      : {
          type: 'chartImageFailed',
          requestId,
          reason:
            shown.kind === 'model'
              ? `the ${chart} chart is not drawn for this model`
              : 'no model is shown in the sidebar',
        };
    send(reply);
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null) return;
  switch (message.type) {
    case 'view':
      dispatch({ type: 'hostView', view: message.view, ack: message.ack, check: message.check });
      answerExports();
      break;
    case 'checkProgress':
    case 'checkResult':
    case 'checkError':
      dispatch({ type: 'check', message });
      break;
    case 'inputResult':
      dispatch({ type: 'inputResult', result: message });
      break;
    case 'exportChart':
      exportRequests.push(message);
      answerExports();
      break;
  }
});

watchTheme(() => view.repaintCharts());
view.render(state);
send({ type: 'ready' });
