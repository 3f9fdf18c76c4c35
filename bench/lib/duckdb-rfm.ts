import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Totals over every customer with RFM, to compare two computations of the same RFM. */
export interface RfmTotals {
  readonly customers: number;
  readonly monetaryCents: number;
  readonly frequencySum: number;
  readonly recencySum: number;
}

/**
 * RFM per customer of an Online Retail II CSV (.csv or .csv.gz) computed by DuckDB in memory,
 * with the project's rules: `Customer ID` 13085.0 is 13085, lines identical in all eight
 * (trimmed) fields count once, line revenue = round(quantity × price, 2), cancellations
 * (invoice starting with C) count in monetary but are not purchase days, frequency = distinct
 * purchase days, recency = days from the last purchase day to `asOf`; only days up to `asOf`.
 * Builds the whole per-customer table, then returns its totals.
 */
export async function duckdbRfm(path: string, asOf: string): Promise<RfmTotals> {
  return withRfmTable(path, asOf, async (connection) => {
    const reader = await connection.runAndReadAll(
      'SELECT count(*)::BIGINT, CAST(sum(monetary) * 100 AS BIGINT), sum(frequency)::BIGINT, sum(recency)::BIGINT FROM rfm',
    );
    const [row] = reader.getRowsJS();
    const [customers, cents, frequency, recency] = (row ?? []).map((v) => Number(v));
    return {
      customers: customers ?? 0,
      monetaryCents: cents ?? 0,
      frequencySum: frequency ?? 0,
      recencySum: recency ?? 0,
    };
  });
}

/** One customer's RFM as DuckDB computes it (see duckdbRfm). */
export interface CustomerRfm {
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetaryCents: number;
}

/** The same per-customer table as duckdbRfm, by customer id as the graph keeps it ("13085"). */
export async function duckdbRfmByCustomer(
  path: string,
  asOf: string,
): Promise<Map<string, CustomerRfm>> {
  return withRfmTable(path, asOf, async (connection) => {
    const reader = await connection.runAndReadAll(
      'SELECT customer::VARCHAR, recency::BIGINT, frequency::BIGINT, CAST(monetary * 100 AS BIGINT) FROM rfm',
    );
    return new Map(
      reader.getRowsJS().map(([customer, recency, frequency, cents]) => [
        String(customer),
        {
          recencyDays: Number(recency),
          frequency: Number(frequency),
          monetaryCents: Number(cents),
        },
      ]),
    );
  });
}

async function withRfmTable<T>(
  path: string,
  asOf: string,
  read: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const file = path.replace(/'/g, "''");
    await connection.run(`
      CREATE TEMP TABLE rfm AS
      WITH raw AS (
        SELECT * FROM read_csv('${file}', header = true, columns = {
          'Invoice': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'BIGINT',
          'InvoiceDate': 'TIMESTAMP', 'Price': 'DECIMAL(18,3)', 'Customer ID': 'DOUBLE', 'Country': 'VARCHAR'})
      ),
      lines AS (
        SELECT DISTINCT trim(Invoice) AS invoice, trim(coalesce(StockCode, '')) AS stock, trim(coalesce(Description, '')) AS description,
               Quantity AS quantity, InvoiceDate AS ts, Price AS price, CAST("Customer ID" AS BIGINT) AS customer,
               trim(coalesce(Country, '')) AS country
        FROM raw WHERE "Customer ID" IS NOT NULL
      ),
      dated AS (
        SELECT customer, CAST(ts AS DATE) AS day, upper(invoice) LIKE 'C%' AS cancelled, round(quantity * price, 2) AS revenue
        FROM lines WHERE CAST(ts AS DATE) <= DATE '${asOf}'
      )
      SELECT customer,
             date_diff('day', max(day) FILTER (WHERE NOT cancelled), DATE '${asOf}') AS recency,
             count(DISTINCT day) FILTER (WHERE NOT cancelled) AS frequency,
             sum(revenue) AS monetary
      FROM dated
      GROUP BY customer
      HAVING count(*) FILTER (WHERE NOT cancelled) > 0`);
    return await read(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
