-- A year's holidays set over the admin API: the whole list of that year, in the city file's
-- format ([{"date", "kind", "name", "source"}]). It replaces the city file's days of that year
-- (an empty list too: the administrator says the year has none); other years stay the file's.
-- Every node applies them at its next city reload; the node that took the request, at once.
CREATE TABLE holiday_override (
  city_id     integer NOT NULL REFERENCES city (id),
  year        integer NOT NULL,
  days        jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_id, year)
);
