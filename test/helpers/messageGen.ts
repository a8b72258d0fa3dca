// Deterministic generator of commit messages that stress git's trailer rules (trailer.c, git 2.39):
// last paragraph only, the all-trailers and 25 % rules, continuation lines, comments, scissors,
// `---` dividers, old `Conflicts:` blocks, CRLF, \v and \f (not whitespace to git), UTF-8, no final
// newline. Seeded (mulberry32), no dependencies: the same (count, seed) always gives the same messages.
// The messages never contain NUL or the control characters \x01-\x08 (test harnesses use them as separators).

export type Rng = () => number;

/** mulberry32: a tiny 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  /** trailer.separators in effect; lines are also written with these characters. Default ":". */
  separators?: string;
  /** core.commentChar in effect. Default "#". */
  commentChar?: string;
  /** Configured trailer keys/aliases (trailer.<alias>.key) to sprinkle into trailer blocks. */
  configuredKeys?: readonly string[];
}

class Gen {
  private readonly seps: string;
  private readonly comment: string;
  private readonly confKeys: readonly string[];

  constructor(private readonly rng: Rng, opts: GenOptions) {
    this.seps = opts.separators || ':';
    this.comment = opts.commentChar || '#';
    this.confKeys = opts.configuredKeys ?? [];
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rng() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.rng() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)] as T;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  // ---- words and prose ------------------------------------------------------------------------

  word(): string {
    return this.pick(WORDS);
  }

  words(lo: number, hi: number): string {
    const n = this.int(lo, hi);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.word());
    return out.join(' ');
  }

  title(): string {
    return this.pick<() => string>([
      () => `${this.pick(VERBS)} ${this.words(1, 6)}`,
      () => `${this.word()}: ${this.words(1, 5)}`, // looks like a trailer
      () => `${this.pick(VALID_KEYS)}: ${this.value()}`, // is trailer-shaped
      () => `Signed-off-by: ${this.person()}`,
      () => `feat(${this.word()}): ${this.words(1, 4)}`,
      () => `${this.pick(VERBS)} ${this.words(1, 3)} ${this.pick(EMOJI)}`,
      () => `Revert "${this.words(2, 5)}"`,
    ])();
  }

  /** A line of prose: never trailer-shaped (a blank comes before any separator or a non-key char). */
  prose(): string {
    return this.pick<() => string>([
      () => `${this.pick(VERBS)} ${this.words(2, 10)}.`,
      () => `${this.words(2, 8)}, ${this.words(1, 5)}.`,
      () => `Co-authored-by ${this.person()} in prose, not a trailer.`,
      () => `Thanks to ${this.pick(PEOPLE)}: ${this.words(1, 5)}`,
      () => `🤖 Generated with [Claude Code](https://claude.com/claude-code)`,
      () => `See https://example.com/${this.word()} for details`,
      () => `https://example.com/${this.word()}/${this.int(1, 999)}`,
      () => `- ${this.words(1, 6)}`,
      () => `* ${this.words(1, 6)}`,
      () => `${this.int(1, 9)}. ${this.words(1, 6)}`,
      () => `(${this.words(1, 4)})`,
      () => `${this.word()}_${this.word()}: ${this.words(1, 3)}`,
      () => `${this.word()}.${this.word()}: ${this.words(1, 3)}`,
      () => `${this.pick(EMOJI)} ${this.words(1, 4)}`,
      () => `\v${this.words(1, 4)}`,
      () => `\f${this.pick(VALID_KEYS)}: ${this.value()}`,
      () => `${this.sepChar()} ${this.words(1, 4)}`, // starts with a separator: position 0 is not a trailer
    ])();
  }

  paragraph(): string[] {
    const n = this.int(1, 4);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.prose());
    if (this.chance(0.1)) out.push(`  indented ${this.words(1, 4)}`);
    return out;
  }

  // ---- trailers ---------------------------------------------------------------------------------

  sepChar(): string {
    return this.seps[Math.floor(this.rng() * this.seps.length)] as string;
  }

  person(): string {
    return this.pick(PEOPLE);
  }

  value(): string {
    return this.pick<() => string>([
      () => this.person(),
      () => this.person(),
      () => this.words(1, 4),
      () => `https://example.com/${this.word()}/${this.int(1, 9999)}`,
      () => `//x.example/${this.word()}`,
      () => `${this.int(0, 0xffffff).toString(16)}${this.int(0, 0xffffff).toString(16)}`,
      () => `${this.pick(EMOJI)} ${this.words(1, 3)} ${this.pick(EMOJI)}`,
      () => `${this.words(1, 2)}: ${this.words(1, 2)}`, // a separator inside the value
      () => `${this.word()} # not a comment`,
      () => `${this.word()}\v${this.word()}`,
      () => `${this.word()}\f`,
      () => `${this.word()}\t${this.word()}`,
      () => `x`.repeat(this.int(200, 3000)),
      () => '',
    ])();
  }

  key(): string {
    if (this.confKeys.length > 0 && this.chance(0.3)) {
      const k = this.pick(this.confKeys);
      return this.pick([k, k.toLowerCase(), k.toUpperCase(), k.slice(0, Math.max(1, this.int(1, k.length)))]);
    }
    return this.pick(VALID_KEYS);
  }

  /** A trailer-shaped line (valid key, optional blanks, separator, value). */
  trailer(key = this.key()): string {
    const sep = this.sepChar();
    const v = this.value();
    return this.pick<() => string>([
      () => `${key}${sep} ${v}`,
      () => `${key}${sep} ${v}`,
      () => `${key}${sep} ${v}`,
      () => `${key}${sep}${v}`,
      () => `${key} ${sep} ${v}`,
      () => `${key}\t${sep} ${v}`,
      () => `${key} \t ${sep}\t${v}  `,
      () => `${key}${sep}`,
      () => `${key}${sep} `,
      () => `${key}${sep}${sep} ${v}`,
    ])();
  }

  /** A line that looks like a trailer but is not one to git. */
  invalidTrailer(): string {
    return `${this.pick(INVALID_KEYS)}${this.sepChar()} ${this.value()}`;
  }

  gitGenerated(): string {
    return this.pick<() => string>([
      () => `Signed-off-by: ${this.person()}`,
      () => `Signed-off-by: ${this.person()}`,
      () => `(cherry picked from commit ${this.int(0, 0xffffff).toString(16)}${'a'.repeat(34)})`,
      () => `Signed-off-by:${this.person()}`, // a trailer, but not the git-generated prefix
      () => `signed-off-by: ${this.person()}`, // case matters for the prefix
      () => `Signed-off-by : ${this.person()}`,
      () => `(cherry picked from commit`,
    ])();
  }

  continuation(): string {
    return this.pick([' ', '\t', '  ', ' \t']) + this.pick([this.words(1, 4), this.person(), `${this.word()}: ${this.word()}`, this.pick(EMOJI)]);
  }

  commentLine(): string {
    return this.pick([
      this.comment,
      `${this.comment} ${this.words(1, 5)}`,
      `${this.comment}${this.pick(VALID_KEYS)}: ${this.value()}`,
      `${this.comment} Please enter the commit message for your changes.`,
    ]);
  }

  /** Lines that are "blank" to git: empty or only ' ', \t, \r. */
  blankLine(): string {
    return this.pick(['', '', '', ' ', '\t', '  \t ', '\r']);
  }

  /** A last paragraph built to sit on either side of a rule boundary. */
  trailerBlock(): string[] {
    const kind = this.int(0, 9);
    const lines: string[] = [];
    const withContinuations = (ls: string[]): string[] => {
      const out: string[] = [];
      for (const l of ls) {
        out.push(l);
        if (this.chance(0.15)) out.push(this.continuation());
        if (this.chance(0.05)) out.push(this.continuation());
      }
      return out;
    };
    switch (kind) {
      case 0:
      case 1: {
        // All trailers (all-trailers rule).
        const n = this.int(1, 6);
        for (let i = 0; i < n; i++) lines.push(this.chance(0.2) ? this.gitGenerated() : this.trailer());
        return withContinuations(lines);
      }
      case 2:
      case 3: {
        // The 25 % rule boundary: t trailers (one of them maybe git-generated) and 3t-1 .. 3t+1 others.
        const t = this.int(1, 3);
        const n = 3 * t + this.int(-1, 1);
        const recognized = this.chance(0.7);
        for (let i = 0; i < t; i++) {
          lines.push(i === 0 && recognized ? this.pick(RECOGNIZED) : this.trailer());
        }
        for (let i = 0; i < n; i++) {
          lines.push(this.pick<() => string>([
            () => this.prose(),
            () => this.prose(),
            () => this.invalidTrailer(),
            () => this.continuation(), // orphan or continuation, depending on where it lands
          ])());
        }
        const shuffled = this.shuffle(lines);
        return this.chance(0.5) ? shuffled : withContinuations(shuffled);
      }
      case 4: {
        // Claude Code style.
        lines.push('🤖 Generated with [Claude Code](https://claude.com/claude-code)');
        if (this.chance(0.5)) lines.push('');
        lines.push(this.pick([
          'Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>',
          'Co-Authored-By: Claude <noreply@anthropic.com>',
          'Co-authored-by: Claude Sonnet 4.5 <noreply@anthropic.com>',
        ]));
        if (this.chance(0.4)) lines.push(this.gitGenerated());
        return lines;
      }
      case 5: {
        // Mixed with comments and orphan whitespace-led lines.
        const n = this.int(2, 7);
        for (let i = 0; i < n; i++) {
          lines.push(this.pick<() => string>([
            () => this.trailer(),
            () => this.trailer(),
            () => this.commentLine(),
            () => this.continuation(),
            () => this.prose(),
            () => this.gitGenerated(),
          ])());
        }
        return lines;
      }
      case 6: {
        // Orphan whitespace-led lines right after the blank line, then trailers.
        lines.push(this.continuation());
        if (this.chance(0.5)) lines.push(this.continuation());
        const n = this.int(1, 4);
        for (let i = 0; i < n; i++) lines.push(this.chance(0.3) ? this.gitGenerated() : this.trailer());
        return lines;
      }
      case 7: {
        // Invalid keys only, or with one recognized prefix.
        const n = this.int(1, 4);
        for (let i = 0; i < n; i++) lines.push(this.invalidTrailer());
        if (this.chance(0.5)) lines.push(this.pick(RECOGNIZED));
        return this.shuffle(lines);
      }
      case 8: {
        // AI attribution with a Signed-off-by and an unusual key.
        lines.push(this.pick([
          'Assisted-by: Claude:claude-3-opus coccinelle sparse',
          'Co-authored-by: Copilot <copilot@github.com>',
          `Claude-Session: ${this.int(0, 1e9).toString(36)}-${this.int(0, 1e9).toString(36)}`,
          `Amp-Thread-ID: https://ampcode.com/threads/T-${this.int(0, 1e9).toString(16)}`,
          'Generated-by: GitHub Copilot',
        ]));
        if (this.chance(0.5)) lines.push(this.prose());
        lines.push(this.gitGenerated());
        return this.shuffle(lines);
      }
      default: {
        // Anything at all.
        const n = this.int(1, 8);
        for (let i = 0; i < n; i++) {
          lines.push(this.pick<() => string>([
            () => this.trailer(),
            () => this.invalidTrailer(),
            () => this.prose(),
            () => this.continuation(),
            () => this.commentLine(),
            () => this.gitGenerated(),
            () => `${this.sepChar()}${this.words(1, 3)}`,
            () => `-${this.sepChar()} ${this.word()}`,
            () => `${this.int(1, 99)}${this.sepChar()} ${this.word()}`,
          ])());
        }
        return lines;
      }
    }
  }

  // ---- tails ------------------------------------------------------------------------------------

  scissors(): string {
    return `${this.comment} ------------------------ >8 ------------------------`;
  }

  /** Lines appended after the last paragraph (what git ignores, or not). */
  tail(): string[] {
    switch (this.int(0, 19)) {
      case 0:
        return [''];
      case 1:
        return ['', '', this.blankLine()];
      case 2:
        return [this.commentLine(), this.commentLine()];
      case 3:
        return ['', this.commentLine(), '', this.commentLine()];
      case 4:
        return [this.scissors(), 'diff --git a/x b/x', `Signed-off-by: ${this.person()}`];
      case 5:
        return ['', this.scissors(), `${this.pick(VALID_KEYS)}: after scissors`];
      case 6:
        return ['', 'Conflicts:', '\tsrc/a.ts', '\tsrc/b c.ts'];
      case 7:
        return ['Conflicts:', '\tREADME.md', this.commentLine()];
      case 8:
        return [this.pick(['---', '--- ', '---\t', '---\r']), ` src/x.ts | 2 +-`, `${this.pick(VALID_KEYS)}: after divider`];
      case 9:
        return ['', this.pick(['----', '---x', '--', '-- ', '---\v', '---\f'])];
      case 10:
        return ['---']; // with the final-newline choice, sometimes `---` at EOF without newline
      case 11:
        return ['', '---', '', `Signed-off-by: ${this.person()}`];
      case 12:
        return [this.blankLine(), this.blankLine()];
      case 13:
        return [`${this.scissors().replace('>8', '8<')}`, `${this.pick(VALID_KEYS)}: x`];
      case 14:
        // Tab-led lines are only skipped inside an old Conflicts: block.
        return this.pick([[this.commentLine(), '\tsrc/a.ts'], ['', '\tsrc/a.ts'], ['', this.commentLine(), '\ta', '\tb']]);
      case 15:
        return this.pick([
          ['', 'Conflicts:', '\tsrc/a.ts', '', '\tsrc/b.ts', this.commentLine()],
          ['Conflicts:', ' src/space-led.ts'],
          ['', 'Conflicts: ', '\tsrc/a.ts'],
          ['', 'conflicts:', '\tsrc/a.ts'],
          ['Conflicts:', '\tsrc/a.ts', 'Conflicts:', '\tsrc/b.ts', this.commentLine()],
          ['', 'Conflicts:'],
          ['Conflicts:', '\tsrc/a.ts', this.pick([' ', '\t', '\r', ' \t'])], // whitespace-only is not "\n"
          [this.commentLine(), this.pick([' ', '\t', '\r'])],
          ['Conflicts:', '\tsrc/a.ts', this.trailer(), this.commentLine(), '\tsrc/b.ts'], // the block ended
        ]);
      case 16:
        return [this.commentLine(), this.prose(), this.commentLine()];
      default:
        return [];
    }
  }

  // ---- whole message ----------------------------------------------------------------------------

  message(): string {
    const lines: string[] = [];
    // Leading blank or comment lines, or an empty title.
    const lead = this.int(0, 19);
    if (lead === 0) lines.push('');
    else if (lead === 1) lines.push(this.blankLine(), '');
    else if (lead === 2) lines.push(this.commentLine());
    else if (lead === 3) lines.push(this.scissors());

    const shape = this.int(0, 19);
    if (shape === 0) {
      // Nothing but a trailer block: it is the title paragraph, so no trailers.
      lines.push(...this.trailerBlock());
    } else {
      lines.push(this.title());
      if (this.chance(0.15)) lines.push(...(this.chance(0.5) ? [this.title()] : this.trailerBlock()));
      const paragraphs = this.int(0, 3);
      for (let i = 0; i < paragraphs; i++) {
        lines.push(this.chance(0.2) ? this.blankLine() : '');
        if (this.chance(0.1)) lines.push(this.commentLine());
        lines.push(...(this.chance(0.15) ? this.trailerBlock() : this.paragraph()));
        if (this.chance(0.05)) lines.push(this.pick(['---', '--- middle', '----', this.scissors()]));
      }
      if (shape !== 1) {
        lines.push(this.chance(0.2) ? this.blankLine() : '');
        if (this.chance(0.05)) lines.push('');
        lines.push(...this.trailerBlock());
      }
    }
    lines.push(...this.tail());

    // Line endings: LF, CRLF throughout, or mixed.
    const eolMode = this.int(0, 9);
    let text = '';
    lines.forEach((l, i) => {
      const eol = eolMode === 0 ? '\r\n' : eolMode === 1 && this.chance(0.5) ? '\r\n' : '\n';
      text += l + (i < lines.length - 1 || !this.chance(0.12) ? eol : '');
    });
    if (this.chance(0.02)) text = '';
    else if (this.chance(0.02)) text = this.pick(['\n', '\n\n', ' \n', 'Signed-off-by: x\n', 'Key: v']);
    return text;
  }
}

const WORDS = [
  'fix', 'parser', 'trailer', 'block', 'commit', 'message', 'the', 'a', 'of', 'in', 'and', 'with', 'cache', 'git',
  'attribution', 'café', 'naïve', 'résumé', 'Straße', 'π', 'emoji', 'test', 'refactor', 'CRLF', 'divider', 'scissors',
  'x1', 'id-42', 'long-word-with-hyphens', '日本語', 'ñ', 'Ångström',
];
const VERBS = ['Add', 'Fix', 'Remove', 'Update', 'Refactor', 'Document', 'Handle', 'Support'];
const EMOJI = ['🤖', '✨', '🐛', '🚀', '👍🏽', '🇸🇪', '©'];
const PEOPLE = [
  'Ada Lovelace <ada@example.com>',
  'Claude <noreply@anthropic.com>',
  'Claude Opus 4.6 (1M context) <noreply@anthropic.com>',
  'Copilot <copilot@github.com>',
  'Copilot <198982749+Copilot@users.noreply.github.com>',
  'aider (openai/gpt-4o) <noreply@aider.chat>',
  'Jöns Jacob Berzelius <jjb@example.se>',
  'Linus <torvalds@example.org>',
  'Gemini <gemini-code-assist[bot]@users.noreply.github.com>',
  'Cursor Agent <cursoragent@cursor.com>',
];
const VALID_KEYS = [
  'Co-authored-by', 'Co-Authored-By', 'co-authored-by', 'CO-AUTHORED-BY', 'Assisted-by', 'Signed-off-by',
  'Reviewed-by', 'Tested-by', 'Acked-by', 'Claude-Session', 'Amp-Thread-ID', 'Generated-by', 'AI-Assistant',
  'Change-Id', 'Fixes', 'Link', 'Bug', 'Cc', 'X-Tool2', 'Ref-123', '1-2-3', '-', 'a', 'Closes', 'See',
];
const INVALID_KEYS = [
  'Skapad-på', 'Not a key', 'Key_underscore', 'Key.dot', 'Ünïcode', 'Key\u00a0NBSP', 'Key\vV', 'Key\fF', '(Key)',
  'Key/slash', '[Key]', 'Kéy', '🤖-by', ' Leading', '\tTabbed',
];
const RECOGNIZED = [
  'Signed-off-by: Ada Lovelace <ada@example.com>',
  '(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)',
];

/** One message from the given PRNG. */
export function generateMessage(rng: Rng, opts: GenOptions = {}): string {
  return new Gen(rng, opts).message();
}

/** `count` deterministic messages for `seed`. */
export function generateMessages(count: number, seed: number, opts: GenOptions = {}): string[] {
  const gen = new Gen(mulberry32(seed), opts);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(gen.message());
  return out;
}
