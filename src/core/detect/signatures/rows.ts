// What every catalog row carries: the tool it names, how sure it is, and where that is documented.
import type { Confidence, ToolId } from '../../model';

/** Bump when any row changes: cached audits from an older catalog are discarded. */
export const CATALOG_VERSION = 4;

export type Certainty = 'E' | 'P' | 'B' | 'C' | 'U';

export interface Row {
  id: string;
  tool: ToolId;
  confidence: Confidence;
  certainty: Certainty;
  source: string;
}
