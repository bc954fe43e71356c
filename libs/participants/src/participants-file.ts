import { readFileSync } from 'node:fs';
import { PARTICIPANT_ID_PATTERN, Participant, Zorgaanbieder } from './participant';

export interface ParticipantsSnapshot {
  participants: Participant[];
  zorgaanbieders: Zorgaanbieder[];
}

/** Reads a registry snapshot from a JSON file (`{ participants: [...], zorgaanbieders: [...] }`). */
export function readParticipantsFile(path: string): ParticipantsSnapshot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read participants file ${path}: ${(err as Error).message}`);
  }
  return parseParticipantsSnapshot(parsed, path);
}

export function parseParticipantsSnapshot(value: unknown, source: string): ParticipantsSnapshot {
  const doc = value as Partial<ParticipantsSnapshot> | null;
  if (!doc || !Array.isArray(doc.participants)) {
    throw new Error(`${source}: expected an object with a "participants" array`);
  }
  const seen = new Set<string>();
  for (const [i, p] of doc.participants.entries()) {
    if (typeof p?.id !== 'string' || !PARTICIPANT_ID_PATTERN.test(p.id)) {
      throw new Error(`${source}: participants[${i}].id must match ${PARTICIPANT_ID_PATTERN}`);
    }
    if (p.role !== 'DVP' && p.role !== 'DVA')
      throw new Error(`${source}: participants[${i}].role must be DVP or DVA`);
    if (seen.has(p.id)) throw new Error(`${source}: participant id ${p.id} appears twice`);
    seen.add(p.id);
  }
  return { participants: doc.participants, zorgaanbieders: doc.zorgaanbieders ?? [] };
}
