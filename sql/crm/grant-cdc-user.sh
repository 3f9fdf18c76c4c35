#!/bin/sh
# mysql:8 init script (docker-entrypoint-initdb.d), after create-members.sql: gives the
# MYSQL_USER of the container (the CDC reader, ONEID_CDC_USER) what the binlog reader needs:
# replication to follow the binlog, RELOAD for the brief read lock of the first snapshot.
set -eu
mysql -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '$MYSQL_USER'@'%';
GRANT ALL PRIVILEGES ON \`crm\`.* TO '$MYSQL_USER'@'%';
SQL
