// Every command id in one place (a test checks them against package.json).
export const COMMANDS = {
  auditRepository: 'aiProvenance.auditRepository',
  openPanel: 'aiProvenance.openPanel',
  showCodeShare: 'aiProvenance.showCodeShare',
  toggleLineProvenance: 'aiProvenance.toggleLineProvenance',
  installHooks: 'aiProvenance.installHooks',
  installAgentHooks: 'aiProvenance.installAgentHooks',
  uninstallHooks: 'aiProvenance.uninstallHooks',
  recordAssistance: 'aiProvenance.recordAssistance',
  showCommitProvenance: 'aiProvenance.showCommitProvenance',
  openLog: 'aiProvenance.openLog',
  fixLastCommit: 'aiProvenance.fixLastCommit',
  fixUnpushedCommits: 'aiProvenance.fixUnpushedCommits',
  turnOffVsCodeCoAuthor: 'aiProvenance.turnOffVsCodeCoAuthor',
  showEffectivePolicy: 'aiProvenance.showEffectivePolicy',
  refresh: 'aiProvenance.refresh',
  openCommitDiff: 'aiProvenance.openCommitDiff',
} as const;
