-- The CRM member table followed by the binlog reader (columns as in seeds/crm_members.csv,
-- with the optional consent columns: NULL is no statement, at the row's updated_at).
-- Used by `oneid mariadb start` (local MariaDB) and as the mysql:8 init script in
-- docker-compose. The binlog must be in ROW format with full row images.
CREATE DATABASE IF NOT EXISTS `crm` CHARACTER SET utf8mb4;
CREATE TABLE IF NOT EXISTS `crm`.`members` (
  member_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
  mobile_hash   VARCHAR(128) NULL,
  email_hash    VARCHAR(128) NULL,
  real_name     VARCHAR(128) NULL,
  gender        VARCHAR(8)   NULL,
  birthday      DATE         NULL,
  register_date DATE         NULL,
  channel       VARCHAR(32)  NULL,
  level         VARCHAR(32)  NULL,
  total_points  INT          NULL,
  consent_ads   BOOLEAN      NULL,
  consent_email BOOLEAN      NULL,
  updated_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
