-- Tags on indicators as SOAR has them (issue 11): the community custom functions indicator_tag,
-- indicator_remove_tag and indicator_get_by_tag read and write them through /rest/indicator
-- (`_filter_tags__contains`, POST /rest/indicator/<id> {"tags": [...]}). A GIN index serves the
-- contains filter.
ALTER TABLE "indicators" ADD COLUMN "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
CREATE INDEX "indicators_tags_idx" ON "indicators" USING GIN ("tags");
