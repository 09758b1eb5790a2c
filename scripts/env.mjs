/**
 * Reads `.env` from the current folder (the repository, under npm) when there is one, before the
 * program runs: `node --import ./scripts/env.mjs …`. Variables already set in the environment win:
 * `process.loadEnvFile` only sets the ones that are missing, as `node --env-file` does. No `.env`, no
 * message: every setting is optional.
 */
import { existsSync } from 'node:fs';

if (existsSync('.env')) process.loadEnvFile('.env');
