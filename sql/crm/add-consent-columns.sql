-- The consent columns for a members table created before they existed (MariaDB syntax; run
-- by `oneid mariadb start` after create-members.sql at every start, so it is idempotent).
ALTER TABLE `crm`.`members`
  ADD COLUMN IF NOT EXISTS consent_ads   BOOLEAN NULL AFTER total_points,
  ADD COLUMN IF NOT EXISTS consent_email BOOLEAN NULL AFTER consent_ads;
