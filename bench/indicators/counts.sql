-- The reference counts, in SQL that SQLite and DuckDB both run unchanged
-- (dates are ISO text): population by village, sex and 5-year age group on
-- the middle day @MID@, and births from @FROM@ to @TO@ by village, sex, birth
-- order and mother's 5-year age group. Ages are completed years, groups
-- 0-4 ... 95-99 and 100+ (group 20): age_group = (age - age % 5) / 5.
SELECT village_id, sex, CASE WHEN age >= 100 THEN 20 ELSE (age - age % 5) / 5 END AS age_group, count(*) AS persons
FROM (SELECT r.village_id AS village_id, p.sex AS sex,
             (CAST(substr('@MID@', 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER))
             - (CASE WHEN substr(p.birth_date, 6, 5) > substr('@MID@', 6, 5) THEN 1 ELSE 0 END) AS age
      FROM residence r JOIN persons p ON p.id = r.person_id
      WHERE r.start <= '@MID@' AND (r."end" IS NULL OR r."end" > '@MID@')) AS x
GROUP BY 1, 2, 3;
SELECT village_id, sex, birth_order, CASE WHEN age >= 100 THEN 20 ELSE (age - age % 5) / 5 END AS mother_age_group,
       count(*) AS births
FROM (SELECT e.village_id AS village_id, c.sex AS sex, e.birth_order AS birth_order,
             (CAST(substr(e.date, 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4) AS INTEGER))
             - (CASE WHEN substr(m.birth_date, 6, 5) > substr(e.date, 6, 5) THEN 1 ELSE 0 END) AS age
      FROM events e JOIN persons c ON c.id = e.person_id JOIN persons m ON m.id = e.related_id
      WHERE e.type = 'birth' AND e.date BETWEEN '@FROM@' AND '@TO@') AS x
GROUP BY 1, 2, 3, 4;
