// Who a repository is in a report, without saying where it lives on the machine that audited it:
// its remote URL with the credentials taken out, else its folder name. Every export (report meta,
// fleet records, in-toto, SARIF, CycloneDX, HTML…) names repositories through repositoryIdentity()
// and nothing else. Pure: the caller hands over `git config` text and the folder.

export interface RemoteUrl {
  remote: string;
  url: string;
}

/**
 * `remote.<name>.url` entries of `git config -z --get-regexp` output, in config order. The raw
 * value is read, not `git remote get-url`: url.<base>.insteadOf rewrites often carry a token.
 */
export function remoteUrls(rawConfig: string): RemoteUrl[] {
  const out: RemoteUrl[] = [];
  for (const entry of rawConfig.split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl < 0) continue;
    const m = /^remote\.(.+)\.url$/i.exec(entry.slice(0, nl));
    if (m) out.push({ remote: m[1] as string, url: entry.slice(nl + 1) });
  }
  return out;
}

/**
 * A remote URL fit for a shared report: no user name, password or token, no query or fragment
 * (tokens travel there too). Undefined for what names a place on this machine (a local path,
 * file://) or is not a URL at all: those fall back to the folder name.
 */
export function publicRemoteUrl(raw: string): string | undefined {
  const url = raw.trim();
  if (!url || url.length > 2048 || /[\s\u0000-\u001f\u007f]/.test(url)) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (scheme) {
    const protocol = (scheme[1] as string).toLowerCase();
    if (protocol === 'file') return undefined;
    const host = (scheme[2] as string).slice((scheme[2] as string).lastIndexOf('@') + 1);
    if (!host) return undefined;
    const rest = (scheme[3] as string).replace(/[?#].*$/, '');
    return `${protocol}://${host}${rest}`;
  }
  // scp-like `[user@]host:path` (git's rule: a colon before any slash). The user is an ssh login,
  // never a secret (the syntax has no room for a password), but it says nothing about the
  // repository either: dropped, so `git@host:org/x` and `host:org/x` are one repository.
  const scp = /^(?:[^@/:]+@)?([^@/:]+):(?!\/\/)(.+)$/.exec(url);
  if (scp && !/^[a-z]$/i.test(scp[1] as string)) return `${scp[1]}:${scp[2]}`;
  return undefined;
}

/** The last segment of a path, either separator (a Windows drive root gives the drive). */
export function folderName(dir: string): string {
  const trimmed = dir.replace(/[\\/]+$/, '');
  const name = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  return name.replace(/[\u0000-\u001f\u007f]/g, '\ufffd') || 'repository';
}

/**
 * The repository's identity: the URL of `origin`, else of the first other remote (git config
 * order) that has a public URL, else the folder name of `dir` (the work tree, or a bare
 * repository's directory). Never an absolute path.
 */
export function repositoryIdentity(remotes: readonly RemoteUrl[], dir: string): string {
  const ordered = [...remotes.filter((r) => r.remote === 'origin'), ...remotes.filter((r) => r.remote !== 'origin')];
  for (const r of ordered) {
    const url = publicRemoteUrl(r.url);
    if (url) return url;
  }
  return folderName(dir);
}
