// Schema of the identity graph, applied at every start (each statement is IF NOT EXISTS).
// Statements are separated by lines holding only ";".
CREATE CONSTRAINT identifier_type_value IF NOT EXISTS
FOR (i:Identifier) REQUIRE (i.type, i.value) IS UNIQUE
;
CREATE CONSTRAINT identifier_key IF NOT EXISTS
FOR (i:Identifier) REQUIRE i.key IS UNIQUE
;
CREATE CONSTRAINT person_one_id IF NOT EXISTS
FOR (p:Person) REQUIRE p.oneId IS UNIQUE
;
CREATE CONSTRAINT person_pid IF NOT EXISTS
FOR (p:Person) REQUIRE p.pid IS UNIQUE
;
CREATE CONSTRAINT counter_name IF NOT EXISTS
FOR (c:Counter) REQUIRE c.name IS UNIQUE
;
CREATE CONSTRAINT purchase_key IF NOT EXISTS
FOR (p:Purchase) REQUIRE p.key IS UNIQUE
;
CREATE CONSTRAINT event_id IF NOT EXISTS
FOR (e:Event) REQUIRE e.eventId IS UNIQUE
;
CREATE CONSTRAINT load_id IF NOT EXISTS
FOR (l:Load) REQUIRE l.id IS UNIQUE
;
CREATE CONSTRAINT bitmap_tag IF NOT EXISTS
FOR (b:SegmentBitmap) REQUIRE b.tag IS UNIQUE
;
CREATE CONSTRAINT audience_package_id IF NOT EXISTS
FOR (a:AudiencePackage) REQUIRE a.id IS UNIQUE
;
CREATE CONSTRAINT package_version IF NOT EXISTS
FOR (v:PackageVersion) REQUIRE (v.packageId, v.version) IS UNIQUE
;
CREATE INDEX package_version_at IF NOT EXISTS
FOR (v:PackageVersion) ON (v.at)
;
CREATE INDEX person_status IF NOT EXISTS
FOR (p:Person) ON (p.status)
;
CREATE INDEX identifier_quarantined IF NOT EXISTS
FOR (i:Identifier) ON (i.quarantined)
;
CREATE INDEX linked_conflict IF NOT EXISTS
FOR ()-[r:LINKED]-() ON (r.conflict)
;
CREATE INDEX purchase_channel IF NOT EXISTS
FOR (p:Purchase) ON (p.channel)
;
CREATE CONSTRAINT stream_position_id IF NOT EXISTS
FOR (s:StreamPosition) REQUIRE s.id IS UNIQUE
;
CREATE CONSTRAINT change_seq IF NOT EXISTS
FOR (c:Change) REQUIRE c.seq IS UNIQUE
;
CREATE INDEX change_at IF NOT EXISTS
FOR (c:Change) ON (c.at)
;
CREATE CONSTRAINT lease_name IF NOT EXISTS
FOR (l:Lease) REQUIRE l.name IS UNIQUE
;
CREATE CONSTRAINT segment_name IF NOT EXISTS
FOR (s:Segment) REQUIRE s.name IS UNIQUE
