// DuckDB as the reference engine: loads the register tables from CSV files
// (not timed), then runs counts.sql RUNS times and prints the median time.
//   node duckdb_counts.mjs DIR MID FROM TO [RUNS]
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [dir, mid, from, to, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const sql = readFileSync(new URL('./counts.sql', import.meta.url), 'utf8')
  .replaceAll('@MID@', mid).replaceAll('@FROM@', from).replaceAll('@TO@', to);
const queries = sql.replace(/--.*$/gm, '').split(';').map((q) => q.trim()).filter((q) => q.length > 0);

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const db = await instance.connect();
const t0 = performance.now();
await db.run(`CREATE TABLE persons AS SELECT * FROM read_csv('${dir}/persons.csv', header=true, all_varchar=true)`);
await db.run(`CREATE TABLE residence AS SELECT CAST(person_id AS BIGINT) person_id, start, "end", CAST(village_id AS BIGINT) village_id FROM read_csv('${dir}/residence.csv', header=true, all_varchar=true, nullstr='')`);
await db.run(`CREATE TABLE events AS SELECT CAST(id AS BIGINT) id, type, date, CAST(village_id AS BIGINT) village_id, CAST(person_id AS BIGINT) person_id, TRY_CAST(related_id AS BIGINT) related_id, TRY_CAST(birth_order AS INTEGER) birth_order FROM read_csv('${dir}/events_raw.csv', header=true, all_varchar=true)`);
await db.run(`CREATE TABLE p2 AS SELECT CAST(id AS BIGINT) id, sex, birth_date FROM persons`);
await db.run(`DROP TABLE persons`);
await db.run(`ALTER TABLE p2 RENAME TO persons`);
const loadMs = performance.now() - t0;

const times = [];
let rows = 0;
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  rows = 0;
  for (const q of queries) {
    const reader = await db.runAndReadAll(q);
    rows += reader.getRows().length;
  }
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = runs % 2 ? times[(runs - 1) / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
console.log(`duckdb_load_ms ${loadMs.toFixed(1)}`);
console.log(`duckdb_counts_ms_median ${median.toFixed(1)} rows ${rows}`);
