// Readiness probe: the database answers and the schema is in place.
// Columns: constraints (number of OneID constraints present)
SHOW CONSTRAINTS YIELD name
WHERE name IN ['identifier_type_value', 'person_one_id', 'person_pid']
RETURN count(*) AS constraints
