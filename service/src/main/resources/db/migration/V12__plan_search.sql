-- GET /api/plans?q= (issue 17): the plan's city (English, Thai), reference and organisation id, normalised in Java
-- (store/SearchText: accents and case folded) wherever a plan row is written (PlanDao), so that both databases
-- compare the same text. Rows written before this column are filled in by V12_1 (Java, for the same normalisation).
ALTER TABLE plans ADD COLUMN search_text TEXT;
