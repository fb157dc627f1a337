-- Plausible ranges set over the admin API, in the city file's format ({"plausibility": {...},
-- "sensorPlausibility": {...}}). They replace the city file's ranges of those two sections (a
-- river gauge's own rangeCm stays unless a sensor entry replaces it). Every node applies them at
-- its next city reload; the node that took the request, at once.
CREATE TABLE plausibility_override (
  city_id     integer PRIMARY KEY REFERENCES city (id),
  ranges      jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
