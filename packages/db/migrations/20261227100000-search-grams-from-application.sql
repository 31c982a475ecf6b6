-- A table's search bigrams are computed by whoever writes its search text, no longer by the database: the
-- application's writes pass them (searchBigrams, linear, before the transaction) and the bulk paths compute
-- them themselves (the scale generator in TypeScript; SQL loaders with search_bigrams, kept for them and
-- for the public catalogue's triggers). As a generated column they were computed in every save's
-- transaction, which on PGlite holds the server's one session: for a table at the schema's limits filled
-- with varied CJK text, 20,000 bigrams of 20,000 characters took 40-100 ms of its CPU.
--
-- No trigger fills them in: the scale generator copies target_tables with triggers off (a trigger would
-- not fire), and a column that every writer must fill fails loudly (NOT NULL) where a forgotten writer
-- would otherwise leave a table that search cannot find.
--
-- Dropping the expression keeps the stored values, which are the bigrams search_bigrams gave each row's
-- current search text: every existing row is already filled with what the application would compute.
ALTER TABLE target_tables ALTER COLUMN search_grams DROP EXPRESSION;
ALTER TABLE target_tables ALTER COLUMN search_grams SET NOT NULL;
