import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const t0 = performance.now();
const r = await c.runAndReadAll(`
SELECT count(*) n, max(length(split_part(CAST(Price AS VARCHAR), '.', 2))) maxscale, count(DISTINCT "Customer ID") cust,
 min(InvoiceDate), max(InvoiceDate), sum(CASE WHEN "Customer ID" <> floor("Customer ID") THEN 1 ELSE 0 END) nonint
FROM read_csv('/work/shared/datasets/online-retail-ii/online_retail_II.csv.gz', header=true, all_varchar=false)`);
console.log(r.getRowsJson(), performance.now()-t0);
const d = await c.runAndReadAll(`DESCRIBE SELECT * FROM read_csv('/work/shared/datasets/online-retail-ii/online_retail_II.csv.gz', header=true)`);
console.log(d.getRowsJson());
const s = await c.runAndReadAll(`SELECT max(length(split_part(Price, '.', 2))) FROM read_csv('/work/shared/datasets/online-retail-ii/online_retail_II.csv.gz', header=true, all_varchar=true)`);
console.log(s.getRowsJson());
