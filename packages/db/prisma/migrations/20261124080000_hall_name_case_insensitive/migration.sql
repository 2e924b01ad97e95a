-- Hall names are unique regardless of case ("Grand" and "grand" are one hall), in the
-- database too, so two admins creating them at the same moment cannot both succeed.
CREATE UNIQUE INDEX "Hall_name_lower_key" ON "Hall" (lower("name"));
