// The "AI Provenance" output channel: every git call with its duration (trace), decisions (info),
// problems (warn). Command "AI Provenance: Open Output Log" shows it.
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('AI Provenance', { log: true });

  trace(line: string): void {
    this.channel.trace(line);
  }

  info(line: string): void {
    this.channel.info(line);
  }

  warn(line: string): void {
    this.channel.warn(line);
  }

  error(line: string): void {
    this.channel.error(line);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
