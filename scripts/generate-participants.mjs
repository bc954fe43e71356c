#!/usr/bin/env node
// Writes deploy/local/participants.json: the local participant registry the collector resolves
// hostnames with and the traffic simulator plays. Deterministic (fixed seed, no clock), so
// re-running it gives the same file. The first participants and zorgaanbieders are fixed
// because tests name them; the rest are fictional Dutch-style care providers.
//   node scripts/generate-participants.mjs [--out path] [--count n] [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const argValue = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const out = argValue('--out', join(root, 'deploy/local/participants.json'));
const count = Number(argValue('--count', '320'));
const checkOnly = args.includes('--check');

const participants = [
  // Fixed: tests and docs refer to these ids and hostnames.
  {
    id: 'pgo-gezondheidsapp',
    role: 'DVP',
    displayName: 'GezondheidsApp',
    hostnames: ['api.gezondheidsapp.example'],
  },
  {
    id: 'pgo-mijnzorgdossier',
    role: 'DVP',
    displayName: 'MijnZorgDossier',
    hostnames: ['server.mijnzorgdossier.example'],
  },
  {
    id: 'pgo-zorgkluis',
    role: 'DVP',
    displayName: 'Zorgkluis',
    hostnames: ['dvp.zorgkluis.example', 'dvp2.zorgkluis.example'],
  },
  { id: 'pgo-medimapp', role: 'DVP', displayName: 'MediMapp', hostnames: ['medmij.medimapp.example'] },
  {
    id: 'dva-huisartsnet',
    role: 'DVA',
    displayName: 'HuisartsNet',
    hostnames: ['auth.huisartsnet.example', 'fhir.huisartsnet.example'],
  },
  {
    id: 'dva-apotheeklink',
    role: 'DVA',
    displayName: 'ApotheekLink',
    hostnames: ['auth.apotheeklink.example', 'fhir.apotheeklink.example'],
  },
  {
    id: 'dva-ziekenhuisplatform',
    role: 'DVA',
    displayName: 'Ziekenhuisplatform',
    hostnames: ['auth.zhplatform.example', 'fhir.zhplatform.example'],
  },
  // Added for the simulator: more PGOs and DVAs so the figures have a spread.
  { id: 'pgo-vitaalplein', role: 'DVP', displayName: 'VitaalPlein', hostnames: ['pgo.vitaalplein.example'] },
  {
    id: 'pgo-dossierthuis',
    role: 'DVP',
    displayName: 'DossierThuis',
    hostnames: ['api.dossierthuis.example', 'api2.dossierthuis.example'],
  },
  {
    id: 'dva-ggzconnect',
    role: 'DVA',
    displayName: 'GGZ Connect',
    hostnames: ['auth.ggzconnect.example', 'fhir.ggzconnect.example'],
  },
  {
    id: 'dva-praktijkplein',
    role: 'DVA',
    displayName: 'PraktijkPlein',
    hostnames: ['login.praktijkplein.example', 'data.praktijkplein.example'],
  },
];

const fixedZorgaanbieders = [
  {
    naam: 'huisartsdeboer',
    displayName: 'Huisartsenpraktijk De Boer',
    dvaId: 'dva-huisartsnet',
    gegevensdiensten: ['48', '51'],
  },
  {
    naam: 'apotheekcentrum',
    displayName: 'Apotheek Centrum',
    dvaId: 'dva-apotheeklink',
    gegevensdiensten: ['48'],
  },
  {
    naam: 'ziekenhuisnoord',
    displayName: 'Ziekenhuis Noord',
    dvaId: 'dva-ziekenhuisplatform',
    gegevensdiensten: ['48', '51'],
  },
];

// mulberry32: a tiny seedable PRNG, so the file is the same on every machine.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20250922);
const pick = (list) => list[Math.floor(random() * list.length)];

const surnames = [
  'De Vries',
  'Jansen',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'Mulder',
  'De Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'Van Leeuwen',
  'Dekker',
  'Brouwer',
  'De Wit',
  'Dijkstra',
  'Smits',
  'De Graaf',
  'Van der Meer',
  'Van der Linden',
  'Kok',
  'Jacobs',
  'De Haan',
  'Vermeulen',
  'Van den Berg',
  'Van der Heijden',
  'Van der Veen',
  'Van den Broek',
  'De Bruijn',
  'De Jong',
  'Schouten',
  'Van Beek',
  'Willems',
  'Van Vliet',
  'Van de Ven',
  'Hoekstra',
  'Maas',
  'Verhoeven',
  'Koster',
  'Van Dam',
  'Van der Wal',
  'Prins',
  'Blom',
  'Huisman',
  'Peeters',
  'De Jonge',
  'Kuipers',
  'Van Veen',
  'Post',
  'Kuiper',
  'Veenstra',
  'Kramer',
  'Van den Brink',
  'Scholten',
  'Van Wijk',
  'Postma',
  'Martens',
  'Vink',
  'De Ruiter',
  'Timmermans',
  'Groen',
  'Gerritsen',
  'Jonker',
  'Van Loon',
  'Van der Velde',
  'Willemsen',
  'Smeets',
  'De Lange',
  'Bosch',
  'Van Dijk',
  'Janssen',
  'Bijl',
  'Terpstra',
  'Wouters',
  'Hermans',
  'Evers',
  'Sanders',
  'Van Rijn',
  'Boersma',
  'Claassen',
  'Kempen',
];
const places = [
  'Amsterdam',
  'Rotterdam',
  'Utrecht',
  'Groningen',
  'Zwolle',
  'Deventer',
  'Apeldoorn',
  'Arnhem',
  'Nijmegen',
  'Eindhoven',
  'Tilburg',
  'Breda',
  'Leiden',
  'Haarlem',
  'Alkmaar',
  'Hoorn',
  'Leeuwarden',
  'Assen',
  'Emmen',
  'Enschede',
  'Hengelo',
  'Almere',
  'Lelystad',
  'Amersfoort',
  'Ede',
  'Gouda',
  'Delft',
  'Dordrecht',
  'Middelburg',
  'Venlo',
  'Roermond',
  'Maastricht',
  'Heerlen',
  'Oss',
  'Helmond',
  'Zeist',
  'Hilversum',
  'Purmerend',
  'Zaandam',
  'Harderwijk',
  'Meppel',
  'Sneek',
  'Drachten',
  'Heerenveen',
  'Veenendaal',
  'Woerden',
  'Vlaardingen',
  'Schiedam',
  'Spijkenisse',
  'Doetinchem',
  'Winterswijk',
  'Kampen',
  'Goes',
  'Terneuzen',
  'Weert',
  'Sittard',
];
const districts = [
  'Noord',
  'Zuid',
  'Oost',
  'West',
  'Centrum',
  'De Hoven',
  'Het Park',
  'Stadshart',
  'De Wijert',
];
const regions = [
  'Noord-Holland Noord',
  'Twente',
  'Achterhoek',
  'Drenthe',
  'Friesland',
  'Zeeland',
  'Kennemerland',
  'West-Brabant',
  'Midden-Brabant',
  'Noord-Limburg',
  'Gelderse Vallei',
  'Rijnmond',
  'Haaglanden',
  'Flevoland',
  'Veluwe',
  'Gooi en Vecht',
  'Rivierenland',
  'Oost-Brabant',
  'Zuid-Limburg',
  'Groot-Amsterdam',
  'IJsselland',
];
const pharmacyNames = [
  'De Gaper',
  'De Vijzel',
  'De Linde',
  'De Eik',
  'Het Kruispunt',
  'De Brink',
  'De Molen',
  'De Poort',
];
const saints = [
  'Sint Antonius',
  'Sint Jozef',
  'Sint Elisabeth',
  'Sint Franciscus',
  'Sint Maarten',
  'Sint Jansdael',
];

/** Kinds of care provider: share of the list, how they are named, which DVAs serve them, which gegevensdiensten. */
const kinds = [
  {
    share: 0.55,
    services: ['48', '49', '51'],
    dvas: [
      ['dva-huisartsnet', 0.7],
      ['dva-praktijkplein', 0.3],
    ],
    name: () =>
      pick([
        () => `Huisartsenpraktijk ${pick(surnames)}`,
        () => `Huisartsenpraktijk ${pick(surnames)} ${pick(places)}`,
        () => `Gezondheidscentrum ${pick(places)} ${pick(districts)}`,
        () => `Huisartsen ${pick(places)} ${pick(districts)}`,
      ])(),
  },
  {
    share: 0.25,
    services: ['48', '50'],
    dvas: [
      ['dva-apotheeklink', 0.75],
      ['dva-praktijkplein', 0.25],
    ],
    name: () =>
      pick([
        () => `Apotheek ${pick(places)}`,
        () => `Apotheek ${pick(pharmacyNames)} ${pick(places)}`,
        () => `Service Apotheek ${pick(places)} ${pick(districts)}`,
      ])(),
  },
  {
    share: 0.08,
    services: ['48', '51', '52', '53'],
    dvas: [['dva-ziekenhuisplatform', 1]],
    name: () =>
      pick([
        () => `Ziekenhuis ${pick(places)}`,
        () => `Medisch Centrum ${pick(places)}`,
        () => `Streekziekenhuis ${pick(regions)}`,
        () => `${pick(saints)} Ziekenhuis ${pick(places)}`,
      ])(),
  },
  {
    share: 0.12,
    services: ['48', '51', '53'],
    dvas: [['dva-ggzconnect', 1]],
    name: () =>
      pick([
        () => `GGZ ${pick(regions)}`,
        () => `Psychologenpraktijk ${pick(surnames)}`,
        () => `Centrum voor Psychiatrie ${pick(places)}`,
      ])(),
  },
];

function weighted(pairs) {
  let r = random();
  for (const [value, weight] of pairs) {
    r -= weight;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

/** ZAL name: lower-case letters and digits only (it goes into the OAuth scope). */
function zalName(displayName) {
  return displayName
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
    .replace(/^huisartsenpraktijk/, 'huisarts')
    .replace(/^gezondheidscentrum/, 'gc')
    .replace(/^psychologenpraktijk/, 'psypraktijk')
    .replace(/^centrumvoorpsychiatrie/, 'psychiatrie')
    .slice(0, 60);
}

const zorgaanbieders = [...fixedZorgaanbieders];
const taken = new Set(zorgaanbieders.map((z) => z.naam));
const takenDisplay = new Set(zorgaanbieders.map((z) => z.displayName));
let guard = 0;
while (zorgaanbieders.length < count && guard++ < count * 50) {
  const kind = weighted(kinds.map((k) => [k, k.share]));
  const displayName = kind.name();
  const naam = zalName(displayName);
  if (taken.has(naam) || takenDisplay.has(displayName)) continue;
  taken.add(naam);
  takenDisplay.add(displayName);
  // 48 (Basisgegevens zorg) nearly always, plus zero to two more of the kind's services.
  const extra = kind.services
    .slice(1)
    .filter(() => random() < 0.45)
    .slice(0, 2);
  const gegevensdiensten = random() < 0.95 ? ['48', ...extra] : extra.length > 0 ? extra : ['48'];
  zorgaanbieders.push({ naam, displayName, dvaId: weighted(kind.dvas), gegevensdiensten });
}

const row = (value) =>
  `    ${JSON.stringify(value).replace(/":/g, '": ').replace(/,"/g, ', "').replace(/^\{/, '{ ').replace(/\}$/, ' }')}`;
const text =
  '{\n  "participants": [\n' +
  participants.map(row).join(',\n') +
  '\n  ],\n  "zorgaanbieders": [\n' +
  zorgaanbieders.map(row).join(',\n') +
  '\n  ]\n}\n';

if (checkOnly) {
  const current = readFileSync(out, 'utf8');
  if (current !== text) {
    console.error(`${out} is not what scripts/generate-participants.mjs writes; run it to regenerate`);
    process.exit(1);
  }
  console.log(`${out} is up to date`);
} else {
  writeFileSync(out, text);
  const dvas = participants.filter((p) => p.role === 'DVA').length;
  console.log(
    `wrote ${out}: ${participants.length - dvas} DVPs, ${dvas} DVAs, ${zorgaanbieders.length} zorgaanbieders`,
  );
}
