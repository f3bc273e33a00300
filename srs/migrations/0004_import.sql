-- Cards and reviews from other programs (Store.Import). guid is the GUID
-- of the card's note in Anki when it is not the note's ID here (NULL: it
-- is); anki_mod the modification time (unix seconds) of the note in the
-- package it was last imported from, so that an older package does not
-- undo a newer one (NULL: none known); imported marks a review that the other program's log recorded: its
-- states are that program's, its quality mapped from its answer buttons.
-- Undo never takes an imported review back, and the day's limits do not
-- count it.

ALTER TABLE cards ADD COLUMN guid TEXT;
ALTER TABLE cards ADD COLUMN anki_mod INTEGER;
ALTER TABLE log ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;

PRAGMA user_version = 4;
