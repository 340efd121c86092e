-- The reference counts, in SQL that SQLite and DuckDB both run unchanged
-- (dates are ISO text): population by village, sex and 5-year age group on
-- the middle day @MID@, and births from @FROM@ to @TO@ by village, sex, birth
-- order and mother's 5-year age group. Ages are completed years; groups
-- 0-4 ... 95-99 and 100+ (group 20).
SELECT r.village_id, p.sex,
       min(((CAST(substr('@MID@', 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER))
            - (CASE WHEN substr(p.birth_date, 6, 5) > substr('@MID@', 6, 5) THEN 1 ELSE 0 END)) / 5, 20) AS age_group,
       count(*) AS persons
FROM residence r JOIN persons p ON p.id = r.person_id
WHERE r.start <= '@MID@' AND (r."end" IS NULL OR r."end" > '@MID@')
GROUP BY 1, 2, 3;
SELECT e.village_id, c.sex, e.birth_order,
       min(((CAST(substr(e.date, 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4) AS INTEGER))
            - (CASE WHEN substr(m.birth_date, 6, 5) > substr(e.date, 6, 5) THEN 1 ELSE 0 END)) / 5, 20) AS mother_age_group,
       count(*) AS births
FROM events e JOIN persons c ON c.id = e.person_id JOIN persons m ON m.id = e.related_id
WHERE e.type = 'birth' AND e.date BETWEEN '@FROM@' AND '@TO@'
GROUP BY 1, 2, 3, 4;
