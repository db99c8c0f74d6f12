// What infra/Dockerfile says the running image is: its final stage's environment, user, health check and
// command, read from the file itself so that prod-check runs the services exactly as the image would.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../generated-docs';

export const dockerfilePath = resolve(repoRoot, 'infra', 'Dockerfile');

export interface HealthCheck {
  options: Record<string, string>;
  command: string[];
}

export interface ImageRecipe {
  env: Record<string, string>;
  user: string;
  healthcheck: HealthCheck;
  command: string[];
  /** Every RUN of the build stages, in order. */
  buildRuns: string[];
}

interface Instruction {
  keyword: string;
  rest: string;
}

/** One instruction per entry: comments and blank lines dropped, `\` continuations joined. */
export function instructionsOf(text: string): Instruction[] {
  const lines = text.split('\n').filter((line) => !/^\s*(#|$)/.test(line));
  const joined = lines.join('\n').replace(/\s*\\\n\s*/g, ' ');
  return joined.split('\n').map((line) => {
    const match = /^\s*(\S+)\s*(.*)$/.exec(line);
    return { keyword: (match?.[1] ?? '').toUpperCase(), rest: match?.[2]?.trim() ?? '' };
  });
}

/** The exec (JSON array) form only: the shell form would run under /bin/sh and hide the signals from node. */
function execForm(rest: string, where: string): string[] {
  const parsed: unknown = rest.startsWith('[') ? JSON.parse(rest) : undefined;
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) {
    throw new Error(`infra/Dockerfile: ${where} is not in the exec form ["executable", "arg", ...]: ${rest}`);
  }
  return parsed;
}

function healthcheckOf(rest: string): HealthCheck {
  const match = /^((?:--[\w-]+=\S+\s+)*)CMD\s+(.*)$/.exec(rest);
  if (!match) throw new Error(`infra/Dockerfile: HEALTHCHECK has no CMD: ${rest}`);
  const options = Object.fromEntries([...(match[1] ?? '').matchAll(/--([\w-]+)=(\S+)/g)].map(([, name, value]) => [name!, value!]));
  return { options, command: execForm(match[2] ?? '', 'HEALTHCHECK CMD') };
}

export function readImageRecipe(text = readFileSync(dockerfilePath, 'utf8')): ImageRecipe {
  const instructions = instructionsOf(text);
  const finalFrom = instructions.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  const build = instructions.slice(0, finalFrom);
  const final = instructions.slice(finalFrom + 1);
  const last = (keyword: string) => final.filter((instruction) => instruction.keyword === keyword).at(-1)?.rest;
  const env: Record<string, string> = {};
  for (const { rest } of final.filter((instruction) => instruction.keyword === 'ENV')) {
    for (const [, name, value] of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[name!] = value!.replace(/^"|"$/g, '');
  }
  const healthcheck = last('HEALTHCHECK');
  const command = last('CMD');
  if (!healthcheck || !command) throw new Error('infra/Dockerfile: the final stage needs a HEALTHCHECK and a CMD');
  return {
    env,
    user: last('USER') ?? 'root',
    healthcheck: healthcheckOf(healthcheck),
    command: execForm(command, 'CMD'),
    buildRuns: build.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.rest),
  };
}
